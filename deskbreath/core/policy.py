"""What is due next, and whether a due prompt is held back because the user is busy.

The reminder policy's modes: running, snoozed, paused, outside working hours.

The policy never reads a clock of its own; every call passes the time in. Sitting time comes
from :class:`~deskbreath.core.sitting.SittingTracker` snapshots.

Questions (:meth:`ReminderPolicy.mode`, ``due_in``, ``is_due``, ``next_check``, ``status``)
never change state. State changes only in the commands (``snooze``, ``pause``, ``resume``,
``set_busy``, ``prompt_opened``, ``prompt_started``, ``prompt_closed``, ``nudged``,
``escalation_notified``, ``configure``) and in
:meth:`ReminderPolicy.advance`, which the caller runs at the start of each refresh: it takes
in the tracker's snapshot and ends whatever has run out by then (a snooze, a pause, the grace
period after a hold). Until the next ``advance`` the questions describe the state as it was
then; their ``now`` only measures remaining times and working hours.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from enum import StrEnum

from deskbreath.core.clock import Moment
from deskbreath.core.escalation import Escalation, PromptWatch
from deskbreath.core.holds import HOLD_PRIORITY, Hold, HoldBack, HoldMemory, HoldReason
from deskbreath.core.localtime import in_zone, next_day_start, shift, wall_time
from deskbreath.core.settings.model import Order, Settings
from deskbreath.core.sitting import SittingSnapshot
from deskbreath.core.working_hours import is_working_time, next_change


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


__all__ = ["HOLD_PRIORITY", "Escalation", "Hold", "HoldReason", "Mode", "Moment", "Pause",
           "PolicyMemory", "ReminderPolicy", "Status"]


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
        held_back: the due prompt is held back because the user is busy, or None.
        waiting: a prompt waits for the user beyond the quiet stage: one shown and ignored
            past the tray step, or a hold past ``max_hold`` (the tray icon shows it).
    """

    mode: Mode
    bout_seconds: float
    present: bool
    next_exercise: str | None
    due_in: float | None
    next_prompt_at: datetime | None
    until: datetime | None
    prompt_open: bool
    held_back: Hold | None = None
    waiting: bool = False


@dataclass(frozen=True)
class Pause:
    """A pause, ending at a wall-clock time, after a duration, at the first of the two, or never.

    The wall-clock end is local, kept as date and time of day, so a change of UTC offset
    overnight, as at a daylight-saving switch, still ends it at 08:00 local. The duration runs
    on the monotonic clock. A pause with neither lasts until resumed.
    """

    until_local: tuple[date, time] | None = None
    until_monotonic: float | None = None


@dataclass(frozen=True)
class PolicyMemory:
    """What of the policy's state is the user's, kept across a restart of deskbreath.

    See :mod:`deskbreath.core.runtime_state`. Equal memories mean nothing worth saving
    changed.

    Attributes:
        pause: the pause in force (as of the last :meth:`ReminderPolicy.advance`), or None.
        snooze_until: when the snooze ends, on the monotonic clock; None without one.
        next_exercise: the exercise the next prompt offers (the rotation's position).
        bout_id: the tracker bout the interval counts in.
        baseline: that bout's sitting seconds when the interval last restarted.
        hold: the course of the hold on the due prompt (grace period, cap, nudge), or None.
    """

    pause: Pause | None
    snooze_until: float | None
    next_exercise: str | None
    bout_id: int
    baseline: float
    hold: HoldMemory | None = None


def _local_parts(moment: datetime, zone: tzinfo) -> tuple[date, time]:
    """The local date and time of day of ``moment`` in ``zone``."""
    local = in_zone(moment, zone)
    return local.date(), local.time()


