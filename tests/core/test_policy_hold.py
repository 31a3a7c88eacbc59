"""ReminderPolicy: a due prompt held back while the user is busy, distinct from away."""

from __future__ import annotations

from datetime import timedelta

import pytest

from deskbreath.core.policy import HOLD_PRIORITY, HoldReason, Moment, ReminderPolicy
from deskbreath.core.settings.model import BusySettings, Settings
from deskbreath.core.sitting import SittingSnapshot, SittingTracker
from tests.fakes import FakeClock, FakeIdleSource

INTERVAL = 600.0
MIC = frozenset({HoldReason.MICROPHONE})
NOT_BUSY: frozenset[HoldReason] = frozenset()


def snap(bout: float, *, bout_id: int = 0, present: bool = True) -> SittingSnapshot:
    """A sitting snapshot with a bout of ``bout`` seconds and no idle time."""
    return SittingSnapshot(bout_seconds=bout, bout_id=bout_id, present=present,
                           idle_seconds=0.0)


def moment(clock: FakeClock) -> Moment:
    """The clock's current moment (monotonic and wall time, zone)."""
    return Moment(clock.monotonic(), clock.now(), clock.zone())


@pytest.fixture
def policy() -> ReminderPolicy:
    """A policy with a 10-minute interval and the default 60 s grace."""
    return ReminderPolicy(Settings(reminder_interval=INTERVAL))


def test_every_reason_has_one_place_in_the_priority() -> None:
    """The documented priority names each hold reason exactly once."""
    assert sorted(HOLD_PRIORITY) == sorted(HoldReason)
    assert len(set(HOLD_PRIORITY)) == len(HOLD_PRIORITY)


def test_busy_holds_a_due_prompt_back_showing_the_first_reason(
        policy: ReminderPolicy, clock: FakeClock) -> None:
    """A due prompt is held back while busy; the status shows the highest-priority reason
    and when the hold began.
    """
    policy.advance(snap(INTERVAL), moment(clock))
    assert policy.needs_busy_check(snap(INTERVAL), moment(clock))
    began = clock.now()

    policy.set_busy(frozenset({HoldReason.DO_NOT_DISTURB, HoldReason.CAMERA}), snap(INTERVAL),
                    moment(clock))
    clock.advance(30)
    policy.advance(snap(INTERVAL + 30), moment(clock))

    assert not policy.is_due(snap(INTERVAL + 30), moment(clock))
    held = policy.status(snap(INTERVAL + 30), moment(clock)).held_back
    assert held is not None
    assert (held.reason, held.since) == (HoldReason.CAMERA, began)
    assert held.reasons == {HoldReason.DO_NOT_DISTURB, HoldReason.CAMERA}


def test_a_changing_set_of_reasons_keeps_the_hold_and_its_start(
        policy: ReminderPolicy, clock: FakeClock) -> None:
    """One reason ending while another holds keeps the hold going since it first began."""
    policy.advance(snap(INTERVAL), moment(clock))
    began = clock.now()
    policy.set_busy(frozenset({HoldReason.SCREEN_SHARING, HoldReason.FULLSCREEN}),
                    snap(INTERVAL), moment(clock))
    clock.advance(120)
    policy.advance(snap(INTERVAL + 120), moment(clock))
    policy.set_busy(frozenset({HoldReason.FULLSCREEN}), snap(INTERVAL + 120), moment(clock))

    held = policy.held_back(snap(INTERVAL + 120), moment(clock))

    assert held is not None
    assert (held.reason, held.since) == (HoldReason.FULLSCREEN, began)


