"""Qt test doubles: a prompt view the test answers, and a tray that records what it shows."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from deskbreath.core.history import MemoryRecorder, Outcome, Result
from deskbreath.core.report import Presentation
from tests.fakes import FakeClock


class FakePromptView(QObject):
    """A prompt window stand-in: records present/begin; the test calls ``answer``."""

    snooze_requested = Signal(float)
    finished = Signal(Outcome)
    started = Signal()

    def __init__(self, exercise: str, clock: FakeClock, recorder: MemoryRecorder) -> None:
        super().__init__()
        self.exercise = exercise
        self.clock = clock
        self.recorder = recorder
        self.presented = False
        self.begun = False
        self.revealed = 0
        self.closed_as: Result | None = None

    def present(self) -> None:
        self.presented = True

    def begin(self) -> None:
        self.begun = True
        self.started.emit()

    def close_as_missed(self) -> None:
        self.answer(Result.MISSED)

    def close_as_interrupted(self, *, close: bool = True) -> None:
        self.answer(Result.INTERRUPTED)

    def snooze(self, seconds: float) -> None:
        self.answer(Result.SNOOZED, snooze=seconds)

    def skip(self) -> None:
        self.answer(Result.SKIPPED)

    def reveal(self) -> None:
        self.revealed += 1

    def answer(self, result: Result, *, snooze: float | None = None) -> None:
        if self.closed_as is not None:
            return
        if snooze is not None:
            self.snooze_requested.emit(snooze)
        self.closed_as = result
        outcome = Outcome(self.exercise, result, self.clock.now())
        self.recorder.record(outcome)  # as the real window does
        self.finished.emit(outcome)


class PromptLog:
    """A prompt factory that keeps every view it made."""

    def __init__(self, clock: FakeClock, recorder: MemoryRecorder) -> None:
        self.clock = clock
        self.recorder = recorder
        self.views: list[FakePromptView] = []

    def __call__(self, exercise: str) -> FakePromptView:
        view = FakePromptView(exercise, self.clock, self.recorder)
        self.views.append(view)
        return view

    @property
    def open(self) -> FakePromptView | None:
        return next((v for v in self.views if v.closed_as is None), None)


class FakeTray:
    """Records what the shell asks of a tray icon."""

    def __init__(self) -> None:
        self.visible = False
        self.presentations: list[Presentation] = []
        self.messages: list[tuple[str, str]] = []
        self.waiting: str | None = None

    def show(self) -> None:
        self.visible = True

    def hide(self) -> None:
        self.visible = False

    def show_presentation(self, presentation: Presentation) -> None:
        self.presentations.append(presentation)

    def show_waiting(self, text: str | None) -> None:
        self.waiting = text

    def message(self, title: str, text: str) -> None:
        self.messages.append((title, text))
