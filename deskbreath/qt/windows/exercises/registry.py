"""The widget for each kind of exercise, and the factory the prompt window uses.

The catalogue says which kind each exercise is (:data:`deskbreath.core.exercises.KINDS`);
this registry maps a kind to the widget class that runs it. Each class also says how long
an exercise of its kind takes. A new exercise of an existing kind needs nothing here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from deskbreath.core.clock import Clock
from deskbreath.core.exercises import Catalogue
from deskbreath.core.settings.model import Settings
from deskbreath.qt.windows.exercises.base import ExerciseWidget
from deskbreath.qt.windows.exercises.breathing import BreathingWidget
from deskbreath.qt.windows.exercises.checklist import ChecklistWidget
from deskbreath.qt.windows.exercises.rotation import RotationWidget

__all__ = ["WIDGETS", "ExerciseWidget", "create_exercise_widget", "estimated_seconds"]

WIDGETS: dict[str, type[ExerciseWidget]] = {
    "breathing": BreathingWidget,
    "rotation": RotationWidget,
    "checklist": ChecklistWidget,
}
"""The widget class for each kind of exercise."""


def _widget_class(kind: str) -> type[ExerciseWidget]:
    try:
        return WIDGETS[kind]
    except KeyError:
        raise KeyError(f"no widget for exercises of kind {kind!r}") from None


def create_exercise_widget(exercise_id: str, catalogue: Catalogue, settings: Settings,
                           clock: Clock, parent: QWidget | None = None, *,
                           variant: str | None = None,
                           sitting_seconds: float = 0.0) -> ExerciseWidget:
    """The widget for ``exercise_id`` (its ``variant``, if given), by its kind.

    Args:
        exercise_id: the exercise's id in ``catalogue``.
        catalogue: the exercises there are.
        settings: the settings the widget runs with.
        clock: the injected clock the widget times the exercise by.
        parent: the widget's Qt parent.
        variant: the variant of the exercise to run; None: the exercise as it is.
        sitting_seconds: how long the user had been sitting when it was offered.

    Raises:
        KeyError: the catalogue has no such exercise or variant, or no widget runs its kind.
    """
    exercise = catalogue.variant(exercise_id, variant)
    return _widget_class(exercise.kind)(exercise, catalogue, settings, clock, parent,
                                        sitting_seconds=sitting_seconds)


def estimated_seconds(exercise_id: str, catalogue: Catalogue, settings: Settings, *,
                      variant: str | None = None) -> float:
    """How long the exercise (its ``variant``, if given) takes with these settings.

    For the offer ("about 2 min").

    Raises:
        KeyError: the catalogue has no such exercise or variant, or no widget runs its kind.
    """
    exercise = catalogue.variant(exercise_id, variant)
    return _widget_class(exercise.kind).estimated_seconds(exercise, settings)
