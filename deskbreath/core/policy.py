"""What is due next: the reminder policy (running, snoozed, paused, outside working hours).

The policy never reads a clock of its own; every question passes the time in. Sitting time
comes from :class:`~deskbreath.core.sitting.SittingTracker` snapshots.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from deskbreath.core.settings.model import Order, Settings
from deskbreath.core.sitting import SittingSnapshot
from deskbreath.core.working_hours import is_working_time, next_change, next_day_start


class Mode(StrEnum):
    """The reminder state shown in the tray and reported by ``deskbreath status``.

    The values are stable identifiers: ``status --json`` reports them as ``state`` (README,
    format 1), so they never change, even ``"outside working hours"``, which predates this
    rule. They are never shown as they are: :func:`deskbreath.core.wording.mode_name` gives
    the words people read.
    """

    RUNNING = "running"
    SNOOZED = "snoozed"
    PAUSED = "paused"
    OFF_HOURS = "outside working hours"


class HoldReason(StrEnum):
    """Why a due prompt is held back while the user is at the desk but busy.

    The values are stable identifiers (``status --json`` reports them); display text lives
    apart from them.
    """

    DO_NOT_DISTURB = "do-not-disturb"
    FULLSCREEN = "fullscreen"
    IDLE_INHIBITED = "idle-inhibited"
    MICROPHONE = "microphone"
    CAMERA = "camera"
    SCREEN_SHARING = "screen-sharing"
    TYPING = "typing"


@dataclass(frozen=True)
class Moment:
    """One reading of both clocks, so a decision uses a single consistent time."""

    monotonic: float
    wall: datetime


@dataclass(frozen=True)
class Status:
    """Everything the tray, status window and ``status --json`` show.

    Attributes:
        mode: the reminder state.
        bout_seconds: sitting time of the current bout.
        present: the user is at the desk.
        next_exercise: the exercise id the next prompt will offer, if any is enabled.
        due_in: sitting time still needed before the next prompt (seconds), if one will come.
        next_prompt_at: when the next prompt comes if the user keeps sitting.
        until: when a snooze, pause or off-hours period ends (None: until resumed).
        prompt_open: a prompt or exercise is on screen now.
    """

    mode: Mode
    bout_seconds: float
    present: bool
    next_exercise: str | None
    due_in: float | None
    next_prompt_at: datetime | None
    until: datetime | None
    prompt_open: bool


@dataclass(frozen=True)
class _Pause:
    """A pause ends at a local wall-clock time (kept as date and time of day, so a change of
    UTC offset overnight, as at a daylight-saving switch, still ends it at 08:00 local), after
    a duration, or when resumed."""

    until_local: tuple[date, time] | None = None
    until_monotonic: float | None = None


def _local_parts(moment: datetime, like: datetime) -> tuple[date, time]:
    """The local date and time of day of ``moment`` in ``like``'s UTC offset."""
    local = moment.astimezone(like.tzinfo)
    return local.date(), local.time()


