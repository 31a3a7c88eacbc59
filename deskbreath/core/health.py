"""The health log's records: sitting bouts and prompt events, as typed values (Qt-free).

What is recorded, and why each field exists, is the README's "What is stored" section. The
values of :class:`BoutEnd` and :class:`EventKind` are stable identifiers: the database, the
CSV export and ``stats --json`` store them as they are, so they never change; the words
people read come from :mod:`deskbreath.core.wording`.

:class:`Journal` turns what the controller sees (tracker snapshots, prompts offered and
started, holds) into these records and hands them to a :class:`HealthRecorder` (the SQLite
store in the app, a list in tests). It never reads a clock of its own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from deskbreath.core.history import Outcome, ReportValue, Result
from deskbreath.core.localtime import shift

if TYPE_CHECKING:
    from deskbreath.core.settings.model import Settings
    from deskbreath.core.sitting import SittingSnapshot


class BoutEnd(StrEnum):
    """How a sitting bout ended."""

    NATURAL_BREAK = "natural-break"  # idle for the natural break
    LOCKED = "locked"  # the screen was locked for that long
    ASLEEP = "asleep"  # the machine slept (announced, or a gap in the clock)
    QUIT = "quit"  # deskbreath stopped while the bout was under way (quit, logout, crash)
    UNDER_WAY = "under-way"  # not ended yet: saved every few minutes, replaced when it ends


class EventKind(StrEnum):
    """What happened to a prompt. The last six are how it ended (:class:`Result` values)."""

    OFFERED = "offered"  # the policy offered it (not one started from the menu)
    HELD_BACK = "held-back"  # a due prompt waited because the user was busy
    STARTED = "started"  # the user started the exercise
    DONE = "done"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    MISSED = "missed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"  # deskbreath was ended (signal, logout) while it was open


#: The kinds that end a prompt, in the order the statistics list them.
ENDINGS: tuple[EventKind, ...] = (EventKind.DONE, EventKind.SNOOZED, EventKind.SKIPPED,
                                  EventKind.STOPPED, EventKind.MISSED, EventKind.INTERRUPTED)

#: Seconds between two saves of the bout under way, so a crash loses at most this much
#: sitting time and the idle app writes rarely.
PROGRESS_EVERY = 300.0

#: Posture self-ratings (catalogue choice keys) as scores for "posture ratings over time".
POSTURE_SCORES: Mapping[str, int] = MappingProxyType({"poor": 1, "fair": 2, "good": 3})


@dataclass(frozen=True)
class Bout:
    """One sitting bout.

    Attributes:
        start: when sitting began (local wall time, timezone-aware).
        end: the last input before the break (or the moment of quitting).
        sitting: seconds of real sitting (input activity) in it; at most ``end - start``.
        ended: how it ended.
    """

    start: datetime
    end: datetime
    sitting: float
    ended: BoutEnd


@dataclass(frozen=True)
class PromptEvent:
    """One thing that happened to a prompt.

    Attributes:
        kind: what happened.
        at: when (local wall time, timezone-aware); for a hold, when it began.
        exercise: the exercise id.
        seconds: time in the exercise for an ending (0 when never started), the snooze length
            for ``snoozed``, the hold's length for ``held-back``; else 0.
        reason: a hold's reason (a ``HoldReason`` value), else None.
        details: the exercise's parameters and the user's answers (:func:`exercise_details`).
    """

    kind: EventKind
    at: datetime
    exercise: str
    seconds: float = 0.0
    reason: str | None = None
    details: Mapping[str, ReportValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))


Record = Bout | PromptEvent


class HealthRecorder(Protocol):
    """Where bouts and prompt events go.

    Recording never raises and never blocks for long: a store that cannot write keeps the
    records and retries.
    """

    def add(self, record: Record) -> None:
        """Keep ``record``; never raises."""
        ...


class MemoryHealthRecorder:
    """Keeps records in a list (tests, and the app when no store can be opened)."""

    def __init__(self) -> None:
        self.records: list[Record] = []

    def add(self, record: Record) -> None:
        """Append ``record`` to :attr:`records`."""
        self.records.append(record)


def exercise_details(exercise: str, settings: Settings, duration: float,
                     reports: Mapping[str, ReportValue]) -> dict[str, ReportValue]:
    """What the log keeps about one exercise: its parameters as set when it ran, then answers.

    The user's answers (``reports``) win on a clash with the parameters.

    Breathing: ``breaths_per_minute``, ``inhale_ratio``, ``hold_after_inhale`` and
    ``hold_after_exhale`` (seconds) and ``minutes`` (time spent, one decimal); its answer is
    ``belly_moved_more``. Rotation: ``turns_per_side`` and ``hold`` (seconds); its answer
    comes from the catalogue's question. Posture: ``fixed`` (the items ticked) and ``rating``
    come from the answers. ``snooze_seconds`` is dropped (the event's ``seconds`` has it).
    """
    details: dict[str, ReportValue] = {}
    if exercise == "breathing":
        pacing = settings.breathing
        details |= {"breaths_per_minute": pacing.breaths_per_minute,
                    "inhale_ratio": pacing.inhale_ratio,
                    "hold_after_inhale": pacing.hold_after_inhale,
                    "hold_after_exhale": pacing.hold_after_exhale,
                    "minutes": round(duration / 60.0, 1)}
    elif exercise == "rotation":
        details |= {"turns_per_side": settings.rotation.repetitions,
                    "hold": settings.rotation.hold}
    details |= {key: value for key, value in reports.items() if key != "snooze_seconds"}
    return details


def outcome_event(outcome: Outcome, settings: Settings | None = None) -> PromptEvent:
    """The ending event for a prompt window's :class:`Outcome`.

    Also for a line of the old ``history.jsonl``, which has no settings: then only the answers
    are kept.
    """
    kind = EventKind(outcome.result.value)
    seconds = outcome.duration
    if outcome.result is Result.SNOOZED:
        snooze = outcome.reports.get("snooze_seconds", 0.0)
        seconds = float(snooze) if isinstance(snooze, int | float) else 0.0
    if settings is not None and outcome.result is not Result.SNOOZED and outcome.duration > 0:
        details = exercise_details(outcome.exercise, settings, outcome.duration, outcome.reports)
    else:
        details = {key: value for key, value in outcome.reports.items()
                   if key != "snooze_seconds"}
    return PromptEvent(kind, outcome.at, outcome.exercise, seconds, None, details)


class Journal:
    """Turns what the controller sees into :class:`Bout` and :class:`PromptEvent` records.

    The controller calls :meth:`observe` with each tracker snapshot, :meth:`prompt_offered`,
    :meth:`prompt_started` and :meth:`hold_changed` as those happen, and :meth:`close` when
    the app quits. The prompt window records how each prompt ended through
    :meth:`record_outcome` (it satisfies :class:`~deskbreath.core.history.OutcomeRecorder`).

    Bouts: a bout starts at the first snapshot with sitting time and ends when the tracker
    starts a new one. While it lasts it is recorded as ``under-way`` every
    :data:`PROGRESS_EVERY` seconds and on :meth:`save_progress` (the store replaces the
    record of the same start), so statistics include it and a crash loses little. Its end is
    the last input (the snapshot's wall time less its idle time, never before the previous
    reading), and the reason is the away reason in force (``asleep`` before ``locked``, as
    seen in this or the previous reading: the tracker ends a bout only when the user comes
    back), ``asleep`` when the readings are further apart than ``gap`` seconds of the
    monotonic clock (a suspend nobody announced), else a natural break.

    Args:
        recorder: where records go.
        settings: a callable giving the current settings (exercise parameters).
        gap: monotonic seconds between two readings that mean the machine slept.
        zone: the local time zone; a bout's start and end, reckoned back from a reading, then
            carry the UTC offset in force at their own instant (a bout across a
            daylight-saving change). Without it they keep the reading's offset.
    """

    def __init__(self, recorder: HealthRecorder, settings: _SettingsGetter, *,
                 gap: float = 120.0, zone: tzinfo | None = None) -> None:
        self._recorder = recorder
        self._zone = zone
        self._settings = settings
        self._gap = gap
        self._bout_id: int | None = None
        self._start: datetime | None = None
        self._last_active: datetime | None = None
        self._sitting = 0.0
        self._last_reading: float | None = None
        self._away: frozenset[str] = frozenset()
        self._saved_at: float | None = None  # monotonic time of the last under-way save
        self._hold: tuple[str, str, datetime] | None = None  # exercise, reason, since

    def observe(self, snapshot: SittingSnapshot, wall: datetime, monotonic: float) -> None:
        """Take in a tracker snapshot read at ``wall`` / ``monotonic``."""
        away = snapshot.away_reasons | self._away  # a bout ends when the user is back
        slept = (not self._away and self._last_reading is not None
                 and monotonic - self._last_reading > self._gap)
        self._last_reading = monotonic
        self._away = snapshot.away_reasons
        if self._bout_id is not None and snapshot.bout_id != self._bout_id:
            if "asleep" in away or slept:
                ended = BoutEnd.ASLEEP
            elif "locked" in away:
                ended = BoutEnd.LOCKED
            else:
                ended = BoutEnd.NATURAL_BREAK
            self._end_bout(ended)
        self._bout_id = snapshot.bout_id
        if snapshot.bout_seconds > self._sitting or (self._start is None
                                                     and snapshot.bout_seconds > 0):
            idle = snapshot.idle_seconds or 0.0
            active = self._before(wall, max(0.0, idle)) if snapshot.present else wall
            if self._last_active is not None and active < self._last_active:
                active = self._last_active
            if self._start is None:
                self._start = self._before(wall, snapshot.bout_seconds)
            self._last_active = max(active, self._start)
            self._sitting = snapshot.bout_seconds
        if self._start is not None and self._sitting > 0 and (
                self._saved_at is None or monotonic - self._saved_at >= PROGRESS_EVERY):
            self._saved_at = monotonic
            self.save_progress()

    @property
    def bout_start(self) -> datetime | None:
        """When the bout under way began, as recorded (its key in the store), or None."""
        return self._start

    def continue_bout(self, start: datetime, last_active: datetime, sitting: float,
                      bout_id: int) -> None:
        """Go on with a bout from before a restart of deskbreath.

        See :mod:`deskbreath.core.runtime_state`. ``start`` is the :attr:`bout_start` it
        had, so its records replace the ``quit`` the last run wrote for it: a bout that
        continues is one bout. ``bout_id`` is the tracker's id for it now.
        """
        self._bout_id = bout_id
        self._start = start
        self._last_active = max(last_active, start)
        self._sitting = max(0.0, sitting)
        self._saved_at = None

    def save_progress(self) -> None:
        """Record the bout under way now (before the statistics are read)."""
        bout = self._bout(BoutEnd.UNDER_WAY)
        if bout is not None:
            self._recorder.add(bout)

    def prompt_offered(self, exercise: str, at: datetime) -> None:
        """Record that the prompt for ``exercise`` was shown at ``at``."""
        self._recorder.add(PromptEvent(EventKind.OFFERED, at, exercise))

    def prompt_started(self, exercise: str, at: datetime) -> None:
        """Record that the user started ``exercise`` from the prompt at ``at``."""
        self._recorder.add(PromptEvent(EventKind.STARTED, at, exercise))

    def hold_changed(self, exercise: str | None, reason: str | None, since: datetime | None,
                     now: datetime) -> None:
        """The hold on the due prompt is now ``reason`` since ``since`` (None: no hold).

        A hold that ends, or whose reason changes, is recorded with its length.
        """
        current = None if reason is None or since is None or exercise is None else (
            exercise, reason, since)
        if self._hold is not None and (current is None or current[1] != self._hold[1]):
            held_exercise, held_reason, held_since = self._hold
            length = max(0.0, now.timestamp() - held_since.timestamp())
            self._recorder.add(PromptEvent(EventKind.HELD_BACK, held_since, held_exercise,
                                           length, held_reason))
            if current is not None:
                current = (current[0], current[1], now)
        if current is None or self._hold is None or current[1] != self._hold[1]:
            self._hold = current

    def record(self, outcome: Outcome) -> None:
        """How a prompt ended (the :class:`~deskbreath.core.history.OutcomeRecorder` call)."""
        self._recorder.add(outcome_event(outcome, self._settings()))

    record_outcome = record

    def close(self, now: datetime) -> None:
        """The app quits: an open hold ends now, a bout under way ends as ``quit``."""
        self.hold_changed(None, None, None, now)
        self._end_bout(BoutEnd.QUIT)

    def _before(self, wall: datetime, seconds: float) -> datetime:
        """The instant ``seconds`` before ``wall``, with the offset in force then."""
        if self._zone is None:
            return wall - timedelta(seconds=seconds)
        return shift(wall, -seconds, self._zone)

    def _bout(self, ended: BoutEnd) -> Bout | None:
        if self._start is None or self._last_active is None or self._sitting <= 0:
            return None
        span = max(0.0, self._last_active.timestamp() - self._start.timestamp())
        sitting = self._sitting if math.isfinite(self._sitting) else 0.0
        return Bout(self._start, self._last_active, min(sitting, span), ended)

    def _end_bout(self, ended: BoutEnd) -> None:
        bout = self._bout(ended)
        if bout is not None:
            self._recorder.add(bout)
        self._start = None
        self._last_active = None
        self._sitting = 0.0
        self._saved_at = None


class _SettingsGetter(Protocol):
    def __call__(self) -> Settings: ...
