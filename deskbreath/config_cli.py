"""PLACEHOLDER for ``deskbreath config``; the real module comes from the settings branch."""

from __future__ import annotations

from deskbreath.paths import Paths


def config_path(paths: Paths) -> int:
    del paths
    print("not implemented")
    return 1


def config_check(paths: Paths) -> int:
    del paths
    print("not implemented")
    return 1


def config_defaults() -> int:
    print("not implemented")
    return 1
