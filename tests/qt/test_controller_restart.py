"""The controller keeps the user's choices across a restart: it reads state.json at start,
writes it when a choice changes (not on every tick) and once more when it stops.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.health import BoutEnd, Journal
from deskbreath.core.history import MemoryRecorder, Result
from deskbreath.core.policy import Mode, ReminderPolicy
from deskbreath.core.runtime_state import RuntimeState
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.paths import Paths
from deskbreath.qt.controller import Controller
from deskbreath.storage.health_log import HealthLog
from deskbreath.storage.health_read import read_records
from deskbreath.storage.state_file import StateFile
from tests.fakes import FakeBusySource, FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.qt.test_controller import sit

SETTINGS = Settings(reminder_interval=45 * 60.0, natural_break=180.0)


class CountingStore(StateFile):
    """The real state file, counting saves."""

    saves = 0

    def save(self, state: RuntimeState) -> None:
        self.saves += 1
        super().save(state)


Launch = Callable[[], tuple[Controller, FakeIdleSource, FakeScheduler, PromptLog]]


@pytest.fixture
def store(paths: Paths) -> CountingStore:
    """The real runtime state file in ``paths``, counting saves."""
    return CountingStore(paths.state_file)


@pytest.fixture
def mic() -> FakeBusySource:
    """A microphone the test switches on (a call); off unless a test says so."""
    return FakeBusySource()


@pytest.fixture
def launch(qtbot: QtBot, clock: FakeClock, store: CountingStore, mic: FakeBusySource) -> Launch:
    """Start deskbreath's controller on the shared clock and state file, as the app does."""
    def run() -> tuple[Controller, FakeIdleSource, FakeScheduler, PromptLog]:
        idle = FakeIdleSource(clock)
        scheduler = FakeScheduler(clock)
        prompts = PromptLog(clock, MemoryRecorder())
        controller = Controller(clock=clock, tracker=SittingTracker(clock, idle, 180.0),
                                policy=ReminderPolicy(SETTINGS), scheduler=scheduler,
                                prompt_factory=prompts, busy_sources=[mic],
                                state_store=store)
        controller.start()
        return controller, idle, scheduler, prompts
    return run


def test_pause_until_tomorrow_survives_a_restart(launch: Launch, clock: FakeClock) -> None:
    """Pause until tomorrow, quit, start an hour later: still paused until the same instant."""
    first, *_ = launch()
    first.pause(until_tomorrow=True)
    until = first.status()["until"]
    first.stop()

    clock.reboot(3600)
    second, *_ = launch()

    assert second.status()["state"] == "paused"
    assert second.status()["until"] == until
    second.stop()


def test_snooze_and_rotation_survive_a_quick_restart_and_the_bout_goes_on(
    launch: Launch, clock: FakeClock,
) -> None:
    """Breathing done, 10 min more sat, snoozed 15 min; restarted 30 s later: rotation is next,
    about 14 min of snooze are left, and the 55 min bout goes on.
    """
    first, idle, scheduler, prompts = launch()
    sit(first, clock, idle, scheduler, 45 * 60 + 15, answer=Result.DONE, prompts=prompts)
    sit(first, clock, idle, scheduler, 10 * 60)
    first.snooze(900)
    first.stop()

    clock.advance(30)
    second, *_ = launch()
    status = second.status()

    assert status["state"] == "snoozed"
    assert status["next_prompt"]["exercise"] == "rotation"
    assert 14 * 60 <= status["next_prompt"]["in_seconds"] <= 35 * 60
    assert status["sitting_seconds"] == pytest.approx(55 * 60, abs=30)
    second.stop()


def test_state_is_written_when_a_choice_changes_not_on_every_tick(
    launch: Launch, clock: FakeClock, store: CountingStore,
) -> None:
    """Half an hour of sitting writes nothing; a snooze, a pause and a resume write once each;
    quitting writes once more.
    """
    controller, idle, scheduler, _ = launch()
    sit(controller, clock, idle, scheduler, 30 * 60)
    assert store.saves == 0

    controller.snooze(300)
    controller.pause(seconds=3600)
    controller.resume()
    assert store.saves == 3

    controller.stop()
    assert store.saves == 4


def test_a_damaged_state_file_never_stops_the_start(
    launch: Launch, store: CountingStore, caplog: pytest.LogCaptureFixture,
) -> None:
    """Garbage in state.json: the app starts running, with one warning about the file."""
    store.path.parent.mkdir(parents=True)
    store.path.write_text('{"format": 1, "saved_at": 42}', encoding="utf-8")
    caplog.set_level(logging.WARNING)

    controller, *_ = launch()

    assert controller.presentation.status.mode is Mode.RUNNING
    assert [r.getMessage() for r in caplog.records if "state file" in r.getMessage()] == [
        f"state file {store.path} cannot be used (\"saved_at\" must be an ISO 8601 time, not "
        f"42); starting without a saved pause, snooze, rotation or bout (kept as "
        f"state.json.bad)"]
    controller.stop()


