"""Windows that fit their screen and their words.

The room a window may take on its screen's available area (less a margin and the window
manager's frame), keeping a window inside it, and growing a window to the height its
wrapped text needs.

At 200 % scale an 800 px high screen is 400 px tall to Qt; a fixed window size would put its
title and buttons off screen. deskbreath's prompt asks :func:`room` before it grows, and
:func:`keep_on_screen` after.

A top-level window's layout takes its minimum size from widths alone, so a wrapped label
(longer in German, or at 200 %) can get fewer lines than it needs and be cut off;
:func:`fit_height` asks the layout for the height it needs at the window's width and grows
to it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from deskbreath.qt.windows.offer import SCREEN_MARGIN

FRAME_ALLOWANCE = QSize(8, 40)
"""Room kept for the window manager's frame (title bar, borders) before it is known."""
SMALLEST = 160
"""No room is ever given as less than this many px either way."""


def frame_extra(window: QWidget) -> QSize:
    """How much the window manager's frame adds to ``window``'s size.

    Measured from the native window once it is framed, else :data:`FRAME_ALLOWANCE`.

    (``QWidget.frameGeometry`` was seen to report an empty or tiny frame for a framed window
    under openbox; the native window's margins are right.)
    """
    handle = window.windowHandle()
    if handle is not None and window.isVisible():
        margins = handle.frameMargins()
        if margins.left() + margins.right() + margins.top() + margins.bottom() > 0:
            return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())
    return FRAME_ALLOWANCE


def margin_for(area: QRect) -> int:
    """The distance kept from the edges of ``area``.

    :data:`SCREEN_MARGIN`, less on a small screen.
    """
    return min(SCREEN_MARGIN, area.height() // 20)


def room(window: QWidget) -> QSize:
    """The largest size ``window`` may take on its screen.

    The available area less the margin and the window manager's frame.
    """
    area = window.screen().availableGeometry()
    extra = frame_extra(window)
    margin = margin_for(area)
    return QSize(max(SMALLEST, area.width() - 2 * margin - extra.width()),
                 max(SMALLEST, area.height() - 2 * margin - extra.height()))


def keep_on_screen(window: QWidget) -> None:
    """Move ``window`` (with its frame) inside its screen's available area.

    It moves as little as needed.
    """
    area = window.screen().availableGeometry()
    frame = QRect(window.pos(), window.size() + frame_extra(window))
    margin = margin_for(area)
    x = min(max(frame.left(), area.left()), area.right() + 1 - frame.width() - margin)
    y = min(max(frame.top(), area.top()), area.bottom() + 1 - frame.height() - margin)
    window.move(max(area.left(), x), max(area.top(), y))


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    """Resize ``window`` to ``wanted``, or less where its screen has less room.

    The window is kept wholly on the screen.
    """
    window.resize(wanted.boundedTo(room(window)))
    keep_on_screen(window)


def fit_height(window: QWidget, limit: QSize | None = None) -> None:
    """Grow ``window`` to the size its layout needs, never shrinking it.

    The width becomes at least what the layout needs, the height what it needs at that
    width; neither grows beyond ``limit`` (e.g. :func:`room`) when given.
    """
    layout = window.layout()
    if layout is None:
        return
    bound = limit if limit is not None else QSize(2**24, 2**24)
    layout.activate()
    minimum = layout.totalMinimumSize()
    width = min(max(window.width(), minimum.width()), max(window.width(), bound.width()))
    needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    height = min(max(window.height(), needed, minimum.height()),
                 max(window.height(), bound.height()))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    # Nested stacks of pages do not always pass height-for-width on exactly: grow by what a
    # wrapped label still lacks (a few pixels at most), a few times at most.
    for _round in range(3):
        layout.activate()
        short = max((label.heightForWidth(label.width()) - label.height()
                     for label in window.findChildren(QLabel)
                     if label.isVisible() and label.wordWrap() and label.text()), default=0)
        short = min(short, bound.height() - window.height())
        if short <= 0:
            return
        window.resize(window.width(), window.height() + short)


def at_least(hint: QSize, width: int) -> QSize:
    """Return ``hint`` made at least ``width`` wide.

    A window's preferred width that, unlike ``setMinimumWidth``, does not override what its
    layout needs (long translations).
    """
    return hint.expandedTo(QSize(width, 0))


def scroll_area_of(widget: QWidget) -> QScrollArea | None:
    """The scroll area ``widget`` sits in, if any (the nearest one)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
