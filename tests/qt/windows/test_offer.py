"""Offer placement: the lower right corner of the available area, by the window's frame once
the window manager has drawn one.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QMoveEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from deskbreath.qt.windows.offer import SCREEN_MARGIN, CornerKeeper, corner_origin

TITLE_BAR = 35  # Mutter 43's title bar on an Xwayland window, measured


def test_corner_origin_leaves_the_margin_to_the_right_and_bottom_edges() -> None:
    """A 400×200 frame in a 1280×800 area (top panel of 32 px) sits 24 px from the corner."""
    origin = corner_origin(QRect(0, 32, 1280, 768), QSize(400, 200))

    assert origin == QPoint(1280 - 400 - SCREEN_MARGIN, 800 - 200 - SCREEN_MARGIN)


def test_corner_origin_keeps_an_oversized_frame_on_screen() -> None:
    """A frame larger than the area starts at the area's top-left, title bar visible."""
    assert corner_origin(QRect(100, 50, 300, 200), QSize(500, 400)) == QPoint(100, 50)


class FramedWindow(QWidget):
    """A window whose frame gains a title bar when ``framed`` is set, as after mapping."""

    framed = False

    def frameGeometry(self) -> QRect:
        geometry = self.geometry()
        if self.framed:
            return geometry.adjusted(0, -TITLE_BAR, 0, 0)
        return geometry


def _move_event(window: QWidget) -> None:
    QApplication.sendEvent(window, QMoveEvent(window.pos(), window.pos()))


def test_keeper_puts_the_window_back_once_the_frame_is_known(qtbot: QtBot) -> None:
    """When a title bar appears after mapping, the frame (title bar included) is moved into
    the corner, and the keeper ends.
    """
    window = FramedWindow()
    qtbot.add_widget(window)
    window.resize(400, 200)
    window.show()
    area = window.screen().availableGeometry()
    window.move(corner_origin(area, window.frameGeometry().size()))
    CornerKeeper(window)
    _move_event(window)  # no frame yet: nothing to do
    assert window.pos() == corner_origin(area, QSize(400, 200))

    window.framed = True
    _move_event(window)

    assert window.pos() == corner_origin(area, QSize(400, 200 + TITLE_BAR))
    qtbot.waitUntil(lambda: window.findChild(CornerKeeper) is None, timeout=2000)


def test_keeper_ends_when_the_user_presses_on_the_window(qtbot: QtBot) -> None:
    """After a mouse press (the user acting on the window) a late frame moves nothing."""
    window = FramedWindow()
    qtbot.add_widget(window)
    window.resize(400, 200)
    window.show()
    window.move(10, 10)
    CornerKeeper(window)
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))

    window.framed = True
    _move_event(window)

    assert window.pos() == QPoint(10, 10)
