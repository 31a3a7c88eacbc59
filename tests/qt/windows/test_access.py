"""Access in the prompt window: focus always on a named control, pause and resume by button
and Space, the "see a professional" note on every screen, a dialog that announces itself,
answers named by themselves, durations from the settings and data, and a pacer that does not
re-lay the window out on every frame.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QAccessible, QPaintEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from deskbreath.core.history import MemoryRecorder, Result
from deskbreath.core.settings.model import (
    BreathingSettings,
    ReducedMotion,
    RotationSettings,
    Settings,
)
from deskbreath.qt.windows.exercises.base import ExerciseWidget
from deskbreath.qt.windows.exercises.breathing import BreathingWidget
from deskbreath.qt.windows.exercises.checklist import ChecklistWidget
from deskbreath.qt.windows.prompt import PromptWindow
from tests.fakes import FakeClock
from tests.qt.windows.conftest import MakeWindow

SHORT = Settings(breathing=BreathingSettings(length=60),
                 rotation=RotationSettings(repetitions=1, hold=2),
                 reduced_motion=ReducedMotion.OFF)


def _name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name).strip()


def _paused(widget: ExerciseWidget) -> bool:
    """Whether ``widget`` is paused now (a call, so each check reads it afresh)."""
    return widget.paused


def _moments(window: PromptWindow, clock: FakeClock) -> Iterator[str]:
    """Start the exercise and step through it a second at a time to its end, yielding what
    is on screen at each moment.
    """
    window.start_button.click()
    widget = window.exercise_widget
    assert widget is not None
    yield "start"
    for _ in range(400):
        if widget.at_end:
            break
        clock.advance(1.0)
        widget.sync()
        yield f"{widget.elapsed():.0f} s"
    yield "end"


@pytest.mark.parametrize("exercise_id", ["breathing", "rotation"])
def test_focus_always_rests_on_a_named_control(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, exercise_id: str,
) -> None:
    """From Start to the closing question, keyboard focus is always on a visible, named
    button: Begin now, then Pause once the lead-in ends, then the first answer.
    """
    window = make_window(exercise_id, SHORT)
    window.present()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    seen: set[str] = set()

    for moment in _moments(window, clock):
        focused = QApplication.focusWidget()
        assert isinstance(focused, QAbstractButton), (moment, focused)
        assert focused.isVisible(), moment
        assert _name(focused), moment
        seen.add(_name(focused))

    assert {"Pause the exercise", "Yes, the belly" if exercise_id == "breathing"
            else "Yes, turning left"} <= seen
    assert any(name.startswith("Begin") for name in seen)


def test_focus_starts_on_the_first_posture_point(qtbot: QtBot, make_window: MakeWindow) -> None:
    """The posture check opens with focus on its first point, which is named."""
    window = make_window("posture")
    window.present()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    window.start_button.click()

    focused = QApplication.focusWidget()
    assert focused is not None
    assert _name(focused) == "I fixed: Feet flat on the floor, or on a footrest"


def test_pause_button_and_space_hold_the_exercise(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock,
) -> None:
    """Pause stops the clock of the exercise (and the pacer); Space resumes it; Space also
    works when no button has focus.
    """
    window = make_window("breathing", SHORT)
    window.present()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start_button.click()
    widget = window.exercise_widget
    assert isinstance(widget, BreathingWidget)
    clock.advance(widget.lead_in + 2)
    widget.sync()
    assert QApplication.focusWidget() is window.pause_button

    QTest.keyClick(window.pause_button, Qt.Key.Key_Space)
    before = widget.elapsed()
    clock.advance(30)
    widget.sync()

    assert widget.paused
    assert widget.elapsed() == pytest.approx(before)
    assert window.pause_button.text() == "Resume (Space)"
    assert _name(window.pause_button) == "Resume the exercise"
    assert widget.driver.state() == widget.driver.State.Stopped
    assert widget.hint_label.text() == "Paused"
    window.pause_button.clearFocus()
    QTest.keyClick(window, Qt.Key.Key_Space)
    clock.advance(1)
    widget.sync()
    assert _paused(widget) is False
    assert widget.elapsed() == pytest.approx(before + 1)
    assert window.pause_button.text() == "Pause (Space)"


def test_a_paused_exercise_counts_its_time_for_the_history(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, recorder: MemoryRecorder,
) -> None:
    """Stopping a paused exercise records it as stopped, with the time the window was open."""
    window = make_window("rotation", SHORT)
    window.present()
    window.start_button.click()
    window.pause_button.click()
    clock.advance(20)

    with qtbot.waitSignal(window.finished):
        window.stop_button.click()

    assert recorder.outcomes[0].result is Result.STOPPED
    assert recorder.outcomes[0].duration == pytest.approx(20)


@pytest.mark.parametrize("exercise_id", ["breathing", "rotation", "posture"])
def test_the_professional_note_is_one_button_away_on_every_screen(
    make_window: MakeWindow, clock: FakeClock, exercise_id: str,
) -> None:
    """On the offer and at every moment of the exercise a visible, named button shows the
    exercise's "see a professional" note.
    """
    window = make_window(exercise_id, SHORT)
    window.present()
    window.offer_note_button.click()
    assert window.offer_note.isVisible()
    assert window.offer_note_label.text() == window.exercise.professional
    window.offer_note_button.click()

    for moment in _moments(window, clock):
        assert window.note_button.isVisible(), moment
        assert _name(window.note_button) == "When to see a professional", moment
    window.note_button.click()

    assert window.note.isVisible()
    assert window.note_label.text() == window.exercise.professional


def test_opening_the_note_pauses_and_closing_it_goes_on(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock,
) -> None:
    """Reading the note costs none of the exercise: it pauses while the note is open."""
    window = make_window("rotation", SHORT)
    window.present()
    window.start_button.click()
    widget = window.exercise_widget
    assert widget is not None
    heard: list[str] = []
    window.announced.connect(heard.append)

    window.note_button.click()
    assert _paused(widget) is True
    assert heard == [window.exercise.professional]
    window.note_button.click()

    assert _paused(widget) is False
    assert not window.note.isVisible()


def test_the_offer_is_a_dialog_that_announces_itself(qtbot: QtBot, make_window: MakeWindow
                                                     ) -> None:
    """Screen readers see the prompt as a dialog, and hear the offer when it appears,
    with its duration and what to do.
    """
    window = make_window("breathing")

    with qtbot.waitSignal(window.announced) as heard:
        window.present()

    interface = QAccessible.queryAccessibleInterface(window)
    assert interface is not None
    assert interface.role() == QAccessible.Role.Dialog
    assert interface.text(QAccessible.Text.Name) == "Exercise prompt: Paced belly breathing"
    assert heard.args == [
        "deskbreath offers Paced belly breathing. About 2 min · 4 s in · 6 s out. Slow, low "
        "breathing with a calm pacer. Eyes half closed if you like. Start, snooze or skip it "
        "in the deskbreath window."]


@pytest.mark.parametrize("exercise_id", ["breathing", "rotation", "posture"])
def test_answers_are_named_by_themselves_and_grouped_by_the_question(
    make_window: MakeWindow, clock: FakeClock, exercise_id: str,
) -> None:
    """Each answer's accessible name is its own words; the question names their group."""
    window = make_window(exercise_id, SHORT)
    window.present()
    for _moment in _moments(window, clock):
        pass
    widget = window.exercise_widget
    if isinstance(widget, ChecklistWidget):
        widget.done_button.click()
    assert widget is not None
    question = widget.exercise.question
    assert question is not None
    assert widget.question is not None

    assert [_name(button) for button in widget.question.buttons] == [
        choice.label for choice in question.choices]
    assert _name(widget.question) == question.text
    assert QAccessible.queryAccessibleInterface(widget.question).role() == \
        QAccessible.Role.Grouping


