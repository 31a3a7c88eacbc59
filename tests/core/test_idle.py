"""IdleHealth: it notices idle information that cannot be right."""

from __future__ import annotations

from deskbreath.core.idle import IdleHealth, IdleProblem
from deskbreath.desktop.idle.base import NullIdleSource
from tests.fakes import FakeClock, FakeIdleSource


def test_a_fallback_source_is_reported_as_no_backend() -> None:
    """The null fallback means no idle backend works."""
    assert IdleHealth().problem(NullIdleSource("nothing answered")) is IdleProblem.NO_BACKEND


def test_warns_when_idle_time_is_stuck_while_prompts_come(clock: FakeClock,
                                                         idle: FakeIdleSource) -> None:
    """An idle time that never moves for an hour while prompts keep coming is flagged."""
    health = IdleHealth()
    for minute in range(61):
        health.observe(0.0, clock.monotonic())
        if minute in (20, 40):
            health.prompt_shown(clock.monotonic())
        clock.advance(60)

    assert health.problem(idle) is IdleProblem.STUCK
    health.observe(300.0, clock.monotonic())
    assert health.problem(idle) is None
