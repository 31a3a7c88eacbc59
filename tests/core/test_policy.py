"""ReminderPolicy: due time, rotation, random order, snooze and pause, questions that change
nothing and the explicit advance, with a fake clock.
"""

from __future__ import annotations

import itertools
import random

import pytest

from deskbreath.core.policy import HoldReason, Mode, Moment, ReminderPolicy
from deskbreath.core.settings.model import Order, Settings
from deskbreath.core.sitting import SittingSnapshot
from tests.fakes import FakeClock


def snap(bout: float, *, bout_id: int = 0, present: bool = True) -> SittingSnapshot:
    """A sitting snapshot with a bout of ``bout`` seconds and no idle time."""
    return SittingSnapshot(bout_seconds=bout, bout_id=bout_id, present=present,
                           idle_seconds=0.0)


def moment(clock: FakeClock) -> Moment:
    """The clock's current moment (monotonic and wall time, zone)."""
    return Moment(clock.monotonic(), clock.now(), clock.zone())


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


def test_snooze_ends_at_the_first_advance_after_its_length(clock: FakeClock) -> None:
    """A snooze runs out by itself: the first advance after its length ends it."""
    policy = ReminderPolicy(Settings())
    policy.snooze(300, moment(clock))
    clock.advance(299)
    policy.advance(snap(0), moment(clock))
    assert policy.mode(moment(clock)) is Mode.SNOOZED
    clock.advance(2)
    policy.advance(snap(0), moment(clock))
    assert policy.mode(moment(clock)) is Mode.RUNNING


def test_pause_end_needs_a_fresh_interval_from_the_advance_that_ends_it(
        clock: FakeClock) -> None:
    """Sitting done during a pause does not count: the interval restarts when the pause ends."""
    policy = ReminderPolicy(Settings(reminder_interval=600))
    policy.pause(moment(clock), seconds=3600)
    clock.advance(3601)
    policy.advance(snap(3000), moment(clock))
    assert policy.mode(moment(clock)) is Mode.RUNNING
    assert policy.due_in(snap(3000)) == 600
    assert not policy.is_due(snap(3599), moment(clock))
    assert policy.is_due(snap(3600), moment(clock))


def _state(policy: ReminderPolicy) -> dict[str, object]:
    """Every attribute of the policy (the random source by its state)."""
    state = {name: value for name, value in vars(policy).items() if name != "_rng"}
    state["_rng"] = policy._rng.getstate()
    return state


def _ask_everything(policy: ReminderPolicy, snapshot: SittingSnapshot, now: Moment) -> tuple[
        object, ...]:
    return (policy.mode(now), policy.due_in(snapshot), policy.is_due(snapshot, now),
            policy.needs_busy_check(snapshot, now), policy.held_back(snapshot, now),
            policy.next_check(snapshot, now), policy.status(snapshot, now))


@pytest.mark.parametrize("setup", ["running", "due", "snoozed", "paused", "held", "grace"])
def test_questions_change_nothing_asked_twice_or_later(clock: FakeClock, setup: str) -> None:
    """Asking every question twice, and again hours later and with a new bout, without an
    advance, leaves the policy exactly as it was and answers the first question the same.
    """
    policy = ReminderPolicy(Settings(reminder_interval=600))
    bout = 700.0 if setup in ("due", "held", "grace") else 100.0
    policy.advance(snap(bout), moment(clock))
    if setup == "snoozed":
        policy.snooze(300, moment(clock))
    elif setup == "paused":
        policy.pause(moment(clock), seconds=300)
    elif setup in ("held", "grace"):
        policy.set_busy(frozenset({HoldReason.CAMERA}), snap(bout), moment(clock))
    if setup == "grace":
        policy.set_busy(frozenset(), snap(bout), moment(clock))
    before = _state(policy)
    now = moment(clock)

    first = _ask_everything(policy, snap(bout), now)
    second = _ask_everything(policy, snap(bout), now)
    clock.advance(4 * 3600)
    _ask_everything(policy, snap(bout + 4 * 3600), moment(clock))
    _ask_everything(policy, snap(5, bout_id=1), moment(clock))
    again = _ask_everything(policy, snap(bout), now)

    assert _state(policy) == before
    assert first == second == again


def test_advancing_does_what_answering_used_to_do(clock: FakeClock) -> None:
    """A snooze asked about after its end still reads as snoozed until advance() ends it."""
    policy = ReminderPolicy(Settings())
    policy.snooze(300, moment(clock))
    clock.advance(301)
    assert policy.mode(moment(clock)) is Mode.SNOOZED
    policy.advance(snap(0), moment(clock))
    assert policy.mode(moment(clock)) is Mode.RUNNING


def test_disabling_the_next_exercise_moves_to_an_enabled_one(clock: FakeClock) -> None:
    """If settings disable the exercise that was next, an enabled one takes its place."""
    policy = ReminderPolicy(Settings())
    policy.configure(Settings(exercises=("posture",)))
    assert policy.next_exercise == "posture"


def test_tracker_and_policy_make_an_eight_hour_day(clock: FakeClock) -> None:
    """Core only: 8 h at the desk with a 3-min coffee break each hour gives the expected
    prompts (one per 45 min of sitting, the breaks resetting the bouts).
    """
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
    policy.advance(snap(0), moment(clock))
    assert policy.mode(moment(clock)) is Mode.PAUSED
    clock.advance(31 * 60)  # 08:01 local
    assert clock.now().strftime("%H:%M") == "08:01"
    policy.advance(snap(0), moment(clock))
    assert policy.mode(moment(clock)) is Mode.RUNNING
