"""The shipped desktop entry, icons and AppStream metadata are complete and valid."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from deskbreath import APP_ID, __version__
from deskbreath.desktop.desktop_entry import read_group, split_exec
from deskbreath.desktop.integration.files import (
    DESKTOP_FILE,
    METAINFO_FILE,
    PNG_SIZES,
    app_icon_svg,
    shipped_files,
)
from deskbreath.qt.tray.icons import render_svg
from tests.desktop.validators import appstream_problems, desktop_file_problems

REPO = Path(__file__).resolve().parents[3]
RESOURCES = REPO / "resources"
ENTRY = RESOURCES / "desktop" / DESKTOP_FILE
METAINFO = RESOURCES / "desktop" / METAINFO_FILE
HICOLOR = RESOURCES / "icons" / "hicolor"


def test_desktop_entry_passes_desktop_file_validate() -> None:
    """desktop-file-validate reports no error, warning or hint for the shipped entry."""
    assert desktop_file_problems(ENTRY) == []


def test_metainfo_passes_appstreamcli_validate() -> None:
    """Appstreamcli validate --no-net --pedantic reports no issue at all."""
    assert appstream_problems("validate", METAINFO) == []


def test_desktop_entry_says_what_menus_and_launchers_need() -> None:
    """Id-named icon, categories, keywords, no launch feedback, notifications, actions."""
    keys = read_group(ENTRY.read_text(encoding="utf-8"))

    assert keys["Icon"] == APP_ID
    assert "Utility" in keys["Categories"].split(";")
    assert {"break", "breathing", "posture"} <= set(keys["Keywords"].split(";"))
    assert keys["StartupNotify"] == "false"
    assert keys["X-GNOME-UsesNotifications"] == "true"
    assert split_exec(keys["Exec"]) == ["deskbreath"]
    assert keys["TryExec"] == "deskbreath"
    breathe = read_group(ENTRY.read_text(encoding="utf-8"), "Desktop Action breathe")
    assert split_exec(breathe["Exec"]) == ["deskbreath", "now", "breathing"]


def _metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()  # noqa: S314 - our own shipped file, not untrusted


def test_metainfo_matches_the_package() -> None:
    """The component id, launchable, binary, licence and newest release match the project."""
    root = _metainfo()
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE
    assert root.findtext("provides/binary") in project["scripts"]
    assert root.findtext("project_license") == project["license"]
    assert root.find("releases/release").get("version") == __version__  # type: ignore[union-attr]
    assert root.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]


def test_metainfo_screenshots_are_shipped_files_with_captions() -> None:
    """Each screenshot has a caption and its URL ends in a file under resources/screenshots."""
    root = _metainfo()
    screenshots = root.findall("screenshots/screenshot")

    assert len(screenshots) >= 2
    for screenshot in screenshots:
        url = screenshot.findtext("image") or ""
        assert (screenshot.findtext("caption") or "").strip(), url
        match = re.search(r"/main/(resources/screenshots/[\w.-]+\.png)$", url)
        assert match, f"{url} is not a screenshot URL of this repository"
        assert (REPO / match.group(1)).is_file(), f"{match.group(1)} is not in the repository"


def test_app_icon_comes_in_every_hicolor_size() -> None:
    """A scalable SVG, a symbolic SVG, and a PNG of each size with exactly that size."""
    assert app_icon_svg(RESOURCES).is_file()
    assert (HICOLOR / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg").is_file()
    for size in PNG_SIZES:
        png = QImage(str(HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (png.width(), png.height()) == (size, size), f"{size} px PNG"


def test_pngs_are_fresh_qt_renderings_of_the_svg(qapp: QApplication) -> None:
    """Every PNG matches Qt's rendering of the SVG (run .ci/render_icons.py after editing it)."""
    for size in PNG_SIZES:
        shipped = QImage(str(HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        fresh = render_svg(app_icon_svg(RESOURCES), size)
        shipped = shipped.convertToFormat(fresh.format())
        differing = sum(
            1 for y in range(size) for x in range(size)
            if _distance(shipped.pixel(x, y), fresh.pixel(x, y)) > 8)

        assert differing <= size * size // 100, f"{size} px PNG is stale: re-render it"


def test_install_list_covers_every_shipped_desktop_file() -> None:
    """Desktop install writes the entry, the metainfo and every hicolor icon."""
    targets = {str(file.target) for file in shipped_files(RESOURCES)}

    assert f"applications/{DESKTOP_FILE}" in targets
    assert f"metainfo/{METAINFO_FILE}" in targets
    assert f"icons/hicolor/scalable/apps/{APP_ID}.svg" in targets
    assert {f"icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in PNG_SIZES} <= targets


@pytest.mark.parametrize("path", sorted((RESOURCES / "icons").rglob("*.svg")),
                         ids=lambda p: p.name)
def test_every_icon_is_an_svg_qt_can_draw(qapp: QApplication, path: Path) -> None:
    """Qt's SVG renderer accepts every shipped icon and draws something."""
    image = render_svg(path, 32)

    assert any(image.pixelColor(x, y).alpha() for y in range(32) for x in range(32))


def _distance(first: int, second: int) -> int:
    return max(abs(((first >> shift) & 0xFF) - ((second >> shift) & 0xFF))
               for shift in (0, 8, 16, 24))