@pytest.mark.parametrize(("exercise_id", "settings", "text"), [
    ("posture", Settings(), "About 30 s"),
    ("breathing", Settings(), "About 2 min · 4 s in · 6 s out"),
    ("breathing", Settings(breathing=BreathingSettings(length=300, hold_after_inhale=2)),
     "About 5 min · 4 s in · 2 s hold · 6 s out"),
    ("rotation", Settings(rotation=RotationSettings(repetitions=2, hold=5)), "About 1 min"),
    ("rotation", Settings(rotation=RotationSettings(repetitions=10, hold=30)), "About 13 min"),
])
def test_the_offer_states_the_duration_from_settings_or_data(
    make_window: MakeWindow, exercise_id: str, settings: Settings, text: str,
) -> None:
    """One duration on the offer, worked out from the settings (or the catalogue)."""
    window = make_window(exercise_id, settings)

    assert window.duration_label.text() == text


class _Recorder(QObject):
    """Counts layout requests anywhere and records the pacer's repainted rectangles."""

    def __init__(self, pacer: QWidget) -> None:
        super().__init__()
        self.pacer = pacer
        self.layouts = 0
        self.painted: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.layouts += 1
        elif watched is self.pacer and isinstance(event, QPaintEvent):
            self.painted.append(event.rect())
        return False


def test_pacer_frames_repaint_only_the_breath_and_never_relayout(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, qapp: QApplication,
) -> None:
    """Within one second of one phase, frames change only the pacer, repaint only the
    circle's square (not the whole pacer) and ask for no layout pass.
    """
    window = make_window("breathing")
    window.present()
    window.start_button.click()
    widget = window.exercise_widget
    assert isinstance(widget, BreathingWidget)
    clock.advance(widget.lead_in + 0.02)
    spy = _Recorder(widget.pacer)
    qapp.installEventFilter(spy)
    try:
        for _ in range(30):  # the page change settles: a layout pass climbs a level a pass
            spy.layouts = 0
            clock.advance(1 / 120)
            widget.sync()
            qapp.processEvents()
            if spy.layouts == 0:
                break
        spy.layouts, spy.painted = 0, []
        for _ in range(40):  # 40 frames of 1/60 s inside the first second of breathing in
            clock.advance(1 / 60)
            widget.sync()
            qapp.processEvents()
    finally:
        qapp.removeEventFilter(spy)

    assert spy.layouts == 0
    assert spy.painted
    assert all(rect != widget.pacer.rect() for rect in spy.painted)
    assert max(r.width() * r.height() for r in spy.painted) < \
        widget.pacer.width() * widget.pacer.height()
