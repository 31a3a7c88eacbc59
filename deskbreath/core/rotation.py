"""The seated rotation as a plan: every step with its side, start and length.

The Qt widget only looks up :meth:`RotationPlan.at` with the seconds since the start, so the
order of steps, sides and repetitions is decided (and tested) here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from deskbreath.core.exercises import SIDES
from deskbreath.core.settings.model import RotationSettings

HOLD_KEY = "hold"


@dataclass(frozen=True)
class PlannedStep:
    """One step of the plan.

    Attributes:
        key: the catalogue step key ("lengthen", "turn", "hold", "return").
        side: "left" or "right", the side this turn goes to.
        start: seconds from the start of the exercise.
        seconds: how long the step lasts.
        repetition: 1-based count of turns to this side.
        turn: 1-based count of turns overall.
    """

    key: str
    side: str
    start: float
    seconds: float
    repetition: int
    turn: int

    @property
    def end(self) -> float:
        """Seconds from the start of the exercise to the end of this step."""
        return self.start + self.seconds


class PlanPosition(NamedTuple):
    """Where the plan is: the step's index, the step, seconds left in it, and whether done."""

    step_index: int
    step: PlannedStep
    seconds_left: float
    finished: bool


@dataclass(frozen=True)
class RotationPlan:
    """The whole exercise, step by step."""

    steps: tuple[PlannedStep, ...]
    repetitions: int

    @property
    def total(self) -> float:
        """Seconds in the whole exercise (the end of the last step)."""
        return self.steps[-1].end

    def at(self, elapsed: float) -> PlanPosition:
        """The step under way ``elapsed`` seconds after the start (the last one once done)."""
        if elapsed >= self.total:
            return PlanPosition(len(self.steps) - 1, self.steps[-1], 0.0, True)
        elapsed = max(0.0, elapsed)
        for index, step in enumerate(self.steps):
            if elapsed < step.end:
                return PlanPosition(index, step, step.end - elapsed, False)
        return PlanPosition(len(self.steps) - 1, self.steps[-1], 0.0, True)  # pragma: no cover


def rotation_plan(
    settings: RotationSettings, cycle: Sequence[tuple[str, float | None]],
) -> RotationPlan:
    """Build the plan: turns alternate left and right, ``settings.repetitions`` to each side.

    Args:
        settings: repetitions per side and the hold length.
        cycle: the steps of one turn in order as ``(key, seconds)``; the ``"hold"`` step takes
            its length from the settings, every other step needs a positive length.

    Raises:
        ValueError: a step has no positive length, or repetitions is below one.
    """
    if settings.repetitions < 1:
        raise ValueError(f"repetitions must be at least 1, got {settings.repetitions!r}")
    lengths: list[tuple[str, float]] = []
    for key, seconds in cycle:
        length = settings.hold if key == HOLD_KEY else seconds
        if length is None or length <= 0:
            raise ValueError(f"rotation step {key!r} needs a positive length, got {length!r}")
        lengths.append((key, float(length)))
    if not lengths:
        raise ValueError("a rotation needs at least one step")
    steps: list[PlannedStep] = []
    start = 0.0
    for turn in range(settings.repetitions * len(SIDES)):
        side = SIDES[turn % len(SIDES)]
        for key, seconds in lengths:
            steps.append(PlannedStep(key, side, start, seconds, turn // len(SIDES) + 1, turn + 1))
            start += seconds
    return RotationPlan(tuple(steps), settings.repetitions)
