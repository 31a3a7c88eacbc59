"""Each exercise runs start to finish on a fake clock; announcements; reduced motion."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import QAbstractAnimation, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from deskbreath.core.exercises import KINDS
from deskbreath.core.history import MemoryRecorder, Result
from deskbreath.core.settings.model import (
    BreathingSettings,
    ReducedMotion,
    RotationSettings,
    Settings,
)
from deskbreath.core.wording import humanize
from deskbreath.qt.windows.exercises import base
from deskbreath.qt.windows.exercises.breathing import BreathingWidget
from deskbreath.qt.windows.exercises.checklist import ChecklistWidget
from deskbreath.qt.windows.exercises.registry import WIDGETS
from deskbreath.qt.windows.exercises.rotation import RotationWidget
from deskbreath.qt.windows.prompt import PromptWindow
from tests.fakes import FakeClock
from tests.qt.windows.conftest import MakeWindow

W = TypeVar("W", bound=base.ExerciseWidget)


def _started(window: PromptWindow, kind: type[W]) -> W:
    """Present ``window``, press Start, and return its exercise widget, checked to be a
    ``kind``.
    """
    window.present()
    window.start_button.click()
    widget = window.exercise_widget
    assert isinstance(widget, kind)
    return widget


def _advance(clock: FakeClock, widget: base.ExerciseWidget, seconds: float) -> None:
    clock.advance(seconds)
    widget.sync()


def test_breathing_runs_from_lead_in_to_the_answer(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, recorder: MemoryRecorder,
) -> None:
    """Lead-in, every breath in and out, the question, and a done outcome with the answer."""
    settings = Settings(breathing=BreathingSettings(length=60))
    window = make_window("breathing", settings)
    widget = _started(window, BreathingWidget)
    lead_in = widget.exercise.lead_in
    assert lead_in is not None
    assert widget.pages.currentIndex() == 0
    assert widget.lead_in_label.text() == f"Starting in {lead_in:.0f}"

    _advance(clock, widget, lead_in + 0.5)
    assert (widget.phase_label.text(), widget.countdown_label.text()) == ("in", "4")
    _advance(clock, widget, 4)
    assert (widget.phase_label.text(), widget.countdown_label.text()) == ("out", "6")
    assert widget.breath_label.text() == "Breath 1 of 6 · 4 s in · 6 s out"
    _advance(clock, widget, 56)
    assert widget.at_end
    assert widget.pages.currentIndex() == 2
    assert widget.question is not None
    with qtbot.waitSignal(window.finished):
        widget.question.buttons[0].click()

    outcome = recorder.outcomes[0]
    assert outcome.result is Result.DONE
    assert outcome.duration == pytest.approx(lead_in + 60.5)
    assert outcome.reports == {"belly_moved_more": "yes"}


def test_mostly_chest_breathing_gets_a_tip_and_is_recorded(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, recorder: MemoryRecorder,
) -> None:
    """The answer "No, mostly the chest" shows the catalogue's tip (the window stays open, Close has
    focus) and the answer is recorded when the window closes.
    """
    window = make_window("breathing", Settings(breathing=BreathingSettings(length=60)))
    widget = _started(window, BreathingWidget)
    _advance(clock, widget, 3600)
    assert widget.question is not None
    assert widget.tip_label is not None
    heard: list[str] = []
    widget.announced.connect(heard.append)

    with qtbot.assertNotEmitted(window.finished):
        widget.question.buttons[1].click()

    question = widget.exercise.question
    assert question is not None
    tip = question.choices[1].tip
    assert "lower ribs" in tip
    assert "lying on your back" in tip
    assert widget.tip_label.text() == tip
    assert widget.tip_label.isVisible()
    assert heard == [tip]
    assert window.focusWidget() is window.stop_button
    with qtbot.waitSignal(window.finished):
        window.stop_button.click()
    assert recorder.outcomes[0].result is Result.DONE
    assert recorder.outcomes[0].reports == {"belly_moved_more": "no"}


def test_breathing_announces_every_phase_change(qtbot: QtBot, make_window: MakeWindow,
                                                clock: FakeClock) -> None:
    """Screen readers hear "in", "out" at each change (and only then), and the end."""
    window = make_window("breathing", Settings(breathing=BreathingSettings(length=20)))
    widget = _started(window, BreathingWidget)
    heard: list[str] = []
    widget.announced.connect(heard.append)

    for _ in range(40):
        _advance(clock, widget, 1.0)

    assert [text.split(".")[0] for text in heard] == ["in", "out", "in", "out", "That's it"]
    assert heard[-1].endswith("Did your belly hand move more than your chest hand?")
    assert widget.accessibleDescription() == heard[-1]


def test_pacer_animates_only_while_breathing(make_window: MakeWindow, clock: FakeClock) -> None:
    """The frame driver is off during the lead-in and after the end, on while breathing."""
    window = make_window("breathing", Settings(breathing=BreathingSettings(length=20)))
    widget = _started(window, BreathingWidget)
    stopped = QAbstractAnimation.State.Stopped

    assert widget.driver.state() == stopped
    _advance(clock, widget, widget.lead_in + 1)
    assert widget.driver.state() == QAbstractAnimation.State.Running
    _advance(clock, widget, 30)
    assert widget.driver.state() == stopped


def test_pacer_shape_follows_the_breath(make_window: MakeWindow, clock: FakeClock) -> None:
    """The pacer is small at the start of the inhale, full at its end, half-way mid-exhale."""
    window = make_window("breathing")
    widget = _started(window, BreathingWidget)

    _advance(clock, widget, widget.lead_in)
    start = widget.pacer.fullness
    _advance(clock, widget, 3.99)
    full = widget.pacer.fullness
    _advance(clock, widget, 3.01)

    assert start == pytest.approx(0.0)
    assert full == pytest.approx(1.0, abs=1e-3)
    assert widget.pacer.fullness == pytest.approx(0.5)


@pytest.mark.parametrize(("setting", "system", "expected"), [
    (ReducedMotion.ON, False, True),
    (ReducedMotion.OFF, True, False),
    (ReducedMotion.SYSTEM, True, True),
    (ReducedMotion.SYSTEM, False, False),
])
def test_reduced_motion_follows_the_switch_then_the_system(
    monkeypatch: pytest.MonkeyPatch, make_window: MakeWindow,
    setting: ReducedMotion, system: bool, expected: bool,
) -> None:
    """The settings switch wins; "system" follows the desktop's motion preference."""
    monkeypatch.setattr(base, "system_prefers_reduced_motion", lambda: system)
    window = make_window("breathing", Settings(reduced_motion=setting))
    window.present()

    window.start_button.click()

    assert isinstance(window.exercise_widget, BreathingWidget)
    assert window.exercise_widget.pacer.reduced_motion is expected


