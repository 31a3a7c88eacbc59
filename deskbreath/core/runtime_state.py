"""What survives a restart of deskbreath, and the rules for taking it back (Qt-free).

The user's choices (a pause and its end, a snooze and its end), the position in the exercise
rotation, the sitting bout under way and the course of a hold on the due prompt are kept in
``state.json`` in the state directory (:mod:`deskbreath.storage.state_file` reads and writes
it). The controller writes it when one of them changes, not on every tick, and once more
when deskbreath quits.

Restore rules (:func:`restore`), for a start at ``now``:

* A pause that ends at a wall-clock time ("until tomorrow", ``--until 14:30``) ends at that
  local time, whenever deskbreath runs again; a pause whose end has passed is over.
* A pause for a duration and a snooze keep the time that was left, less the time deskbreath
  was not running; when nothing is left they are over.
* The rotation goes on with the exercise that was next, if it is still enabled.
* The bout goes on only if the user's last input was less than ``natural_break`` ago, with
  its sitting time and the part of the interval already sat; otherwise a new bout begins.
* A prompt held back because the user was busy (:mod:`deskbreath.core.holds`) keeps the
  course of its hold when the bout goes on: the ``max_hold`` cap counts from the first hold,
  a nudge given is not given again, a grace period under way keeps its end, and a busy
  signal that held it at the quit and has ended by the first check starts the grace period
  then. What holds it now is asked afresh of the busy sources, never taken from the file.
  A prompt on screen at the quit is not kept (it was recorded as interrupted; it is offered
  again when due), so neither is its escalation.

How long deskbreath was not running is read from the monotonic clock when the machine did not
restart in between (same boot id), so a wall-clock change meanwhile changes nothing. After a
reboot only the wall clock spans the gap; a gap that comes out negative means the clock was
set back, and then the time left is at most what was left at the save (never more), and a bout
continues only if the clock moved back by less than :data:`CLOCK_TOLERANCE`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from deskbreath.core.holds import HoldMemory, HoldReason
from deskbreath.core.localtime import seconds_between, shift, wall_time
from deskbreath.core.policy import Moment, Pause, PolicyMemory, ReminderPolicy
from deskbreath.core.sitting import SittingTracker

if TYPE_CHECKING:
    from deskbreath.core.clock import Clock

log = logging.getLogger(__name__)

#: Seconds a wall clock may seem to run backwards across a reboot (an NTP correction after a
#: start-up from a slightly fast hardware clock) and still count as no time passing.
CLOCK_TOLERANCE = 30.0


@dataclass(frozen=True)
class SavedPause:
    """A pause as stored.

    Attributes:
        until: the local wall-clock end ("until tomorrow", ``--until``): its date and time of
            day are what count, with the offset that was in force (None: no such end).
        ends_at: when a pause for a duration ends (None: not for a duration).
    Both None: until resumed.
    """

    until: datetime | None = None
    ends_at: datetime | None = None


@dataclass(frozen=True)
class SavedBout:
    """The sitting bout under way.

    Attributes:
        started: when its sitting began.
        last_active: the user's last input.
        last_active_monotonic: the same on the monotonic clock of the save's boot.
        sitting: seconds of sitting in it.
        since_prompt: of which since the interval last restarted (a prompt answered).
    """

    started: datetime
    last_active: datetime
    last_active_monotonic: float
    sitting: float
    since_prompt: float


@dataclass(frozen=True)
class SavedHold:
    """The course of the hold on the due prompt (:class:`HoldMemory`, as stored).

    Attributes:
        reasons: the busy signals other than typing that held it at the save.
        first: when the first hold of this prompt began (``max_hold`` counts from it).
        grace_until: when the grace period under way ends, or None.
        nudged: the nudge for an overdue hold was given.
    """

    reasons: frozenset[HoldReason]
    first: datetime
    grace_until: datetime | None = None
    nudged: bool = False


@dataclass(frozen=True)
class RuntimeState:
    """Everything ``state.json`` holds (format :data:`FORMAT`).

    Attributes:
        saved_at: when it was saved (wall time with the offset in force).
        saved_monotonic: the same on the monotonic clock.
        boot_id: the run of that monotonic clock (:meth:`Clock.boot_id`), None if unknown.
        pause: the pause in force, or None.
        snooze_until: when the snooze in force ends, or None.
        next_exercise: the exercise the next prompt offers.
        bout: the sitting bout under way, or None.
        hold: the course of the hold on the due prompt, or None.
    """

    saved_at: datetime
    saved_monotonic: float
    boot_id: str | None
    pause: SavedPause | None = None
    snooze_until: datetime | None = None
    next_exercise: str | None = None
    bout: SavedBout | None = None
    hold: SavedHold | None = None


FORMAT = 1
"""The version of ``state.json``; a file of a newer version is not read."""


class StateStore(Protocol):
    """Where the runtime state is kept (:class:`deskbreath.storage.state_file.StateFile`).

    Neither method raises: a store that cannot read or write logs it and the app runs on.
    """

    def load(self) -> RuntimeState | None:
        """The saved state, or None when there is none that can be used."""
        ...

    def save(self, state: RuntimeState) -> None:
        """Keep ``state`` in place of the one saved before."""
        ...


def capture(policy: ReminderPolicy, tracker: SittingTracker, now: Moment,
            boot_id: str | None, *, bout_started: datetime | None = None) -> RuntimeState:
    """The state to save, as of the tracker's last update and the policy's last advance.

    ``bout_started`` is the bout's start as the health log recorded it (its key there), so
    that a bout continued after the restart goes on under the same record; without it the
    start comes from the tracker.
    """
    memory = policy.memory()
    pause: SavedPause | None = None
    if memory.pause is not None:
        until = None
        if memory.pause.until_local is not None:
            day, clock_time = memory.pause.until_local
            until = wall_time(day, clock_time, now.zone)
        ends_at = (None if memory.pause.until_monotonic is None
                   else shift(now.wall, memory.pause.until_monotonic - now.monotonic, now.zone))
        pause = SavedPause(until, ends_at)
    snooze = (None if memory.snooze_until is None
              else shift(now.wall, memory.snooze_until - now.monotonic, now.zone))
    hold = None
    if memory.hold is not None:
        grace = memory.hold.grace_until
        hold = SavedHold(
            reasons=memory.hold.reasons,
            first=shift(now.wall, memory.hold.first - now.monotonic, now.zone),
            grace_until=None if grace is None else shift(now.wall, grace - now.monotonic,
                                                         now.zone),
            nudged=memory.hold.nudged)
    return RuntimeState(now.wall, now.monotonic, boot_id, pause, snooze,
                        memory.next_exercise, _capture_bout(memory, tracker, now, bout_started),
                        hold)


def _capture_bout(memory: PolicyMemory, tracker: SittingTracker, now: Moment,
                  bout_started: datetime | None) -> SavedBout | None:
    snapshot = tracker.snapshot()
    last = tracker.last_activity()
    started = tracker.bout_started
    if last is None or started is None or snapshot.bout_seconds <= 0:
        return None
    since_prompt = snapshot.bout_seconds - (memory.baseline if memory.bout_id == snapshot.bout_id
                                            else 0.0)
    return SavedBout(
        started=(bout_started if bout_started is not None
                 else shift(now.wall, started - now.monotonic, now.zone)),
        last_active=shift(now.wall, last - now.monotonic, now.zone),
        last_active_monotonic=last,
        sitting=snapshot.bout_seconds,
        since_prompt=min(snapshot.bout_seconds, max(0.0, since_prompt)),
    )


def describe(state: RuntimeState, restored: Restored) -> str:
    """One log line: what came back after a restart (English, like every log line)."""
    parts = []
    if restored.memory.pause is not None:
        parts.append("paused")
    if restored.memory.snooze_until is not None:
        parts.append("snoozed")
    parts.append(f"next exercise {restored.memory.next_exercise or 'none'}")
    if state.bout is None:
        parts.append("no bout under way")
    elif restored.bout_continues:
        parts.append(f"the bout of {state.bout.sitting:.0f} s sitting continues "
                     f"(no input for {restored.away_for or 0.0:.0f} s)")
    elif restored.away_for is None:
        parts.append("a new bout begins (the wall clock was set back meanwhile)")
    else:
        parts.append(f"a new bout begins (no input for {restored.away_for:.0f} s)")
    hold = restored.memory.hold
    if hold is not None:
        notes = [reason.value for reason in sorted(hold.reasons)]
        if hold.grace_until is not None:
            notes.append("grace period")
        if hold.nudged:
            notes.append("nudged")
        held = ", ".join(notes) or "no signal at the quit"
        parts.append(f"the hold on the due prompt goes on ({held})")
    return ", ".join(parts)


@dataclass(frozen=True)
class Restored:
    """What :func:`restore` decided, for the log and the tests.

    Attributes:
        memory: what to give :meth:`ReminderPolicy.recall`.
        bout_continues: the bout before the restart goes on.
        bout: that bout as saved, when it goes on (the health log continues its record).
        away_for: how long the user had given no input when deskbreath started again
            (seconds; None when there was no bout or the clock cannot tell).
    """

    memory: PolicyMemory
    bout_continues: bool
    away_for: float | None
    bout: SavedBout | None = None


def restore(state: RuntimeState, policy: ReminderPolicy, tracker: SittingTracker,
            now: Moment, boot_id: str | None) -> Restored:
    """Take ``state`` back into a freshly built ``policy`` and ``tracker``.

    See the module docstring for the rules. Call it before the first update.
    """
    same_boot = boot_id is not None and boot_id == state.boot_id
    downtime = _elapsed(state.saved_at, state.saved_monotonic, now, same_boot=same_boot)

    def left(ends: datetime) -> float:
        """Monotonic time (this run) at which something that ended at ``ends`` ends now."""
        return now.monotonic + seconds_between(ends, state.saved_at) - downtime

    pause: Pause | None = None
    if state.pause is not None:
        until = state.pause.until
        pause = Pause(
            until_local=None if until is None else (until.date(), until.time()),
            until_monotonic=None if state.pause.ends_at is None else left(state.pause.ends_at),
        )
    snooze = None
    if state.snooze_until is not None and left(state.snooze_until) > now.monotonic:
        snooze = left(state.snooze_until)

    bout = state.bout
    away_for: float | None = None
    if bout is not None:
        away_for = (now.monotonic - bout.last_active_monotonic if same_boot
                    else seconds_between(now.wall, bout.last_active))
        if -CLOCK_TOLERANCE <= away_for < 0 and not same_boot:
            away_for = 0.0  # an NTP correction after the reboot
        if away_for < 0:
            away_for = None  # the clock was set back (or the file lies): nobody knows
    continues = bout is not None and away_for is not None and away_for < tracker.natural_break
    snapshot = tracker.snapshot()
    baseline = 0.0
    if continues and bout is not None and away_for is not None:
        since_start = seconds_between(bout.last_active, bout.started) + away_for
        snapshot = tracker.continue_bout(bout.sitting, now.monotonic - since_start)
        baseline = bout.sitting - bout.since_prompt
    hold: HoldMemory | None = None
    if continues and state.hold is not None:  # else no prompt is due: nothing holds one
        grace = None if state.hold.grace_until is None else left(state.hold.grace_until)
        hold = HoldMemory(reasons=state.hold.reasons, first=left(state.hold.first),
                          grace_until=grace if grace is not None and grace > now.monotonic
                          else None, nudged=state.hold.nudged)
    memory = PolicyMemory(pause, snooze, state.next_exercise, snapshot.bout_id, baseline, hold)
    policy.recall(memory)
    return Restored(memory=policy.memory(), bout_continues=continues, away_for=away_for,
                    bout=bout if continues else None)


def _elapsed(saved_at: datetime, saved_monotonic: float, now: Moment, *,
             same_boot: bool) -> float:
    """Seconds from the save to ``now``, never negative."""
    if same_boot and now.monotonic >= saved_monotonic:
        return now.monotonic - saved_monotonic
    return max(0.0, seconds_between(now.wall, saved_at))


class StateKeeper:
    """Reads the saved state once, at start, and saves it whenever what is kept changes.

    The controller calls :meth:`restore` before its first refresh, :meth:`save_if_changed`
    after every refresh and command, and :meth:`save` when it stops. Nothing is saved before
    :meth:`restore` ran, so a refresh at start-up never overwrites the file it is about to read.

    Args:
        store: where the state lives.
        clock: gives the boot id that tells whether the monotonic clock ran on meanwhile.
    """

    def __init__(self, store: StateStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._restored = False
        self._saved_key: object = None

    def restore(self, policy: ReminderPolicy, tracker: SittingTracker,
                now: Moment) -> Restored | None:
        """Take back the saved state (once; later calls do nothing), logging what came back.

        Returns what was decided, or None when there was nothing to take back.
        """
        if self._restored:
            return None
        self._restored = True
        state = self._store.load()
        restored = None
        if state is not None:
            restored = restore(state, policy, tracker, now, self._clock.boot_id())
            log.info("restored the saved state: %s", describe(state, restored))
        self._saved_key = _key(policy, tracker)
        return restored

    def save_if_changed(self, policy: ReminderPolicy, tracker: SittingTracker, now: Moment,
                        *, bout_started: datetime | None = None) -> None:
        """Save when what is kept across a restart changed since the last save.

        That is the pause, snooze, rotation, the interval's restart, the bout (a new one, not
        the seconds sat in it) or the course of a hold (begun, ended, its grace period, the
        nudge).
        """
        if self._restored and _key(policy, tracker) != self._saved_key:
            self.save(policy, tracker, now, bout_started=bout_started)

    def save(self, policy: ReminderPolicy, tracker: SittingTracker, now: Moment, *,
             bout_started: datetime | None = None) -> None:
        """Save now, with the bout as it is (at quit).

        ``bout_started`` as for :func:`capture`.
        """
        if not self._restored:
            return
        self._saved_key = _key(policy, tracker)
        self._store.save(capture(policy, tracker, now, self._clock.boot_id(),
                                 bout_started=bout_started))


def _key(policy: ReminderPolicy, tracker: SittingTracker) -> object:
    return (policy.memory(), tracker.snapshot().bout_id)
