"""Attention (through the controller): switches in [busy], the typing lull, one nudge after
a long hold, gentle escalation of an ignored prompt, notification actions.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.escalation import NOTIFY_AFTER, TRAY_AFTER
from deskbreath.core.history import Result
from deskbreath.core.holds import HoldReason
from deskbreath.core.policy import Mode, ReminderPolicy
from deskbreath.core.settings.model import BusySettings, Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.qt.attention import SNOOZE_ACTION, START_ACTION
from deskbreath.qt.controller import Controller
from deskbreath.qt.tray.icons import HELD, WAITING, icon_state
from tests.fakes import FakeBusySource, FakeClock, FakeIdleSource, FakeNotifier, FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.qt.test_controller import sit
from tests.support.waits import WAIT_MS

INTERVAL = 45 * 60.0


def waiting(controller: Controller) -> bool:
    """Whether the tray shows a prompt waiting (a call, so mypy does not narrow it)."""
    return controller.presentation.status.waiting


@pytest.fixture
def notifier() -> FakeNotifier:
    """A notifier that records what it shows."""
    return FakeNotifier()


def make(clock: FakeClock, idle: FakeIdleSource, scheduler: FakeScheduler, prompts: PromptLog,
         notifier: FakeNotifier, *sources: FakeBusySource,
         busy: BusySettings | None = None, pre_prompt: bool = False) -> Controller:
    """A controller over fakes, ``sources`` and ``notifier``, refreshed once."""
    settings = Settings(reminder_interval=INTERVAL, natural_break=180.0,
                        busy=busy or BusySettings(), pre_prompt_notification=pre_prompt)
    controller = Controller(clock=clock, tracker=SittingTracker(clock, idle, 180.0),
                            policy=ReminderPolicy(settings), scheduler=scheduler,
                            prompt_factory=prompts, busy_sources=sources, notifier=notifier)
    controller.refresh()
    return controller


def test_a_signal_switched_off_is_not_asked(
        clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
        prompts: PromptLog, notifier: FakeNotifier) -> None:
    """With ``microphone = false`` the microphone is never asked and a call holds nothing."""
    mic = FakeBusySource(HoldReason.MICROPHONE, busy=True)
    controller = make(clock, idle, fake_scheduler, prompts, notifier, mic,
                      busy=BusySettings(microphone=False))

    sit(controller, clock, idle, fake_scheduler, INTERVAL + 15)

    assert mic.asked == 0
    assert [v.exercise for v in prompts.views] == ["breathing"]


def test_switching_a_signal_off_during_a_hold_releases_it(
        clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
        prompts: PromptLog, notifier: FakeNotifier) -> None:
    """Turning the camera signal off in the settings ends a camera hold (after the grace)."""
    camera = FakeBusySource(HoldReason.CAMERA, busy=True)
    controller = make(clock, idle, fake_scheduler, prompts, notifier, camera)
    sit(controller, clock, idle, fake_scheduler, INTERVAL + 15)
    assert controller.presentation.status.held_back is not None

    controller.configure(replace(controller.settings, busy=BusySettings(camera=False)))
    sit(controller, clock, idle, fake_scheduler, 75)

    assert [v.exercise for v in prompts.views] == ["breathing"]


def test_typing_delays_the_prompt_until_the_lull(
        qtbot: QtBot, clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
        prompts: PromptLog, notifier: FakeNotifier) -> None:
    """While the user types, the due prompt waits and the reason is typing; at the first
    lull (seen by the fine-grained watch, not the 15 s tick) it appears.
    """
    typing = FakeBusySource(HoldReason.TYPING, busy=True)
    controller = make(clock, idle, fake_scheduler, prompts, notifier, typing)
    sit(controller, clock, idle, fake_scheduler, INTERVAL + 15)
    held = controller.presentation.status.held_back
    assert held is not None
    assert held.reason is HoldReason.TYPING
    assert prompts.views == []

    typing.busy = False

    qtbot.waitUntil(lambda: bool(prompts.views), timeout=WAIT_MS)
    assert prompts.views[0].presented


def test_a_long_hold_nudges_once_and_shows_no_window(
        clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
        prompts: PromptLog, notifier: FakeNotifier) -> None:
    """After an hour in full screen: one notification with Start now / Snooze, the tray
    shows the prompt waiting, and no window appears over the full-screen app.
    """
    fullscreen = FakeBusySource(HoldReason.FULLSCREEN, busy=True)
    controller = make(clock, idle, fake_scheduler, prompts, notifier, fullscreen)
    sit(controller, clock, idle, fake_scheduler, INTERVAL + 15)
    assert icon_state(controller.presentation.status) == HELD

    sit(controller, clock, idle, fake_scheduler, 3 * 3600)

    assert prompts.views == []
    assert [n.key for n in notifier.shown] == ["nudge"]
    assert [a.id for a in notifier.shown[0].actions] == [START_ACTION, SNOOZE_ACTION]
    assert "Breathing" in notifier.shown[0].body
    assert controller.presentation.status.waiting
    assert icon_state(controller.presentation.status) == WAITING


def test_start_now_from_the_nudge_starts_the_exercise(
        clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
        prompts: PromptLog, notifier: FakeNotifier) -> None:
    """The user chose Start now on the nudge: the exercise begins (they asked for it)."""
    mic = FakeBusySource(HoldReason.MICROPHONE, busy=True)
    controller = make(clock, idle, fake_scheduler, prompts, notifier, mic)
    sit(controller, clock, idle, fake_scheduler, INTERVAL + 3600 + 30)

    notifier.press(START_ACTION)

    assert [(v.exercise, v.begun) for v in prompts.views] == [("breathing", True)]


def test_snooze_from_a_notification_snoozes(
        clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
        prompts: PromptLog, notifier: FakeNotifier) -> None:
    """Snooze on the pre-prompt notification snoozes for the first snooze choice."""
    controller = make(clock, idle, fake_scheduler, prompts, notifier, pre_prompt=True)
    sit(controller, clock, idle, fake_scheduler, INTERVAL - 45)
    assert [n.key for n in notifier.shown] == ["pre-prompt"]

    notifier.press(SNOOZE_ACTION)

    assert controller.presentation.status.mode is Mode.SNOOZED


def test_an_ignored_prompt_escalates_gently(
        clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
        prompts: PromptLog, notifier: FakeNotifier) -> None:
    """Shown and unanswered: quiet first, the tray shows it waiting after 5 min, one
    notification after 15 min, nothing more after an hour, and still one window.
    """
    controller = make(clock, idle, fake_scheduler, prompts, notifier)
    sit(controller, clock, idle, fake_scheduler, INTERVAL + 15)
    assert prompts.open is not None
    assert not waiting(controller)

    sit(controller, clock, idle, fake_scheduler, TRAY_AFTER)
    assert waiting(controller)
    assert notifier.shown == []

    sit(controller, clock, idle, fake_scheduler, NOTIFY_AFTER - TRAY_AFTER)
    sit(controller, clock, idle, fake_scheduler, 3600)

    assert [n.key for n in notifier.shown] == ["waiting"]
    assert len(prompts.views) == 1
    assert "waiting on screen" in controller.presentation.line


def test_an_ignored_prompt_left_behind_is_missed(
        clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
        prompts: PromptLog, notifier: FakeNotifier) -> None:
    """The user walks away from an unanswered prompt: it is recorded as missed, not
    skipped, and the tray no longer shows it waiting.
    """
    controller = make(clock, idle, fake_scheduler, prompts, notifier)
    sit(controller, clock, idle, fake_scheduler, INTERVAL + 15 + TRAY_AFTER)

    sit(controller, clock, idle, fake_scheduler, 200, present=False)

    assert prompts.views[0].closed_as is Result.MISSED
    assert prompts.recorder.outcomes[-1].result is Result.MISSED
    assert not controller.presentation.status.waiting


def test_the_status_line_names_the_hold(
        clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
        prompts: PromptLog, notifier: FakeNotifier) -> None:
    """Tooltip and menu read "Breathing held back: microphone in use (12 min)"."""
    mic = FakeBusySource(HoldReason.MICROPHONE, busy=True)
    controller = make(clock, idle, fake_scheduler, prompts, notifier, mic)
    sit(controller, clock, idle, fake_scheduler, INTERVAL + 12 * 60)

    assert controller.presentation.line.startswith(
        "Breathing held back: microphone in use (12 min)")
