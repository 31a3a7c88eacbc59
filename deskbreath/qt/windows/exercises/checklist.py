"""A checklist (the posture check is one): tick what you changed, then the closing page.

The closing page has the done words, the stand-up suggestion after a long sitting bout, and
the one-tap question.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from deskbreath.core.clock import Clock
from deskbreath.core.exercises import Catalogue, Exercise
from deskbreath.core.history import ReportValue
from deskbreath.core.settings.model import Settings
from deskbreath.i18n import _, ngettext
from deskbreath.qt.look import spacing_unit
from deskbreath.qt.windows.exercises.base import ExerciseWidget, page_row
from deskbreath.qt.windows.exercises.parts import primary, scrolling, wrapped_label


class CheckPoint(QWidget):
    """One point of a checklist: a check box and its words, which wrap.

    A check box's own text never wraps, and would be cut on a narrow screen. A click on the
    words ticks it.
    """

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        unit = spacing_unit(self.font())
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(unit)
        self.box = QCheckBox(self)
        self.label = wrapped_label(text, self)
        self.label.setBuddy(self.box)
        self.label.installEventFilter(self)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tick the box on a click on the label, and give the box the focus."""
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease:
            self.box.toggle()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
            return True
        return False


class ChecklistWidget(ExerciseWidget):
    """The exercise's steps as a checklist, then its closing page; untimed, so no timers.

    The reports are ``fixed`` (the keys of the ticked items, in catalogue order) and, when the
    user tapped one, the question's key with the chosen answer.
    """

    timed = False

    @classmethod
    def estimated_seconds(cls, exercise: Exercise, settings: Settings) -> float:  # noqa: ARG003
        """How long the catalogue says the check takes (its ``seconds``)."""
        assert exercise.seconds is not None  # the catalogue requires it for this kind
        return exercise.seconds

    def __init__(self, exercise: Exercise, catalogue: Catalogue, settings: Settings,
                 clock: Clock, parent: QWidget | None = None, *,
                 sitting_seconds: float = 0.0) -> None:
        super().__init__(exercise, catalogue, settings, clock, parent,
                         sitting_seconds=sitting_seconds)
        self._stack_pages(self._build_checks, lambda: self._build_end(self))

    def _build_checks(self) -> QWidget:
        page = QWidget(self)
        row, column = page_row(page)
        row.addWidget(self._exercise_picture(page), 2)
        unit = spacing_unit(page.font())
        column.addWidget(wrapped_label(_("Check each point. Tick what you changed."), page))
        points, boxes = scrolling(page)
        boxes.setSpacing(max(2, unit // 2))
        boxes.setContentsMargins(unit, unit, unit, unit)  # room for the focus rings
        self.checks: dict[str, QCheckBox] = {}
        for step in self.exercise.steps:
            point = CheckPoint(step.text, points.content)
            point.box.setAccessibleName(_("I fixed: %(point)s") % {"point": step.text})
            boxes.addWidget(point)
            self.checks[step.key] = point.box
        boxes.addStretch(1)
        column.addWidget(points, 1)
        self.done_button = primary(QPushButton(_("Done checking"), page))
        self.done_button.setAccessibleName(_("Done checking"))
        self.done_button.clicked.connect(self._on_done_clicked)
        column.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignTrailing)
        row.addLayout(column, 3)
        return page

    def begin(self) -> None:
        """Start, and announce how many points there are to check."""
        super().begin()
        count = len(self.checks)
        self.announce(ngettext(
            "%(title)s: check %(n)d point and tick it if you changed it.",
            "%(title)s: check %(n)d points and tick each one you changed.", count)
            % {"title": self.exercise.title, "n": count})

    def focus_target(self) -> QWidget | None:
        """The base class's choice, else the first check box (or "Done checking")."""
        target = super().focus_target()
        if target is not None or self.at_end:
            return target
        return next(iter(self.checks.values()), self.done_button)

    def fixed(self) -> tuple[str, ...]:
        """The keys of the points ticked so far, in order."""
        return tuple(key for key, box in self.checks.items() if box.isChecked())

    def reports(self) -> dict[str, ReportValue]:
        """The base class's reports with the ticked points under ``fixed``."""
        return {"fixed": self.fixed(), **super().reports()}

    def _on_done_clicked(self) -> None:
        self._mark_end()
        self._show_page(1)
        self.announce(self.end_announcement())
