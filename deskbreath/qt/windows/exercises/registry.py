"""The exercise widgets, one module per exercise, and the factory the prompt window uses."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from deskbreath.core.breathing import BreathPattern
from deskbreath.core.clock import Clock
from deskbreath.core.exercises import Catalogue
from deskbreath.core.rotation import rotation_plan
from deskbreath.core.settings.model import Settings
from deskbreath.qt.windows.exercises.base import ExerciseWidget
from deskbreath.qt.windows.exercises.breathing import BREATHING_LEAD_IN, BreathingWidget
from deskbreath.qt.windows.exercises.posture import POSTURE_SECONDS, PostureWidget
from deskbreath.qt.windows.exercises.rotation import ROTATION_LEAD_IN, RotationWidget

__all__ = ["ExerciseWidget", "create_exercise_widget", "estimated_seconds"]

_WIDGETS: dict[str, type[ExerciseWidget]] = {
    "breathing": BreathingWidget,
    "rotation": RotationWidget,
    "posture": PostureWidget,
}


def create_exercise_widget(exercise_id: str, catalogue: Catalogue, settings: Settings,
                           clock: Clock, parent: QWidget | None = None) -> ExerciseWidget:
    """The widget for ``exercise_id``; a KeyError names an unknown id."""
    try:
        widget_class = _WIDGETS[exercise_id]
    except KeyError:
        raise KeyError(f"no widget for exercise {exercise_id!r}") from None
    return widget_class(catalogue.get(exercise_id), catalogue, settings, clock, parent)


def estimated_seconds(exercise_id: str, catalogue: Catalogue, settings: Settings) -> float:
    """How long the exercise takes with these settings, for the offer ("about 2 min")."""
    if exercise_id == "breathing":
        return BREATHING_LEAD_IN + BreathPattern.from_settings(settings.breathing).total
    if exercise_id == "rotation":
        cycle = [(s.key, s.seconds) for s in catalogue.get("rotation").steps]
        return ROTATION_LEAD_IN + rotation_plan(settings.rotation, cycle).total
    return POSTURE_SECONDS
