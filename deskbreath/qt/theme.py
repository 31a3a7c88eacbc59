"""Dark mode: follow the desktop's light/dark preference live, in every window.

Qt's platform themes for GNOME and KDE switch the palette themselves; elsewhere (Xfce,
wlroots compositors, a bare X session) Qt's scheme is "unknown" and its palette stays light
even when the user chose dark in the portal. There :class:`ThemeFollower` sets
:func:`dark_palette`, and takes it away again when the preference turns light. It never
replaces a dark palette, or forces a light one onto a theme that is dark.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from deskbreath.desktop.appearance.base import ColorScheme, prefers_dark
from deskbreath.desktop.appearance.portal import AppearancePortal

log = logging.getLogger(__name__)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

#: The dark palette's colours. Text on its background keeps at least 4.5:1 (WCAG 2.2,
#: 1.4.3), the selection colour 3:1 against the window (1.4.11); the teal accent matches the
#: tray icon. ``tests/qt/test_theme.py`` measures each pair.
DARK_COLOURS: dict[QPalette.ColorRole, str] = {
    Role.Window: "#2e3033",
    Role.WindowText: "#eeeeee",
    Role.Base: "#1f2023",
    Role.AlternateBase: "#292b2e",
    Role.Text: "#eeeeee",
    Role.PlaceholderText: "#9a9ea4",
    Role.Button: "#3a3d41",
    Role.ButtonText: "#eeeeee",
    Role.BrightText: "#ffffff",
    Role.ToolTipBase: "#1f2023",
    Role.ToolTipText: "#eeeeee",
    Role.Highlight: "#4db6a9",
    Role.HighlightedText: "#10201e",
    Role.Accent: "#4db6a9",
    Role.Link: "#7cc7ff",
    Role.LinkVisited: "#c5a3ff",
    Role.Light: "#4a4d52",
    Role.Midlight: "#3f4246",
    Role.Mid: "#35373b",
    Role.Dark: "#1b1c1e",
    Role.Shadow: "#0d0d0e",
}
#: Disabled controls: dimmer text, no selection colour.
DARK_DISABLED: dict[QPalette.ColorRole, str] = {
    Role.WindowText: "#8a8e94",
    Role.Text: "#8a8e94",
    Role.ButtonText: "#8a8e94",
    Role.Highlight: "#3a3d41",
    Role.HighlightedText: "#9a9ea4",
}


def dark_palette() -> QPalette:
    """The palette deskbreath uses when the desktop prefers dark and Qt's theme is light."""
    palette = QPalette()
    for role, colour in DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role, colour in DARK_DISABLED.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def is_dark(palette: QPalette) -> bool:
    """Whether a palette is a dark one (its window colour is darker than mid-grey)."""
    return palette.color(Role.Window).lightness() < 128


def _from_qt(scheme: Qt.ColorScheme) -> ColorScheme:
    return {Qt.ColorScheme.Dark: ColorScheme.DARK,
            Qt.ColorScheme.Light: ColorScheme.LIGHT}.get(scheme, ColorScheme.NO_PREFERENCE)


class ThemeFollower(QObject):
    """Keeps the application's palette in step with the desktop's light/dark preference.

    Args:
        app: the application whose palette it manages.
        portal: the appearance portal, or None where there is none.
        parent: the Qt parent.

    Signals:
        dark_changed(bool): the app turned dark (True) or light (False).
    """

    dark_changed = Signal(bool)

    def __init__(self, app: QGuiApplication, portal: AppearancePortal | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskbreath-theme")
        self._app = app
        self._portal = portal
        self._overridden = False
        self.dark = is_dark(app.palette())
        app.styleHints().colorSchemeChanged.connect(self._on_style_hints_color_scheme_changed)
        if portal is not None:
            portal.changed.connect(self._on_portal_changed)
        self.update()

    def update(self) -> None:
        """Apply the current preference (called on every change; cheap when nothing moves)."""
        portal = self._portal.scheme if self._portal is not None else None
        qt = _from_qt(self._app.styleHints().colorScheme())
        want_dark = prefers_dark(portal, qt)
        if want_dark and not self._overridden and not is_dark(self._app.palette()):
            log.info("the desktop prefers dark and Qt's theme is light: using a dark palette")
            self._overridden = True
            self._app.setPalette(dark_palette())
        elif not want_dark and self._overridden:
            log.info("the desktop prefers light: back to the theme's palette")
            self._overridden = False
            self._app.setPalette(QPalette())  # a default palette means "the theme's" again
        dark = is_dark(self._app.palette())
        if dark != self.dark:
            self.dark = dark
            self.dark_changed.emit(dark)

    def _on_style_hints_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.update()

    def _on_portal_changed(self, _scheme: ColorScheme) -> None:
        self.update()
