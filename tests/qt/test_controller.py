"""The controller over fakes: prompts at the right moments, snooze, pause, resume, start now."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from deskbreath.core.commands import CommandError
from deskbreath.core.history import MemoryRecorder, Result
from deskbreath.core.policy import Mode
from deskbreath.core.report import Presentation
from deskbreath.core.settings.model import Settings, TimeRange
from deskbreath.qt.controller import NEXT_CHECK_JOB, PRE_PROMPT_JOB, Controller
from tests.fakes import FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import FakePromptView, PromptLog

TICK = 15.0


def mode_of(controller: Controller) -> Mode:
    """The current mode (a call, so mypy does not narrow it across commands)."""
    return controller.presentation.status.mode


def sit(controller: Controller, clock: FakeClock, idle: FakeIdleSource,
        scheduler: FakeScheduler, seconds: float, *, present: bool = True,
        answer: Result | None = None, prompts: PromptLog | None = None) -> None:
    """Let ``seconds`` pass with the app ticking; the user types if ``present``; open prompts
    are answered with ``answer`` right away.
    """
    elapsed = 0.0
    while elapsed < seconds:
        step = min(TICK, seconds - elapsed)
        clock.advance(step)
        elapsed += step
        if present:
            idle.touch()
        scheduler.run_due()
        controller.refresh()
        if answer is not None and prompts is not None and prompts.open is not None:
            prompts.open.answer(answer)


def test_prompt_comes_after_interval_of_sitting(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """45 minutes of sitting bring one breathing prompt, not earlier."""
    sit(controller, clock, idle, fake_scheduler, 44 * 60)
    assert prompts.views == []
    sit(controller, clock, idle, fake_scheduler, 90)
    assert [v.exercise for v in prompts.views] == ["breathing"]
    assert prompts.views[0].presented
    assert not prompts.views[0].begun


def test_next_check_job_is_scheduled_for_the_due_time(
    controller: Controller, clock: FakeClock, fake_scheduler: FakeScheduler,
) -> None:
    """The APScheduler job is set for when the interval completes if the user keeps sitting."""
    when = fake_scheduler.scheduled(NEXT_CHECK_JOB)
    assert when is not None
    assert abs((when - clock.now()).total_seconds() - 45 * 60) < 2


def test_rotation_goes_through_the_enabled_exercises(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, recorder: MemoryRecorder,
) -> None:
    """Answered prompts rotate breathing, rotation, posture, breathing; outcomes are recorded."""
    sit(controller, clock, idle, fake_scheduler, 4 * 45 * 60 + 60,
        answer=Result.DONE, prompts=prompts)
    assert [v.exercise for v in prompts.views] == ["breathing", "rotation", "posture", "breathing"]
    assert [o.result for o in recorder.outcomes] == [Result.DONE] * 4


def test_snooze_delays_the_same_exercise(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """Snoozing a prompt for 5 min brings the same exercise back 5 minutes later."""
    sit(controller, clock, idle, fake_scheduler, 45 * 60 + 15)
    view = prompts.open
    assert view is not None
    view.answer(Result.SNOOZED, snooze=300)
    assert mode_of(controller) is Mode.SNOOZED
    sit(controller, clock, idle, fake_scheduler, 285)
    assert len(prompts.views) == 1
    sit(controller, clock, idle, fake_scheduler, 30)
    assert [v.exercise for v in prompts.views] == ["breathing", "breathing"]


def test_snooze_command_changes_schedule_and_status_line(
    controller: Controller, clock: FakeClock,
) -> None:
    """`snooze 15m` from the tray says so in the status line at once."""
    message = controller.snooze(900)
    assert message == "Snoozed for 15 min."
    presentation = controller.presentation
    assert presentation.status.mode is Mode.SNOOZED
    assert "(snoozed)" in presentation.line


def test_status_changed_carries_the_presentation_itself(
    controller: Controller, qtbot: QtBot,
) -> None:
    """The typed signal delivers the controller's own Presentation, not a copy."""
    with qtbot.waitSignal(controller.status_changed) as blocker:
        controller.refresh()

    assert blocker.args[0] is controller.presentation
    assert isinstance(blocker.args[0], Presentation)


