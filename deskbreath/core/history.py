"""Exercise outcomes: what happened to each prompt, recorded through one interface."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

ReportValue = str | int | float | bool | tuple[str, ...]


class Result(StrEnum):
    """How a prompt ended."""

    DONE = "done"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    STOPPED = "stopped"  # started, then closed before the end (Esc)
    MISSED = "missed"  # the user went away while it was offered
    INTERRUPTED = "interrupted"  # on screen when the app ended (Quit, logout, a signal, the
    # display server going away): neither the user's answer nor a finished exercise


@dataclass(frozen=True)
class Outcome:
    """One prompt's outcome.

    Attributes:
        exercise: the exercise id.
        result: how it ended.
        at: when it ended (local wall time).
        duration: seconds spent in the exercise (0 when not started).
        reports: the user's self-reports, e.g. ``{"belly_moved_more": True}``.
    """

    exercise: str
    result: Result
    at: datetime
    duration: float = 0.0
    reports: Mapping[str, ReportValue] = field(default_factory=dict)


class OutcomeRecorder(Protocol):
    """Where outcomes go (a history file, a list in tests)."""

    def record(self, outcome: Outcome) -> None: ...


class MemoryRecorder:
    """Keeps outcomes in a list; for tests and as a fallback when no history file is usable."""

    def __init__(self) -> None:
        self.outcomes: list[Outcome] = []

    def record(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