class ReminderPolicy:
    """Decides when a prompt is due, which exercise it offers, and whether it is held back.

    A prompt is due when the user has sat for ``reminder_interval`` since the last prompt was
    answered (or since the bout began), no snooze or pause is in force, it is working time, the
    user is at the desk, no prompt is already open, and the prompt is neither held back nor
    waiting out the grace period after a hold.

    **Held back is not away.** Away (idle past the natural break, screen locked, asleep) is the
    tracker's business: it ends the sitting bout, and no prompt is due to an empty desk. Busy
    (presenting, in a call, do not disturb) is what :meth:`set_busy` reports: it holds a due
    prompt back and leaves the bout alone (the tracker is not told, so sitting keeps counting
    while the user gives input). When the last reason ends, the prompt comes ``[busy] grace``
    seconds later, not at once; typing holds it only until a lull, without a grace period
    (:mod:`deskbreath.core.holds`). A hold past ``[busy] max_hold`` asks for one gentle nudge
    (:meth:`nudge_due`), never a window.

    A prompt deskbreath offered and the user ignores escalates gently
    (:mod:`deskbreath.core.escalation`): :meth:`escalation` tells the step.

    A hold exists only while a prompt is due. Busy answers given while none is due are
    dropped, and a hold or its grace period ends as soon as the prompt stops being due: a
    snooze, a pause, the end of working hours, a prompt opened by the user, an answered
    prompt or the user going away end it without a grace period (at the command, or at the
    next :meth:`advance`). Busy sources are asked again when a prompt is next due
    (:meth:`needs_busy_check`); a busy answer during the grace period holds the prompt back
    again.

    Args:
        settings: the reminder settings.
        rng: the random source for ``order = "random"``.
        watch: the escalation watch for ignored prompts (default: the standard steps).
    """

    def __init__(self, settings: Settings, rng: random.Random | None = None, *,
                 watch: PromptWatch | None = None) -> None:
        self._settings = settings
        self._rng = rng or random.Random()  # noqa: S311  (choosing an exercise, not a secret)
        self._bout_id = 0
        self._baseline = 0.0
        self._snooze_until: float | None = None
        self._pause: Pause | None = None
        self._prompt_open = False
        self._hold = HoldBack(settings.busy.grace, settings.busy.max_hold)
        self._watch = watch or PromptWatch()
        self._next_exercise = self._pick_first()

    @property
    def settings(self) -> Settings:
        """The reminder settings in force."""
        return self._settings

    @property
    def next_exercise(self) -> str | None:
        """The exercise the next prompt offers; None when no exercise is enabled."""
        return self._next_exercise

    def configure(self, settings: Settings) -> None:
        """Apply new settings; the current bout and snooze/pause carry over."""
        self._settings = settings
        self._hold.configure(settings.busy.grace, settings.busy.max_hold)
        if self._next_exercise not in settings.exercises:
            self._next_exercise = self._pick_first()

    def memory(self) -> PolicyMemory:
        """The user's part of the state, to keep across a restart."""
        return PolicyMemory(self._pause, self._snooze_until, self._next_exercise,
                            self._bout_id, self._baseline, self._hold.memory())

    def recall(self, memory: PolicyMemory) -> None:
        """Take back a :meth:`memory` after a restart.

        With its monotonic times moved to this run of the clock. An exercise no longer
        enabled gives way to the first enabled one; whatever has run out ends at the next
        :meth:`advance`, by the usual rules, and a hold whose prompt is no longer due is
        dropped there too.
        """
        self._pause = memory.pause
        self._snooze_until = memory.snooze_until
        self._bout_id = memory.bout_id
        self._baseline = max(0.0, memory.baseline)
        if memory.next_exercise in self._settings.exercises:
            self._next_exercise = memory.next_exercise
        self._hold.recall(memory.hold)

    # -- the explicit step -----------------------------------------------------------------

    def advance(self, snapshot: SittingSnapshot, now: Moment) -> None:
        """Bring the state up to ``now``; call it at the start of each refresh.

        Takes in the snapshot (a new bout restarts the interval), ends a snooze or pause whose
        time has come (after a pause the interval restarts: what was sat through it does not
        count), ends a grace period that has run out, and drops busy answers, hold and grace
        when no prompt is due any more.
        """
        self.observe(snapshot)
        if self._snooze_until is not None and now.monotonic >= self._snooze_until:
            self._snooze_until = None
        if self._pause is not None:
            end = self._pause_end(now)
            if end is not None and now.wall >= end:
                self._pause = None
                self._baseline = snapshot.bout_seconds
        self._hold.advance(now)
        if not self._ready(snapshot, now):
            self._hold.drop()

    def observe(self, snapshot: SittingSnapshot) -> None:
        """Take in a new tracker snapshot; a new bout restarts the interval."""
        if snapshot.bout_id != self._bout_id:
            self._bout_id = snapshot.bout_id
            self._baseline = 0.0

    # -- questions (no state changes) ------------------------------------------------------

    def mode(self, now: Moment) -> Mode:
        """The reminder state.

        Paused and snoozed as of the last :meth:`advance`, working hours as of ``now``.
        """
        if self._pause is not None:
            return Mode.PAUSED
        if not is_working_time(self._settings.working_hours, now.wall):
            return Mode.OFF_HOURS
        if self._snooze_until is not None:
            return Mode.SNOOZED
        return Mode.RUNNING

    def due_in(self, snapshot: SittingSnapshot) -> float:
        """Sitting seconds still needed before the interval is complete (0 when complete).

        A snapshot from a bout the policy has not seen yet counts from that bout's start.
        """
        baseline = self._baseline if snapshot.bout_id == self._bout_id else 0.0
        return max(0.0, self._settings.reminder_interval - (snapshot.bout_seconds - baseline))

    def needs_busy_check(self, snapshot: SittingSnapshot, now: Moment) -> bool:
        """True while a prompt is due, whether about to be shown, held back or in its grace.

        The only time the answer of a busy source matters.
        """
        return self._ready(snapshot, now)

    def is_due(self, snapshot: SittingSnapshot, now: Moment) -> bool:
        """True when a prompt should be shown now."""
        return self._ready(snapshot, now) and not self._hold.holds()

    def held_back(self, snapshot: SittingSnapshot, now: Moment) -> Hold | None:
        """The hold on the due prompt, or None when none is due or nothing holds it back."""
        if not self._ready(snapshot, now):
            return None
        return self._hold.hold(now)

    def typing_until(self, snapshot: SittingSnapshot, now: Moment) -> float | None:
        """When typing stops holding the due prompt (monotonic), while typing alone holds it.

        The caller watches for a lull until then. None otherwise.
        """
        if not self._ready(snapshot, now) or self._hold.active != {HoldReason.TYPING}:
            return None
        return self._hold.typing_until()

    def nudge_due(self, snapshot: SittingSnapshot, now: Moment) -> bool:
        """True when the due prompt has been held back for ``max_hold`` and not yet nudged.

        Not nudged: the user has not been nudged about it yet (see :meth:`nudged`).
        """
        return self._ready(snapshot, now) and self._hold.nudge_due(now)

    def escalation(self, now: Moment) -> Escalation:
        """How far an offered, ignored prompt on screen has escalated."""
        return self._watch.step(now.monotonic)

    def escalation_notice_due(self, now: Moment) -> bool:
        """True once an ignored prompt reached the notification step and it was not taken."""
        return self._watch.notice_due(now.monotonic)

    def next_check(self, snapshot: SittingSnapshot, now: Moment) -> datetime | None:
        """The wall time at which :meth:`is_due` may next change by itself, or None.

        Assumes the user keeps sitting. None when only the caller's own tick can change it (a
        prompt is open; the interval is complete but the user is away or busy).
        """
        mode = self.mode(now)
        candidates: list[datetime] = []
        change = next_change(self._settings.working_hours, now.wall, now.zone)
        if change is not None:
            candidates.append(change)
        if mode is Mode.PAUSED:
            end = self._pause_end(now)
            if end is not None:
                candidates.append(end)
        elif mode is not Mode.OFF_HOURS and not self._prompt_open and self._next_exercise:
            wait = self._wait(snapshot, now)
            if wait > 0:
                candidates.append(shift(now.wall, wait, now.zone))
        return min(candidates, default=None)

    def status(self, snapshot: SittingSnapshot, now: Moment) -> Status:
        """Everything the views show, as of the last :meth:`advance` and ``now``."""
        mode = self.mode(now)
        due = self.due_in(snapshot)
        until: datetime | None = None
        if mode is Mode.SNOOZED and self._snooze_until is not None:
            until = shift(now.wall, self._snooze_until - now.monotonic, now.zone)
        elif mode is Mode.PAUSED:
            until = self._pause_end(now)
        elif mode is Mode.OFF_HOURS:
            until = next_change(self._settings.working_hours, now.wall, now.zone)
        next_at: datetime | None = None
        if self._next_exercise is not None and mode in (Mode.RUNNING, Mode.SNOOZED):
            next_at = shift(now.wall, self._wait(snapshot, now), now.zone)
        return Status(
            mode=mode,
            bout_seconds=snapshot.bout_seconds,
            present=snapshot.present,
            next_exercise=self._next_exercise,
            due_in=due if self._next_exercise is not None else None,
            next_prompt_at=next_at,
            until=until,
            prompt_open=self._prompt_open,
            held_back=self.held_back(snapshot, now),
            waiting=self._waiting(snapshot, now),
        )

    # -- commands --------------------------------------------------------------------------

    def snooze(self, seconds: float, now: Moment) -> None:
        """No prompt for ``seconds``; the exercise that was due stays next."""
        self._snooze_until = now.monotonic + seconds
        self._hold.drop()

    def pause(self, now: Moment, *, seconds: float | None = None,
              until: datetime | None = None, until_tomorrow: bool = False) -> None:
        """Pause prompts for a duration, until a wall time, until tomorrow, or until resumed."""
        if until_tomorrow:
            until = next_day_start(now.wall, self._settings.day_start, now.zone)
        self._pause = Pause(
            until_local=None if until is None else _local_parts(until, now.zone),
            until_monotonic=None if seconds is None else now.monotonic + seconds,
        )
        self._snooze_until = None
        self._hold.drop()

    def resume(self, snapshot: SittingSnapshot) -> None:
        """End a pause or snooze.

        The next prompt needs a fresh interval of sitting (after a pause) or comes soon
        (after a snooze).
        """
        if self._pause is not None:
            self._pause = None
            self.observe(snapshot)
            self._baseline = snapshot.bout_seconds
        self._snooze_until = None

    def set_busy(self, reasons: frozenset[HoldReason], snapshot: SittingSnapshot,
                 now: Moment) -> None:
        """Take in what the busy sources say now (an empty set: nothing holds the user).

        While a prompt is due, the first reason starts a hold at ``now`` (and ends a grace
        period) and the end of the last one starts the grace period; typing holds only until
        a lull (:class:`~deskbreath.core.holds.HoldBack`). While none is due the answer is
        dropped: busy sources matter only when :meth:`needs_busy_check` says so.
        """
        if not self._ready(snapshot, now):
            self._hold.drop()
            return
        self._hold.update(reasons, now)

    def nudged(self) -> None:
        """The user was nudged about the overdue hold; not again for this prompt."""
        self._hold.nudged()

    def prompt_opened(self, now: Moment, *, offered: bool) -> None:
        """A prompt or exercise is now on screen: no other prompt until it closes.

        One deskbreath ``offered`` (not one the user started) escalates if ignored.
        """
        self._prompt_open = True
        self._hold.drop()
        self._watch.opened(now.monotonic, offered=offered)

    def prompt_started(self) -> None:
        """The user started the exercise on screen: nothing waits for them any more."""
        self._watch.started()

    def escalation_notified(self) -> None:
        """The ignored prompt's one notification was given."""
        self._watch.notified()

    def prompt_closed(self, exercise: str, snapshot: SittingSnapshot, *, answered: bool) -> None:
        """A prompt closed.

        ``answered`` (done or skipped) restarts the interval and moves the rotation on if
        ``exercise`` was the one offered.
        """
        self._prompt_open = False
        self._watch.closed()
        if not answered:
            return
        self.observe(snapshot)
        self._baseline = snapshot.bout_seconds
        self._snooze_until = None
        self._hold.drop()
        if exercise == self._next_exercise:
            self._advance_rotation()

    # -- internals -------------------------------------------------------------------------

    def _ready(self, snapshot: SittingSnapshot, now: Moment) -> bool:
        """Due, leaving busy answers and the grace period aside."""
        return (
            self.mode(now) is Mode.RUNNING
            and snapshot.present
            and not self._prompt_open
            and self._next_exercise is not None
            and self.due_in(snapshot) <= 0
        )

    def _wait(self, snapshot: SittingSnapshot, now: Moment) -> float:
        """Seconds until the next prompt if the user keeps sitting and nothing holds it."""
        wait = self.due_in(snapshot)
        if self._snooze_until is not None:
            wait = max(wait, self._snooze_until - now.monotonic)
        wait = max(wait, self._hold.grace_left(now))
        return max(0.0, wait)

    def _waiting(self, snapshot: SittingSnapshot, now: Moment) -> bool:
        if self._watch.step(now.monotonic) >= Escalation.TRAY:
            return True
        return self._ready(snapshot, now) and self._hold.overdue(now)

    def _pause_end(self, now: Moment) -> datetime | None:
        if self._pause is None:
            return None
        ends: list[datetime] = []
        if self._pause.until_local is not None:
            day, clock_time = self._pause.until_local
            ends.append(wall_time(day, clock_time, now.zone))
        if self._pause.until_monotonic is not None:
            ends.append(shift(now.wall, self._pause.until_monotonic - now.monotonic, now.zone))
        return min(ends) if ends else None

    def _pick_first(self) -> str | None:
        enabled = self._settings.exercises
        if not enabled:
            return None
        if self._settings.order == Order.RANDOM:
            return self._rng.choice(enabled)
        return enabled[0]

    def _advance_rotation(self) -> None:
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