class ReminderPolicy:
    """Decides when a prompt is due and which exercise it offers.

    A prompt is due when the user has sat for ``reminder_interval`` since the last prompt was
    answered (or since the bout began), no snooze or pause is in force, it is working time and
    no prompt is already open.
    """

    def __init__(self, settings: Settings, rng: random.Random | None = None) -> None:
        self._settings = settings
        self._rng = rng or random.Random()  # noqa: S311  (choosing an exercise, not a secret)
        self._bout_id = 0
        self._baseline = 0.0
        self._rebase_pending = False
        self._snooze_until: float | None = None
        self._pause: _Pause | None = None
        self._prompt_open = False
        self._next_exercise = self._pick_first()

    @property
    def settings(self) -> Settings:
        return self._settings

    def configure(self, settings: Settings) -> None:
        """Apply new settings; the current bout and snooze/pause carry over."""
        self._settings = settings
        if self._next_exercise not in settings.exercises:
            self._next_exercise = self._pick_first()

    # -- questions -------------------------------------------------------------------------

    def observe(self, snapshot: SittingSnapshot) -> None:
        """Take in a new tracker snapshot; a new bout restarts the interval."""
        if snapshot.bout_id != self._bout_id:
            self._bout_id = snapshot.bout_id
            self._baseline = 0.0

    def mode(self, now: Moment) -> Mode:
        self._expire(now)
        if self._pause is not None:
            return Mode.PAUSED
        if not is_working_time(self._settings.working_hours, now.wall):
            return Mode.OFF_HOURS
        if self._snooze_until is not None:
            return Mode.SNOOZED
        return Mode.RUNNING

    def due_in(self, snapshot: SittingSnapshot) -> float:
        """Sitting seconds still needed before the interval is complete (0 when complete)."""
        self.observe(snapshot)
        if self._rebase_pending:
            self._rebase_pending = False
            self._baseline = snapshot.bout_seconds
        return max(0.0, self._settings.reminder_interval - (snapshot.bout_seconds - self._baseline))

    def is_due(self, snapshot: SittingSnapshot, now: Moment) -> bool:
        """True when a prompt should be shown now."""
        return (
            self.mode(now) is Mode.RUNNING
            and snapshot.present
            and not self._prompt_open
            and self._next_exercise is not None
            and self.due_in(snapshot) <= 0
        )

    def next_check(self, snapshot: SittingSnapshot, now: Moment) -> datetime | None:
        """The wall time at which the answer to :meth:`is_due` may next change by itself,
        assuming the user keeps sitting; None when only the caller's own tick can change it
        (a prompt is open, or the interval is complete but the user is away).
        """
        mode = self.mode(now)
        candidates: list[datetime] = []
        change = next_change(self._settings.working_hours, now.wall)
        if change is not None:
            candidates.append(change)
        if mode is Mode.PAUSED:
            end = self._pause_end(now)
            if end is not None:
                candidates.append(end)
        elif mode is not Mode.OFF_HOURS and not self._prompt_open and self._next_exercise:
            wait = self.due_in(snapshot)
            if mode is Mode.SNOOZED and self._snooze_until is not None:
                wait = max(wait, self._snooze_until - now.monotonic)
            if wait > 0:
                candidates.append(now.wall + timedelta(seconds=wait))
        return min(candidates, default=None)

    def status(self, snapshot: SittingSnapshot, now: Moment) -> Status:
        mode = self.mode(now)
        due = self.due_in(snapshot)
        until: datetime | None = None
        wait = due
        if mode is Mode.SNOOZED and self._snooze_until is not None:
            until = now.wall + timedelta(seconds=self._snooze_until - now.monotonic)
            wait = max(due, self._snooze_until - now.monotonic)
        elif mode is Mode.PAUSED:
            until = self._pause_end(now)
        elif mode is Mode.OFF_HOURS:
            until = next_change(self._settings.working_hours, now.wall)
        next_at: datetime | None = None
        if self._next_exercise is not None and mode in (Mode.RUNNING, Mode.SNOOZED):
            next_at = now.wall + timedelta(seconds=wait)
        return Status(
            mode=mode,
            bout_seconds=snapshot.bout_seconds,
            present=snapshot.present,
            next_exercise=self._next_exercise,
            due_in=due if self._next_exercise is not None else None,
            next_prompt_at=next_at,
            until=until,
            prompt_open=self._prompt_open,
        )

    @property
    def next_exercise(self) -> str | None:
        return self._next_exercise

    # -- commands --------------------------------------------------------------------------

    def snooze(self, seconds: float, now: Moment) -> None:
        """No prompt for ``seconds``; the exercise that was due stays next."""
        self._snooze_until = now.monotonic + seconds

    def pause(self, now: Moment, *, seconds: float | None = None,
              until: datetime | None = None, until_tomorrow: bool = False) -> None:
        """Pause prompts for a duration, until a wall time, until tomorrow, or until resumed."""
        if until_tomorrow:
            until = next_day_start(now.wall, self._settings.day_start)
        self._pause = _Pause(
            until_local=None if until is None else _local_parts(until, now.wall),
            until_monotonic=None if seconds is None else now.monotonic + seconds,
        )
        self._snooze_until = None

    def resume(self, snapshot: SittingSnapshot) -> None:
        """End a pause or snooze; the next prompt needs a fresh interval of sitting
        (after a pause) or comes soon (after a snooze)."""
        if self._pause is not None:
            self._pause = None
            self.observe(snapshot)
            self._baseline = snapshot.bout_seconds
        self._snooze_until = None

    def prompt_opened(self) -> None:
        """A prompt or exercise is now on screen: no other prompt until it closes."""
        self._prompt_open = True

    def prompt_closed(self, exercise: str, snapshot: SittingSnapshot, *, answered: bool) -> None:
        """A prompt closed. ``answered`` (done or skipped) restarts the interval and moves
        the rotation on if ``exercise`` was the one offered."""
        self._prompt_open = False
        if not answered:
            return
        self.observe(snapshot)
        self._baseline = snapshot.bout_seconds
        self._snooze_until = None
        if exercise == self._next_exercise:
            self._advance()

    # -- internals -------------------------------------------------------------------------

    def _expire(self, now: Moment) -> None:
        if self._snooze_until is not None and now.monotonic >= self._snooze_until:
            self._snooze_until = None
        if self._pause is not None:
            end = self._pause_end(now)
            if end is not None and now.wall >= end:
                self._pause = None
                # A fresh interval after a pause: what was sat through it does not count.
                self._rebase_pending = True

    def _pause_end(self, now: Moment) -> datetime | None:
        if self._pause is None:
            return None
        ends: list[datetime] = []
        if self._pause.until_local is not None:
            day, clock_time = self._pause.until_local
            ends.append(datetime.combine(day, clock_time, tzinfo=now.wall.tzinfo))
        if self._pause.until_monotonic is not None:
            ends.append(now.wall + timedelta(seconds=self._pause.until_monotonic - now.monotonic))
        return min(ends) if ends else None

    def _pick_first(self) -> str | None:
        enabled = self._settings.exercises
        if not enabled:
            return None
        if self._settings.order == Order.RANDOM:
            return self._rng.choice(enabled)
        return enabled[0]

    def _advance(self) -> None:
        enabled = self._settings.exercises
        if not enabled:
            self._next_exercise = None
            return
        if self._settings.order == Order.RANDOM:
            others = [e for e in enabled if e != self._next_exercise] or list(enabled)
            self._next_exercise = self._rng.choice(others)
            return
        current = self._next_exercise
        index = enabled.index(current) if current in enabled else -1
        self._next_exercise = enabled[(index + 1) % len(enabled)]
