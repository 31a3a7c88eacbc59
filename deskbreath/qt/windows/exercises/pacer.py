"""The breathing pacer: a circle that grows on the in-breath and shrinks on the out-breath, or,
with reduced motion, a bar that fills and empties.

It is drawn at the display's frame rate, so it is kept cheap: it paints its own background
(no parent repaints underneath), repaints only the part of itself that changed (the ring
between the old and the new size), caches its colours until the palette changes, and never
changes its size hint (no layout pass per frame). ``tests/benchmarks/pacer.py`` measures its
cost against a bare QPainter window drawing the same circle.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QAbstractAnimation, QEvent, QObject, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from deskbreath.i18n import _
from deskbreath.qt.look import current_look

OUTLINE = 3.0
"""The growing circle's (and the bar's) accent outline, px: it carries the 3:1 contrast."""
GUIDE = 2.0
"""The guide ring at full size, px."""
SMALLEST = 0.3
"""The circle's radius when the lungs are empty, as a share of the largest."""


class FrameDriver(QAbstractAnimation):
    """An animation with no end whose only job is to call ``callback`` on every frame."""

    def __init__(self, callback: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callback = callback
        self.frames = 0

    def duration(self) -> int:
        return -1  # runs until stopped

    def updateCurrentTime(self, current_time: int) -> None:
        del current_time  # the clock, not the animation's time, says where the breath is
        self.frames += 1
        self._callback()


class PacerView(QWidget):
    """The pacer. Colours come from the look (:func:`~deskbreath.qt.look.current_look`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fullness = 0.0
        self._reduced = False
        self._colours: dict[str, QColor] = {}
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paints every pixel
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(96, 96))
        self.setAccessibleName(_("Breathing pacer"))

    @property
    def fullness(self) -> float:
        return self._fullness

    @property
    def reduced_motion(self) -> bool:
        return self._reduced

    def set_reduced_motion(self, reduced: bool) -> None:
        self._reduced = reduced
        self.setMinimumSize(QSize(96, 40) if reduced else QSize(96, 96))
        self.updateGeometry()
        self.update()

    def colours(self) -> dict[str, QColor]:
        """What the pacer paints with: ``background`` (the card it sits on), ``guide`` (the
        ring or bar outline showing full size), ``outline`` (the edge of the breath shape)
        and ``fill`` (inside it)."""
        if not self._colours:
            look = current_look()
            self._colours = {"background": look.card, "guide": look.outline,
                             "outline": look.accent, "fill": look.soft_accent}
        return dict(self._colours)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._colours = {}
            self.update()
        super().changeEvent(event)

    def set_fullness(self, fullness: float) -> None:
        fullness = min(1.0, max(0.0, fullness))
        if abs(fullness - self._fullness) <= 1e-4:
            return
        before, self._fullness = self._fullness, fullness
        if self._reduced:
            self.update(self._bar_change(before, fullness))
        else:
            self.update(self._circle_bounds(max(before, fullness)))

    def sizeHint(self) -> QSize:
        return QSize(240, 56) if self._reduced else QSize(240, 240)

    # -- geometry -------------------------------------------------------------------------

    def _largest(self) -> float:
        return max(4.0, min(self.width(), self.height()) / 2 - GUIDE - 2)

    def _radius(self, fullness: float) -> float:
        largest = self._largest()
        return largest * (SMALLEST + (1 - SMALLEST) * fullness)

    def _circle_bounds(self, fullness: float) -> QRect:
        """The square a circle of this fullness covers, with its outline (the region a
        change up to that size repaints)."""
        reach = math.ceil(self._radius(fullness) + OUTLINE)
        centre_x, centre_y = self.width() // 2, self.height() // 2
        return QRect(centre_x - reach - 1, centre_y - reach - 1, 2 * reach + 3, 2 * reach + 3)

    def _bar_rect(self) -> QRectF:
        height = min(40.0, self.height() - 8.0)
        return QRectF(8, (self.height() - height) / 2, self.width() - 16, height)

    def _bar_change(self, before: float, after: float) -> QRect:
        bar = self._bar_rect()
        low, high = sorted((before, after))
        left = bar.x() + bar.width() * low - OUTLINE - 8
        right = bar.x() + bar.width() * high + OUTLINE + 8
        return QRect(math.floor(left), math.floor(bar.y() - OUTLINE),
                     math.ceil(right - left), math.ceil(bar.height() + 2 * OUTLINE) + 1)

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        colours = self.colours()
        painter = QPainter(self)
        painter.fillRect(event.rect(), colours["background"])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._reduced:
            self._paint_bar(painter, colours)
        else:
            self._paint_circle(painter, colours)
        painter.end()

    def _paint_circle(self, painter: QPainter, colours: dict[str, QColor]) -> None:
        largest = self._largest()
        radius = self._radius(self._fullness)
        centre_x, centre_y = self.width() / 2, self.height() / 2
        painter.setPen(QPen(colours["guide"], GUIDE, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(centre_x - largest, centre_y - largest, 2 * largest,
                                   2 * largest))
        painter.setPen(QPen(colours["outline"], OUTLINE))
        painter.setBrush(colours["fill"])
        painter.drawEllipse(QRectF(centre_x - radius, centre_y - radius, 2 * radius, 2 * radius))

    def _paint_bar(self, painter: QPainter, colours: dict[str, QColor]) -> None:
        outline = self._bar_rect()
        painter.setPen(QPen(colours["guide"], GUIDE))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(outline, 8, 8)
        filled = QRectF(outline.x(), outline.y(), outline.width() * self._fullness,
                        outline.height())
        if filled.width() > 1:
            painter.setPen(QPen(colours["outline"], OUTLINE))
            painter.setBrush(colours["fill"])
            painter.drawRoundedRect(filled, 8, 8)


__all__ = ["FrameDriver", "PacerView"]