def test_nothing_is_saved_before_the_saved_state_was_read(
    qtbot: QtBot, clock: FakeClock, store: CountingStore,
) -> None:
    """A refresh before start (the screen was locked at launch) does not overwrite the file
    the start is about to read.
    """
    idle = FakeIdleSource(clock)
    controller = Controller(clock=clock, tracker=SittingTracker(clock, idle, 180.0),
                            policy=ReminderPolicy(SETTINGS), scheduler=FakeScheduler(clock),
                            prompt_factory=PromptLog(clock, MemoryRecorder()),
                            state_store=store)

    controller.set_away("locked", True)

    assert store.saves == 0


def _run_app(clock: FakeClock, store: CountingStore, paths: Paths, *, minutes: float,
             stops: int = 1) -> None:
    """One run of the app with the health log: start, sit ``minutes``, stop ``stops`` times."""
    idle = FakeIdleSource(clock)
    scheduler = FakeScheduler(clock)
    health = HealthLog(paths.health_log, now=clock.now)
    assert health.open()
    controller = Controller(
        clock=clock, tracker=SittingTracker(clock, idle, 180.0),
        policy=ReminderPolicy(SETTINGS), scheduler=scheduler,
        prompt_factory=PromptLog(clock, MemoryRecorder()), state_store=store,
        journal=Journal(health, lambda: SETTINGS, zone=clock.zone()))
    controller.start()
    sit(controller, clock, idle, scheduler, minutes * 60)
    for _ in range(stops):
        controller.stop()
    health.close()


@pytest.mark.parametrize(("off_for", "bouts"), [(60.0, 1), (600.0, 2)])
def test_a_bout_that_continues_across_a_restart_is_one_bout_in_the_health_log(
    qtbot: QtBot, clock: FakeClock, store: CountingStore, paths: Paths, off_for: float,
    bouts: int,
) -> None:
    """20 min sat, quit, 20 min more after the restart: a restart shorter than the natural
    break leaves one bout of 40 min in the health log (the quit record is taken up again);
    a longer one leaves the first bout ended as quit and a second one.
    """
    _run_app(clock, store, paths, minutes=20)
    clock.advance(off_for)
    _run_app(clock, store, paths, minutes=20)

    recorded = read_records(paths.health_log).bouts
    assert len(recorded) == bouts
    assert all(bout.ended is BoutEnd.QUIT for bout in recorded)
    assert sum(bout.sitting for bout in recorded) == pytest.approx(40 * 60, abs=60)
    if bouts == 1:
        assert recorded[0].sitting == pytest.approx(40 * 60, abs=60)


def test_a_hold_survives_a_quick_restart_written_once_not_on_every_tick(
    launch: Launch, clock: FakeClock, store: CountingStore, mic: FakeBusySource,
) -> None:
    """Held back by a call: the state is written when the hold begins, not while it goes on;
    restarted 30 s later, still in the call, the prompt is held back at once and the one nudge
    comes 10 min later (an hour after the first hold), with no window.
    """
    first, idle, scheduler, _ = launch()
    mic.busy = True
    sit(first, clock, idle, scheduler, 45 * 60 + 15)
    saves = store.saves
    sit(first, clock, idle, scheduler, 50 * 60)
    assert store.saves == saves
    first.stop()

    clock.advance(30)
    second, idle, scheduler, prompts = launch()
    notices: list[str] = []
    second.notice.connect(lambda _title, text: notices.append(text))
    held = second.status()["held_back"]
    sit(second, clock, idle, scheduler, 10 * 60)

    assert isinstance(held, dict)
    assert held["reason"] == "microphone"
    assert len([text for text in notices if "while you were busy" in text]) == 1
    assert prompts.views == []
    second.stop()


class ReadingClock(FakeClock):
    """A fake clock read the way a real one is: each wall reading comes 37 µs after the last
    one, so the wall and monotonic clocks never line up to the microsecond.
    """

    def now(self) -> datetime:
        self.jump_wall(37e-6)
        return super().now()


def test_the_app_stopping_twice_keeps_the_bout_one_record_across_a_restart(
    qtbot: QtBot, store: CountingStore, paths: Paths,
) -> None:
    """The app stops the controller twice at a quit (the quit command, then Qt's
    aboutToQuit): 20 min sat, quit, 20 min more after a restart still leave one bout of
    40 min in the health log, under the start the first run recorded.
    """
    clock = ReadingClock()

    _run_app(clock, store, paths, minutes=20, stops=2)  # quit / Restart now, then aboutToQuit
    first = read_records(paths.health_log).bouts
    clock.advance(60)
    _run_app(clock, store, paths, minutes=20, stops=2)

    recorded = read_records(paths.health_log).bouts
    assert len(recorded) == 1, recorded
    assert recorded[0].start == first[0].start
    assert recorded[0].ended is BoutEnd.QUIT
    assert recorded[0].sitting == pytest.approx(40 * 60, abs=60)
