"""The journal turns tracker snapshots, prompts and holds into bouts and prompt events."""

from __future__ import annotations

from datetime import timedelta

from deskbreath.core.health import (
    Bout,
    BoutEnd,
    EventKind,
    Journal,
    MemoryHealthRecorder,
    PromptEvent,
    exercise_details,
    outcome_event,
)
from deskbreath.core.history import Outcome, Result
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from tests.fakes import FakeClock, FakeIdleSource


class Desk:
    """A tracker on a fake clock with a journal watching it, like the controller does."""

    def __init__(self) -> None:
        self.clock = FakeClock()
        self.idle = FakeIdleSource(self.clock)
        self.tracker = SittingTracker(self.clock, self.idle, natural_break=180.0)
        self.recorder = MemoryHealthRecorder()
        self.journal = Journal(self.recorder, Settings)

    def tick(self) -> None:
        snapshot = self.tracker.update()
        self.journal.observe(snapshot, self.clock.now(), self.clock.monotonic())

    def sit(self, seconds: float) -> None:
        for _ in range(int(seconds // 15)):
            self.clock.advance(15)
            self.idle.touch()
            self.tick()

    def walk_away(self, seconds: float) -> None:
        for _ in range(int(seconds // 15)):
            self.clock.advance(15)
            self.tick()

    def bouts(self) -> list[Bout]:
        """The bouts that ended (not the saves of one under way)."""
        return [r for r in self.recorder.records
                if isinstance(r, Bout) and r.ended is not BoutEnd.UNDER_WAY]


def test_natural_break_ends_a_bout_at_the_last_input() -> None:
    """Sitting 30 min then 5 min away records one bout ending at the last input."""
    desk = Desk()
    start = desk.clock.now()
    desk.sit(30 * 60)
    last_input = desk.clock.now()

    desk.walk_away(5 * 60)

    (bout,) = desk.bouts()
    assert bout.ended is BoutEnd.NATURAL_BREAK
    assert bout.sitting == 30 * 60
    assert bout.end == last_input
    assert abs((bout.start - start).total_seconds()) <= 15


def test_lock_and_sleep_name_how_the_bout_ended() -> None:
    """A lock long enough ends the bout as locked; an unannounced gap as asleep."""
    desk = Desk()
    desk.sit(600)
    desk.tracker.set_away("locked", True)
    desk.journal.observe(desk.tracker.snapshot(), desk.clock.now(), desk.clock.monotonic())
    desk.clock.advance(600)
    desk.tracker.set_away("locked", False)
    desk.idle.touch()
    desk.journal.observe(desk.tracker.snapshot(), desk.clock.now(), desk.clock.monotonic())
    desk.sit(600)
    desk.clock.advance(3600)  # suspended, nobody told us
    desk.idle.touch()
    desk.tick()

    assert [b.ended for b in desk.bouts()] == [BoutEnd.LOCKED, BoutEnd.ASLEEP]


def test_quit_ends_the_bout_under_way() -> None:
    """Closing the journal records the bout under way as ended by quitting."""
    desk = Desk()
    desk.sit(300)

    desk.journal.close(desk.clock.now())

    assert [b.ended for b in desk.bouts()] == [BoutEnd.QUIT]


def test_hold_is_recorded_with_reason_start_and_length() -> None:
    """A hold that changes reason and then ends gives one record per reason, with lengths."""
    desk = Desk()
    since = desk.clock.now()
    desk.journal.hold_changed("breathing", "fullscreen", since, since)
    desk.clock.advance(120)
    desk.journal.hold_changed("breathing", "fullscreen", since, desk.clock.now())
    desk.clock.advance(60)
    desk.journal.hold_changed("breathing", "microphone", since, desk.clock.now())
    desk.clock.advance(30)

    desk.journal.hold_changed(None, None, None, desk.clock.now())

    assert desk.recorder.records == [
        PromptEvent(EventKind.HELD_BACK, since, "breathing", 180.0, "fullscreen"),
        PromptEvent(EventKind.HELD_BACK, since + timedelta(seconds=180), "breathing", 30.0,
                    "microphone"),
    ]


def test_breathing_outcome_keeps_pace_minutes_and_answer() -> None:
    """A finished breathing exercise records its pace, holds, minutes and the self-check."""
    clock = FakeClock()
    outcome = Outcome("breathing", Result.DONE, clock.now(), 126.0, {"belly_moved_more": "yes"})

    event = outcome_event(outcome, Settings())

    assert event.kind is EventKind.DONE
    assert dict(event.details) == {"breaths_per_minute": 6.0, "inhale_ratio": 0.4,
                                   "hold_after_inhale": 0.0, "hold_after_exhale": 0.0,
                                   "minutes": 2.1, "belly_moved_more": "yes"}


def test_snooze_outcome_keeps_its_length_as_seconds() -> None:
    """A snoozed prompt records the snooze length, not an exercise time."""
    outcome = Outcome("rotation", Result.SNOOZED, FakeClock().now(), 0.0,
                      {"snooze_seconds": 900.0})

    event = outcome_event(outcome, Settings())

    assert (event.kind, event.seconds, dict(event.details)) == (EventKind.SNOOZED, 900.0, {})


def test_rotation_and_posture_details() -> None:
    """Rotation keeps turns per side and answers; posture keeps items ticked and rating."""
    settings = Settings()
    rotation = exercise_details("rotation", settings, 90.0, {"felt": "easier"})
    posture = exercise_details("posture", settings, 12.0,
                               {"fixed": ("feet", "screen"), "rating": "fair"})

    assert rotation == {"turns_per_side": 5, "hold": 5.0, "felt": "easier"}
    assert posture == {"fixed": ("feet", "screen"), "rating": "fair"}


def test_the_bout_under_way_is_saved_every_five_minutes() -> None:
    """Twelve minutes of sitting save the bout under way at its start and every 5 minutes,
    each save with the sitting time so far and the same start.
    """
    desk = Desk()

    desk.sit(12 * 60)

    saves = [r for r in desk.recorder.records
             if isinstance(r, Bout) and r.ended is BoutEnd.UNDER_WAY]
    assert [round(s.sitting) for s in saves] == [15, 315, 615]
    assert len({s.start for s in saves}) == 1


def test_save_progress_records_the_bout_now() -> None:
    """Before the statistics are read, the bout under way is saved with its time so far."""
    desk = Desk()
    desk.sit(100)

    desk.journal.save_progress()

    last = desk.recorder.records[-1]
    assert isinstance(last, Bout)
    assert (last.ended, last.sitting) == (BoutEnd.UNDER_WAY, 90.0)
