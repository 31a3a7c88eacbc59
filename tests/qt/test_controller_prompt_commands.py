"""`deskbreath prompt start|snooze|skip|focus` in the controller: each acts on the prompt on
screen, and each is refused with a reason when there is none (or when it no longer fits).
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.commands import CommandError
from deskbreath.core.history import MemoryRecorder, Result
from deskbreath.core.policy import Mode, ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.qt.controller import Controller, PromptView
from tests.fakes import FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import FakePromptView, PromptLog
from tests.qt.test_controller import sit

NO_PROMPT = {
    "start": "No prompt is on screen to start; `deskbreath now` starts an exercise at once.",
    "snooze": "No prompt is on screen to snooze; `deskbreath snooze` puts off the next one.",
    "skip": "No prompt is on screen to skip.",
    "focus": "No prompt is on screen to focus.",
}


@pytest.fixture
def activations() -> list[tuple[PromptView, str | None]]:
    """The window activations the controller asked for: (view, activation token)."""
    return []


@pytest.fixture
def desk(qtbot: QtBot, clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
         prompts: PromptLog, settings: Settings,
         activations: list[tuple[PromptView, str | None]]) -> Controller:
    """A controller whose window activations are recorded."""
    ctrl = Controller(clock=clock, tracker=SittingTracker(clock, idle, settings.natural_break),
                      policy=ReminderPolicy(settings), scheduler=fake_scheduler,
                      prompt_factory=prompts,
                      activate_window=lambda view, token: activations.append((view, token)))
    ctrl.refresh()
    return ctrl


def offer(desk: Controller, clock: FakeClock, idle: FakeIdleSource,
          scheduler: FakeScheduler, prompts: PromptLog) -> FakePromptView:
    """Sit until the breathing prompt is offered; the offer on screen."""
    sit(desk, clock, idle, scheduler, 45 * 60 + 15)
    view = prompts.open
    assert view is not None
    assert view.presented
    assert not view.begun
    return view


def call(desk: Controller, action: str) -> str:
    """Send the prompt command ``action`` (start, snooze, skip, else focus); returns its answer."""
    if action == "start":
        return desk.prompt_start()
    if action == "snooze":
        return desk.prompt_snooze(None)
    if action == "skip":
        return desk.prompt_skip()
    return desk.prompt_focus(None)


def test_prompt_start_starts_the_offered_exercise(
    desk: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """`prompt start` begins the exercise on screen, and status --json says it is under way."""
    view = offer(desk, clock, idle, fake_scheduler, prompts)
    assert desk.status()["prompt"] == {"exercise": "breathing", "state": "offered"}

    message = desk.prompt_start()

    assert message == "Starting breathing."
    assert view.begun
    assert desk.status()["prompt"] == {"exercise": "breathing", "state": "in-progress"}


def test_prompt_snooze_closes_the_offer_as_snoozed_for_that_long(
    desk: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, recorder: MemoryRecorder,
) -> None:
    """`prompt snooze 10m` records the offer as snoozed and holds the next prompt 10 min."""
    view = offer(desk, clock, idle, fake_scheduler, prompts)

    message = desk.prompt_snooze(600)

    assert message == "Snoozed breathing for 10 min."
    assert view.closed_as is Result.SNOOZED
    assert [o.result for o in recorder.outcomes] == [Result.SNOOZED]
    status = desk.presentation.status
    assert status.mode is Mode.SNOOZED
    assert status.until is not None
    assert round((status.until - clock.now()).total_seconds()) == 600
    assert desk.status()["prompt"] is None


def test_prompt_snooze_without_a_length_takes_the_first_snooze_choice(
    desk: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """With no DURATION the first of the snooze choices (5 min by default) applies."""
    offer(desk, clock, idle, fake_scheduler, prompts)

    assert desk.prompt_snooze(None) == "Snoozed breathing for 5 min."


def test_prompt_skip_closes_the_offer_as_skipped(
    desk: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog, recorder: MemoryRecorder,
) -> None:
    """`prompt skip` records the offer as skipped and the next exercise takes its turn."""
    view = offer(desk, clock, idle, fake_scheduler, prompts)

    message = desk.prompt_skip()

    assert message == "Skipped breathing."
    assert view.closed_as is Result.SKIPPED
    assert [o.result for o in recorder.outcomes] == [Result.SKIPPED]
    assert desk.presentation.status.next_exercise == "rotation"


def test_prompt_focus_reveals_the_offer_and_activates_it_with_the_token(
    desk: Controller, clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
    prompts: PromptLog, activations: list[tuple[PromptView, str | None]],
) -> None:
    """`prompt focus` raises the offer, hands the window activator the desktop's token, and
    leaves the offer open.
    """
    view = offer(desk, clock, idle, fake_scheduler, prompts)

    message = desk.prompt_focus("token-from-the-shortcut")

    assert message == "Gave the keyboard to breathing."
    assert view.revealed == 1
    assert activations == [(view, "token-from-the-shortcut")]
    assert view.closed_as is None


@pytest.mark.parametrize("action", ["start", "snooze", "skip", "focus"])
def test_each_prompt_command_is_refused_when_no_prompt_is_on_screen(
    desk: Controller, prompts: PromptLog,
    activations: list[tuple[PromptView, str | None]], action: str,
) -> None:
    """With nothing on screen each command is refused with a sentence saying why, and nothing
    changes.
    """
    with pytest.raises(CommandError) as refused:
        call(desk, action)

    assert str(refused.value) == NO_PROMPT[action]
    assert prompts.views == []
    assert activations == []
    assert desk.presentation.status.mode is Mode.RUNNING


@pytest.mark.parametrize(
    ("action", "reason"),
    [
        ("start", "Breathing has already started."),
        ("snooze", "Breathing is under way; finish it or stop it in its window (Stop or Esc)."),
        ("skip", "Breathing is under way; finish it or stop it in its window (Stop or Esc)."),
    ],
)
def test_answering_commands_are_refused_once_the_exercise_is_under_way(
    desk: Controller, clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
    prompts: PromptLog, action: str, reason: str,
) -> None:
    """start, snooze and skip answer an offer; an exercise under way is left alone."""
    view = offer(desk, clock, idle, fake_scheduler, prompts)
    desk.prompt_start()

    with pytest.raises(CommandError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        call(desk, action)

    assert view.closed_as is None
    assert desk.presentation.status.mode is Mode.RUNNING


def test_prompt_focus_also_brings_back_an_exercise_under_way(
    desk: Controller, prompts: PromptLog,
    activations: list[tuple[PromptView, str | None]],
) -> None:
    """An exercise started from the tray whose window lost the keyboard gets it back."""
    desk.start_now("posture")
    view = prompts.open
    assert view is not None

    assert desk.prompt_focus(None) == "Gave the keyboard to posture check."
    assert activations == [(view, None)]


def test_the_prompt_commands_follow_the_offer_that_appears_this_very_moment(
    desk: Controller, clock: FakeClock, idle: FakeIdleSource,
    fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """A command that arrives when a prompt has just come due acts on it: the controller
    looks at the state now, not at its last tick.
    """
    sit(desk, clock, idle, fake_scheduler, 45 * 60 - 5)
    assert prompts.views == []
    clock.advance(10)
    idle.touch()

    assert desk.prompt_start() == "Starting breathing."
    assert [v.begun for v in prompts.views] == [True]
