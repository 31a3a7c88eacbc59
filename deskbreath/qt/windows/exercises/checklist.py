"""A checklist (the posture check is one): tick what you changed, then one tap to answer the
closing question, if the exercise has one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from deskbreath.core.clock import Clock
from deskbreath.core.exercises import Catalogue, Exercise
from deskbreath.core.settings.model import Settings
from deskbreath.i18n import _
from deskbreath.qt.windows.exercises.base import (
    ExerciseWidget,
    Illustration,
    add_answer_buttons,
    wrapped_label,
)

CHECKLIST_SECONDS = 20.0  # ten seconds of checking, a few more to tick and rate


class ChecklistWidget(ExerciseWidget):
    """The exercise's steps as a checklist, and its question; untimed, so no timers at all.

    The reports are ``fixed`` (the keys of the ticked items, in catalogue order) and, when the
    user tapped one, the question's key with the chosen answer.
    """

    @classmethod
    def estimated_seconds(cls, exercise: Exercise, settings: Settings) -> float:  # noqa: ARG003
        """A short check: about the same however many points it has, whatever the settings."""
        return CHECKLIST_SECONDS

    def __init__(self, exercise: Exercise, catalogue: Catalogue, settings: Settings,
                 clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(exercise, catalogue, settings, clock, parent)
        layout = QHBoxLayout(self)
        picture = Illustration(self)
        if exercise.image:
            picture.set_image(catalogue.image_path(exercise.image), exercise.image_text)
        layout.addWidget(picture, 2)
        column = QVBoxLayout()
        column.addWidget(wrapped_label(_("Check each point. Tick what you changed."), self))
        self.checks: dict[str, QCheckBox] = {}
        for step in exercise.steps:
            box = QCheckBox(step.text, self)
            box.setAccessibleName(_("I fixed: %(point)s") % {"point": step.text})
            column.addWidget(box)
            self.checks[step.key] = box
        column.addSpacing(8)
        self.rating_buttons: list[QPushButton] = []
        question = exercise.question
        if question is not None:
            self.rating_buttons = add_answer_buttons(column, question, self,
                                                     self._on_rating_clicked)
        column.addStretch(1)
        self.done_button = QPushButton(_("Done"), self)
        self.done_button.setAccessibleName(_("Done, without rating"))
        self.done_button.clicked.connect(self._on_done_clicked)
        column.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(column, 3)

    def focus_target(self) -> QWidget | None:
        return next(iter(self.checks.values()), self.done_button)

    def fixed(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.checks.items() if box.isChecked())

    def _on_rating_clicked(self, key: str) -> None:
        assert self.exercise.question is not None
        self.completed.emit({"fixed": self.fixed(), self.exercise.question.key: key})

    def _on_done_clicked(self) -> None:
        self.completed.emit({"fixed": self.fixed()})