def test_the_prompt_comes_a_grace_period_after_the_last_reason_ends(
        policy: ReminderPolicy, clock: FakeClock) -> None:
    """When the last reason ends the prompt waits 60 s (on the fake clock), then is due."""
    policy.advance(snap(INTERVAL), moment(clock))
    policy.set_busy(MIC, snap(INTERVAL), moment(clock))
    clock.advance(600)
    policy.advance(snap(INTERVAL + 600), moment(clock))
    policy.set_busy(NOT_BUSY, snap(INTERVAL + 600), moment(clock))
    ended = clock.now()

    assert policy.held_back(snap(INTERVAL + 600), moment(clock)) is None
    assert not policy.is_due(snap(INTERVAL + 600), moment(clock))
    assert policy.next_check(snap(INTERVAL + 600), moment(clock)) == ended + timedelta(
        seconds=60)
    clock.advance(59)
    policy.advance(snap(INTERVAL + 659), moment(clock))
    assert not policy.is_due(snap(INTERVAL + 659), moment(clock))
    clock.advance(1)
    policy.advance(snap(INTERVAL + 660), moment(clock))
    assert policy.is_due(snap(INTERVAL + 660), moment(clock))


def test_the_grace_period_is_a_setting(clock: FakeClock) -> None:
    """With ``[busy] grace = "5s"`` the prompt comes 5 s after the hold ends."""
    policy = ReminderPolicy(Settings(reminder_interval=INTERVAL,
                                     busy=BusySettings(grace=5.0)))
    policy.advance(snap(INTERVAL), moment(clock))
    policy.set_busy(MIC, snap(INTERVAL), moment(clock))
    policy.set_busy(NOT_BUSY, snap(INTERVAL), moment(clock))
    clock.advance(5)
    policy.advance(snap(INTERVAL + 5), moment(clock))
    assert policy.is_due(snap(INTERVAL + 5), moment(clock))


def test_busy_again_during_the_grace_period_holds_the_prompt_again(
        policy: ReminderPolicy, clock: FakeClock) -> None:
    """A second call starting within the grace period holds the prompt back anew."""
    policy.advance(snap(INTERVAL), moment(clock))
    policy.set_busy(MIC, snap(INTERVAL), moment(clock))
    policy.set_busy(NOT_BUSY, snap(INTERVAL), moment(clock))
    clock.advance(30)
    policy.advance(snap(INTERVAL + 30), moment(clock))
    again = clock.now()
    policy.set_busy(frozenset({HoldReason.CAMERA}), snap(INTERVAL + 30), moment(clock))
    clock.advance(60)
    policy.advance(snap(INTERVAL + 90), moment(clock))

    held = policy.held_back(snap(INTERVAL + 90), moment(clock))
    assert held is not None
    assert held.since == again
    assert not policy.is_due(snap(INTERVAL + 90), moment(clock))


def test_busy_before_a_prompt_is_due_is_forgotten(
        policy: ReminderPolicy, clock: FakeClock) -> None:
    """A busy answer while nothing is due holds nothing: when the prompt is due, it comes."""
    policy.advance(snap(100), moment(clock))
    assert not policy.needs_busy_check(snap(100), moment(clock))
    policy.set_busy(MIC, snap(100), moment(clock))
    assert policy.held_back(snap(100), moment(clock)) is None
    clock.advance(500)
    policy.advance(snap(600), moment(clock))

    assert policy.is_due(snap(600), moment(clock))


def test_being_away_ends_a_hold_without_a_grace_period(
        policy: ReminderPolicy, clock: FakeClock) -> None:
    """The user leaving ends the hold; back in the same bout and not busy, the prompt comes
    at once.
    """
    policy.advance(snap(INTERVAL), moment(clock))
    policy.set_busy(MIC, snap(INTERVAL), moment(clock))
    clock.advance(60)
    policy.advance(snap(INTERVAL, present=False), moment(clock))
    assert policy.held_back(snap(INTERVAL, present=False), moment(clock)) is None
    clock.advance(60)
    policy.advance(snap(INTERVAL), moment(clock))
    assert policy.needs_busy_check(snap(INTERVAL), moment(clock))
    policy.set_busy(NOT_BUSY, snap(INTERVAL), moment(clock))

    assert policy.is_due(snap(INTERVAL), moment(clock))


