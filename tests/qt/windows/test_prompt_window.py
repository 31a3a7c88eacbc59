"""The prompt window: offer, Start / Snooze / Skip, Esc, outcomes, keyboard flow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from deskbreath.core.history import MemoryRecorder, Outcome, Result
from deskbreath.core.settings.model import Settings
from deskbreath.qt.windows.exercises.breathing import BreathingWidget
from tests.fakes import FakeClock
from tests.qt.windows.conftest import MakeWindow


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has keyboard focus"
    return widget


def test_snooze_emits_the_chosen_seconds_and_records_snoozed(
    qtbot: QtBot, make_window: MakeWindow, recorder: MemoryRecorder,
) -> None:
    """A snooze button emits its length, then finished with a snoozed outcome."""
    window = make_window("rotation", Settings(snooze_choices=(300.0, 900.0)))
    window.present()
    received: list[object] = []
    window.snooze_requested.connect(received.append)
    window.finished.connect(lambda outcome: received.append(outcome.result))

    with qtbot.waitSignal(window.finished):
        window.snooze_buttons[1].click()

    assert received == [900.0, Result.SNOOZED]
    assert [o.result for o in recorder.outcomes] == [Result.SNOOZED]
    assert recorder.outcomes[0].reports == {"snooze_seconds": 900.0}
    assert not window.isVisible()


def test_skip_records_skipped(qtbot: QtBot, make_window: MakeWindow,
                              recorder: MemoryRecorder) -> None:
    """Skip closes the window with a skipped outcome of zero duration."""
    window = make_window("posture")
    window.present()

    with qtbot.waitSignal(window.finished) as blocker:
        window.skip_button.click()

    outcome = blocker.args[0]
    assert isinstance(outcome, Outcome)
    assert (outcome.exercise, outcome.result, outcome.duration) == ("posture", Result.SKIPPED, 0)
    assert recorder.outcomes == [outcome]


def test_finished_carries_the_recorded_outcome_itself(qtbot: QtBot, make_window: MakeWindow,
                                                     recorder: MemoryRecorder) -> None:
    """The typed signal delivers the very Outcome that was recorded, not a copy."""
    window = make_window("posture")
    window.present()

    with qtbot.waitSignal(window.finished) as blocker:
        window.skip_button.click()

    assert blocker.args[0] is window.outcome
    assert blocker.args[0] is recorder.outcomes[0]


def test_esc_stops_an_exercise_in_progress(qtbot: QtBot, make_window: MakeWindow,
                                           clock: FakeClock, recorder: MemoryRecorder) -> None:
    """Esc during the exercise records it as stopped, with the time spent."""
    window = make_window("breathing")
    window.present()
    window.start_button.click()
    clock.advance(25)

    with qtbot.waitSignal(window.finished):
        QTest.keyClick(window, Qt.Key.Key_Escape)

    assert recorder.outcomes[0].result is Result.STOPPED
    assert recorder.outcomes[0].duration == pytest.approx(25)


def test_finished_is_emitted_once_whatever_happens_after(
    qtbot: QtBot, make_window: MakeWindow, recorder: MemoryRecorder,
) -> None:
    """After Skip, a missed-close and a window close neither record nor emit again."""
    window = make_window("rotation")
    window.present()
    with qtbot.waitSignal(window.finished):
        window.skip_button.click()

    with qtbot.assertNotEmitted(window.finished):
        window.close_as_missed()
        window.close()

    assert [o.result for o in recorder.outcomes] == [Result.SKIPPED]


def test_close_as_missed_records_missed_when_never_started(
    qtbot: QtBot, make_window: MakeWindow, recorder: MemoryRecorder,
) -> None:
    """A prompt nobody answered is recorded as missed."""
    window = make_window("breathing")
    window.present()

    with qtbot.waitSignal(window.finished):
        window.close_as_missed()

    assert recorder.outcomes[0].result is Result.MISSED


@pytest.mark.parametrize("started", [False, True], ids=["offered", "under-way"])
def test_close_as_interrupted_records_interrupted_not_skipped(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, recorder: MemoryRecorder,
    started: bool,
) -> None:
    """A prompt on screen when the app ends is recorded as interrupted, offered or under way,
    with the time spent; it is closed.
    """
    window = make_window("breathing")
    window.present()
    if started:
        window.start_button.click()
        clock.advance(12)

    with qtbot.waitSignal(window.finished):
        window.close_as_interrupted()

    assert [o.result for o in recorder.outcomes] == [Result.INTERRUPTED]
    assert recorder.outcomes[0].duration == pytest.approx(12 if started else 0)
    assert not window.isVisible()


def test_window_manager_close_counts_as_skip(qtbot: QtBot, make_window: MakeWindow,
                                             recorder: MemoryRecorder) -> None:
    """Closing the offer with the title-bar button records a skip and emits finished."""
    window = make_window("posture")
    window.present()

    with qtbot.waitSignal(window.finished):
        window.close()

    assert recorder.outcomes[0].result is Result.SKIPPED


def test_start_emits_started_and_shows_the_exercise(qtbot: QtBot,
                                                    make_window: MakeWindow) -> None:
    """Start emits started and puts the exercise on screen."""
    window = make_window("breathing")
    window.present()

    with qtbot.waitSignal(window.started):
        window.start_button.click()

    assert isinstance(window.exercise_widget, BreathingWidget)
    assert window.exercise_widget.isVisible()
    assert window.running


def test_present_places_the_window_on_the_pointer_screen(make_window: MakeWindow) -> None:
    """The window appears inside the available area of the screen with the pointer, on top."""
    window = make_window("rotation")

    window.present()

    screen = QApplication.screenAt(window.geometry().center())
    assert screen is not None
    assert screen.availableGeometry().contains(window.geometry())
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)


def test_keyboard_alone_runs_breathing_to_a_recorded_answer(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, recorder: MemoryRecorder,
) -> None:
    """Once focused: Enter starts, Space skips the lead-in, Enter answers the question."""
    window = make_window("breathing")
    window.present()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start_button.setFocus()

    QTest.keyClick(_focused(), Qt.Key.Key_Return)
    widget = window.exercise_widget
    assert isinstance(widget, BreathingWidget)
    assert QApplication.focusWidget() is widget.begin_now_button
    QTest.keyClick(_focused(), Qt.Key.Key_Space)
    clock.advance(widget.pattern.total)
    widget.sync()
    assert widget.question is not None
    assert QApplication.focusWidget() is widget.question.buttons[0]
    with qtbot.waitSignal(window.finished):
        QTest.keyClick(_focused(), Qt.Key.Key_Return)

    assert recorder.outcomes[0].result is Result.DONE
    assert recorder.outcomes[0].reports == {"belly_moved_more": "yes"}


@pytest.mark.parametrize("exercise_id", ["breathing", "rotation", "posture"])
def test_every_control_has_an_accessible_name(make_window: MakeWindow, clock: FakeClock,
                                              exercise_id: str) -> None:
    """Every button and check box, on the offer and in the exercise, has an accessible name."""
    window = make_window(exercise_id)
    window.present()
    window.start_button.click()
    assert window.exercise_widget is not None
    clock.advance(3600)
    window.exercise_widget.sync()

    controls = window.findChildren(QAbstractButton)

    assert len(controls) >= 6
    for control in controls:
        interface = QAccessible.queryAccessibleInterface(control)
        assert interface is not None
        assert interface.text(QAccessible.Text.Name).strip(), control.objectName() or control.text()


def test_recorder_failure_does_not_lose_the_finish(qtbot: QtBot, catalogue: object,
                                                   clock: FakeClock) -> None:
    """If the history cannot be written, the window still closes and emits finished."""
    from deskbreath.core.exercises import Catalogue
    from deskbreath.qt.windows.prompt import PromptWindow

    class BrokenRecorder:
        def record(self, outcome: Outcome) -> None:
            raise OSError("disk full")

    assert isinstance(catalogue, Catalogue)
    window = PromptWindow("posture", catalogue, Settings(), clock, BrokenRecorder())
    qtbot.add_widget(window)
    window.present()

    with qtbot.waitSignal(window.finished):
        window.skip_button.click()

    assert window.outcome is not None
    assert window.outcome.result is Result.SKIPPED
