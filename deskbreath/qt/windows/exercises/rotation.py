"""Seated thoracic rotation: a lead-in with the setup, then the core's step plan followed
step by step with an illustration, a side indicator, a hold countdown and the turn count.

Nothing here moves smoothly, so there is no animation: the one-shot tick wakes the widget when
the whole-second countdown changes or a step ends (about once a second).
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.clock import Clock
from deskbreath.core.exercises import SIDES, Catalogue, Exercise
from deskbreath.core.rotation import PlannedStep, rotation_plan
from deskbreath.core.settings.model import Settings
from deskbreath.core.wording import seconds_text
from deskbreath.i18n import _
from deskbreath.qt.windows.exercises.base import Illustration, LeadInExerciseWidget, wrapped_label

ROTATION_LEAD_IN = 8.0


def _cycle(exercise: Exercise) -> list[tuple[str, float | None]]:
    """The exercise's steps as the rotation plan takes them: (key, seconds or None)."""
    return [(step.key, step.seconds) for step in exercise.steps]


class RotationWidget(LeadInExerciseWidget):
    """Guides the turns: left and right alternately, the configured repetitions each side."""

    @classmethod
    def estimated_seconds(cls, exercise: Exercise, settings: Settings) -> float:
        """The lead-in and every planned step of the exercise's own cycle."""
        return ROTATION_LEAD_IN + rotation_plan(settings.rotation, _cycle(exercise)).total

    def __init__(self, exercise: Exercise, catalogue: Catalogue, settings: Settings,
                 clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(exercise, catalogue, settings, clock, parent)
        self.plan = rotation_plan(settings.rotation, _cycle(exercise))
        self.lead_in = ROTATION_LEAD_IN
        self._last_index: int | None = None

        self._stack_pages(
            lambda: self._build_lead_in(
                countdown_name=_("Time until the first turn"),
                begin_name=_("Begin the turns now")),
            self._build_steps,
            self._build_end,
        )

    # -- pages ---------------------------------------------------------------------------------

    def _build_steps(self) -> QWidget:
        page = QWidget(self)
        layout = QHBoxLayout(page)
        picture_column = QVBoxLayout()
        self.picture = Illustration(page)
        picture_column.addWidget(self.picture, 1)
        caption = wrapped_label(_("Seen from above"), page, factor=0.9)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture_column.addWidget(caption)
        layout.addLayout(picture_column, 2)
        column = QVBoxLayout()
        sides = QHBoxLayout()
        self.side_labels: dict[str, QLabel] = {}
        for side in SIDES:
            name = self.exercise.sides[side]
            text = f"◀ {name}" if side == "left" else f"{name} ▶"
            label = wrapped_label(text, page, factor=1.1, bold=True)
            label.setAccessibleName(_("Side: %(side)s") % {"side": name})
            self.side_labels[side] = label
        sides.addWidget(self.side_labels["left"])
        sides.addStretch(1)
        sides.addWidget(self.side_labels["right"])
        column.addLayout(sides)
        self.step_label = wrapped_label("", page, factor=1.5, bold=True)
        column.addWidget(self.step_label)
        self.countdown_label = wrapped_label("", page, factor=1.8)
        self.countdown_label.setAccessibleName(_("Seconds left in this step"))
        column.addWidget(self.countdown_label)
        self.step_bar = QProgressBar(page)
        self.step_bar.setRange(0, 1000)
        self.step_bar.setTextVisible(False)
        self.step_bar.setAccessibleName(_("Time in this step"))
        column.addWidget(self.step_bar)
        self.turn_label = wrapped_label("", page)
        column.addWidget(self.turn_label)
        column.addStretch(1)
        layout.addLayout(column, 3)
        return page

    def _build_end(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(wrapped_label(self.exercise.done, page, factor=1.2, bold=True))
        layout.addStretch(1)
        return page

    # -- behaviour -----------------------------------------------------------------------------

    def focus_target(self) -> QWidget | None:
        if self.at_end:
            return None  # the window's Close button
        if self.pages.currentIndex() == 0:
            return self.begin_now_button
        return None

    @property
    def current_step(self) -> PlannedStep | None:
        """The step on screen, None during the lead-in and after the end."""
        if self._last_index is None or self.at_end:
            return None
        return self.plan.steps[self._last_index]

    def sync(self) -> None:
        if self.at_end:
            return
        elapsed = self.elapsed()
        if elapsed < self.lead_in:
            left = self.lead_in - elapsed
            self.lead_in_label.setText(_("Starting in %(n)d") % {"n": math.ceil(left)})
            self.pages.setCurrentIndex(0)
            self.sync_when_countdown_changes(left)
            return
        position = self.plan.at(elapsed - self.lead_in)
        if position.finished:
            self._finish()
            return
        self.pages.setCurrentIndex(1)
        step = position.step
        if position.step_index != self._last_index:
            self._last_index = position.step_index
            self._show_step(step)
        self.countdown_label.setText(seconds_text(math.ceil(position.seconds_left)))
        self.step_bar.setValue(round(1000 * (1 - position.seconds_left / step.seconds)))
        self.sync_when_countdown_changes(position.seconds_left)

    def _show_step(self, step: PlannedStep) -> None:
        template = self.exercise.step(step.key)
        side_name = self.exercise.sides[step.side]
        text = template.text.format(side=side_name)
        self.step_label.setText(text)
        image = template.image_for(step.side)
        if image is not None:
            self.picture.set_image(self.catalogue.image_path(image), text)
        for side, label in self.side_labels.items():
            self._mark_side(label, active=side == step.side)
        self.turn_label.setText(_("Turn %(number)d of %(total)d to the %(side)s") % {
            "number": step.repetition, "total": self.plan.repetitions, "side": side_name})
        self.announce(text)

    def _mark_side(self, label: QLabel, *, active: bool) -> None:
        # The side not in use is dimmed from the window's own text colour, so it works in any
        # theme (a disabled palette is not reliably distinct in every dark theme).
        colour = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        if not active:
            colour.setAlphaF(0.4)
        palette = QPalette(label.palette())
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        label.setPalette(palette)
        label.setProperty("active", active)

    def _finish(self) -> None:
        self._tick.stop()
        self.pages.setCurrentIndex(2)
        self._mark_end()
        self.announce(self.exercise.done)
