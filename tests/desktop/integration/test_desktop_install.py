"""``desktop install`` writes the entry, icons and metainfo; ``remove`` takes exactly those."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from deskbreath import APP_ID
from deskbreath.desktop.desktop_entry import read_group, split_exec
from deskbreath.desktop.integration.files import (
    DESKTOP_FILE,
    PNG_SIZES,
    ShippedFile,
    shipped_files,
)
from deskbreath.desktop.integration.install import DesktopFiles, DesktopFilesError
from deskbreath.paths import XdgDirs
from tests.desktop.validators import appstream_problems, desktop_file_problems

COMMAND = ["/home/ana/.local/bin/deskbreath"]
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def xdg(tmp_path: Path) -> XdgDirs:
    """XDG dirs below a temporary directory, laid out as a system prefix (``usr/share``)
    so that appstreamcli validate-tree can read the result.
    """
    return XdgDirs(tmp_path / "config", tmp_path / "root" / "usr" / "share")


@pytest.fixture
def files(xdg: XdgDirs, tmp_path: Path) -> DesktopFiles:
    """The desktop files of the shipped resources, with the manifest in a temp folder."""
    return DesktopFiles(xdg, tmp_path / "state" / "desktop-files.txt", shipped_files())


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_install_writes_every_file_with_the_entry_pointing_here(
        files: DesktopFiles, xdg: XdgDirs) -> None:
    """Every shipped file lands in the data dir; the entry's Exec lines start ``COMMAND``."""
    outcome = files.install(COMMAND)

    keys = read_group(files.entry_path.read_text(encoding="utf-8"))
    action = read_group(files.entry_path.read_text(encoding="utf-8"), "Desktop Action breathe")
    assert len(outcome.changed) == len(shipped_files())
    assert outcome.kept == []
    assert split_exec(keys["Exec"]) == COMMAND
    assert keys["TryExec"] == COMMAND[0]
    assert split_exec(action["Exec"]) == [*COMMAND, "now", "breathing"]
    assert (xdg.metainfo_dir / f"{APP_ID}.metainfo.xml").is_file()
    assert files.is_installed()
    assert files.entry_command() == COMMAND


def test_installed_tree_passes_the_validators(files: DesktopFiles, xdg: XdgDirs) -> None:
    """The written entry passes desktop-file-validate, and appstreamcli validate-tree finds
    the metainfo and its desktop entry together.
    """
    files.install(["/opt/My Apps/bin/deskbreath"])

    assert desktop_file_problems(files.entry_path) == []
    assert appstream_problems("validate-tree", xdg.data_home.parent.parent) == []


def _hicolor_index(base: Path) -> Path:
    """A hicolor index.theme as the distribution's hicolor-icon-theme ships it (the user's
    own hicolor folder has none: lookups merge it with the system's).
    """
    folders = [f"{s}x{s}/apps" for s in PNG_SIZES] + ["scalable/apps", "symbolic/apps"]
    groups = [f"[{f}]\nSize={f.split('x')[0]}\nContext=Applications\nType=Threshold\n"
              for f in folders[:-2]]
    groups += [f"[{f}]\nSize=128\nMinSize=8\nMaxSize=512\nContext=Applications\n"
               "Type=Scalable\n" for f in folders[-2:]]
    index = base / "hicolor" / "index.theme"
    index.parent.mkdir(parents=True)
    index.write_text("[Icon Theme]\nName=Hicolor\nDirectories=" + ",".join(folders) +
                     "\n\n" + "\n".join(groups), encoding="utf-8")
    return index


def test_icon_theme_lookup_finds_the_installed_icon(
        qapp: QApplication, files: DesktopFiles, xdg: XdgDirs, tmp_path: Path) -> None:
    """An icon-theme lookup of the id in the installed hicolor tree finds the icon (what a
    menu does with ``Icon=`` of the entry).
    """
    paths, theme = QIcon.themeSearchPaths(), QIcon.themeName()
    system = _hicolor_index(tmp_path / "system" / "icons").parent.parent
    files.install(COMMAND)
    try:
        QIcon.setThemeSearchPaths([str(xdg.data_home / "icons"), str(system)])
        QIcon.setThemeName("hicolor")
        icon = QIcon.fromTheme(APP_ID)
        found = not icon.isNull() and bool(icon.availableSizes() or icon.pixmap(48).width())
    finally:
        QIcon.setThemeSearchPaths(paths)
        QIcon.setThemeName(theme)

    assert found
    assert xdg.app_icon_installed()