@pytest.mark.parametrize("interruption", ["snooze", "pause", "prompt opened", "answered"])
def test_snooze_pause_or_a_prompt_end_a_hold_without_a_grace_period(
        policy: ReminderPolicy, clock: FakeClock, interruption: str) -> None:
    """A snooze, a pause, a prompt the user opened, or an answered one ends the hold; when
    the next prompt is due and nobody is busy, it comes at once (no grace period).
    """
    policy.advance(snap(INTERVAL), moment(clock))
    policy.set_busy(MIC, snap(INTERVAL), moment(clock))
    bout = INTERVAL
    if interruption == "snooze":
        policy.snooze(300, moment(clock))
    elif interruption == "pause":
        policy.pause(moment(clock), seconds=300)
    elif interruption == "prompt opened":
        policy.prompt_opened(moment(clock), offered=False)
    else:
        policy.prompt_opened(moment(clock), offered=False)
        policy.prompt_closed("breathing", snap(bout), answered=True)
    assert policy.held_back(snap(bout), moment(clock)) is None
    assert not policy.needs_busy_check(snap(bout), moment(clock))

    if interruption == "prompt opened":
        policy.prompt_closed("breathing", snap(bout), answered=False)
    clock.advance(300)
    bout += 300
    policy.advance(snap(bout), moment(clock))  # the snooze or pause ends here
    if interruption in ("pause", "answered"):  # these need a fresh interval first
        clock.advance(INTERVAL)
        bout += INTERVAL
        policy.advance(snap(bout), moment(clock))
    assert policy.needs_busy_check(snap(bout), moment(clock))
    policy.set_busy(NOT_BUSY, snap(bout), moment(clock))

    assert policy.is_due(snap(bout), moment(clock))


def test_outside_working_hours_nothing_is_held(clock: FakeClock) -> None:
    """When working hours end during a hold, the hold ends and busy sources are not needed."""
    from datetime import time

    from deskbreath.core.settings.model import TimeRange

    office = (TimeRange(time(8, 0), time(9, 30)),)
    settings = Settings(reminder_interval=INTERVAL,
                        working_hours=dict.fromkeys(("mon", "tue", "wed", "thu", "fri",
                                                     "sat", "sun"), office))
    policy = ReminderPolicy(settings)
    policy.advance(snap(INTERVAL), moment(clock))  # 09:00
    policy.set_busy(MIC, snap(INTERVAL), moment(clock))
    clock.advance(31 * 60)  # 09:31
    policy.advance(snap(INTERVAL + 1860), moment(clock))

    assert policy.held_back(snap(INTERVAL + 1860), moment(clock)) is None
    assert not policy.needs_busy_check(snap(INTERVAL + 1860), moment(clock))


def test_held_back_keeps_the_bout_while_away_ends_it(clock: FakeClock) -> None:
    """Busy at the desk, sitting keeps counting in the same bout; away past the natural break
    ends the bout and the prompt is no longer due.
    """
    idle = FakeIdleSource(clock)
    tracker = SittingTracker(clock, idle, 180)
    policy = ReminderPolicy(Settings(reminder_interval=INTERVAL))
    for _ in range(41):  # 10 min 15 s of typing
        clock.advance(15)
        idle.touch()
        policy.advance(tracker.update(), moment(clock))
    policy.set_busy(MIC, tracker.snapshot(), moment(clock))
    held_bout = tracker.snapshot()

    for _ in range(40):  # ten more minutes in the call, taking notes
        clock.advance(15)
        idle.touch()
        policy.advance(tracker.update(), moment(clock))
    busy = tracker.snapshot()
    assert policy.held_back(busy, moment(clock)) is not None
    assert busy.bout_id == held_bout.bout_id
    assert busy.bout_seconds == pytest.approx(held_bout.bout_seconds + 600)

    for _ in range(14):  # 3.5 min without input: away
        clock.advance(15)
        policy.advance(tracker.update(), moment(clock))
    away = tracker.snapshot()
    assert not away.present
    assert policy.held_back(away, moment(clock)) is None
    idle.touch()
    back = tracker.update()
    policy.advance(back, moment(clock))
    assert back.bout_id == busy.bout_id + 1
    assert not policy.needs_busy_check(back, moment(clock))
    assert not policy.is_due(back, moment(clock))
