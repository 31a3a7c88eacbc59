"""The tray icon for each reminder state, from the SVGs in resources/icons.

Two sets: colour icons (a disc in the state's colour with white marks) designed to keep at
least 3:1 contrast (WCAG 2.2, 1.4.11 non-text contrast) on light and on dark panels alike,
and monochrome ``-symbolic`` icons for panels whose own icons are monochrome (GNOME's top
bar), drawn in one colour chosen for the panel. ``tests/qt/tray/test_icon_contrast.py``
measures both against typical panel colours.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPen, QPixmap

from deskbreath.core.policy import Mode, Status
from deskbreath.desktop.integration.files import app_icon_svg
from deskbreath.paths import resources_dir

_NAMES = {
    Mode.RUNNING: "deskbreath-running",
    Mode.SNOOZED: "deskbreath-snoozed",
    Mode.PAUSED: "deskbreath-paused",
    Mode.OFF_HOURS: "deskbreath-off",
}
#: A prompt held back while the user is busy.
HELD = "held"
#: A prompt waits for the user: ignored past the tray step, or held past ``max_hold``.
WAITING = "waiting"
_STATE_NAMES = {HELD: "deskbreath-held", WAITING: "deskbreath-waiting"}
#: Pixel sizes the monochrome icons are drawn at (trays ask for 16–24, SNI hosts up to 64).
SYMBOLIC_SIZES = (16, 22, 24, 32, 48, 64)
#: The monochrome icons' colours: GNOME's symbolic foregrounds (Adwaita's light text on dark
#: panels, its dark text on light ones).
LIGHT_MARKS = QColor("#f6f5f4")
DARK_MARKS = QColor("#2e3436")


class TrayIconStyle(Enum):
    """Which set of tray icons to show."""

    COLOUR = "colour"
    LIGHT = "light"  # monochrome, light marks: for dark panels
    DARK = "dark"  # monochrome, dark marks: for light panels


def style_for_desktop(env: Mapping[str, str] = os.environ) -> TrayIconStyle:
    """Light symbolic icons on GNOME, colour icons elsewhere.

    GNOME's top bar is dark in light and dark mode alike, and its icons are monochrome: light
    symbolic icons there. Other panels follow their own theme, which deskbreath cannot read,
    so they get the colour icons that work on both.
    """
    desktops = env.get("XDG_CURRENT_DESKTOP", "").upper().split(":")
    return TrayIconStyle.LIGHT if "GNOME" in desktops else TrayIconStyle.COLOUR


def render_svg(path: Path, size: int, colour: QColor | None = None) -> QImage:
    """``path`` drawn by Qt's SVG renderer into a transparent ``size`` × ``size`` image.

    With ``colour``, every mark is drawn in that one colour (its alpha kept).

    Raises:
        ValueError: the file is not an SVG that Qt can draw.
    """
    from PySide6.QtSvg import QSvgRenderer  # noqa: PLC0415 - only for monochrome icons

    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        raise ValueError(f"{path} is not an SVG image Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    if colour is not None:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), colour)
    painter.end()
    return image


def icon_state(status: Status) -> Mode | str:
    """Which icon a status shows: a waiting prompt, then a held-back one, then the mode."""
    if status.waiting:
        return WAITING
    if status.held_back is not None and status.mode is Mode.RUNNING:
        return HELD
    return status.mode


class StateIcons:
    """Loads each state's icon once, in one :class:`TrayIconStyle`."""

    def __init__(self, style: TrayIconStyle = TrayIconStyle.COLOUR,
                 folder: Path | None = None) -> None:
        self.style = style
        self._folder = folder or resources_dir() / "icons"
        self._icons: dict[Mode | str, QIcon] = {
            state: self._load(name)
            for state, name in (*_NAMES.items(), *_STATE_NAMES.items())}
        self._waiting: dict[Mode, QIcon] = {}
        self.app_icon = QIcon(str(app_icon_svg()))

    def for_mode(self, mode: Mode) -> QIcon:
        """The icon of ``mode``."""
        return self._icons[mode]

    def for_state(self, state: Mode | str) -> QIcon:
        """The icon of :func:`icon_state`'s answer."""
        return self._icons[state]

    def waiting(self, mode: Mode) -> QIcon:
        """The state's icon with a dot in its lower right corner: an offer is waiting.

        Drawn on first use, then kept.
        """
        icon = self._waiting.get(mode)
        if icon is None:
            icon = self._waiting[mode] = _with_dot(self._icons[mode])
        return icon

    def _load(self, name: str) -> QIcon:
        if self.style is TrayIconStyle.COLOUR:
            return QIcon(str(self._folder / f"{name}.svg"))
        colour = LIGHT_MARKS if self.style is TrayIconStyle.LIGHT else DARK_MARKS
        icon = QIcon()
        for size in SYMBOLIC_SIZES:
            image = render_svg(self._folder / f"{name}-symbolic.svg", size, colour)
            icon.addPixmap(QPixmap.fromImage(image))
        return icon


#: The waiting dot: a warm orange that stands apart from every state colour of the icons.
WAITING_DOT = QColor("#e8590c")


def _with_dot(icon: QIcon, size: int = 64) -> QIcon:
    pixmap = icon.pixmap(size, size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(Qt.GlobalColor.white), size * 0.06))
    painter.setBrush(WAITING_DOT)
    diameter = size * 0.44
    painter.drawEllipse(QRectF(size - diameter - size * 0.04, size - diameter - size * 0.04,
                               diameter, diameter))
    painter.end()
    return QIcon(pixmap)