def test_remove_takes_exactly_what_install_wrote(files: DesktopFiles, xdg: XdgDirs) -> None:
    """Remove deletes our files and the folders install made, and nothing else."""
    neighbour = xdg.applications_dir / "other.desktop"
    neighbour.parent.mkdir(parents=True)
    neighbour.write_text("[Desktop Entry]\n", encoding="utf-8")
    before = _tree(xdg.data_home)

    files.install(COMMAND)
    outcome = files.remove()

    assert _tree(xdg.data_home) == before
    assert len(outcome.changed) == len(shipped_files())
    assert not files.is_installed()
    assert files.remove().changed == []


def test_a_hand_made_file_in_the_way_is_kept(files: DesktopFiles) -> None:
    """An entry at our path that deskbreath did not write is left alone, and reported."""
    files.entry_path.parent.mkdir(parents=True)
    files.entry_path.write_text("[Desktop Entry]\nName=mine\n", encoding="utf-8")

    outcome = files.install(COMMAND)
    files.remove()

    assert outcome.kept == [files.entry_path]
    assert files.entry_path.read_text(encoding="utf-8") == "[Desktop Entry]\nName=mine\n"


def test_reinstall_points_the_entry_at_the_new_place(files: DesktopFiles) -> None:
    """Installing again (from another venv) rewrites our own entry."""
    files.install(COMMAND)

    outcome = files.install(["/srv/venv/bin/deskbreath"])

    assert outcome.kept == []
    assert files.entry_command() == ["/srv/venv/bin/deskbreath"]


def test_files_an_older_version_installed_are_removed(
        xdg: XdgDirs, tmp_path: Path) -> None:
    """A file the previous install wrote that is no longer shipped goes on reinstall."""
    manifest = tmp_path / "manifest.txt"
    old_source = tmp_path / "old.png"
    old_source.write_bytes(b"png")
    old = ShippedFile(old_source, Path("icons/hicolor/20x20/apps/old.png"))
    DesktopFiles(xdg, manifest, [*shipped_files(), old]).install(COMMAND)

    DesktopFiles(xdg, manifest, shipped_files()).install(COMMAND)

    assert not (xdg.data_home / old.target).exists()
    assert str(xdg.data_home / old.target) not in manifest.read_text(encoding="utf-8")


def test_write_failure_is_explained_and_recorded(files: DesktopFiles, xdg: XdgDirs) -> None:
    """A file where a folder should be stops the install with a message; what was written
    is recorded, so remove still finds it.
    """
    xdg.data_home.mkdir(parents=True)
    (xdg.data_home / "icons").write_text("not a folder", encoding="utf-8")

    with pytest.raises(DesktopFilesError, match="desktop remove"):
        files.install(COMMAND)
    removed = files.remove().changed

    assert files.entry_path in removed
    assert not files.entry_path.exists()


def test_entry_path_is_the_applications_folder(files: DesktopFiles, xdg: XdgDirs) -> None:
    """The menu entry goes to $XDG_DATA_HOME/applications under the app id."""
    assert files.entry_path == xdg.data_home / "applications" / DESKTOP_FILE


def test_xdg_dirs_follow_the_base_directory_spec(tmp_path: Path) -> None:
    """Absolute XDG variables are used; relative or empty ones fall back to the defaults."""
    home = str(tmp_path)
    chosen = XdgDirs.from_env({"HOME": home, "XDG_DATA_HOME": "/data",
                               "XDG_CONFIG_HOME": "/cfg", "XDG_DATA_DIRS": "/a:rel:/b"})
    fallback = XdgDirs.from_env({"HOME": home, "XDG_DATA_HOME": "rel", "XDG_CONFIG_HOME": ""})

    assert (chosen.data_home, chosen.config_home) == (Path("/data"), Path("/cfg"))
    assert chosen.data_dirs == (Path("/a"), Path("/b"))
    assert fallback.data_home == tmp_path / ".local" / "share"
    assert fallback.config_home == tmp_path / ".config"
    assert fallback.data_dirs == (Path("/usr/local/share"), Path("/usr/share"))
