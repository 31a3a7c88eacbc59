"""Entries whose program is gone are reported, and the app renews them when it starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskbreath.desktop.autostart.xdg import XdgAutostart
from deskbreath.desktop.integration.files import shipped_files
from deskbreath.desktop.integration.health import check, mend
from deskbreath.desktop.integration.install import DesktopFiles
from deskbreath.paths import XdgDirs


@pytest.fixture
def xdg(tmp_path: Path) -> XdgDirs:
    """XDG dirs below a temporary directory."""
    return XdgDirs.under(tmp_path / "xdg")


@pytest.fixture
def files(xdg: XdgDirs, tmp_path: Path) -> DesktopFiles:
    """The shipped desktop files, not installed yet."""
    return DesktopFiles(xdg, tmp_path / "manifest.txt", shipped_files())


@pytest.fixture
def autostart(xdg: XdgDirs) -> XdgAutostart:
    """The XDG autostart entry, not enabled yet."""
    return XdgAutostart(xdg.autostart_dir)


def _program(folder: Path) -> list[str]:
    """A program that exists."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "deskbreath"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    return [str(program)]


def test_nothing_installed_is_said_and_needs_nothing(
        files: DesktopFiles, autostart: XdgAutostart) -> None:
    """Without entries both are reported as not installed, and nothing is written."""
    states = check(autostart, files)

    assert [s.describe() for s in states] == ["menu entry: not installed",
                                             "start at login: not installed"]
    assert mend(autostart, files, ["/bin/sh"]) == []
    assert not files.is_installed()
    assert not autostart.is_enabled()


def test_entries_whose_program_is_gone_are_reported(
        files: DesktopFiles, autostart: XdgAutostart, tmp_path: Path) -> None:
    """After the venv moved, both entries say they start a program that no longer exists."""
    old = _program(tmp_path / "old-venv" / "bin")
    files.install(old)
    autostart.enable(old)
    Path(old[0]).unlink()

    states = check(autostart, files)

    assert [s.works for s in states] == [False, False]
    assert all("which no longer exists" in s.describe() for s in states)


def test_mend_points_broken_entries_at_this_installation(
        files: DesktopFiles, autostart: XdgAutostart, tmp_path: Path) -> None:
    """Started from its new place, the app rewrites both entries to launch itself."""
    old = _program(tmp_path / "old-venv" / "bin")
    new = _program(tmp_path / "new-venv" / "bin")
    files.install(old)
    autostart.enable(old)
    Path(old[0]).unlink()

    lines = mend(autostart, files, new)

    assert files.entry_command() == new
    assert autostart.installed_command() == new
    assert lines == [f"renewed the menu entry: it started {old[0]}, now {new[0]}",
                     f"renewed the autostart entry: it started {old[0]}, now {new[0]}"]


def test_working_entries_are_left_alone(
        files: DesktopFiles, autostart: XdgAutostart, tmp_path: Path) -> None:
    """An entry that starts another deskbreath that still exists is not taken over."""
    other = _program(tmp_path / "other" / "bin")
    files.install(other)
    autostart.enable(other)

    lines = mend(autostart, files, _program(tmp_path / "here" / "bin"))

    assert lines == []
    assert files.entry_command() == other
    assert autostart.installed_command() == other


def test_old_autostart_entry_is_renewed(autostart: XdgAutostart, files: DesktopFiles,
                                        tmp_path: Path) -> None:
    """Version 0.1's deskbreath.desktop (Icon=deskbreath) is replaced by the id-named entry."""
    legacy = autostart.legacy_path
    legacy.parent.mkdir(parents=True)
    program = _program(tmp_path / "bin")
    legacy.write_text(f"[Desktop Entry]\nType=Application\nExec={program[0]}\nIcon=deskbreath\n"
                      "X-Deskbreath-Managed=true\n", encoding="utf-8")

    lines = mend(autostart, files, program)

    assert not legacy.exists()
    assert autostart.path.is_file()
    assert len(lines) == 1


def test_nothing_is_mended_towards_a_program_that_is_gone(
        files: DesktopFiles, autostart: XdgAutostart, tmp_path: Path) -> None:
    """If this installation's own command does not exist either, nothing is rewritten."""
    old = _program(tmp_path / "old" / "bin")
    autostart.enable(old)
    Path(old[0]).unlink()

    assert mend(autostart, files, [str(tmp_path / "nowhere" / "deskbreath")]) == []
    assert autostart.installed_command() == old
