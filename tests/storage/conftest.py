"""Fixtures for the storage tests: a settings file path below a temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskbreath.paths import Paths
from deskbreath.storage.settings_file import SettingsFile


@pytest.fixture
def settings_path(paths: Paths) -> Path:
    """Where settings.toml lives for this test; its folder does not exist yet."""
    return paths.settings_file


@pytest.fixture
def settings_file(settings_path: Path) -> SettingsFile:
    """A SettingsFile over ``settings_path``."""
    return SettingsFile(settings_path)
