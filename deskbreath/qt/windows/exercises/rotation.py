"""Seated thoracic rotation (and its variants).

A lead-in with the setup, then the core's step plan followed step by step with a moving
illustration, a side indicator, a hold countdown and the turn count, then the closing question
("was one side stiffer?").

Still steps wake the widget only when the whole-second countdown changes (about once a
second). A step with frames (the turn and the way back) shows them one into the next in step
with the movement, driven per display frame while that step lasts; with reduced motion it
shows its still picture and stays on the once-a-second tick.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractAnimation, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from deskbreath.core.clock import Clock
from deskbreath.core.exercises import SIDES, Catalogue, Exercise
from deskbreath.core.rotation import PlannedStep, rotation_plan
from deskbreath.core.settings.model import Settings
from deskbreath.core.wording import seconds_text
from deskbreath.i18n import _
from deskbreath.qt.look import TypeScale
from deskbreath.qt.windows.exercises.base import (
    LeadInExerciseWidget,
    page_row,
    reduced_motion_wanted,
)
from deskbreath.qt.windows.exercises.illustration import Illustration
from deskbreath.qt.windows.exercises.parts import wrapped_label


def _cycle(exercise: Exercise) -> list[tuple[str, float | None]]:
    """The exercise's steps as the rotation plan takes them: (key, seconds or None)."""
    return [(step.key, step.seconds) for step in exercise.steps]


class RotationWidget(LeadInExerciseWidget):
    """Guides the turns: left and right alternately, the configured repetitions each side."""

    @classmethod
    def estimated_seconds(cls, exercise: Exercise, settings: Settings) -> float:
        """The lead-in and every planned step of the exercise's own cycle."""
        return (exercise.lead_in or 0.0) + rotation_plan(settings.rotation,
                                                         _cycle(exercise)).total

    def __init__(self, exercise: Exercise, catalogue: Catalogue, settings: Settings,
                 clock: Clock, parent: QWidget | None = None, *,
                 sitting_seconds: float = 0.0) -> None:
        super().__init__(exercise, catalogue, settings, clock, parent,
                         sitting_seconds=sitting_seconds)
        self.plan = rotation_plan(settings.rotation, _cycle(exercise))
        self.reduced_motion = reduced_motion_wanted(settings.reduced_motion)
        self._last_index: int | None = None
        self._last_count: int | None = None

        self._stack_pages(
            lambda: self._build_lead_in(
                countdown_name=_("Time until the first turn"),
                begin_name=_("Begin the turns now")),
            self._build_steps,
            lambda: self._build_end(self),
        )

    # -- pages ---------------------------------------------------------------------------------

    def _build_steps(self) -> QWidget:
        page = QWidget(self)
        layout, column = page_row(page)
        picture_column = QVBoxLayout()
        self.picture = Illustration(page)
        picture_column.addWidget(self.picture, 1)
        caption = wrapped_label(_("Seen from the front, as in a mirror"), page,
                                factor=TypeScale.SMALL, secondary=True)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture_column.addWidget(caption)
        layout.addLayout(picture_column, 2)
        sides = QHBoxLayout()
        self.side_labels: dict[str, QLabel] = {}
        for side in SIDES:
            name = self.exercise.sides[side]
            text = f"◀ {name}" if side == "left" else f"{name} ▶"
            label = wrapped_label(text, page, factor=TypeScale.HEADING, bold=True)
            label.setAccessibleName(_("Side: %(side)s") % {"side": name})
            self.side_labels[side] = label
        sides.addWidget(self.side_labels["left"])
        sides.addStretch(1)
        sides.addWidget(self.side_labels["right"])
        column.addLayout(sides)
        self.step_label = wrapped_label("", page, factor=TypeScale.HEADING, bold=True)
        column.addWidget(self.step_label)
        self.countdown_label = wrapped_label("", page, factor=TypeScale.TITLE)
        self.countdown_label.setAccessibleName(_("Seconds left in this step"))
        column.addWidget(self.countdown_label)
        self.step_bar = QProgressBar(page)
        self.step_bar.setRange(0, 1000)
        self.step_bar.setTextVisible(False)
        self.step_bar.setAccessibleName(_("Time in this step"))
        column.addWidget(self.step_bar)
        self.turn_label = wrapped_label("", page, secondary=True)
        column.addWidget(self.turn_label)
        column.addStretch(1)
        layout.addLayout(column, 3)
        return page

    # -- behaviour -----------------------------------------------------------------------------

    @property
    def current_step(self) -> PlannedStep | None:
        """The step on screen, None during the lead-in and after the end."""
        if self._last_index is None or self.at_end:
            return None
        return self.plan.steps[self._last_index]

    def sync(self) -> None:
        """Show the lead-in, the step under way at its progress, or the end, by the clock."""
        timed = self._timed_seconds()
        if timed is None:
            return
        position = self.plan.at(timed)
        if position.finished:
            self._finish()
            return
        self._show_page(1)
        step = position.step
        if position.step_index != self._last_index:
            self._last_index = position.step_index
            self._show_step(step)
        done = 1 - position.seconds_left / step.seconds
        self.picture.set_progress(done)
        self.step_bar.setValue(round(1000 * done))
        count = math.ceil(position.seconds_left)
        if count != self._last_count:
            self._last_count = count
            self.countdown_label.setText(seconds_text(count))
        if self.picture.frames and len(self.picture.frames) > 1 and self.isVisible():
            if self.driver.state() != QAbstractAnimation.State.Running:
                self._tick.stop()
                self.driver.start()
        else:
            self.driver.stop()
            self.sync_when_countdown_changes(position.seconds_left)

    def _show_step(self, step: PlannedStep) -> None:
        template = self.exercise.step(step.key)
        side_name = self.exercise.sides[step.side]
        text = template.text.format(side=side_name)
        self.step_label.setText(text)
        frames = template.frames_for(step.side)
        if frames and not self.reduced_motion:
            self.picture.set_frames(tuple(self.catalogue.image_path(f) for f in frames), text)
        else:
            image = template.image_for(step.side)
            self.picture.set_image(None if image is None else self.catalogue.image_path(image),
                                   text)
        for side, label in self.side_labels.items():
            self._mark_side(label, active=side == step.side)
        self.turn_label.setText(_("Turn %(number)d of %(total)d to the %(side)s") % {
            "number": step.repetition, "total": self.plan.repetitions, "side": side_name})
        self.announce(text)

    def _mark_side(self, label: QLabel, *, active: bool) -> None:
        # The side not in use is in the look's secondary text colour (still readable, 4.5:1)
        # and not bold; the active one is bold in the text colour.
        label.setProperty("active", active)
        label.setProperty("secondary", not active)
        font = label.font()
        font.setBold(active)
        label.setFont(font)
        label.style().unpolish(label)
        label.style().polish(label)

    def _show_paused(self, paused: bool) -> None:
        if paused:
            self.driver.stop()
            label = self.countdown_label if self.pages.currentIndex() == 1 \
                else self.lead_in_label
            label.setText(_("Paused"))
        self._last_count = None

    def _finish(self) -> None:
        self.driver.stop()
        self._mark_end()
        self._show_page(2)
        self.announce(self.end_announcement())
