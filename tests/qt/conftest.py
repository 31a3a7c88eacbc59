"""Fixtures for controller and shell tests: a controller over fakes."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.history import MemoryRecorder
from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.qt.controller import Controller
from tests.fakes import FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import PromptLog


@pytest.fixture
def prompts(clock: FakeClock, recorder: MemoryRecorder) -> PromptLog:
    """Every prompt view the controller asked for; they record outcomes in ``recorder``."""
    return PromptLog(clock, recorder)


@pytest.fixture
def recorder() -> MemoryRecorder:
    """A recorder that keeps the prompts' outcomes in a list."""
    return MemoryRecorder()


@pytest.fixture
def settings() -> Settings:
    """Settings with a 45-minute reminder interval and a 3-minute natural break."""
    return Settings(reminder_interval=45 * 60.0, natural_break=180.0)


@pytest.fixture
def controller(qtbot: QtBot, clock: FakeClock, idle: FakeIdleSource,
               fake_scheduler: FakeScheduler, prompts: PromptLog,
               settings: Settings) -> Controller:
    """A controller wired to a fake clock, idle source, scheduler and prompt views."""
    tracker = SittingTracker(clock, idle, settings.natural_break)
    policy = ReminderPolicy(settings)
    ctrl = Controller(clock=clock, tracker=tracker, policy=policy, scheduler=fake_scheduler,
                      prompt_factory=prompts)
    ctrl.refresh()
    return ctrl
