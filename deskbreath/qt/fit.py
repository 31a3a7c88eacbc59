"""Windows grow to fit their wrapped text.

A top-level window's layout takes its minimum size from widths alone, so a wrapped label
(longer in German, or at 200 %) can get fewer lines than it needs and be cut off. Asking
the layout for the height it needs at the window's width, and growing to it, fixes that.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget


def fit_height(window: QWidget) -> None:
    """Grow ``window`` to the width its layout needs at least and to the height it needs at
    that width (never shrink)."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    minimum = layout.totalMinimumSize()
    width = max(window.width(), minimum.width())
    needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    height = max(window.height(), needed, minimum.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    # Nested stacks of pages do not always pass height-for-width on exactly: grow by what a
    # wrapped label still lacks (a few pixels at most), a few times at most.
    for _round in range(3):
        layout.activate()
        short = max((label.heightForWidth(label.width()) - label.height()
                     for label in window.findChildren(QLabel)
                     if label.isVisible() and label.wordWrap() and label.text()), default=0)
        if short <= 0:
            return
        window.resize(window.width(), window.height() + short)


def at_least(hint: QSize, width: int) -> QSize:
    """``hint`` made at least ``width`` wide: a window's preferred width that, unlike
    ``setMinimumWidth``, does not override what its layout needs (long translations)."""
    return hint.expandedTo(QSize(width, 0))
