"""Paced belly breathing: a lead-in, the pacer, and the one-tap "which hand moved" note.

While the pacer runs, a :class:`~deskbreath.qt.windows.exercises.pacer.FrameDriver` (a
never-ending ``QAbstractAnimation``) calls :meth:`BreathingWidget.sync` once per animation
frame; Qt's animation timer paces those frames to the display and stops entirely when the
driver stops, so there is no busy timer and no drift: every frame reads the injected clock and
asks the core :class:`~deskbreath.core.breathing.BreathPattern` where the breath is. A frame
changes only the pacer's shape; the words change only when the phase or the whole-second
countdown does.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QStyle, QWidget

from deskbreath.core.breathing import BreathPattern, Phase
from deskbreath.core.clock import Clock
from deskbreath.core.exercises import Catalogue, Exercise
from deskbreath.core.settings.model import Settings
from deskbreath.core.wording import breathing_rhythm
from deskbreath.i18n import _
from deskbreath.qt.language import QtFormats
from deskbreath.qt.look import TypeScale, spacing_unit
from deskbreath.qt.windows.exercises.base import (
    LeadInExerciseWidget,
    page_layout,
    reduced_motion_wanted,
)
from deskbreath.qt.windows.exercises.pacer import FrameDriver, PacerView
from deskbreath.qt.windows.exercises.parts import wrapped_label

_CUE_KEYS = {
    Phase.INHALE: ("in", "in_hint"),
    Phase.HOLD_IN: ("hold", "hold_hint"),
    Phase.EXHALE: ("out", "out_hint"),
    Phase.HOLD_OUT: ("hold", "hold_hint"),
}

__all__ = ["BreathingWidget", "FrameDriver", "PacerView"]


class CaptionBox(QWidget):
    """The words under the pacer: the cue ("in") and the count, the hint, the breath number.

    They change every second or so while the pacer runs at the display's rate, so the box
    places them itself, in a fixed height that fits them: a change of words never asks the
    window for a layout pass (a label in a layout would, each time its text changes).
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.phase = wrapped_label("", self, factor=TypeScale.CUE, bold=True)
        self.phase.setWordWrap(False)
        self.phase.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        self.countdown = wrapped_label("", self, factor=TypeScale.TITLE)
        self.countdown.setWordWrap(False)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.hint = wrapped_label("", self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.breath = wrapped_label("", self, factor=TypeScale.SMALL, secondary=True)
        self.breath.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._cue_width = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def fit(self, cues: list[str]) -> None:
        """Make room for the widest of ``cues``."""
        self._cue_width = max(self.phase.fontMetrics().horizontalAdvance(cue) for cue in cues)
        self.setFixedHeight(self._rows()[-1])

    def _rows(self) -> tuple[int, int, int, int]:
        """Where the rows start: cue, hint (two lines), breath number, and the end."""
        gap = spacing_unit(self.font()) // 2
        cue = max(self.phase.fontMetrics().height(), self.countdown.fontMetrics().height())
        hint = 2 * self.hint.fontMetrics().lineSpacing()
        breath = self.breath.fontMetrics().lineSpacing()
        return 0, cue + gap, cue + gap + hint + gap, cue + 3 * gap + hint + breath

    def sizeHint(self) -> QSize:
        return QSize(2 * self._cue_width, self._rows()[-1])

    def minimumSizeHint(self) -> QSize:
        return QSize(self._cue_width + 40, self._rows()[-1])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        cue_top, hint_top, breath_top, bottom = self._rows()
        middle = self.width() // 2
        gap = spacing_unit(self.font())
        # The cue ends at the middle and the count starts after it, in reading order.
        def visual(x: int, width: int) -> QRect:
            return QStyle.visualRect(self.layoutDirection(), self.rect(),
                                     QRect(x, cue_top, width, hint_top - cue_top))

        self.phase.setGeometry(visual(0, middle - gap // 2))
        self.countdown.setGeometry(visual(middle + gap // 2, middle - gap))
        self.hint.setGeometry(0, hint_top, self.width(), breath_top - hint_top)
        self.breath.setGeometry(0, breath_top, self.width(), bottom - breath_top)


class BreathingWidget(LeadInExerciseWidget):
    """Lead-in with the setup, then the pacer, then the closing page.

    The window's own Close button ends it without an answer.

    The lead-in and the countdown use the one-shot tick of the base class; the pacer uses
    the frame driver while breathing and nothing at all otherwise (nor while paused).

    Signals:
        phase_started(str): a phase of a breath began (the :class:`Phase` value), on the
            first frame that shows it, and again when the exercise goes on after a pause;
            the sound cues follow it.
    """

    phase_started = Signal(str)

    @classmethod
    def estimated_seconds(cls, exercise: Exercise, settings: Settings) -> float:
        """The lead-in and the breathing itself."""
        return (exercise.lead_in or 0.0) + BreathPattern.from_settings(settings.breathing).total

    def __init__(self, exercise: Exercise, catalogue: Catalogue, settings: Settings,
                 clock: Clock, parent: QWidget | None = None, *,
                 sitting_seconds: float = 0.0) -> None:
        super().__init__(exercise, catalogue, settings, clock, parent,
                         sitting_seconds=sitting_seconds)
        self.pattern = BreathPattern.from_settings(settings.breathing)
        self._last_phase: tuple[Phase, int] | None = None
        self._last_count: int | None = None
        self._pacing = False
        self._total = self.pattern.total

        self._stack_pages(
            lambda: self._build_lead_in(
                countdown_name=_("Time until the pacer starts"),
                begin_name=_("Begin breathing now")),
            self._build_pacing,
            lambda: self._build_end(self),
        )
        self.set_reduced_motion(reduced_motion_wanted(settings.reduced_motion))

    # -- pages ---------------------------------------------------------------------------------

    def _build_pacing(self) -> QWidget:
        page = QWidget(self)
        layout = page_layout(page)
        self.pacer = PacerView(page)
        layout.addWidget(self.pacer, 1)
        captions = CaptionBox(page)
        self.phase_label = captions.phase
        self.countdown_label = captions.countdown
        self.hint_label = captions.hint
        self.breath_label = captions.breath
        captions.fit([self.exercise.cues[key] for key in ("in", "out", "hold")])
        self.countdown_label.setAccessibleName(_("Seconds left in this phase"))
        layout.addWidget(captions)
        return page

    # -- behaviour -----------------------------------------------------------------------------

    def set_reduced_motion(self, reduced: bool) -> None:
        """Fill a bar instead of growing a shape (the settings switch or the system asked)."""
        self.pacer.set_reduced_motion(reduced)

    def sync(self) -> None:
        """Show the lead-in, the pacer at the breath's phase, or the end, by the clock."""
        breathing = self._timed_seconds()
        if breathing is None:
            return
        if breathing >= self._total:
            self._finish()
            return
        if not self._pacing:  # the first frame of breathing: once, not on every frame
            self._pacing = True
            self._tick.stop()
            self._show_page(1)
            if self.isVisible():
                self.driver.start()
        state = self.pattern.phase_at(breathing)
        self.pacer.set_fullness(state.fullness)
        if (state.phase, state.breath_index) != self._last_phase:
            self._last_phase = (state.phase, state.breath_index)
            cue_key, hint_key = _CUE_KEYS[state.phase]
            self.phase_label.setText(self.exercise.cues[cue_key])
            self.hint_label.setText(self.exercise.cues[hint_key])
            self.breath_label.setText(_("Breath %(number)d of %(total)d · %(rhythm)s") % {
                "number": state.breath_index + 1, "total": self.pattern.breaths,
                "rhythm": breathing_rhythm(self.pattern, QtFormats())})
            self.announce(f"{self.exercise.cues[cue_key]}. {self.exercise.cues[hint_key]}")
            self.phase_started.emit(state.phase.value)
        count = math.ceil(state.seconds_left)
        if count != self._last_count:
            self._last_count = count
            self.countdown_label.setText(str(count))

    def _show_paused(self, paused: bool) -> None:
        if paused:
            self.driver.stop()
            self._pacing = False  # going on starts the driver again
            if self.pages.currentIndex() == 1:
                self.hint_label.setText(_("Paused"))
            else:
                self.lead_in_label.setText(_("Paused"))
        else:
            self._last_phase = None  # the words come back with the next frame

    def showEvent(self, event: QShowEvent) -> None:
        """Start the frame driver again if the pacer is running."""
        super().showEvent(event)
        if self._pacing and not self.at_end and not self.paused:
            self.driver.start()

    def _finish(self) -> None:
        self.driver.stop()
        self.pacer.set_fullness(0.0)
        self._mark_end()
        self._show_page(2)
        self.announce(self.end_announcement())
