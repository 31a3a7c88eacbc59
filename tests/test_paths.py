"""Where the administrator's settings files are looked for."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from deskbreath.paths import Paths, site_config_dirs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the XDG folders are the Linux and BSD locations")


def test_xdg_config_dirs_are_used_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each folder in $XDG_CONFIG_DIRS, the most important first, with deskbreath appended."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{tmp_path}/a:{tmp_path}/b")

    assert site_config_dirs() == (tmp_path / "a" / "deskbreath", tmp_path / "b" / "deskbreath")


def test_etc_xdg_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset or empty, $XDG_CONFIG_DIRS means /etc/xdg (XDG Base Directory Specification)."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", "")

    assert site_config_dirs() == (Path("/etc/xdg/deskbreath"),)


def test_relative_entries_are_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A relative folder in $XDG_CONFIG_DIRS is invalid and skipped, as the spec asks."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"etc/xdg:{tmp_path}")

    assert site_config_dirs() == (tmp_path / "deskbreath",)


def test_the_files_are_settings_toml_in_each_folder(tmp_path: Path) -> None:
    """The administrator's files are settings.toml in each folder; tests get one private
    folder, so the machine's /etc/xdg never leaks into them."""
    paths = Paths.under(tmp_path)

    assert paths.site_settings_files == (tmp_path / "site" / "settings.toml",)
