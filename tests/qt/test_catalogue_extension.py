"""A new exercise of an existing kind is one catalogue entry: added to a copy of the
catalogue, it shows in the tray menu, the settings (file and dialog), the status line, runs
in a prompt window, and `deskbreath now <id>` starts it through the protocol and the
controller.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from deskbreath.cli import _request, build_parser
from deskbreath.core.exercises import Catalogue, packaged_catalogue
from deskbreath.core.history import MemoryRecorder, Result
from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings.schema import packaged_schema, settings_schema
from deskbreath.core.settings.validate import parse_settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.paths import Paths
from deskbreath.qt.controller import Controller
from deskbreath.qt.ipc.instance import server_name
from deskbreath.qt.ipc.protocol import ProtocolError, decode_request, encode_request
from deskbreath.qt.ipc.server import IpcServer
from deskbreath.qt.settings.dialog import SettingsDialog
from deskbreath.qt.settings.fields import ExerciseListEditor
from deskbreath.qt.tray.menu import ActionsMenu
from deskbreath.qt.windows.exercises.checklist import ChecklistWidget
from deskbreath.qt.windows.exercises.registry import estimated_seconds
from deskbreath.qt.windows.prompt import PromptWindow
from tests.fakes import FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.qt.ipc.conftest import LineClient
from tests.support.exercise_catalogue import EXTRA_ID, EXTRA_NAME, copied_catalogue


@pytest.fixture
def copied(tmp_path: Path) -> Catalogue:
    """The shipped catalogue plus one test-only checklist exercise."""
    return copied_catalogue(tmp_path)


@pytest.fixture
def controller(qtbot: QtBot, copied: Catalogue, clock: FakeClock, idle: FakeIdleSource,
               fake_scheduler: FakeScheduler) -> tuple[Controller, PromptLog]:
    """A controller for the copied catalogue, with its default settings, over fakes."""
    settings = settings_schema(copied).defaults()
    prompts = PromptLog(clock, MemoryRecorder())
    ctrl = Controller(clock=clock, tracker=SittingTracker(clock, idle, settings.natural_break),
                      policy=ReminderPolicy(settings), scheduler=fake_scheduler,
                      prompt_factory=prompts, catalogue=copied)
    ctrl.refresh()
    return ctrl, prompts


def test_the_copy_holds_the_new_exercise_last_and_the_shipped_one_is_untouched(
    copied: Catalogue,
) -> None:
    """The new entry comes after the shipped ones, with its name and kind."""
    assert copied.ids == (*packaged_catalogue().ids, EXTRA_ID)
    assert (copied.name(EXTRA_ID), copied.get(EXTRA_ID).kind) == (EXTRA_NAME, "checklist")
    assert EXTRA_ID not in packaged_catalogue().exercises


def test_the_tray_menu_offers_it(qtbot: QtBot, copied: Catalogue) -> None:
    """Start now ▸ lists the new exercise by name, and choosing it asks for its id."""
    menu = ActionsMenu(copied)
    actions = menu.start_menu.actions()

    assert [a.text() for a in actions] == ["Breathing", "Thoracic rotation", "Posture check",
                                           EXTRA_NAME]
    with qtbot.waitSignal(menu.start_requested) as start:
        actions[-1].trigger()
    assert start.args == [EXTRA_ID]


def test_the_settings_file_accepts_it_and_the_default_order_has_it(copied: Catalogue) -> None:
    """With the copy's schema the file may list the new id, and by default all four take
    turns in the catalogue's order; the shipped schema still refuses the id.
    """
    schema = settings_schema(copied)
    doc = {"exercises": [EXTRA_ID, "breathing"]}

    settings, problems = parse_settings(schema, doc)
    _, refused = parse_settings(packaged_schema(), doc)

    assert (settings.exercises, problems) == ((EXTRA_ID, "breathing"), [])
    assert schema.defaults().exercises == copied.ids
    assert f'"{EXTRA_ID}"' in schema.fields["exercises"].allowed
    assert [p.key for p in refused] == ["exercises"]
    assert f'"{EXTRA_ID}" is not an exercise' in refused[0].message


def test_the_settings_dialog_lists_it_and_turns_it_off(qtbot: QtBot, copied: Catalogue) -> None:
    """The dialog's exercise list shows the new exercise by name; unticking it applies."""
    schema = settings_schema(copied)
    dialog = SettingsDialog(schema.defaults(), schema=schema, confirm=lambda _question: False)
    qtbot.add_widget(dialog)
    exercises = dialog.editor("exercises")
    assert isinstance(exercises, ExerciseListEditor)
    item = exercises.list.item(3)
    assert item.text() == EXTRA_NAME

    with qtbot.waitSignal(dialog.settings_edited) as blocker:
        item.setCheckState(Qt.CheckState.Unchecked)

    assert blocker.args[0].exercises == packaged_catalogue().ids


def test_now_with_its_id_starts_it_through_the_command_line_socket_and_controller(
    qtbot: QtBot, paths: Paths, copied: Catalogue,
    controller: tuple[Controller, PromptLog],
) -> None:
    """`deskbreath now shoulders`, parsed by the real command line for the copy, goes over a
    real socket to a server for the copy and makes the controller open that exercise.
    """
    ctrl, prompts = controller
    request = _request(build_parser(copied.ids).parse_args(["now", EXTRA_ID]))
    paths.runtime_dir.mkdir(parents=True, mode=0o700)
    server = IpcServer(ctrl, server_name(paths), clock=FakeClock(), catalogue=copied)
    server.listen()
    client = LineClient(qtbot, server.full_server_name)
    try:
        client.send(encode_request(request))
        (reply,) = client.replies(1)
    finally:
        client.close()
        server.close()
        Shiboken.delete(server)

    assert reply == {"v": 1, "ok": True, "message": "Starting shoulder check."}
    assert [view.exercise for view in prompts.views] == [EXTRA_ID]


def test_the_shipped_command_line_and_protocol_still_refuse_the_id() -> None:
    """Without the copy, the id is not an exercise: the parser and the protocol say so."""
    with pytest.raises(SystemExit):
        build_parser().parse_args(["now", EXTRA_ID])
    with pytest.raises(ProtocolError, match=f'unknown exercise "{EXTRA_ID}"'):
        decode_request(encode_request({"cmd": "now", "exercise": EXTRA_ID}))


def test_the_status_line_names_it(copied: Catalogue, clock: FakeClock,
                                  controller: tuple[Controller, PromptLog]) -> None:
    """When the new exercise is next, the status line says so by its name."""
    ctrl, prompts = controller
    for _ in copied.ids[:-1]:  # the shipped three take their turns first
        ctrl.start_now(None)
        view = prompts.open
        assert view is not None
        view.answer(Result.DONE)

    assert f"{EXTRA_NAME.lower()} in" in ctrl.presentation.line


def test_a_prompt_window_runs_it_with_the_widget_of_its_kind(
    qtbot: QtBot, copied: Catalogue, clock: FakeClock,
) -> None:
    """The prompt window offers it with its title and runs it as a checklist of its steps."""
    settings = settings_schema(copied).defaults()
    window = PromptWindow(EXTRA_ID, copied, settings, clock, MemoryRecorder())
    qtbot.add_widget(window)

    window.begin()

    widget = window.findChild(ChecklistWidget)
    assert widget is not None
    assert list(widget.checks) == ["drop", "chin"]
    assert window.windowTitle() == "deskbreath: Shoulder and neck check"
    assert estimated_seconds(EXTRA_ID, copied, settings) > 0
