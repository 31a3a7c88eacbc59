"""Paced belly breathing: a short lead-in, the pacer, and the one-tap "which hand moved" note.

The pacer is drawn with QPainter. While it runs, a :class:`FrameDriver` (a never-ending
``QAbstractAnimation``) calls :meth:`BreathingWidget.sync` once per animation frame; Qt's
animation timer paces those frames to the display and stops entirely when the driver stops,
so there is no busy timer and no drift: every frame reads the injected clock and asks the core
:class:`~deskbreath.core.breathing.BreathPattern` where the breath is.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QAbstractAnimation, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.breathing import BreathPattern, Phase
from deskbreath.core.clock import Clock
from deskbreath.core.exercises import Catalogue, Exercise
from deskbreath.core.settings.model import Settings
from deskbreath.i18n import _
from deskbreath.qt.windows.exercises.base import (
    LeadInExerciseWidget,
    add_answer_buttons,
    reduced_motion_wanted,
    wrapped_label,
)

BREATHING_LEAD_IN = 10.0

_CUE_KEYS = {
    Phase.INHALE: ("in", "in_hint"),
    Phase.HOLD_IN: ("hold", "hold_hint"),
    Phase.EXHALE: ("out", "out_hint"),
    Phase.HOLD_OUT: ("hold", "hold_hint"),
}


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
    """The pacer: a circle that grows on the inhale and shrinks on the exhale, or, with reduced
    motion, a bar that fills and empties. Colours come from the palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fullness = 0.0
        self._reduced = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(160, 160))
        self.setAccessibleName(_("Breathing pacer"))

    @property
    def fullness(self) -> float:
        return self._fullness

    @property
    def reduced_motion(self) -> bool:
        return self._reduced

    def set_reduced_motion(self, reduced: bool) -> None:
        self._reduced = reduced
        self.setMinimumSize(QSize(160, 48) if reduced else QSize(160, 160))
        self.update()

    def set_fullness(self, fullness: float) -> None:
        fullness = min(1.0, max(0.0, fullness))
        if abs(fullness - self._fullness) > 1e-4:
            self._fullness = fullness
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 64) if self._reduced else QSize(240, 240)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = QColor(self.palette().highlight().color())
        guide = QColor(self.palette().windowText().color())
        guide.setAlphaF(0.35)
        fill = QColor(accent)
        fill.setAlphaF(0.55)
        if self._reduced:
            self._paint_bar(painter, accent, fill, guide)
        else:
            self._paint_circle(painter, accent, fill, guide)
        painter.end()

    def _paint_circle(self, painter: QPainter, accent: QColor, fill: QColor,
                      guide: QColor) -> None:
        largest = min(self.width(), self.height()) / 2 - 4
        smallest = largest * 0.3
        radius = smallest + (largest - smallest) * self._fullness
        centre_x, centre_y = self.width() / 2, self.height() / 2
        painter.setPen(QPen(guide, 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(centre_x - largest, centre_y - largest, 2 * largest,
                                   2 * largest))
        painter.setPen(QPen(accent, 3))
        painter.setBrush(fill)
        painter.drawEllipse(QRectF(centre_x - radius, centre_y - radius, 2 * radius, 2 * radius))

    def _paint_bar(self, painter: QPainter, accent: QColor, fill: QColor, guide: QColor) -> None:
        height = min(40.0, self.height() - 8.0)
        outline = QRectF(8, (self.height() - height) / 2, self.width() - 16, height)
        painter.setPen(QPen(guide, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(outline, 8, 8)
        filled = QRectF(outline.x(), outline.y(), outline.width() * self._fullness,
                        outline.height())
        painter.setPen(QPen(accent, 2))
        painter.setBrush(fill)
        if filled.width() > 1:
            painter.drawRoundedRect(filled, 8, 8)


class BreathingWidget(LeadInExerciseWidget):
    """Lead-in with the setup, then the pacer, then the closing question (the window's own
    Close button ends it without an answer).

    The lead-in and the countdown use the one-shot tick of :class:`ExerciseWidget`; the
    pacer uses the frame driver while breathing and nothing at all otherwise.

    Signals:
        phase_started(str): a phase of a breath began (the :class:`Phase` value), on the
            first frame that shows it; the sound cues follow it.
    """

    phase_started = Signal(str)

    @classmethod
    def estimated_seconds(cls, exercise: Exercise,  # noqa: ARG003 - the pace is a setting
                          settings: Settings) -> float:
        """The lead-in and the breathing itself."""
        return BREATHING_LEAD_IN + BreathPattern.from_settings(settings.breathing).total

    def __init__(self, exercise: Exercise, catalogue: Catalogue, settings: Settings,
                 clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(exercise, catalogue, settings, clock, parent)
        self.pattern = BreathPattern.from_settings(settings.breathing)
        self.lead_in = BREATHING_LEAD_IN
        self.driver = FrameDriver(self.sync, self)
        self._last_phase: tuple[Phase, int] | None = None
        self._last_count: int | None = None

        self._stack_pages(
            lambda: self._build_lead_in(
                countdown_name=_("Time until the pacer starts"),
                begin_name=_("Begin breathing now")),
            self._build_pacing,
            self._build_end,
        )
        self.set_reduced_motion(reduced_motion_wanted(settings.reduced_motion))

    # -- pages ---------------------------------------------------------------------------------

    def _build_pacing(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.pacer = PacerView(page)
        layout.addWidget(self.pacer, 1)
        row = QHBoxLayout()
        self.phase_label = wrapped_label("", page, factor=2.2, bold=True)
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown_label = wrapped_label("", page, factor=1.6)
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown_label.setAccessibleName(_("Seconds left in this phase"))
        row.addStretch(1)
        row.addWidget(self.phase_label)
        row.addSpacing(16)
        row.addWidget(self.countdown_label)
        row.addStretch(1)
        layout.addLayout(row)
        self.hint_label = wrapped_label("", page)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.hint_label)
        self.breath_label = wrapped_label("", page, factor=0.9)
        self.breath_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.breath_label)
        return page

    def _build_end(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(wrapped_label(self.exercise.done, page, factor=1.2, bold=True))
        self.answer_buttons: list[QPushButton] = []
        question = self.exercise.question
        if question is not None:
            layout.addSpacing(8)
            self.answer_buttons = add_answer_buttons(layout, question, page,
                                                     self._on_answer_clicked)
        layout.addStretch(1)
        return page

    # -- behaviour -----------------------------------------------------------------------------

    def set_reduced_motion(self, reduced: bool) -> None:
        """Fill a bar instead of growing a shape (the settings switch or the system asked)."""
        self.pacer.set_reduced_motion(reduced)

    def focus_target(self) -> QWidget | None:
        if self.at_end:
            return self.answer_buttons[0] if self.answer_buttons else None
        if self.pages.currentIndex() == 0:
            return self.begin_now_button
        return None

    def halt(self) -> None:
        super().halt()
        self.driver.stop()

    def sync(self) -> None:
        if self.at_end:
            return
        elapsed = self.elapsed()
        if elapsed < self.lead_in:
            self._show_lead_in(self.lead_in - elapsed)
            return
        breathing = elapsed - self.lead_in
        if self.pattern.finished(breathing):
            self._finish()
            return
        if self.pages.currentIndex() != 1:
            self.pages.setCurrentIndex(1)
            self._tick.stop()
        if self.driver.state() != QAbstractAnimation.State.Running and self.isVisible():
            self.driver.start()
        state = self.pattern.phase_at(breathing)
        self.pacer.set_fullness(state.fullness)
        if (state.phase, state.breath_index) != self._last_phase:
            self._last_phase = (state.phase, state.breath_index)
            cue_key, hint_key = _CUE_KEYS[state.phase]
            self.phase_label.setText(self.exercise.cues[cue_key])
            self.hint_label.setText(self.exercise.cues[hint_key])
            self.breath_label.setText(_("Breath %(number)d of %(total)d") % {
                "number": state.breath_index + 1, "total": self.pattern.breaths})
            self.announce(f"{self.exercise.cues[cue_key]}. {self.exercise.cues[hint_key]}")
            self.phase_started.emit(state.phase.value)
        count = math.ceil(state.seconds_left)
        if count != self._last_count:
            self._last_count = count
            self.countdown_label.setText(str(count))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.pages.currentIndex() == 1 and not self.at_end:
            self.driver.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.driver.stop()  # nothing to animate on a hidden window

    def _show_lead_in(self, seconds_left: float) -> None:
        count = math.ceil(seconds_left)
        self.lead_in_label.setText(_("Starting in %(n)d") % {"n": count})
        if self.pages.currentIndex() != 0:
            self.pages.setCurrentIndex(0)
        self.sync_when_countdown_changes(seconds_left)

    def _finish(self) -> None:
        self.driver.stop()
        self._tick.stop()
        self.pacer.set_fullness(0.0)
        self.pages.setCurrentIndex(2)
        self._mark_end()
        text = self.exercise.done
        if self.exercise.question is not None:
            text = f"{text} {self.exercise.question.text}"
        self.announce(text)

    def _on_answer_clicked(self, key: str) -> None:
        assert self.exercise.question is not None
        self.completed.emit({self.exercise.question.key: key})
