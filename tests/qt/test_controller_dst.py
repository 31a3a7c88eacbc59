"""The controller on the nights the clocks change: what `status --json` and the replies say,
and a working day across a change, with a fake clock in real zones.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.history import MemoryRecorder, Result
from deskbreath.core.localtime import wall_time
from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.qt.controller import Controller
from tests.fakes import FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.qt.test_controller import sit

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def clock() -> FakeClock:
    """Berlin, Saturday 2026-03-28 23:30: the clocks go forward at 02:00."""
    return FakeClock(datetime(2026, 3, 28, 23, 30, tzinfo=BERLIN))


def test_pause_until_tomorrow_reports_the_morning_offset(controller: Controller) -> None:
    """The reported case: `pause --until-tomorrow` at 23:30 the night before the spring change
    says 08:00 with +02:00 in `status --json`, and the reply names that morning.
    """
    message = controller.pause(until_tomorrow=True)

    assert controller.status()["until"] == "2026-03-29T08:00:00+02:00"
    assert message == "Paused until Sun 08:00."


def test_pause_until_later_today_names_no_weekday(controller: Controller,
                                                  clock: FakeClock) -> None:
    """A pause that ends later today says "until 11:33", not "until Sun 11:33"."""
    clock.advance(10 * 3600)  # Sunday 10:30 CEST
    until = wall_time(date(2026, 3, 29), time(11, 33), BERLIN)

    message = controller.pause(until=until)

    assert message == "Paused until 11:33."
    assert "paused until 11:33" in controller.presentation.line


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Australia/Sydney", "America/Santiago"])
@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2026, 4, 5), date(2026, 9, 6),
                                 date(2026, 10, 4), date(2026, 10, 25)])
def test_a_working_day_across_a_change_brings_the_usual_prompts(
    zone: str, day: date, caplog: pytest.LogCaptureFixture, qtbot: QtBot,
) -> None:
    """From midnight, 4 h sitting, an hour away, 4 h sitting brings ten prompts whether or not
    the clocks change that night, and the change is never taken for a clock jump.
    """
    clock = FakeClock(wall_time(day, time(0, 0), ZoneInfo(zone)).astimezone(ZoneInfo(zone)))
    idle = FakeIdleSource(clock)
    fake_scheduler = FakeScheduler(clock)
    prompts = PromptLog(clock, MemoryRecorder())
    settings = Settings(reminder_interval=45 * 60.0, natural_break=180.0)
    controller = Controller(clock=clock, tracker=SittingTracker(clock, idle, 180.0),
                            policy=ReminderPolicy(settings), scheduler=fake_scheduler,
                            prompt_factory=prompts)
    caplog.set_level(logging.INFO, logger="deskbreath.qt.controller")

    sit(controller, clock, idle, fake_scheduler, 4 * 3600, answer=Result.DONE, prompts=prompts)
    sit(controller, clock, idle, fake_scheduler, 3600, present=False)
    sit(controller, clock, idle, fake_scheduler, 4 * 3600, answer=Result.DONE, prompts=prompts)

    assert len(prompts.views) == 10
    assert "wall clock moved" not in caplog.text
