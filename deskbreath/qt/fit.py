"""Windows grow to fit their wrapped text.

A top-level window's layout takes its minimum size from widths alone, so a wrapped label
(longer in German, or at 200 %) can get fewer lines than it needs and be cut off. Asking
the layout for the height it needs at the window's width, and growing to it, fixes that.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_height(window: QWidget) -> None:
    """Grow ``window`` to the height its layout needs at the current width (never shrink)."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalMinimumSize().height())
    if needed > window.height():
        window.resize(window.width(), needed)
