"""The breathing pacer: a circle that grows on the in-breath and shrinks on the out-breath.

With reduced motion it is a bar that fills and empties.

It is drawn at the display's frame rate, so it is kept cheap: it paints its own background
(no parent repaints underneath) from a picture of the parts that do not move (the background
and the full-size guide), drawn once per size and palette; it repaints only the square around
the larger of the old and the new circle; it draws the outlined circle as two filled discs
(an antialiased stroke costs twice as much); it keeps its colours and sizes until the palette
or its size changes; and it never changes its size hint (no layout pass per frame).
``tests/benchmarks/pacer.py`` measures its cost against a bare QPainter window drawing the
same circle.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QAbstractAnimation, QEvent, QObject, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent
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
        """-1: the animation runs until stopped."""
        return -1  # runs until stopped

    def updateCurrentTime(self, current_time: int) -> None:
        """Count the frame and call the callback."""
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
        self._still: QPixmap | None = None  # the background and the guide
        self._outline = QColor()
        self._fill = QColor()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paints every pixel
        self._measure()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(96, 96))
        self.setAccessibleName(_("Breathing pacer"))

    @property
    def fullness(self) -> float:
        """How full the lungs are shown, 0.0 (empty) to 1.0 (full)."""
        return self._fullness

    @property
    def reduced_motion(self) -> bool:
        """True when a bar is shown instead of the circle."""
        return self._reduced

    def set_reduced_motion(self, reduced: bool) -> None:
        """Show a bar (True) or the circle (False)."""
        self._reduced = reduced
        self._still = None
        self.setMinimumSize(QSize(96, 40) if reduced else QSize(96, 96))
        self.updateGeometry()
        self.update()

    def colours(self) -> dict[str, QColor]:
        """What the pacer paints with, by part.

        ``background`` (the card it sits on), ``guide`` (the ring or bar outline showing full
        size), ``outline`` (the edge of the breath shape) and ``fill`` (inside it).
        """
        if not self._colours:
            look = current_look()
            self._colours = {"background": look.card, "guide": look.outline,
                             "outline": look.accent, "fill": look.soft_accent}
            self._outline = QColor(look.accent)
            self._fill = QColor(look.soft_accent)
        return dict(self._colours)

    def changeEvent(self, event: QEvent) -> None:
        """Take the colours afresh when the palette changes."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._colours = {}
            self._still = None
            self.update()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Measure again and draw the still parts afresh for the new size."""
        self._still = None
        self._measure()
        super().resizeEvent(event)

    def set_fullness(self, fullness: float) -> None:
        """Show ``fullness`` (clamped to 0.0-1.0), repainting only the pixels the change touches."""
        fullness = min(1.0, max(0.0, fullness))
        if abs(fullness - self._fullness) <= 1e-4:
            return
        before, self._fullness = self._fullness, fullness
        if self._reduced:
            self.update(self._bar_change(before, fullness))
        else:
            self.update(self._circle_change(before, fullness))

    def sizeHint(self) -> QSize:
        """240 px square for the circle, 240 × 56 px for the bar."""
        return QSize(240, 56) if self._reduced else QSize(240, 240)

    # -- geometry -------------------------------------------------------------------------

    def _measure(self) -> None:
        """Work out the sizes every frame uses, once per widget size."""
        self._largest_radius = max(4.0, min(self.width(), self.height()) / 2 - GUIDE - 2)
        self._centre = (self.width() / 2, self.height() / 2)

    def _largest(self) -> float:
        return self._largest_radius

    def _radius(self, fullness: float) -> float:
        return self._largest_radius * (SMALLEST + (1 - SMALLEST) * fullness)

    def _square(self, half: float) -> QRect:
        """The square of half-side ``half`` around the centre, on whole pixels."""
        centre_x, centre_y = self.width() // 2, self.height() // 2
        reach = math.ceil(half)
        return QRect(centre_x - reach - 1, centre_y - reach - 1, 2 * reach + 3, 2 * reach + 3)

    def _circle_change(self, before: float, after: float) -> QRect:
        """The pixels a change of the circle from ``before`` to ``after`` can touch.

        The square around the larger circle. (One rectangle: clipping the drawing to a
        ring-shaped region, measured, costs more than the pixels it saves.)
        """
        return self._square(self._radius(max(before, after)) + OUTLINE)

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
        """Copy the still parts, then draw the breath shape over them."""
        if self._still is None:
            self._still = self._paint_still()
        painter = QPainter(self)
        painter.drawPixmap(QRectF(event.rect()), self._still, self._device_rect(event.rect()))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        # The outline is a disc in the accent colour with the fill's disc inside it: the same
        # pixels as a stroked shape, measured at about half the cost of an antialiased stroke.
        inset = OUTLINE
        if self._reduced:
            outline = self._bar_rect()
            shape = QRectF(outline.x(), outline.y(), outline.width() * self._fullness,
                           outline.height())
            if shape.width() > 2 * inset + 1:
                painter.setBrush(self._outline)
                painter.drawRoundedRect(shape, 8, 8)
                painter.setBrush(self._fill)
                painter.drawRoundedRect(shape.adjusted(inset, inset, -inset, -inset), 6, 6)
        else:
            radius = self._radius(self._fullness) + OUTLINE / 2
            centre_x, centre_y = self._centre
            shape = QRectF(centre_x - radius, centre_y - radius, 2 * radius, 2 * radius)
            painter.setBrush(self._outline)
            painter.drawEllipse(shape)
            painter.setBrush(self._fill)
            painter.drawEllipse(shape.adjusted(inset, inset, -inset, -inset))
        painter.end()

    def _device_rect(self, rect: QRect) -> QRectF:
        ratio = self.devicePixelRatioF()
        return QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio,
                      rect.height() * ratio)

    def _paint_still(self) -> QPixmap:
        """The parts that do not move: the background and the full-size guide."""
        colours = self.colours()
        ratio = self.devicePixelRatioF()
        still = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
        still.setDevicePixelRatio(ratio)
        still.fill(colours["background"])
        painter = QPainter(still)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._reduced:
            painter.setPen(QPen(colours["guide"], GUIDE))
            painter.drawRoundedRect(self._bar_rect(), 8, 8)
        else:
            largest = self._largest()
            painter.setPen(QPen(colours["guide"], GUIDE, Qt.PenStyle.DashLine))
            painter.drawEllipse(QRectF(self.width() / 2 - largest, self.height() / 2 - largest,
                                       2 * largest, 2 * largest))
        painter.end()
        return still


__all__ = ["FrameDriver", "PacerView"]