def test_system_motion_preference_can_be_read() -> None:
    """Reading Qt's motion preference works (no "already deleted" wrapper error)."""
    assert base.system_prefers_reduced_motion() in (True, False)


def test_rotation_follows_the_plan_to_the_end(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, recorder: MemoryRecorder,
) -> None:
    """Steps, sides, illustrations and the turn count follow the plan; Close records done."""
    settings = Settings(rotation=RotationSettings(repetitions=2, hold=4))
    window = make_window("rotation", settings)
    widget = _started(window, RotationWidget)
    seen: list[tuple[str, str, str]] = []

    _advance(clock, widget, widget.lead_in)
    while not widget.at_end:
        step = widget.current_step
        assert step is not None
        path = widget.picture.path
        assert path is not None
        assert widget.side_labels[step.side].property("active") is True
        seen.append((step.key, step.side, path.name))
        _advance(clock, widget, step.seconds)

    assert seen[:4] == [
        ("lengthen", "left", "rotation-centre.svg"),
        ("turn", "left", "rotation-left.svg"),
        ("hold", "left", "rotation-left.svg"),
        ("return", "left", "rotation-centre.svg"),
    ]
    assert [s for k, s, _ in seen if k == "turn"] == ["left", "right", "left", "right"]
    assert window.stop_button.text() == "Close (Esc)"
    with qtbot.waitSignal(window.finished):
        window.stop_button.click()
    assert recorder.outcomes[0].result is Result.DONE
    assert recorder.outcomes[0].reports == {"variant": "arms-crossed"}


def test_rotation_asks_which_side_was_stiffer_and_records_it(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, recorder: MemoryRecorder,
) -> None:
    """The closing question "was one side stiffer?" is asked and its answer recorded under
    ``stiffer_side``, with the variant that was done.
    """
    window = make_window("rotation", Settings(rotation=RotationSettings(repetitions=1, hold=1)))
    widget = _started(window, RotationWidget)
    _advance(clock, widget, 3600)
    assert widget.question is not None
    assert widget.question.accessibleName() == "Was one side stiffer?"

    widget.question.buttons[1].click()  # "Yes, turning right": a tip, then Close
    with qtbot.waitSignal(window.finished):
        window.stop_button.click()

    assert recorder.outcomes[0].reports == {"stiffer_side": "right", "variant": "arms-crossed"}


def test_the_reach_variant_runs_its_own_steps_and_pictures(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, recorder: MemoryRecorder,
) -> None:
    """The catalogue's second variant shows its own title, steps and pictures, moves its
    pictures in step with the turn, and the history says which variant it was.
    """
    settings = Settings(rotation=RotationSettings(repetitions=1, hold=2),
                        reduced_motion=ReducedMotion.OFF)
    window = make_window("rotation", settings, variant="reach")
    widget = _started(window, RotationWidget)
    assert window.exercise.title == "Seated rotation with reach"

    _advance(clock, widget, widget.lead_in + 3 + 1.5)  # half-way through the first turn
    step = widget.current_step
    assert step is not None
    assert step.key == "turn"
    assert "reach your left arm back" in widget.step_label.text()
    assert [f.name for f in widget.picture.frames] == [
        "reach-centre.svg", "reach-left-1.svg", "reach-left-2.svg", "reach-left.svg"]
    assert widget.driver.state() == QAbstractAnimation.State.Running
    _advance(clock, widget, 3600)
    with qtbot.waitSignal(window.finished):
        window.stop_button.click()

    assert recorder.outcomes[0].reports == {"variant": "reach"}


