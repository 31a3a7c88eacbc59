"""SittingTracker: bouts, natural breaks, short gaps, away time, gaps and clock jumps."""

from __future__ import annotations

import pytest

from deskbreath.core.sitting import SittingTracker
from tests.fakes import FakeClock, FakeIdleSource

BREAK = 180.0


def sit(clock: FakeClock, idle: FakeIdleSource, tracker: SittingTracker, seconds: float,
        *, step: float = 10.0) -> None:
    """The user types steadily for ``seconds``, the app ticking every ``step``."""
    elapsed = 0.0
    while elapsed < seconds:
        chunk = min(step, seconds - elapsed)
        clock.advance(chunk)
        idle.touch()
        tracker.update()
        elapsed += chunk


def away(clock: FakeClock, tracker: SittingTracker, seconds: float, *, step: float = 10.0) -> None:
    """Nobody touches the computer for ``seconds``, the app ticking every ``step``."""
    elapsed = 0.0
    while elapsed < seconds:
        chunk = min(step, seconds - elapsed)
        clock.advance(chunk)
        tracker.update()
        elapsed += chunk


def test_steady_input_counts_as_sitting(clock: FakeClock, idle: FakeIdleSource) -> None:
    """An hour of steady input is an hour of sitting, simulated in milliseconds."""
    tracker = SittingTracker(clock, idle, BREAK)
    sit(clock, idle, tracker, 3600)
    snap = tracker.snapshot()
    assert snap.bout_seconds == 3600
    assert snap.present


def test_natural_break_resets_sitting_time(clock: FakeClock, idle: FakeIdleSource) -> None:
    """Idle for the natural break ends the bout; sitting starts again from zero after it."""
    tracker = SittingTracker(clock, idle, BREAK)
    sit(clock, idle, tracker, 1200)
    away(clock, tracker, BREAK + 10)
    assert not tracker.snapshot().present
    assert tracker.snapshot().bout_seconds == 0
    sit(clock, idle, tracker, 60)
    snap = tracker.snapshot()
    assert snap.present
    assert snap.bout_id == 1
    assert 50 <= snap.bout_seconds <= 60


def test_short_gap_neither_counts_nor_resets(clock: FakeClock, idle: FakeIdleSource) -> None:
    """A two-minute pause in input is not sitting time, and the bout goes on."""
    tracker = SittingTracker(clock, idle, BREAK)
    sit(clock, idle, tracker, 600)
    away(clock, tracker, 120)
    sit(clock, idle, tracker, 600)
    snap = tracker.snapshot()
    assert snap.bout_id == 0
    assert 1190 <= snap.bout_seconds <= 1210


def test_no_idle_information_counts_session_time(clock: FakeClock) -> None:
    """Without idle information, time counts while the session runs."""
    tracker = SittingTracker(clock, FakeIdleSource(clock, knows=False), BREAK)
    away(clock, tracker, 900)
    assert tracker.snapshot().bout_seconds == 900


def test_lock_counts_as_away_and_long_lock_ends_bout(
    clock: FakeClock, idle: FakeIdleSource
) -> None:
    """Screen locked for longer than the natural break ends the bout; time locked never counts."""
    tracker = SittingTracker(clock, FakeIdleSource(clock, knows=False), BREAK)
    sit(clock, idle, tracker, 600)
    tracker.set_away("locked", True)
    away(clock, tracker, 600)
    assert not tracker.snapshot().present
    tracker.set_away("locked", False)
    snap = tracker.snapshot()
    assert snap.bout_seconds == 0
    assert snap.bout_id == 1
    assert snap.present


def test_short_lock_keeps_bout(clock: FakeClock) -> None:
    """A one-minute lock does not add sitting time and does not end the bout."""
    tracker = SittingTracker(clock, FakeIdleSource(clock, knows=False), BREAK)
    away(clock, tracker, 600)
    tracker.set_away("locked", True)
    away(clock, tracker, 60)
    tracker.set_away("locked", False)
    away(clock, tracker, 60)
    snap = tracker.snapshot()
    assert snap.bout_id == 0
    assert snap.bout_seconds == 660


def test_unannounced_suspend_is_away(clock: FakeClock) -> None:
    """A gap of an hour between two ticks (a suspend nobody announced) ends the bout."""
    tracker = SittingTracker(clock, FakeIdleSource(clock, knows=False), BREAK)
    away(clock, tracker, 1200)
    clock.advance(3600)
    tracker.update()
    assert tracker.snapshot().bout_seconds == 0
    assert tracker.snapshot().bout_id == 1


def test_wall_clock_jumps_do_not_change_sitting_time(
    clock: FakeClock, idle: FakeIdleSource
) -> None:
    """Moving the wall clock an hour either way neither adds nor loses sitting time."""
    tracker = SittingTracker(clock, idle, BREAK)
    sit(clock, idle, tracker, 600)
    clock.jump_wall(3600)
    sit(clock, idle, tracker, 60)
    clock.jump_wall(-7200)
    sit(clock, idle, tracker, 60)
    snap = tracker.snapshot()
    assert snap.bout_seconds == 720
    assert snap.bout_id == 0


def test_changing_natural_break_changes_tick(clock: FakeClock, idle: FakeIdleSource) -> None:
    """A shorter natural break asks for more frequent updates so it is still noticed."""
    tracker = SittingTracker(clock, idle, BREAK)
    assert tracker.tick_interval == 15
    tracker.natural_break = 10
    assert tracker.tick_interval < 4


def test_pauses_between_inputs_count_as_sitting(clock: FakeClock, idle: FakeIdleSource) -> None:
    """A mouse moved every couple of seconds is continuous sitting, not a string of gaps."""
    tracker = SittingTracker(clock, idle, BREAK)
    for _ in range(300):
        clock.advance(2)
        if int(clock.monotonic()) % 4 == 0:
            idle.touch()
        if int(clock.monotonic()) % 10 == 0:
            tracker.update()
    assert tracker.snapshot().bout_seconds == pytest.approx(600, abs=10)
