"""The tray icons stay legible on light and dark panels, measured as WCAG contrast.

A panel's colour is not something an app can read, so every icon is drawn onto typical
panel colours: GNOME's top bar (black), Adwaita light and dark, Breeze light and dark. The
measure is the icon's outline: the opaque pixels that border transparency, where the icon
meets the panel. WCAG 2.2 (1.4.11, non-text contrast) asks 3:1 of graphics that carry
meaning; here most of the outline must reach it at the sizes trays use.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from deskbreath.core.policy import Mode
from deskbreath.paths import resources_dir
from deskbreath.qt.tray.icons import (
    DARK_MARKS,
    LIGHT_MARKS,
    StateIcons,
    TrayIconStyle,
    render_svg,
    style_for_desktop,
)
from tests.qt.contrast import contrast_ratio

LIGHT_PANELS = ("#ffffff", "#f6f5f4", "#eff0f1")  # plain, Adwaita, Breeze
DARK_PANELS = ("#000000", "#202326", "#303030", "#31363b")  # GNOME bar, Breeze 6, Adwaita, Breeze
STATES = ("running", "snoozed", "paused", "off", "held", "waiting")
#: Share of outline pixels that must reach 3:1, by icon size in pixels.
REQUIRED = {22: 0.85, 16: 0.7}


def outline_share(icon: QImage, panel: QColor) -> float:
    """The share of ``icon``'s outline pixels with at least 3:1 contrast to ``panel``."""
    image = icon.convertToFormat(QImage.Format.Format_ARGB32)
    size = image.width()

    def alpha(x: int, y: int) -> float:
        inside = 0 <= x < size and 0 <= y < size
        return image.pixelColor(x, y).alphaF() if inside else 0.0

    outline = good = 0
    for y in range(size):
        for x in range(size):
            if alpha(x, y) < 0.9:
                continue
            if min(alpha(x + 1, y), alpha(x - 1, y), alpha(x, y + 1), alpha(x, y - 1)) >= 0.9:
                continue
            outline += 1
            good += contrast_ratio(image.pixelColor(x, y), panel) >= 3
    assert outline, "the icon has no opaque outline at all"
    return good / outline


@pytest.mark.parametrize("panel", LIGHT_PANELS + DARK_PANELS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("size", sorted(REQUIRED))
def test_colour_icons_work_on_light_and_dark_panels(qapp: QApplication, state: str,
                                                    panel: str, size: int) -> None:
    """Each colour icon's outline reaches 3:1 on every typical panel, light or dark."""
    icon = render_svg(resources_dir() / "icons" / f"deskbreath-{state}.svg", size)

    assert outline_share(icon, QColor(panel)) >= REQUIRED[size]


@pytest.mark.parametrize("state", STATES)
def test_white_marks_stand_out_on_the_disc(qapp: QApplication, state: str) -> None:
    """The white centre mark has at least 3:1 contrast with the state's disc colour."""
    icon = render_svg(resources_dir() / "icons" / f"deskbreath-{state}.svg", 64)

    assert contrast_ratio(icon.pixelColor(32, 32), icon.pixelColor(32, 58)) >= 3


@pytest.mark.parametrize(("style", "panels"), [(TrayIconStyle.LIGHT, DARK_PANELS),
                                               (TrayIconStyle.DARK, LIGHT_PANELS)])
@pytest.mark.parametrize("state", STATES)
def test_monochrome_icons_suit_their_panels(qapp: QApplication, state: str,
                                            style: TrayIconStyle, panels: tuple[str, ...]
                                            ) -> None:
    """Light monochrome icons on dark panels (and dark on light) are fully legible."""
    marks = LIGHT_MARKS if style is TrayIconStyle.LIGHT else DARK_MARKS
    icon = render_svg(resources_dir() / "icons" / f"deskbreath-{state}-symbolic.svg", 22,
                      marks)

    for panel in panels:
        assert outline_share(icon, QColor(panel)) >= 0.95, panel


def test_gnome_gets_light_monochrome_icons() -> None:
    """On GNOME (its top bar is dark in both modes) the light monochrome set is used."""
    assert style_for_desktop({"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}) is TrayIconStyle.LIGHT
    assert style_for_desktop({"XDG_CURRENT_DESKTOP": "KDE"}) is TrayIconStyle.COLOUR
    assert style_for_desktop({}) is TrayIconStyle.COLOUR


def test_monochrome_state_icons_have_every_tray_size(qapp: QApplication) -> None:
    """The monochrome set offers pixmaps from 16 to 64 px for each state."""
    icons = StateIcons(TrayIconStyle.LIGHT)

    for mode in Mode:
        sizes = {size.width() for size in icons.for_mode(mode).availableSizes()}
        assert {16, 22, 24, 32, 48, 64} <= sizes, mode
