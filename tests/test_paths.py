"""Where deskbreath's files go, what it says when XDG_RUNTIME_DIR cannot be used, and where
the administrator's settings files are looked for.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from deskbreath.cli import runtime_fallback_note
from deskbreath.paths import Paths, RuntimeFallback, site_config_dirs


def test_an_unset_xdg_runtime_dir_is_noted_without_a_python_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without XDG_RUNTIME_DIR the paths carry the reason (warnings are errors here, so
    platformdirs' RuntimeDirWarning would fail this test) and one sentence names the folder
    used instead.
    """
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)

    paths = Paths.for_user(platform="linux")
    note = runtime_fallback_note(paths, {})

    assert paths.runtime_fallback is RuntimeFallback.UNSET
    assert note is not None
    assert note.startswith("XDG_RUNTIME_DIR is not set; ")
    assert str(paths.runtime_dir) in note
    assert "\n" not in note


def test_a_runtime_dir_others_can_enter_is_noted_as_unusable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """An XDG_RUNTIME_DIR that is not private (mode 0755) is not used, and the note says so,
    naming it.
    """
    shared = tmp_path / "shared-run"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))

    paths = Paths.for_user(platform="linux")
    note = runtime_fallback_note(paths, {"XDG_RUNTIME_DIR": str(shared)})

    assert paths.runtime_fallback is RuntimeFallback.UNUSABLE
    assert not paths.runtime_dir.is_relative_to(shared)
    assert note is not None
    assert f"XDG_RUNTIME_DIR ({shared}) is not a private folder of yours" in note


def test_a_private_runtime_dir_needs_no_note(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """A private XDG_RUNTIME_DIR holds the runtime files, and nothing is said."""
    private = tmp_path / "run"
    private.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(private))

    paths = Paths.for_user(platform="linux")

    assert paths.runtime_fallback is None
    assert paths.runtime_dir == private / "deskbreath"
    assert runtime_fallback_note(paths, {"XDG_RUNTIME_DIR": str(private)}) is None


LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"),
                           reason="the XDG folders are the Linux and BSD locations")


@LINUX
def test_xdg_config_dirs_are_used_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each folder in $XDG_CONFIG_DIRS, the most important first, with deskbreath appended."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{tmp_path}/a:{tmp_path}/b")

    assert site_config_dirs() == (tmp_path / "a" / "deskbreath", tmp_path / "b" / "deskbreath")


@LINUX
def test_etc_xdg_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset or empty, $XDG_CONFIG_DIRS means /etc/xdg (XDG Base Directory Specification)."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", "")

    assert site_config_dirs() == (Path("/etc/xdg/deskbreath"),)


@LINUX
def test_relative_entries_are_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A relative folder in $XDG_CONFIG_DIRS is invalid and skipped, as the spec asks."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"etc/xdg:{tmp_path}")

    assert site_config_dirs() == (tmp_path / "deskbreath",)


def test_the_files_are_settings_toml_in_each_folder(tmp_path: Path) -> None:
    """The administrator's files are settings.toml in each folder; tests get one private
    folder, so the machine's /etc/xdg never leaks into them.
    """
    paths = Paths.under(tmp_path)

    assert paths.site_settings_files == (tmp_path / "site" / "settings.toml",)
