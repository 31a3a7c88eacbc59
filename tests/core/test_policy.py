"""ReminderPolicy: due time, rotation, random order, snooze and pause, with a fake clock."""

from __future__ import annotations

import itertools
import random

from deskbreath.core.policy import Mode, Moment, ReminderPolicy
from deskbreath.core.settings.model import Order, Settings
from deskbreath.core.sitting import SittingSnapshot
from tests.fakes import FakeClock


def snap(bout: float, *, bout_id: int = 0, present: bool = True) -> SittingSnapshot:
    return SittingSnapshot(bout_seconds=bout, bout_id=bout_id, present=present,
                           idle_seconds=0.0)


def moment(clock: FakeClock) -> Moment:
    return Moment(clock.monotonic(), clock.now())


def test_due_after_interval_and_not_for_an_absent_user(clock: FakeClock) -> None:
    """A prompt is due once the interval is sat through, and never to an empty desk."""
    policy = ReminderPolicy(Settings(reminder_interval=600))
    assert not policy.is_due(snap(599), moment(clock))
    assert policy.is_due(snap(600), moment(clock))
    assert not policy.is_due(snap(600, present=False), moment(clock))


def test_new_bout_restarts_interval(clock: FakeClock) -> None:
    """After a natural break the interval counts from the new bout's start."""
    policy = ReminderPolicy(Settings(reminder_interval=600))
    policy.prompt_closed("breathing", snap(600), answered=True)
    assert policy.due_in(snap(900)) == 300
    assert policy.due_in(snap(100, bout_id=1)) == 500


def test_random_order_never_repeats_immediately(clock: FakeClock) -> None:
    """In random order the next exercise differs from the one just done."""
    policy = ReminderPolicy(Settings(order=Order.RANDOM), rng=random.Random(7))
    seen = []
    for _ in range(30):
        current = policy.next_exercise
        assert current is not None
        seen.append(current)
        policy.prompt_closed(current, snap(0), answered=True)
    assert all(a != b for a, b in itertools.pairwise(seen))
    assert set(seen) == {"breathing", "rotation", "posture"}


def test_snooze_expires_by_itself(clock: FakeClock) -> None:
    """A snooze ends on its own after its length."""
    policy = ReminderPolicy(Settings())
    policy.snooze(300, moment(clock))
    assert policy.mode(moment(clock)) is Mode.SNOOZED
    clock.advance(301)
    assert policy.mode(moment(clock)) is Mode.RUNNING


def test_disabling_the_next_exercise_moves_to_an_enabled_one(clock: FakeClock) -> None:
    """If settings disable the exercise that was next, an enabled one takes its place."""
    policy = ReminderPolicy(Settings())
    policy.configure(Settings(exercises=("posture",)))
    assert policy.next_exercise == "posture"


def test_tracker_and_policy_make_an_eight_hour_day(clock: FakeClock) -> None:
    """Core only: 8 h at the desk with a 3-min coffee break each hour gives the expected
    prompts (one per 45 min of sitting, the breaks resetting the bouts)."""
    from deskbreath.core.sitting import SittingTracker
    from tests.fakes import FakeIdleSource

    idle = FakeIdleSource(clock)
    tracker = SittingTracker(clock, idle, 180)
    policy = ReminderPolicy(Settings(reminder_interval=45 * 60))
    prompts = 0
    for second in range(0, 8 * 3600, 15):
        clock.advance(15)
        if second % 3600 < 3300:  # at the desk, typing
            idle.touch()
        current = tracker.update()
        if policy.is_due(current, moment(clock)):
            prompts += 1
            policy.prompt_closed(policy.next_exercise or "", current, answered=True)
    # Each hour: 55 min sitting (one prompt at 45 min), then 5 min away (bout resets).
    assert prompts == 8


def test_pause_until_tomorrow_survives_a_daylight_saving_switch(clock: FakeClock) -> None:
    """Clocks go forward overnight: "until tomorrow" still ends at 08:00 local time."""
    policy = ReminderPolicy(Settings())
    clock.advance(13 * 3600)  # Monday 22:00 at +01:00
    policy.pause(moment(clock), until_tomorrow=True)
    clock.advance(5 * 3600)  # 03:00 at +01:00 ...
    clock.change_offset(2)  # ... is 04:00 at +02:00
    clock.advance(3.5 * 3600)  # 07:30 local
    assert policy.mode(moment(clock)) is Mode.PAUSED
    clock.advance(31 * 60)  # 08:01 local
    assert clock.now().strftime("%H:%M") == "08:01"
    assert policy.mode(moment(clock)) is Mode.RUNNING
