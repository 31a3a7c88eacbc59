"""Where the prompt's offer goes.

A corner of the screen without focus, or the tray's waiting state where no window can be
shown without taking focus (see :mod:`deskbreath.desktop.offers.detect`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: Distance in px between the offer's frame and the edges of the screen's available area.
SCREEN_MARGIN = 24


class WaitingIndicator(Protocol):
    """Shows that an offer is waiting, where a window would take keyboard focus (the shell)."""

    def show_waiting(self, text: str, reveal: Callable[[], None]) -> None:
        """Show ``text`` as the waiting state; a click on the tray icon calls ``reveal``."""
        ...

    def clear_waiting(self) -> None:
        """The offer was answered or closed: back to the ordinary state."""
        ...


def corner_origin(area: QRect, frame: QSize, margin: int = SCREEN_MARGIN) -> QPoint:
    """The top-left point that puts a frame of size ``frame`` in ``area``'s lower right corner.

    ``margin`` px in, and never left of or above ``area`` (a frame larger than the area keeps
    its title bar and close button on screen).
    """
    return QPoint(max(area.left(), area.right() + 1 - frame.width() - margin),
                  max(area.top(), area.bottom() + 1 - frame.height() - margin))


def pointer_screen() -> QScreen | None:
    """The screen with the mouse pointer, else the primary screen (None without screens)."""
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def show_in_corner(window: QWidget) -> None:
    """Show ``window`` in the lower right corner of the screen, on top, without activating it.

    The screen is the one with the pointer (the primary screen if the pointer's is unknown).

    The window manager adds its frame (title bar, borders) only after the window is mapped,
    so until then the frame's size is a guess; a :class:`CornerKeeper` puts the window back
    in the corner once the frame is known.
    """
    screen = pointer_screen()
    window.adjustSize()
    if screen is not None:
        window.move(corner_origin(screen.availableGeometry(), window.frameGeometry().size()))
        CornerKeeper(window)
    window.show()
    window.raise_()


class CornerKeeper(QObject):
    """Moves a window back into its screen's corner once the window manager has framed it.

    Measured on Mutter 43 through Xwayland: the 35 px title bar arrives after mapping and
    pushed the offer down to the screen's bottom edge. The keeper watches the window's move
    and resize events; the first one that shows a frame places the window again by its frame
    size, and the keeper ends. A mouse press (the user acting on the window) or hiding the
    window ends it too, so a window the user moved is never moved back.

    Args:
        window: the window just placed; the keeper is its child and dies with it.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("deskbreath-corner-keeper")
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Place the window once a real frame shows; end on a mouse press or hide."""
        if watched is not self._window:
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.Hide):
            self._end()
        elif kind in (QEvent.Type.Move, QEvent.Type.Resize):
            window = self._window
            frame = window.frameGeometry()
            # A frame that does not enclose the window is not the window manager's yet (seen
            # under openbox at 200 %: a 16×10 "frame" while the window was resized before
            # it was mapped): wait for the real one.
            if frame != window.geometry() and frame.contains(window.geometry()):
                self._end()
                screen = window.screen()
                if screen is not None:
                    window.move(corner_origin(screen.availableGeometry(), frame.size()))
        return False

    def _end(self) -> None:
        self._window.removeEventFilter(self)
        self.deleteLater()