def test_reduced_motion_shows_still_pictures_of_the_turn(
    make_window: MakeWindow, clock: FakeClock,
) -> None:
    """With reduced motion the turn shows its still picture and nothing is animated."""
    settings = Settings(reduced_motion=ReducedMotion.ON)
    window = make_window("rotation", settings)
    widget = _started(window, RotationWidget)

    _advance(clock, widget, widget.lead_in + 3 + 1.5)

    assert [f.name for f in widget.picture.frames] == ["rotation-left.svg"]
    assert widget.driver.state() == QAbstractAnimation.State.Stopped


def test_rotation_hold_counts_down(make_window: MakeWindow, clock: FakeClock) -> None:
    """During the hold the countdown and the bar show the time left."""
    window = make_window("rotation", Settings(rotation=RotationSettings(hold=5)))
    widget = _started(window, RotationWidget)

    _advance(clock, widget, widget.lead_in + 3 + 3 + 2)

    assert widget.current_step is not None
    assert widget.current_step.key == "hold"
    assert widget.step_label.text() == "Hold the turn to the left, breathing easily"
    assert widget.countdown_label.text() == "3 s"
    assert widget.step_bar.value() == 400


def test_posture_records_what_was_fixed_and_the_rating(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, recorder: MemoryRecorder,
) -> None:
    """Ticked items, then the closing page with the catalogue's done words, and the one-tap
    rating end up in the done outcome.
    """
    window = make_window("posture")
    widget = _started(window, ChecklistWidget)
    widget.checks["shoulders"].click()
    widget.checks["feet"].click()
    clock.advance(12)

    widget.done_button.click()
    assert widget.at_end
    assert widget.exercise.done in [label.text() for label in widget.findChildren(QLabel)
                                    if label.isVisible()]
    assert widget.question is not None
    assert window.focusWidget() is widget.question.buttons[0]
    with qtbot.waitSignal(window.finished):
        widget.question.buttons[1].click()

    outcome = recorder.outcomes[0]
    assert outcome.result is Result.DONE
    assert outcome.reports == {"fixed": ("feet", "shoulders"), "rating": "fair"}
    assert outcome.duration == pytest.approx(12)


def test_posture_closed_without_rating_keeps_the_ticks(
    qtbot: QtBot, make_window: MakeWindow, recorder: MemoryRecorder,
) -> None:
    """Closing the closing page without a rating still records what was fixed."""
    window = make_window("posture")
    widget = _started(window, ChecklistWidget)
    widget.checks["screen"].click()
    widget.done_button.click()

    with qtbot.waitSignal(window.finished):
        window.stop_button.click()

    assert recorder.outcomes[0].result is Result.DONE
    assert recorder.outcomes[0].reports == {"fixed": ("screen",)}


def test_posture_stopped_half_way_keeps_the_ticks(
    qtbot: QtBot, make_window: MakeWindow, recorder: MemoryRecorder,
) -> None:
    """Esc in the middle of the checklist records it as stopped, with what was ticked."""
    window = make_window("posture")
    widget = _started(window, ChecklistWidget)
    widget.checks["wrists"].click()

    with qtbot.waitSignal(window.finished):
        QTest.keyClick(window, Qt.Key.Key_Escape)

    assert recorder.outcomes[0].result is Result.STOPPED
    assert recorder.outcomes[0].reports == {"fixed": ("wrists",)}


@pytest.mark.parametrize(("sitting", "suggest", "after", "shown"), [
    (90 * 60, True, 3600, True),
    (50 * 60, True, 3600, False),
    (90 * 60, False, 3600, False),
    (40 * 60, True, 1800, True),
])
def test_posture_suggests_standing_up_after_a_long_bout(
    make_window: MakeWindow, sitting: float, suggest: bool, after: float, shown: bool,
) -> None:
    """After a bout of at least ``stand_up_after`` (and with the suggestion on) the closing
    page says how long the user sat and suggests standing up and moving.
    """
    settings = Settings(stand_up_suggestion=suggest, stand_up_after=after)
    window = make_window("posture", settings, sitting_seconds=sitting)
    widget = _started(window, ChecklistWidget)
    heard: list[str] = []
    widget.announced.connect(heard.append)

    widget.done_button.click()

    label = widget.stand_up_label
    assert (label is not None and label.isVisible()) is shown
    if shown:
        assert label is not None
        assert label.text().startswith(f"You have been sitting for {humanize(sitting)}.")
        assert "stand up and move" in label.text()
        assert label.text() in heard[-1]


def test_posture_announces_itself(make_window: MakeWindow) -> None:
    """Starting the posture check tells screen readers what to do and how many points."""
    window = make_window("posture")

    widget = _started(window, ChecklistWidget)

    assert widget.accessibleDescription() == (
        "Posture check: check 10 points and tick each one you changed.")


def test_every_kind_of_exercise_has_a_widget() -> None:
    """The registry runs every kind the catalogue may name, and no kind the catalogue refuses."""
    assert set(WIDGETS) == set(KINDS)
