"""The rotation step plan."""

from __future__ import annotations

import pytest

from deskbreath.core.rotation import rotation_plan
from deskbreath.core.settings.model import RotationSettings

CYCLE = (("lengthen", 3.0), ("turn", 3.0), ("hold", None), ("return", 2.0))


def test_default_plan_alternates_sides_five_times_each() -> None:
    """Five turns to each side, alternating, starting left, each lengthen-turn-hold-return."""
    plan = rotation_plan(RotationSettings(), CYCLE)

    turns = [s for s in plan.steps if s.key == "turn"]
    assert [s.side for s in turns] == ["left", "right"] * 5
    assert [s.repetition for s in turns] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert [s.key for s in plan.steps[:4]] == ["lengthen", "turn", "hold", "return"]
    assert plan.total == pytest.approx(10 * (3 + 3 + 5 + 2))


def test_hold_length_comes_from_the_settings() -> None:
    """The hold step lasts as long as the settings say."""
    plan = rotation_plan(RotationSettings(repetitions=2, hold=8), CYCLE)

    assert {s.seconds for s in plan.steps if s.key == "hold"} == {8.0}


def test_at_finds_the_step_and_time_left() -> None:
    """Any moment maps to the step under way and the seconds left in it."""
    plan = rotation_plan(RotationSettings(), CYCLE)

    position = plan.at(13 + 3 + 1.5)  # second turn (right), 1.5 s into its turn step

    assert (position.step.key, position.step.side, position.step.turn) == ("turn", "right", 2)
    assert position.seconds_left == pytest.approx(1.5)
    assert not position.finished
    assert plan.at(plan.total).finished


def test_step_without_a_length_is_refused_naming_it() -> None:
    """A timed step with no positive length raises an error naming the step."""
    with pytest.raises(ValueError, match="'turn'"):
        rotation_plan(RotationSettings(), (("lengthen", 3.0), ("turn", None)))
