"""Dark mode follows the desktop's preference live, with a readable dark palette."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from deskbreath.desktop.appearance.base import ColorScheme
from deskbreath.desktop.appearance.portal import AppearancePortal
from deskbreath.qt.theme import ThemeFollower, dark_palette, is_dark
from tests.qt.contrast import contrast_ratio
from tests.support.waits import WAIT_MS

Role = QPalette.ColorRole


class FakePortal(AppearancePortal):
    """A portal without a bus; the test announces values."""

    def __init__(self) -> None:
        QObject.__init__(self)
        self.scheme = None
        self.settled = True

    def announce(self, scheme: ColorScheme) -> None:
        self.scheme = scheme
        self.changed.emit(scheme)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, its palette given back to the theme afterwards."""
    yield qapp
    qapp.setPalette(QPalette())


@pytest.mark.parametrize(("text", "background"), [
    (Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button), (Role.ToolTipText, Role.ToolTipBase),
    (Role.HighlightedText, Role.Highlight), (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base), (Role.LinkVisited, Role.Base), (Role.Text, Role.Window),
])
def test_dark_palette_text_is_readable(text: QPalette.ColorRole,
                                       background: QPalette.ColorRole) -> None:
    """Each text colour has at least 4.5:1 contrast on its background (WCAG 1.4.3)."""
    palette = dark_palette()

    assert contrast_ratio(palette.color(text), palette.color(background)) >= 4.5


def test_dark_palette_selection_and_accent_stand_out() -> None:
    """The selection/accent colour has at least 3:1 against the window (WCAG 1.4.11)."""
    palette = dark_palette()

    assert contrast_ratio(palette.color(Role.Highlight), palette.color(Role.Window)) >= 3
    assert is_dark(palette)


def test_follower_switches_live_both_ways(qtbot: QtBot, app: QApplication) -> None:
    """A preference for dark turns the light palette dark; for light, gives the theme's back."""
    light = app.palette().color(Role.Window)
    portal = FakePortal()
    follower = ThemeFollower(app, portal)

    with qtbot.waitSignal(follower.dark_changed, timeout=WAIT_MS) as turned_dark:
        portal.announce(ColorScheme.DARK)
    dark_window = app.palette().color(Role.Window)
    with qtbot.waitSignal(follower.dark_changed, timeout=WAIT_MS) as turned_light:
        portal.announce(ColorScheme.LIGHT)

    assert turned_dark.args == [True]
    assert dark_window == QColor("#2e3033")
    assert turned_light.args == [False]
    assert app.palette().color(Role.Window) == light


def test_no_preference_keeps_the_theme(qtbot: QtBot, app: QApplication) -> None:
    """Without an explicit choice (and Qt's scheme unknown) the theme's palette stays."""
    before = app.palette().color(Role.Window)
    portal = FakePortal()
    follower = ThemeFollower(app, portal)

    with qtbot.assertNotEmitted(follower.dark_changed):
        portal.announce(ColorScheme.NO_PREFERENCE)

    assert app.palette().color(Role.Window) == before


def test_a_dark_theme_is_not_replaced_or_lightened(qtbot: QtBot, app: QApplication) -> None:
    """A palette that is already dark is kept for "dark", and not forced light for "light"."""
    theme = QPalette(QColor("#202020"))
    app.setPalette(theme)
    portal = FakePortal()
    follower = ThemeFollower(app, portal)

    portal.announce(ColorScheme.DARK)
    kept_for_dark = app.palette().color(Role.Window)
    portal.announce(ColorScheme.LIGHT)

    assert kept_for_dark == QColor("#202020")
    assert app.palette().color(Role.Window) == QColor("#202020")
    assert follower.dark


def test_without_a_portal_qt_scheme_decides(app: QApplication) -> None:
    """With no portal, Qt's own (here unknown) scheme leaves the app light."""
    follower = ThemeFollower(app, None)

    assert not follower.dark