def test_pause_for_an_hour_then_fresh_interval(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """No prompts during a one-hour pause; afterwards a full interval of sitting is needed."""
    sit(controller, clock, idle, fake_scheduler, 40 * 60)
    controller.pause(seconds=3600)
    assert mode_of(controller) is Mode.PAUSED
    sit(controller, clock, idle, fake_scheduler, 3600)
    assert prompts.views == []
    assert mode_of(controller) is Mode.RUNNING
    sit(controller, clock, idle, fake_scheduler, 44 * 60)
    assert prompts.views == []
    sit(controller, clock, idle, fake_scheduler, 90)
    assert len(prompts.views) == 1


def test_pause_until_tomorrow_ends_at_day_start(controller: Controller, clock: FakeClock) -> None:
    """"Until tomorrow" pauses until 08:00 local the next day."""
    message = controller.pause(until_tomorrow=True)
    until = controller.presentation.status.until
    assert until is not None
    assert until.date() == (clock.now() + timedelta(days=1)).date()
    assert until.time() == time(8, 0)
    assert "Tue 08:00" in message
    assert "paused until Tue 08:00" in controller.presentation.line


def test_resume_ends_a_pause(controller: Controller) -> None:
    """Resume from the tray ends the pause at once."""
    controller.pause()
    assert mode_of(controller) is Mode.PAUSED
    controller.resume()
    assert mode_of(controller) is Mode.RUNNING


def test_start_now_begins_an_exercise_and_restarts_interval(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """Start now ▸ Posture opens and begins it; finishing it restarts the interval."""
    sit(controller, clock, idle, fake_scheduler, 30 * 60)
    controller.start_now("posture")
    view = prompts.open
    assert view is not None
    assert view.exercise == "posture"
    assert view.begun
    assert not view.presented  # no offer first: it would only flash (or wait in the tray)
    with pytest.raises(CommandError):
        controller.start_now("breathing")
    view.answer(Result.DONE)
    sit(controller, clock, idle, fake_scheduler, 30 * 60)
    assert len(prompts.views) == 1
    assert controller.presentation.status.next_exercise == "breathing"


def test_prompt_offered_to_an_empty_desk_is_closed(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, recorder: MemoryRecorder,
) -> None:
    """When the user walks away from an offered prompt, it closes as missed: that was the
    break.
    """
    sit(controller, clock, idle, fake_scheduler, 45 * 60 + 15)
    assert len(prompts.views) == 1
    sit(controller, clock, idle, fake_scheduler, 200, present=False)
    assert prompts.views[0].closed_as is Result.MISSED
    assert recorder.outcomes[-1].result is Result.MISSED
    assert controller.presentation.status.bout_seconds == 0


def test_stopping_with_a_prompt_open_records_it_as_interrupted(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, recorder: MemoryRecorder,
) -> None:
    """When the app ends with a prompt on screen, it is recorded as interrupted (not skipped),
    the next exercise stays the same, and no check stays scheduled.
    """
    sit(controller, clock, idle, fake_scheduler, 45 * 60 + 15)
    assert len(prompts.views) == 1

    controller.stop()
    controller.stop()

    assert [o.result for o in recorder.outcomes] == [Result.INTERRUPTED]
    assert len(prompts.views) == 1
    assert prompts.views[0].closed_as is Result.INTERRUPTED
    assert controller.presentation.status.next_exercise == "breathing"
    assert fake_scheduler.jobs == {}


def test_eight_hour_workday_brings_the_expected_prompts(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """4 h sitting, an hour's lunch, 4 h sitting: five prompts each half, ten in all."""
    sit(controller, clock, idle, fake_scheduler, 4 * 3600, answer=Result.DONE, prompts=prompts)
    assert len(prompts.views) == 5
    sit(controller, clock, idle, fake_scheduler, 3600, present=False)
    sit(controller, clock, idle, fake_scheduler, 4 * 3600, answer=Result.DONE, prompts=prompts)
    assert len(prompts.views) == 10


@pytest.mark.parametrize("jump", [3600.0, -3600.0])
def test_wall_clock_jump_brings_no_burst_and_no_lost_bout(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, jump: float,
) -> None:
    """Moving the wall clock an hour either way neither fires a burst of prompts nor loses the
    sitting already done.
    """
    sit(controller, clock, idle, fake_scheduler, 30 * 60)
    clock.jump_wall(jump)
    sit(controller, clock, idle, fake_scheduler, 60)
    assert prompts.views == []
    assert controller.presentation.status.bout_seconds == pytest.approx(31 * 60, abs=30)
    sit(controller, clock, idle, fake_scheduler, 14 * 60 + 30)
    assert len(prompts.views) == 1


def test_prompt_due_before_end_of_working_hours_is_shown(
    qtbot: object, clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
    prompts: PromptLog, controller: Controller,
) -> None:
    """With working hours until 18:00, a prompt due at 17:59 is shown; one due at 18:01 is
    not, and the status says when prompts resume.
    """
    office: tuple[TimeRange, ...] = (TimeRange(time(8, 0), time(18, 0)),)
    hours: dict[str, tuple[TimeRange, ...] | None] = dict.fromkeys(
        ("mon", "tue", "wed", "thu", "fri"), office)
    hours |= {"sat": (), "sun": ()}
    controller.configure(replace(controller.settings, working_hours=hours))
    # Away until 17:13 on Monday (a fresh bout), then sitting: the prompt is due at 17:58.
    clock.advance((clock.now().replace(hour=17, minute=13) - clock.now()).total_seconds())
    controller.refresh()
    sit(controller, clock, idle, fake_scheduler, 46 * 60)
    assert len(prompts.views) == 1
    assert clock.now().strftime("%H:%M") == "17:59"
    prompts.views[0].answer(Result.DONE)
    # The next one would be due at 18:44: outside working hours, so it does not come.
    sit(controller, clock, idle, fake_scheduler, 60 * 60)
    assert len(prompts.views) == 1
    status = controller.presentation.status
    assert status.mode is Mode.OFF_HOURS
    assert status.until == datetime.combine(
        (clock.now() + timedelta(days=1)).date(), time(8, 0), tzinfo=clock.now().tzinfo)
    assert "off until Tue 08:00" in controller.presentation.line


def test_settings_apply_at_once(controller: Controller, clock: FakeClock) -> None:
    """A shorter interval from the settings moves the next check at once."""
    controller.configure(replace(controller.settings, reminder_interval=600.0))
    status = controller.presentation.status
    assert status.due_in == pytest.approx(600, abs=1)


def test_status_document_has_the_documented_keys(controller: Controller) -> None:
    """`status --json` carries state, sitting time, next prompt and idle backend."""
    doc = controller.status()
    assert doc["state"] == "running"
    assert doc["next_prompt"]["exercise"] == "breathing"
    assert doc["idle_backend"] == "fake"
    assert set(doc) >= {"format", "version", "sitting_seconds", "until", "present"}


def test_no_exercises_enabled_means_no_prompts(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """With every exercise disabled nothing is offered and the status says why."""
    controller.configure(Settings(exercises=()))
    sit(controller, clock, idle, fake_scheduler, 3 * 3600)
    assert prompts.views == []
    assert "no exercises enabled" in controller.presentation.line
    with pytest.raises(CommandError):
        controller.start_now(None)


class _BrokenIdle:
    """An idle source that has stopped working."""

    name = "broken"
    healthy = False
    closed = False

    def idle_seconds(self) -> float | None:
        return None

    def close(self) -> None:
        self.closed = True


def test_failed_idle_backend_is_replaced(
    clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler, prompts: PromptLog,
    recorder: MemoryRecorder,
) -> None:
    """When the idle backend turns unhealthy the controller asks for another and uses it."""
    from deskbreath.core.idle import IdleSource
    from deskbreath.core.policy import ReminderPolicy
    from deskbreath.core.sitting import SittingTracker

    broken = _BrokenIdle()
    asked: list[str] = []

    def replace_idle(failed: IdleSource) -> IdleSource:
        asked.append(failed.name)
        failed.close()
        return idle

    tracker = SittingTracker(clock, broken, 180)
    controller = Controller(clock=clock, tracker=tracker, policy=ReminderPolicy(Settings()),
                            scheduler=fake_scheduler, prompt_factory=prompts,
                            replace_idle=replace_idle)
    controller.refresh()
    assert asked == ["broken"]
    assert broken.closed
    assert tracker.idle_source is idle


def test_no_check_job_while_a_prompt_is_open(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """While a prompt is on screen nothing can become due, so no wake-up is scheduled."""
    sit(controller, clock, idle, fake_scheduler, 45 * 60 + 15)
    assert len(prompts.views) == 1
    assert fake_scheduler.scheduled(NEXT_CHECK_JOB) is None
    prompts.views[0].answer(Result.DONE)
    assert fake_scheduler.scheduled(NEXT_CHECK_JOB) is not None


def test_pre_prompt_notification_comes_a_minute_ahead(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, qtbot: QtBot,
) -> None:
    """With the pre-prompt notification on, a quiet notice comes a minute before the prompt."""
    controller.configure(replace(controller.settings, pre_prompt_notification=True))
    when = fake_scheduler.scheduled(PRE_PROMPT_JOB)
    assert when is not None
    assert abs((when - clock.now()).total_seconds() - 44 * 60) < 2
    with qtbot.waitSignal(controller.notice) as notice:
        sit(controller, clock, idle, fake_scheduler, 44 * 60 + 15)
    assert notice.args == ["deskbreath", "Breathing in about a minute"]
    assert prompts.views == []


def test_started_exercise_is_not_closed_when_input_stops(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """Breathing with eyes closed gives no input: a started exercise stays open past the
    natural break.
    """
    sit(controller, clock, idle, fake_scheduler, 45 * 60 + 15)
    view = prompts.open
    assert view is not None
    view.begin()
    sit(controller, clock, idle, fake_scheduler, 300, present=False)
    assert view.closed_as is None


def test_tick_stops_while_locked_and_resumes_after(controller: Controller) -> None:
    """No wake-ups to count sitting time while the screen is locked."""
    controller.start()
    tick = controller.findChild(QTimer, "deskbreath-sitting-tick")
    assert isinstance(tick, QTimer)
    assert tick.isActive()
    controller.set_away("locked", True)
    assert not tick.isActive()
    controller.set_away("locked", False)
    assert tick.isActive()
    controller.stop()


def test_a_prompt_window_that_fails_to_open_does_not_stop_reminders(
    clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler, prompts: PromptLog,
    qtbot: QtBot,
) -> None:
    """If building a prompt raises, the user is told, the rotation moves on, and the next
    interval still brings the next exercise.
    """
    from deskbreath.core.policy import ReminderPolicy
    from deskbreath.core.sitting import SittingTracker

    def factory(exercise: str) -> FakePromptView:
        if exercise == "breathing":
            raise RuntimeError("broken window")
        return prompts(exercise)

    controller = Controller(clock=clock, tracker=SittingTracker(clock, idle, 180),
                            policy=ReminderPolicy(Settings()), scheduler=fake_scheduler,
                            prompt_factory=factory)
    with qtbot.waitSignal(controller.notice) as notice:
        sit(controller, clock, idle, fake_scheduler, 45 * 60 + 15)
    assert "Could not show breathing" in notice.args[1]
    sit(controller, clock, idle, fake_scheduler, 45 * 60 + 15)
    assert [v.exercise for v in prompts.views] == ["rotation"]
