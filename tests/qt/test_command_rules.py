"""Every command in every state: it applies in a defined way or is refused with a sentence
saying why, and the tray menu and status window disable exactly the refused entries with the
same sentence. The table is the README's "What each command does in each state".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import time

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.command_rules import Command
from deskbreath.core.commands import CommandError
from deskbreath.core.escalation import NOTIFY_AFTER, TRAY_AFTER
from deskbreath.core.history import MemoryRecorder
from deskbreath.core.localtime import seconds_between
from deskbreath.core.policy import HoldReason, Mode, ReminderPolicy
from deskbreath.core.settings.model import WEEKDAYS, Settings, TimeRange
from deskbreath.core.sitting import SittingTracker
from deskbreath.qt.controller import Controller
from deskbreath.qt.tray.icons import StateIcons
from deskbreath.qt.tray.menu import ActionsMenu
from deskbreath.qt.tray.status_window import StatusWindow
from tests.fakes import FakeBusySource, FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.qt.test_controller import sit

SETTINGS = Settings(reminder_interval=45 * 60.0, natural_break=180.0)


class Desk:
    """A controller over fakes, put into one of the states of the table."""

    def __init__(self, clock: FakeClock, state: str = "running") -> None:
        self.clock = clock
        self.state = state
        self.idle = FakeIdleSource(clock)
        self.scheduler = FakeScheduler(clock)
        self.prompts = PromptLog(clock, MemoryRecorder())
        self.mic = FakeBusySource(HoldReason.MICROPHONE)
        self.typing = FakeBusySource(HoldReason.TYPING)
        self.controller = Controller(
            clock=clock, tracker=SittingTracker(clock, self.idle, 180.0),
            policy=ReminderPolicy(SETTINGS), scheduler=self.scheduler,
            prompt_factory=self.prompts, busy_sources=[self.mic, self.typing])
        self.controller.refresh()

    def sit_until_due(self, more: float = 0.0) -> None:
        """Sit (typing, not answering) until a prompt is due, and ``more`` seconds on."""
        sit(self.controller, self.clock, self.idle, self.scheduler, 45 * 60 + 15 + more)


def _running(desk: Desk) -> None:
    pass


def _snoozed(desk: Desk) -> None:
    desk.controller.snooze(900)


def _paused(desk: Desk) -> None:
    desk.controller.pause()


def _paused_until_tomorrow(desk: Desk) -> None:
    desk.controller.pause(until_tomorrow=True)


def _outside_working_hours(desk: Desk) -> None:
    hours = dict.fromkeys(WEEKDAYS, (TimeRange(time(10, 0), time(18, 0)),))
    desk.controller.configure(replace(SETTINGS, working_hours=hours))  # it is 09:00


def _held_back(desk: Desk) -> None:
    desk.mic.busy = True
    desk.sit_until_due()


def _held_back_typing(desk: Desk) -> None:
    desk.typing.busy = True
    desk.sit_until_due()


def _held_back_past_max_hold(desk: Desk) -> None:
    desk.mic.busy = True
    desk.sit_until_due(SETTINGS.busy.max_hold)  # nudged; the tray icon shows it waits


def _coming_after_a_hold(desk: Desk) -> None:
    desk.mic.busy = True
    desk.sit_until_due()
    desk.mic.busy = False
    desk.controller.refresh()  # the call ended: the prompt comes after the grace period


def _prompt_offered(desk: Desk) -> None:
    desk.sit_until_due()


def _prompt_waiting(desk: Desk) -> None:
    desk.sit_until_due(TRAY_AFTER)  # shown and ignored: the tray icon shows it waits


def _exercise_in_progress(desk: Desk) -> None:
    desk.controller.start_now("posture")


def _no_exercise_enabled(desk: Desk) -> None:
    desk.controller.configure(replace(SETTINGS, exercises=()))


STATES: dict[str, Callable[[Desk], None]] = {
    "running": _running,
    "snoozed": _snoozed,
    "paused": _paused,
    "paused until tomorrow": _paused_until_tomorrow,
    "outside working hours": _outside_working_hours,
    "held back": _held_back,
    "held back: typing": _held_back_typing,
    "held back past max_hold": _held_back_past_max_hold,
    "coming after a hold": _coming_after_a_hold,
    "prompt offered": _prompt_offered,
    "prompt waiting": _prompt_waiting,
    "exercise in progress": _exercise_in_progress,
    "no exercise enabled": _no_exercise_enabled,
}

IS_PAUSED = "deskbreath is paused until you resume, so no prompt is coming to snooze; " \
    "resume first, or pause for another length."
NOT_PAUSED = "deskbreath is neither paused nor snoozed, so there is nothing to resume."
HELD_BY_MIC = "Nothing to resume: the prompt is held back (The microphone is in use) and " \
    "comes 1 min after that ends; deskbreath now starts it at once."
#: What each command does in each state: the resulting mode (or "prompt" for an exercise on
#: screen) when it applies, or the start of the sentence it is refused with.
TABLE: dict[str, dict[str, str]] = {
    "running": {
        "now rotation": "prompt", "now": "prompt", "snooze": "snoozed", "pause": "paused",
        "resume": "refused: " + NOT_PAUSED},
    "snoozed": {
        "now rotation": "prompt", "now": "prompt", "snooze": "snoozed", "pause": "paused",
        "resume": "running"},
    "paused": {
        "now rotation": "prompt", "now": "prompt", "snooze": "refused: " + IS_PAUSED,
        "pause": "paused", "resume": "running"},
    "paused until tomorrow": {
        "now rotation": "prompt", "now": "prompt",
        "snooze": "refused: deskbreath is paused until Tue 08:00, so no prompt is coming",
        "pause": "paused", "resume": "running"},
    "outside working hours": {
        "now rotation": "prompt", "now": "prompt",
        "snooze": "refused: It is outside working hours until 10:00, so no prompt is coming",
        "pause": "paused",
        "resume": "refused: It is outside working hours until 10:00; prompts come back"},
    "held back": {
        "now rotation": "prompt", "now": "prompt", "snooze": "snoozed", "pause": "paused",
        "resume": "refused: " + HELD_BY_MIC},
    "held back: typing": {
        "now rotation": "prompt", "now": "prompt", "snooze": "snoozed", "pause": "paused",
        "resume": "refused: Nothing to resume: the prompt waits for a pause in your typing "
                  "(at most 2 min); deskbreath now starts it at once."},
    "held back past max_hold": {
        "now rotation": "prompt", "now": "prompt", "snooze": "snoozed", "pause": "paused",
        "resume": "refused: " + HELD_BY_MIC},
    "coming after a hold": {
        "now rotation": "prompt", "now": "prompt", "snooze": "snoozed", "pause": "paused",
        "resume": "refused: " + NOT_PAUSED},
    "prompt offered": {
        "now rotation": "refused: Breathing is already on screen",
        "now": "refused: Breathing is already on screen",
        "snooze": "snoozed", "pause": "paused", "resume": "refused: " + NOT_PAUSED},
    "prompt waiting": {
        "now rotation": "refused: Breathing is already on screen",
        "now": "refused: Breathing is already on screen",
        "snooze": "snoozed", "pause": "paused", "resume": "refused: " + NOT_PAUSED},
    "exercise in progress": {
        "now rotation": "refused: Posture check is already on screen",
        "now": "refused: Posture check is already on screen",
        "snooze": "refused: Posture check is in progress; a snooze puts off prompts",
        "pause": "paused", "resume": "refused: " + NOT_PAUSED},
    "no exercise enabled": {
        "now rotation": "prompt", "now": "refused: No exercise is enabled; name one",
        "snooze": "refused: No exercise is enabled, so no prompt is coming to snooze.",
        "pause": "paused", "resume": "refused: " + NOT_PAUSED},
}

COMMANDS: dict[str, Callable[[Controller], str]] = {
    "now rotation": lambda c: c.start_now("rotation"),
    "now": lambda c: c.start_now(None),
    "snooze": lambda c: c.snooze(600),
    "pause": lambda c: c.pause(seconds=3600),
    "resume": lambda c: c.resume(),
}
ALWAYS: dict[str, Callable[[Controller], object]] = {
    "status": lambda c: c.status(),
    "pause --until-tomorrow": lambda c: c.pause(until_tomorrow=True),
    "settings": lambda c: c.open_settings(),
    "show": lambda c: c.show(),
    "quit": lambda c: c.quit(),
}
MENU_COMMAND = {"now rotation": Command.NOW, "snooze": Command.SNOOZE, "pause": Command.PAUSE,
                "resume": Command.RESUME}


@pytest.fixture(params=list(STATES))
def desk(request: pytest.FixtureRequest, qtbot: QtBot, clock: FakeClock) -> Desk:
    """A controller in each state of the table in turn."""
    desk = Desk(clock, request.param)
    STATES[desk.state](desk)
    return desk


def test_the_table_covers_every_state_and_command() -> None:
    """No cell is left undecided."""
    assert set(TABLE) == set(STATES)
    assert all(set(row) == set(COMMANDS) for row in TABLE.values())


def test_each_state_is_the_one_it_names(desk: Desk) -> None:
    """The set-up really produces the state of its row."""
    status = desk.controller.presentation.status
    modes = {"snoozed": Mode.SNOOZED, "paused": Mode.PAUSED,
             "paused until tomorrow": Mode.PAUSED, "outside working hours": Mode.OFF_HOURS}
    held = {"held back": HoldReason.MICROPHONE, "held back: typing": HoldReason.TYPING,
            "held back past max_hold": HoldReason.MICROPHONE}
    assert status.mode is modes.get(desk.state, Mode.RUNNING)
    assert (None if status.held_back is None else status.held_back.reason) == held.get(
        desk.state)
    assert status.prompt_open == (desk.state in ("prompt offered", "prompt waiting",
                                                 "exercise in progress"))
    assert status.waiting == (desk.state in ("held back past max_hold", "prompt waiting"))
    assert (status.next_exercise is None) == (desk.state == "no exercise enabled")
    coming = status.next_prompt_at is not None and 0 < seconds_between(
        status.next_prompt_at, desk.clock.now()) <= SETTINGS.busy.grace
    assert coming == (desk.state == "coming after a hold")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_applies_or_is_refused_as_the_table_says(desk: Desk, command: str) -> None:
    """A refused command raises with its sentence and changes nothing; one that applies
    leaves the state the table names.
    """
    expected = TABLE[desk.state][command]
    controller = desk.controller
    before = controller.presentation.status

    if expected.startswith("refused: "):
        with pytest.raises(CommandError) as refused:
            COMMANDS[command](controller)
        assert str(refused.value).startswith(expected.removeprefix("refused: "))
        assert str(refused.value).endswith(".")
        after = controller.presentation.status
        assert (after.mode, after.until, after.prompt_open) == (
            before.mode, before.until, before.prompt_open)
        return

    message = COMMANDS[command](controller)
    after = controller.presentation.status
    assert message.endswith(".") or message.startswith(("Resumed: ", "Snooze cancelled: "))
    if expected == "prompt":
        assert after.prompt_open
        assert desk.prompts.open is not None
        assert desk.prompts.open.begun
    else:
        assert after.mode is Mode(expected)


@pytest.mark.parametrize("command", list(ALWAYS))
def test_status_settings_show_quit_and_pause_apply_in_every_state(desk: Desk,
                                                                  command: str) -> None:
    """These never contradict a state, so they are never refused."""
    ALWAYS[command](desk.controller)


def test_a_pause_puts_off_the_offered_prompt_as_snoozed(clock: FakeClock, qtbot: QtBot) -> None:
    """Pausing with a prompt on offer closes it as snoozed; the same exercise comes first after
    the pause.
    """
    desk = Desk(clock)
    desk.sit_until_due()

    desk.controller.pause(seconds=3600)

    view = desk.prompts.views[0]
    assert view.closed_as is not None
    assert view.closed_as.value == "snoozed"
    assert desk.controller.presentation.status.next_exercise == view.exercise


@pytest.mark.parametrize("command", list(MENU_COMMAND))
def test_the_tray_and_status_window_disable_exactly_what_is_refused(
    desk: Desk, qtbot: QtBot, command: str,
) -> None:
    """Menu entries and status-window buttons are disabled for the refused commands, with the
    refusal as their tooltip, word for word what the command line prints.
    """
    menu = ActionsMenu()
    window = StatusWindow(menu, StateIcons())
    qtbot.add_widget(window)
    presentation = desk.controller.presentation
    menu.show_presentation(presentation)
    window.show_presentation(presentation)
    entry = {Command.NOW: menu.start_menu.menuAction(),
             Command.SNOOZE: menu.snooze_menu.menuAction(),
             Command.PAUSE: menu.pause_menu.menuAction(),
             Command.RESUME: menu.resume_action}[MENU_COMMAND[command]]
    button = {Command.NOW: window.start_button, Command.SNOOZE: window.snooze_button,
              Command.PAUSE: window.pause_button,
              Command.RESUME: window.resume_button}[MENU_COMMAND[command]]
    refused = TABLE[desk.state][command].startswith("refused: ")

    assert entry.isVisible()
    assert entry.isEnabled() is not refused
    assert button.isEnabled() is not refused
    if refused:
        with pytest.raises(CommandError) as error:
            COMMANDS[command](desk.controller)
        assert entry.toolTip() == str(error.value)
        assert button.toolTip() == str(error.value)
        assert button.accessibleDescription() == str(error.value)


def test_snoozing_a_waiting_prompt_ends_its_escalation(clock: FakeClock, qtbot: QtBot) -> None:
    """A prompt ignored past the tray step, then snoozed, closes as snoozed: the tray stops
    showing that a prompt waits, and the notification it was heading for never comes.
    """
    desk = Desk(clock)
    _prompt_waiting(desk)
    notices: list[str] = []
    desk.controller.notice.connect(lambda _title, text: notices.append(text))

    desk.controller.snooze(30 * 60)
    sit(desk.controller, clock, desk.idle, desk.scheduler, NOTIFY_AFTER)

    assert desk.prompts.views[0].closed_as is not None
    assert desk.prompts.views[0].closed_as.value == "snoozed"
    assert desk.controller.presentation.status.waiting is False
    assert not [text for text in notices if "waiting" in text]


def test_snoozing_an_overdue_hold_ends_the_hold_and_its_waiting_icon(clock: FakeClock,
                                                                    qtbot: QtBot) -> None:
    """A hold past max_hold (nudged, the icon shows it waits), then snoozed: nothing is held
    back or waiting until the snooze ends.
    """
    desk = Desk(clock)
    _held_back_past_max_hold(desk)
    assert desk.controller.presentation.status.waiting

    desk.controller.snooze(600)

    status = desk.controller.presentation.status
    assert (status.mode, status.held_back, status.waiting) == (Mode.SNOOZED, None, False)


@pytest.mark.parametrize(("grace", "words"), [
    (300.0, "and comes 5 min after that ends;"),
    (0.0, "and comes as soon as that ends;"),
])
def test_the_resume_refusal_names_the_grace_period_in_force(
    clock: FakeClock, qtbot: QtBot, grace: float, words: str,
) -> None:
    """While a prompt is held back, resume is refused with the grace period the settings
    give, not a fixed minute.
    """
    desk = Desk(clock)
    desk.controller.configure(replace(SETTINGS, busy=replace(SETTINGS.busy, grace=grace)))
    _held_back(desk)

    with pytest.raises(CommandError) as refused:
        desk.controller.resume()

    assert words in str(refused.value)
