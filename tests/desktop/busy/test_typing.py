"""Typing, for real: xdotool types into another app's window on Xvfb; the X11 idle time
holds the due prompt until the lull, and the prompt comes right after it.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.history import MemoryRecorder
from deskbreath.core.holds import HoldReason
from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.desktop.busy.typing import TypingSource
from deskbreath.desktop.idle.x11 import X11IdleSource
from deskbreath.qt.controller import Controller
from tests.desktop.busy.conftest import Window
from tests.fakes import FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import FakePromptView, PromptLog
from tests.qt.test_controller import sit
from tests.support.services import require_library
from tests.support.waits import WAIT_MS, WAIT_S

LULL = 3.0
INTERVAL = 600.0


class TimedPrompts(PromptLog):
    """A prompt factory that also notes when (real monotonic time) each prompt appeared."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock, MemoryRecorder())
        self.times: list[float] = []

    def __call__(self, exercise: str) -> FakePromptView:
        self.times.append(time.monotonic())
        return super().__call__(exercise)


@pytest.fixture
def x_idle(other_window: Window) -> Iterator[X11IdleSource]:
    """The real X11 idle source (XScreenSaver) of the other window's X server, closed after."""
    require_library("Xss", "libxss1")
    source = X11IdleSource(other_window.server.display)
    yield source
    source.close()


def test_typing_in_another_window_delays_the_prompt_until_the_lull(
        qtbot: QtBot, other_window: Window, x_idle: X11IdleSource, clock: FakeClock,
        idle: FakeIdleSource, fake_scheduler: FakeScheduler) -> None:
    """While xdotool types a sentence the due prompt waits (reason: typing); it appears
    once the keyboard has rested for typing_lull, not before.
    """
    typing = TypingSource(x_idle.idle_seconds, lambda: LULL)
    prompts = TimedPrompts(clock)
    controller = Controller(
        clock=clock, tracker=SittingTracker(clock, idle, 180.0),
        policy=ReminderPolicy(Settings(reminder_interval=INTERVAL)), scheduler=fake_scheduler,
        prompt_factory=prompts, busy_sources=[typing])
    controller.refresh()
    sit(controller, clock, idle, fake_scheduler, INTERVAL - 30)
    typist = subprocess.Popen(
        ["xdotool", "type", "--delay", "120", "a sentence that must not be interrupted"],
        env=other_window.server.env)
    try:
        qtbot.waitUntil(lambda: x_idle.idle_seconds() is not None
                        and (x_idle.idle_seconds() or 0) < 1.0, timeout=WAIT_MS)
        sit(controller, clock, idle, fake_scheduler, 45)

        held = controller.presentation.status.held_back
        still_typing = typist.poll() is None
        assert still_typing, "the claim must be made while xdotool still types"
        assert held is not None
        assert held.reason is HoldReason.TYPING
        assert prompts.views == []
    finally:
        typist.wait(timeout=WAIT_S)
    typed_until = time.monotonic()

    qtbot.waitUntil(lambda: bool(prompts.views), timeout=WAIT_MS)

    assert prompts.times[0] - typed_until >= LULL - 0.5
    assert (other_window.server.run("xdotool", "getactivewindow").strip()
            == other_window.id)
