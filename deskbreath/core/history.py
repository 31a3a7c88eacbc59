"""Exercise outcomes: what happened to each prompt.

Recorded through one interface and read back as the same typed records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Protocol

ReportValue = str | int | float | bool | tuple[str, ...]


class Result(StrEnum):
    """How a prompt ended.

    The values are stable identifiers: the history file stores them, so they never change.
    :func:`deskbreath.core.wording.result_name` gives the words people read.
    """

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

    What the prompt window records, and what the history file gives back for each of its
    lines (:meth:`deskbreath.storage.history.HistoryFile.read`).

    Attributes:
        exercise: the exercise id (it may name an exercise no longer in the catalogue when
            read from an old history).
        result: how it ended.
        at: when it ended, local wall time, timezone-aware.
        duration: seconds spent in the exercise (0 when not started).
        reports: the user's self-reports, e.g. ``{"belly_moved_more": "yes"}``; read-only
            (a copy of what was passed in).
    """

    exercise: str
    result: Result
    at: datetime
    duration: float = 0.0
    reports: Mapping[str, ReportValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Frozen all the way down: a later change to the caller's dict must not alter a
        # record that may already be written.
        object.__setattr__(self, "reports", MappingProxyType(dict(self.reports)))


class OutcomeRecorder(Protocol):
    """Where outcomes go (a history file, a list in tests)."""

    def record(self, outcome: Outcome) -> None:
        """Keep ``outcome``."""
        ...


class MemoryRecorder:
    """Keeps outcomes in a list; for tests and as a fallback when no history file is usable."""

    def __init__(self) -> None:
        self.outcomes: list[Outcome] = []

    def record(self, outcome: Outcome) -> None:
        """Append ``outcome`` to :attr:`outcomes`."""
        self.outcomes.append(outcome)
