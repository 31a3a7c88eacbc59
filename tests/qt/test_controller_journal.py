"""The controller feeds the health log: bouts, prompts offered and started, holds, quit."""

from __future__ import annotations

import pytest

from deskbreath.core.health import Bout, BoutEnd, EventKind, Journal, MemoryHealthRecorder
from deskbreath.core.history import Result
from deskbreath.core.policy import HoldReason, ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.qt.controller import Controller
from tests.fakes import FakeBusySource, FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.qt.test_controller import sit


@pytest.fixture
def health() -> MemoryHealthRecorder:
    """A health recorder that keeps its records in a list."""
    return MemoryHealthRecorder()


@pytest.fixture
def mic() -> FakeBusySource:
    """A microphone busy source, off unless a test switches it on."""
    return FakeBusySource(HoldReason.MICROPHONE)


@pytest.fixture
def journaled(clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
              prompts: PromptLog, settings: Settings, health: MemoryHealthRecorder,
              mic: FakeBusySource) -> Controller:
    """A controller over fakes whose journal writes to ``health``."""
    controller = Controller(
        clock=clock, tracker=SittingTracker(clock, idle, settings.natural_break),
        policy=ReminderPolicy(settings), scheduler=fake_scheduler, prompt_factory=prompts,
        busy_sources=[mic], journal=Journal(health, lambda: settings))
    controller.refresh()
    return controller


def kinds(health: MemoryHealthRecorder) -> list[str]:
    """What was recorded, leaving out the saves of the bout under way."""
    return [r.kind.value if not isinstance(r, Bout) else f"bout:{r.ended.value}"
            for r in health.records
            if not isinstance(r, Bout) or r.ended is not BoutEnd.UNDER_WAY]


def test_offered_and_started_prompts_are_recorded(
        journaled: Controller, clock: FakeClock, idle: FakeIdleSource,
        fake_scheduler: FakeScheduler, prompts: PromptLog,
        health: MemoryHealthRecorder) -> None:
    """A prompt that comes after the interval is recorded as offered, then started."""
    sit(journaled, clock, idle, fake_scheduler, 46 * 60)
    view = prompts.open
    assert view is not None

    view.begin()

    assert kinds(health) == ["offered", "started"]
    events = [r for r in health.records if not isinstance(r, Bout)]
    assert [e.exercise for e in events] == ["breathing", "breathing"]


def test_started_from_the_menu_is_not_an_offer(
        journaled: Controller, health: MemoryHealthRecorder) -> None:
    """"Start now" records a start, no offer."""
    journaled.start_now("posture")

    assert kinds(health) == ["started"]


def test_natural_break_and_quit_end_bouts(
        journaled: Controller, clock: FakeClock, idle: FakeIdleSource,
        fake_scheduler: FakeScheduler, health: MemoryHealthRecorder) -> None:
    """Sitting, a walk longer than the natural break, sitting again, then quitting: two
    bouts, ended by the break and by the quit.
    """
    sit(journaled, clock, idle, fake_scheduler, 20 * 60)
    sit(journaled, clock, idle, fake_scheduler, 5 * 60, present=False)
    sit(journaled, clock, idle, fake_scheduler, 10 * 60)

    journaled.stop()

    bouts = [r for r in health.records
             if isinstance(r, Bout) and r.ended is not BoutEnd.UNDER_WAY]
    assert [b.ended for b in bouts] == [BoutEnd.NATURAL_BREAK, BoutEnd.QUIT]
    assert bouts[0].sitting == pytest.approx(20 * 60, abs=15)


def test_quit_records_the_sitting_since_the_last_refresh(
        journaled: Controller, clock: FakeClock, idle: FakeIdleSource,
        fake_scheduler: FakeScheduler, health: MemoryHealthRecorder) -> None:
    """Ten minutes sat, then 30 s more of typing before the next tick, then quit: the bout
    ended as quit holds the 30 s too (the quit reads the sitting time once more).
    """
    sit(journaled, clock, idle, fake_scheduler, 10 * 60)
    clock.advance(30)
    idle.touch()

    journaled.stop()

    (bout,) = [r for r in health.records if isinstance(r, Bout) and r.ended is BoutEnd.QUIT]
    assert bout.sitting == pytest.approx(10 * 60 + 30, abs=1)


def test_save_progress_records_the_bout_as_of_now(
        journaled: Controller, clock: FakeClock, idle: FakeIdleSource,
        fake_scheduler: FakeScheduler, health: MemoryHealthRecorder) -> None:
    """Asked to save (``stats``, the statistics window) 30 s after the last tick, the bout
    under way is recorded with those 30 s.
    """
    sit(journaled, clock, idle, fake_scheduler, 10 * 60)
    clock.advance(30)
    idle.touch()

    journaled.save_progress()

    bout = health.records[-1]
    assert isinstance(bout, Bout)
    assert bout.ended is BoutEnd.UNDER_WAY
    assert bout.sitting == pytest.approx(10 * 60 + 30, abs=1)


def test_a_hold_is_recorded_with_its_reason_and_length(
        journaled: Controller, clock: FakeClock, idle: FakeIdleSource,
        fake_scheduler: FakeScheduler, prompts: PromptLog, mic: FakeBusySource,
        health: MemoryHealthRecorder) -> None:
    """A due prompt held back by the microphone for 10 minutes is recorded as held back
    (microphone, about 10 min) once the call ends, before the prompt is offered.
    """
    mic.busy = True
    sit(journaled, clock, idle, fake_scheduler, 45 * 60 + 15)
    sit(journaled, clock, idle, fake_scheduler, 10 * 60)
    assert prompts.open is None
    mic.busy = False

    sit(journaled, clock, idle, fake_scheduler, 2 * 60, answer=Result.DONE, prompts=prompts)

    holds = [r for r in health.records if not isinstance(r, Bout)
             and r.kind is EventKind.HELD_BACK]
    assert len(holds) == 1
    assert holds[0].reason == "microphone"
    assert holds[0].seconds == pytest.approx(10 * 60, abs=30)
    # How the prompt ended is recorded by the prompt window itself (here a fake).
    assert kinds(health) == ["held-back", "offered"]
