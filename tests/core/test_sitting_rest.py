"""Resting on idle events: while the user is idle the tracker gets no ticks, and the update
at the event (input, or the natural break reached) counts as exactly as a tick would.
"""

from __future__ import annotations

import math

from deskbreath.core.sitting import SittingTracker
from tests.fakes import FakeClock, FakeIdleSource

TICK = 15.0
NATURAL_BREAK = 180.0


def _active(tracker: SittingTracker, clock: FakeClock, idle: FakeIdleSource,
            seconds: float) -> None:
    """The user types for ``seconds``, the tracker ticking."""
    for _ in range(int(seconds // TICK)):
        clock.advance(TICK)
        idle.touch()
        tracker.update()


def _tracker(clock: FakeClock, idle: FakeIdleSource) -> SittingTracker:
    tracker = SittingTracker(clock, idle, NATURAL_BREAK)
    _active(tracker, clock, idle, 600)
    clock.advance(10)  # the user stops typing; the next tick sees 10 s idle
    tracker.update()
    return tracker


def test_a_short_pause_while_resting_is_not_sitting_and_keeps_the_bout(
    clock: FakeClock, idle: FakeIdleSource,
) -> None:
    """A 70 s pause ended by input adds no sitting time and does not end the bout."""
    tracker = _tracker(clock, idle)
    before = tracker.snapshot()
    tracker.rest()

    clock.advance(60)
    idle.touch()  # the user-active watch fires here
    after = tracker.update()

    assert after.bout_seconds == before.bout_seconds == 600
    assert (after.bout_id, after.present) == (before.bout_id, True)
    assert not tracker.resting


def test_sitting_counts_again_from_the_input_that_ended_the_rest(
    clock: FakeClock, idle: FakeIdleSource,
) -> None:
    """After the rest, the ticks count the typing as before, from the moment of return."""
    tracker = _tracker(clock, idle)
    tracker.rest()
    clock.advance(60)
    idle.touch()
    tracker.update()

    _active(tracker, clock, idle, 60)

    assert tracker.snapshot().bout_seconds == 660


def test_the_natural_break_reached_while_resting_ends_the_bout_once(
    clock: FakeClock, idle: FakeIdleSource,
) -> None:
    """The idle watch at the natural break ends the bout; the user's return hours later
    starts the next one without counting a second break.
    """
    tracker = _tracker(clock, idle)
    first = tracker.snapshot().bout_id
    tracker.rest()

    clock.advance(NATURAL_BREAK - 10)  # the idle watch fires: idle == natural break
    at_break = tracker.update()
    tracker.rest()
    clock.advance(3 * 3600)
    idle.touch()
    back = tracker.update()

    assert (at_break.bout_id, at_break.present, at_break.bout_seconds) == (first + 1, False, 0)
    assert (back.bout_id, back.present, back.bout_seconds) == (first + 1, True, 0)


def test_a_break_whose_event_was_lost_still_ends_the_bout(
    clock: FakeClock, idle: FakeIdleSource,
) -> None:
    """Input after an idle stretch longer than the natural break ends the bout even when the
    natural-break event never came (a compositor restarting meanwhile).
    """
    tracker = _tracker(clock, idle)
    first = tracker.snapshot().bout_id
    tracker.rest()

    clock.advance(300)
    idle.touch()
    back = tracker.update()

    assert (back.bout_id, back.present, back.bout_seconds) == (first + 1, True, 0)


def test_a_check_during_the_rest_without_input_changes_nothing(
    clock: FakeClock, idle: FakeIdleSource,
) -> None:
    """An update while the user is still idle (a status request) counts no sitting time."""
    tracker = _tracker(clock, idle)
    tracker.rest()

    clock.advance(100)
    still = tracker.update()

    assert (still.bout_seconds, still.present, still.idle_seconds) == (600, True, 110)



class _MillisecondIdle(FakeIdleSource):
    """An idle source that counts whole milliseconds, as the X server and Mutter do."""

    def idle_seconds(self) -> float | None:
        idle = super().idle_seconds()
        return None if idle is None else math.floor(idle * 1000) / 1000


def test_an_idle_time_rounded_to_milliseconds_still_reaches_the_natural_break(
    clock: FakeClock,
) -> None:
    """The natural-break event ends the bout even when the backend's idle time, counted in
    whole milliseconds, reads a fraction of one short of the rest by the tracker's clock:
    that is no input.
    """
    idle = _MillisecondIdle(clock)
    tracker = _tracker(clock, idle)
    first = tracker.snapshot().bout_id
    tracker.rest()

    clock.advance(NATURAL_BREAK - 10 + 0.0009)  # the timer fires just after the threshold
    at_break = tracker.update()

    assert (at_break.bout_id, at_break.present, at_break.bout_seconds) == (first + 1, False, 0)
