"""The controller's busy seam: busy sources are asked only while a prompt is due, hold it
back without ending the bout, and let it come a grace period after the last one ends.
"""

from __future__ import annotations

import logging

import pytest

from deskbreath.core.policy import HoldReason, Mode, ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.qt.controller import Controller
from tests.fakes import FakeBusySource, FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.qt.test_controller import sit

INTERVAL = 45 * 60.0


@pytest.fixture
def mic() -> FakeBusySource:
    """A microphone that is not in use until the test says so."""
    return FakeBusySource(HoldReason.MICROPHONE)


@pytest.fixture
def busy_controller(clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
                    prompts: PromptLog, mic: FakeBusySource,
                    settings: Settings) -> Controller:
    """A controller over fakes with one busy source, the microphone."""
    controller = Controller(
        clock=clock, tracker=SittingTracker(clock, idle, settings.natural_break),
        policy=ReminderPolicy(settings), scheduler=fake_scheduler, prompt_factory=prompts,
        busy_sources=[mic])
    controller.refresh()
    return controller


def test_busy_sources_are_never_asked_before_a_prompt_is_due(
    busy_controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, mic: FakeBusySource,
) -> None:
    """44 minutes of ticks ask no busy source; the tick that finds a prompt due asks once and,
    nobody being busy, shows it.
    """
    sit(busy_controller, clock, idle, fake_scheduler, 44 * 60)
    assert mic.asked == 0

    sit(busy_controller, clock, idle, fake_scheduler, 75)

    assert mic.asked == 1
    assert [v.exercise for v in prompts.views] == ["breathing"]


def test_a_busy_user_keeps_sitting_and_gets_the_prompt_after_the_grace_period(
    busy_controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, mic: FakeBusySource,
) -> None:
    """In a call the due prompt is held back and the bout keeps growing; a minute after the
    call ends, the prompt comes.
    """
    mic.busy = True
    sit(busy_controller, clock, idle, fake_scheduler, INTERVAL + 15)
    held_at = busy_controller.presentation.status
    sit(busy_controller, clock, idle, fake_scheduler, 20 * 60)
    status = busy_controller.presentation.status
    assert prompts.views == []
    assert status.held_back is not None
    assert status.held_back.reason is HoldReason.MICROPHONE
    assert status.bout_seconds == pytest.approx(held_at.bout_seconds + 20 * 60)
    assert status.mode is Mode.RUNNING

    mic.busy = False
    sit(busy_controller, clock, idle, fake_scheduler, 45)
    assert prompts.views == []
    assert busy_controller.presentation.status.held_back is None
    sit(busy_controller, clock, idle, fake_scheduler, 30)
    assert [v.exercise for v in prompts.views] == ["breathing"]


def test_status_json_reports_the_hold(
    busy_controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, mic: FakeBusySource,
) -> None:
    """`status --json` says null while nothing is held, then the reason id and the ISO start
    with its UTC offset.
    """
    assert busy_controller.status()["held_back"] is None
    mic.busy = True
    sit(busy_controller, clock, idle, fake_scheduler, INTERVAL + 15)

    document = busy_controller.status()

    assert document["held_back"] == {"reason": "microphone",
                                     "since": "2026-11-23T09:45:00+01:00"}
    assert document["state"] == "running"


def test_going_away_while_held_back_ends_the_bout(
    busy_controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, mic: FakeBusySource,
) -> None:
    """Leaving the desk during the hold is a natural break: the hold and the bout end, and
    back at the desk a full interval is needed before the next prompt.
    """
    mic.busy = True
    sit(busy_controller, clock, idle, fake_scheduler, INTERVAL + 15)
    sit(busy_controller, clock, idle, fake_scheduler, 200, present=False)
    status = busy_controller.presentation.status
    assert (status.present, status.held_back, status.bout_seconds) == (False, None, 0)

    mic.busy = False
    sit(busy_controller, clock, idle, fake_scheduler, 30 * 60)

    assert prompts.views == []


def test_busy_during_a_snooze_is_not_asked_and_holds_the_prompt_after_it(
    busy_controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, mic: FakeBusySource,
) -> None:
    """While snoozed nobody asks the busy sources; when the snooze ends in the middle of a
    call, the prompt is held back instead of shown.
    """
    sit(busy_controller, clock, idle, fake_scheduler, 40 * 60)
    busy_controller.snooze(15 * 60)
    mic.busy = True
    sit(busy_controller, clock, idle, fake_scheduler, 14 * 60)
    assert mic.asked == 0
    assert busy_controller.presentation.status.mode is Mode.SNOOZED

    sit(busy_controller, clock, idle, fake_scheduler, 90)

    assert mic.asked > 0
    assert prompts.views == []
    held = busy_controller.presentation.status.held_back
    assert held is not None
    assert held.reason is HoldReason.MICROPHONE


def test_busy_during_a_pause_is_not_asked_and_the_interval_restarts_after_it(
    busy_controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, mic: FakeBusySource,
) -> None:
    """A pause asks no busy source; after it a fresh interval is needed, and only then are
    they asked.
    """
    sit(busy_controller, clock, idle, fake_scheduler, INTERVAL - 60)
    busy_controller.pause(seconds=3600)
    mic.busy = True
    sit(busy_controller, clock, idle, fake_scheduler, 3600 + 44 * 60)
    assert mic.asked == 0
    assert prompts.views == []

    sit(busy_controller, clock, idle, fake_scheduler, 75)

    assert mic.asked > 0
    assert busy_controller.presentation.status.held_back is not None


def test_snoozing_a_held_prompt_ends_the_hold(
    busy_controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, mic: FakeBusySource,
) -> None:
    """Snoozing from the tray during a hold ends it; after the snooze, nobody busy, the
    prompt comes at once (no grace period).
    """
    mic.busy = True
    sit(busy_controller, clock, idle, fake_scheduler, INTERVAL + 15)
    busy_controller.snooze(5 * 60)
    mic.busy = False
    assert busy_controller.presentation.status.held_back is None

    sit(busy_controller, clock, idle, fake_scheduler, 5 * 60 + 15)

    assert [v.exercise for v in prompts.views] == ["breathing"]


def test_a_failing_busy_source_counts_as_not_busy_and_is_logged_once(
    clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler, prompts: PromptLog,
    mic: FakeBusySource, caplog: pytest.LogCaptureFixture,
) -> None:
    """A busy backend that raises is asked on each tick of a hold but logged once, and it
    cannot hold the prompt back once the others let it go.
    """
    broken = FakeBusySource(HoldReason.CAMERA, error=RuntimeError("camera backend broke"))
    unsure = FakeBusySource(HoldReason.FULLSCREEN, busy=None)
    controller = Controller(
        clock=clock, tracker=SittingTracker(clock, idle, 180),
        policy=ReminderPolicy(Settings(reminder_interval=INTERVAL)), scheduler=fake_scheduler,
        prompt_factory=prompts, busy_sources=[broken, unsure, mic])
    mic.busy = True

    with caplog.at_level(logging.ERROR, logger="deskbreath.qt.controller"):
        sit(controller, clock, idle, fake_scheduler, INTERVAL + 5 * 60)
        held = controller.presentation.status.held_back
        mic.busy = False
        sit(controller, clock, idle, fake_scheduler, 75)

    assert held is not None
    assert held.reasons == {HoldReason.MICROPHONE}
    assert broken.asked > 10
    assert [v.exercise for v in prompts.views] == ["breathing"]
    failures = [r for r in caplog.records if "fake camera failed" in r.getMessage()]
    assert len(failures) == 1
