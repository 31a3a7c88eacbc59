"""A small chart per day drawn with QPainter: sitting hours above, exercises done below.

Why not a charting library: the README's "Statistics window" section has the measurements.
In short, QtCharts (PySide6-Addons) and pyqtgraph (with numpy) cost more memory and start-up
than the whole window's budget allows for two bar series; this module is a few hundred lines
of plain Qt that loads nothing new.

Colours come from the widget's palette (highlight for sitting, link for exercises, window
text for labels, mid for the grid), so the chart follows a light or dark theme. The numbers
behind it are in the widget's accessible description (and in the window's table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from deskbreath.i18n import _
from deskbreath.qt.language import QtFormats

MARGIN = 8


@dataclass(frozen=True)
class ChartDay:
    """What the chart shows for one day."""

    day: date
    sitting_hours: float
    exercises: int


class DayChart(QWidget):
    """Bars per day: sitting hours in the upper band, exercises done in the lower one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskbreath-day-chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Chart of sitting time and exercises per day"))
        self._days: list[ChartDay] = []
        self.painted = 0  # paint events so far (the benchmark's "first paint")

    def set_days(self, days: Sequence[ChartDay], description: str) -> None:
        """Show ``days`` (oldest first).

        ``description`` is the accessible text with the numbers.
        """
        self._days = list(days)
        self.setAccessibleDescription(description)
        self.setToolTip(description if len(days) <= 7 else "")
        self.update()

    @property
    def days(self) -> list[ChartDay]:
        """The days shown, oldest first (a copy)."""
        return list(self._days)

    def sizeHint(self) -> QSize:
        """560 × 260 px."""
        return QSize(560, 260)

    def minimumSizeHint(self) -> QSize:
        """240 × 200 px."""
        return QSize(240, 200)

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw the chart, antialiased, and count the paint (:attr:`painted`)."""
        self.painted += 1
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    # -- drawing ---------------------------------------------------------------------------

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = palette.color(QPalette.ColorRole.Mid)
        sitting_colour = palette.color(QPalette.ColorRole.Highlight)
        exercise_colour = _distinct(palette.color(QPalette.ColorRole.Link), sitting_colour)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        if not self._days or area.width() < 50 or area.height() < 4 * line:
            painter.setPen(text)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, _("No days to show yet."))
            return
        axis = float(metrics.horizontalAdvance("00 h") + 6)
        labels_height = line + 4
        plot = area.adjusted(axis, 0, 0, -labels_height)
        upper = QRectF(plot.left(), plot.top() + line, plot.width(), plot.height() * 0.62 - line)
        lower = QRectF(plot.left(), upper.bottom() + line * 1.6, plot.width(),
                       plot.bottom() - upper.bottom() - line * 1.6)

        hours_max = max(1.0, *(day.sitting_hours for day in self._days))
        hours_top = float(int(hours_max) + (0 if hours_max.is_integer() else 1))
        count_top = float(max(1, *(day.exercises for day in self._days)))
        painter.setPen(text)
        painter.drawText(QRectF(plot.left(), area.top(), plot.width(), line),
                         Qt.AlignmentFlag.AlignLeft, _("Sitting time (hours)"))
        painter.drawText(QRectF(plot.left(), upper.bottom() + line * 0.4, plot.width(), line),
                         Qt.AlignmentFlag.AlignLeft, _("Exercises done"))
        self._grid(painter, upper, hours_top, grid=grid, text=text, metrics=metrics, suffix=" h")
        self._grid(painter, lower, count_top, grid=grid, text=text, metrics=metrics, suffix="")
        slot = plot.width() / len(self._days)
        bar = max(1.0, slot * 0.7)
        for index, day in enumerate(self._days):
            x = plot.left() + index * slot + (slot - bar) / 2
            self._bar(painter, upper, x, width=bar, share=day.sitting_hours / hours_top,
                      colour=sitting_colour)
            self._bar(painter, lower, x, width=bar, share=day.exercises / count_top,
                      colour=exercise_colour)
        self._day_labels(painter, plot, slot, text, metrics)

    def _grid(self, painter: QPainter, band: QRectF, top: float, *, grid: QColor,
              text: QColor, metrics: QFontMetrics, suffix: str) -> None:
        steps = 2 if top >= 2 else 1
        pen = QPen(grid)
        pen.setWidthF(1.0)
        for step in range(steps + 1):
            value = top * step / steps
            y = band.bottom() - band.height() * step / steps
            painter.setPen(pen)
            painter.drawLine(int(band.left()), int(y), int(band.right()), int(y))
            painter.setPen(text)
            label = QtFormats().number(value, 0 if value == int(value) else 1) + suffix
            painter.drawText(QRectF(band.left() - metrics.horizontalAdvance(label) - 6,
                                    y - metrics.height() / 2, metrics.horizontalAdvance(label),
                                    metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)

    @staticmethod
    def _bar(painter: QPainter, band: QRectF, x: float, *, width: float, share: float,
             colour: QColor) -> None:
        height = band.height() * max(0.0, min(1.0, share))
        if height <= 0:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRect(QRectF(x, band.bottom() - height, width, height))

    def _day_labels(self, painter: QPainter, plot: QRectF, slot: float, text: QColor,
                    metrics: QFontMetrics) -> None:
        painter.setPen(text)
        widest = max(metrics.horizontalAdvance(_label(day.day, len(self._days)))
                     for day in self._days)
        every = max(1, int((widest + 8) // max(1.0, slot)) + 1)
        for index, day in enumerate(self._days):
            if (len(self._days) - 1 - index) % every:
                continue  # label from the newest day backwards
            label = _label(day.day, len(self._days))
            x = plot.left() + index * slot + slot / 2
            painter.drawText(QRectF(x - widest / 2 - 4, plot.bottom() + 2, widest + 8,
                                    metrics.height()), Qt.AlignmentFlag.AlignHCenter, label)


def _label(day: date, count: int) -> str:
    # A week: weekday names; longer: day of the month.
    return QtFormats().weekday(day) if count <= 7 else str(day.day)


def _distinct(colour: QColor, other: QColor) -> QColor:
    """``colour`` unless it is too close to ``other`` in hue; then a contrasting one."""
    if abs(colour.hslHue() - other.hslHue()) > 40 and colour.hslSaturation() > 40:
        return colour
    lightness = other.lightness()
    return QColor("#d9822b") if lightness < 160 else QColor("#b35c00")
