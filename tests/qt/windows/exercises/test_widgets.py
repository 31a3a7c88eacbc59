"""Each exercise runs start to finish on a fake clock; announcements; reduced motion."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import QAbstractAnimation
from pytestqt.qtbot import QtBot

from deskbreath.core.exercises import KINDS
from deskbreath.core.history import MemoryRecorder, Result
from deskbreath.core.settings.model import (
    BreathingSettings,
    ReducedMotion,
    RotationSettings,
    Settings,
)
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
    ``kind``."""
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
    assert widget.pages.currentIndex() == 0
    assert widget.lead_in_label.text() == "Starting in 10"

    _advance(clock, widget, 10.5)
    assert (widget.phase_label.text(), widget.countdown_label.text()) == ("in", "4")
    _advance(clock, widget, 4)
    assert (widget.phase_label.text(), widget.countdown_label.text()) == ("out", "6")
    assert widget.breath_label.text() == "Breath 1 of 6"
    _advance(clock, widget, 56)
    assert widget.at_end
    assert widget.pages.currentIndex() == 2
    with qtbot.waitSignal(window.finished):
        widget.answer_buttons[1].click()

    outcome = recorder.outcomes[0]
    assert outcome.result is Result.DONE
    assert outcome.duration == pytest.approx(70.5)
    assert outcome.reports == {"belly_moved_more": "no"}


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
    assert widget.accessibleDescription() == heard[-1]


def test_pacer_animates_only_while_breathing(make_window: MakeWindow, clock: FakeClock) -> None:
    """The frame driver is off during the lead-in and after the end, on while breathing."""
    window = make_window("breathing", Settings(breathing=BreathingSettings(length=20)))
    widget = _started(window, BreathingWidget)
    stopped = QAbstractAnimation.State.Stopped

    assert widget.driver.state() == stopped
    _advance(clock, widget, 11)
    assert widget.driver.state() == QAbstractAnimation.State.Running
    _advance(clock, widget, 30)
    assert widget.driver.state() == stopped


def test_pacer_shape_follows_the_breath(make_window: MakeWindow, clock: FakeClock) -> None:
    """The pacer is small at the start of the inhale, full at its end, half-way mid-exhale."""
    window = make_window("breathing")
    widget = _started(window, BreathingWidget)

    _advance(clock, widget, 10)
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
    """Ticked items and the one-tap rating end up in the done outcome."""
    window = make_window("posture")
    widget = _started(window, ChecklistWidget)
    widget.checks["shoulders"].click()
    widget.checks["feet"].click()
    clock.advance(12)

    with qtbot.waitSignal(window.finished):
        widget.rating_buttons[2].click()

    outcome = recorder.outcomes[0]
    assert outcome.result is Result.DONE
    assert outcome.reports == {"fixed": ("feet", "shoulders"), "rating": "poor"}
    assert outcome.duration == pytest.approx(12)


def test_posture_done_without_rating_keeps_the_ticks(
    qtbot: QtBot, make_window: MakeWindow, recorder: MemoryRecorder,
) -> None:
    """Done without a rating still records what was fixed."""
    window = make_window("posture")
    widget = _started(window, ChecklistWidget)
    widget.checks["screen"].click()

    with qtbot.waitSignal(window.finished):
        widget.done_button.click()

    assert recorder.outcomes[0].reports == {"fixed": ("screen",)}


def test_every_kind_of_exercise_has_a_widget() -> None:
    """The registry runs every kind the catalogue may name, and no kind the catalogue refuses."""
    assert set(WIDGETS) == set(KINDS)
