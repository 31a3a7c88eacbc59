"""How long the user has really been sitting: bouts of input activity, natural breaks, away time.

The tracker is told the time by a :class:`~deskbreath.core.clock.Clock` and the user's idle
time by an :class:`~deskbreath.desktop.idle.base.IdleSource`; it never reads either on its own
schedule. The Qt layer calls :meth:`SittingTracker.update` on a coarse tick and whenever it
needs a fresh answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deskbreath.core.clock import Clock
    from deskbreath.core.idle import IdleSource


#: Idle shorter than this is still activity: the pause between two mouse moves or two
#: sentences is not a gap in sitting.
ACTIVE_GRACE = 5.0

#: An idle source keeps its own clock (the X server's, Mutter's) and rounds to milliseconds, so
#: after a rest with no input its idle time may read a few milliseconds short of the rest's
#: stretch by our clock. Only an idle time shorter by more than this means input came during
#: the rest (seconds; input ends a rest at once, so its idle time is then close to zero).
REST_CLOCK_SLACK = 0.5


@dataclass(frozen=True)
class SittingSnapshot:
    """What the tracker knows at one moment.

    Attributes:
        bout_seconds: sitting time (active input time) in the current bout.
        bout_id: increases by one every time a bout ends; a new number means a new bout.
        present: the user is at the desk (not idle past the natural break, not locked or asleep).
        idle_seconds: the idle source's last answer, ``None`` when it cannot tell.
        away_reasons: why the user counts as away right now ("locked", "asleep"), if any.
    """

    bout_seconds: float
    bout_id: int
    present: bool
    idle_seconds: float | None
    away_reasons: frozenset[str] = frozenset()


def tick_interval_for(natural_break: float) -> float:
    """The update period that still notices a natural break: at most 15 s, three per break."""
    return max(1.0, min(15.0, natural_break / 3.0))


class SittingTracker:
    """Accumulates sitting time from input activity.

    Rules:
      * Time counts as sitting while the user gives input (pauses under ``ACTIVE_GRACE``
        included); a longer idle gap shorter than the natural break does not count, but
        does not end the bout either.
      * Idle for at least ``natural_break`` ends the bout: sitting starts again from zero
        when the user comes back.
      * Away (screen locked, machine asleep) counts like idle.
      * A gap between two updates much longer than the tick (a suspend nobody announced, a
        frozen process) counts as away for its whole length. Sitting time is measured on the
        monotonic clock, so wall-clock changes never add or remove sitting time.
    """

    def __init__(self, clock: Clock, idle_source: IdleSource, natural_break: float) -> None:
        self._clock = clock
        self._idle_source = idle_source
        self._natural_break = natural_break
        self._last_update = clock.monotonic()
        self._bout_seconds = 0.0
        self._bout_id = 0
        self._present = True
        self._idle: float | None = None
        self._away_reasons: set[str] = set()
        self._away_since: float | None = None
        self._resting = False
        self._bout_started: float | None = None

    @property
    def idle_source(self) -> IdleSource:
        """Where the tracker reads the user's idle time."""
        return self._idle_source

    @property
    def natural_break(self) -> float:
        """Seconds of idle (or away) that end a bout; setting it changes :attr:`tick_interval`."""
        return self._natural_break

    @natural_break.setter
    def natural_break(self, seconds: float) -> None:
        self._natural_break = seconds

    @property
    def tick_interval(self) -> float:
        """How often :meth:`update` should be called to notice natural breaks."""
        return tick_interval_for(self._natural_break)

    def replace_idle_source(self, source: IdleSource) -> None:
        """Swap the idle backend (e.g. after the one in use failed)."""
        self._idle_source = source

    @property
    def resting(self) -> bool:
        """Whether the tracker is resting (see :meth:`rest`)."""
        return self._resting

    def rest(self) -> None:
        """Stop expecting regular updates until the idle source's event.

        The user is idle, and the idle source will report by an event when they give input
        again or when the idle time reaches the natural break
        (:class:`~deskbreath.core.idle.ActivityEvents`); the caller will update then.

        Until the next update, every second counts as idle: the user gave no input, or the
        event would have come. That update is as exact as a tick at the moment of the event,
        and the long gap before it is not taken for an unannounced suspend.
        """
        self._resting = True

    @property
    def bout_started(self) -> float | None:
        """When the current bout's sitting began (monotonic), None before it has begun."""
        return self._bout_started if self._bout_seconds > 0 else None

    def last_activity(self) -> float | None:
        """When the user last gave input, as of the last update (monotonic), or None.

        The start of an away period (locked, asleep) still under way, else the last reading
        less its idle time. None when no bout is under way (away past the natural break, or
        not begun).
        """
        if self._bout_seconds <= 0:
            return None
        if self._away_reasons:
            return self._away_since
        if not self._present:
            return None
        return self._last_update - max(0.0, self._idle or 0.0)

    def continue_bout(self, sitting: float, started: float) -> SittingSnapshot:
        """Carry on a bout from before a restart of deskbreath.

        ``sitting`` seconds so far, begun at ``started`` (monotonic, on this run of the
        clock; it may lie before the clock's start). The caller decides that the restart was
        shorter than the natural break (:func:`deskbreath.core.runtime_state.restore`); the
        time deskbreath was not running counts as a pause in sitting, and the next update
        reads the idle time.
        """
        self._bout_seconds = max(0.0, sitting)
        self._bout_started = started
        self._present = True
        return self.snapshot()

    def snapshot(self) -> SittingSnapshot:
        """The state as of the last update, without reading clock or idle source."""
        return SittingSnapshot(
            bout_seconds=self._bout_seconds,
            bout_id=self._bout_id,
            present=self._present and not self._away_reasons,
            idle_seconds=self._idle,
            away_reasons=frozenset(self._away_reasons),
        )

    def update(self) -> SittingSnapshot:
        """Account for the time since the last update and return the new state."""
        now = self._clock.monotonic()
        delta = max(0.0, now - self._last_update)
        self._last_update = now
        if self._away_reasons:
            return self.snapshot()
        idle_before = self._idle
        self._idle = self._idle_source.idle_seconds()
        if self._resting:
            self._resting = False
            self._account_rest(delta, idle_before)
            return self.snapshot()
        if delta > self._gap_limit():
            self._account_away(delta)
            return self.snapshot()
        if self._idle is None:
            self._present = True
            self._sat(delta, now)
        elif self._idle >= self._natural_break:
            self._account_away(self._idle)
        else:
            self._present = True
            gap = self._idle if self._idle >= ACTIVE_GRACE else 0.0
            self._sat(max(0.0, delta - gap), now)
        return self.snapshot()

    def _sat(self, seconds: float, now: float) -> None:
        if seconds > 0 and self._bout_seconds <= 0:
            self._bout_started = now - seconds
        self._bout_seconds += seconds

    def set_away(self, reason: str, away: bool) -> SittingSnapshot:
        """Record that the user went away (``away=True``) or came back for one reason.

        Args:
            reason: a short word such as ``"locked"`` or ``"asleep"``.
            away: True when the reason starts, False when it ends.
        """
        if away:
            if not self._away_reasons:
                self.update()
                self._away_since = self._clock.monotonic()
            self._away_reasons.add(reason)
            return self.snapshot()
        if reason not in self._away_reasons:
            return self.snapshot()
        self._away_reasons.discard(reason)
        if not self._away_reasons:
            now = self._clock.monotonic()
            since = self._away_since if self._away_since is not None else now
            self._account_away(now - since)
            self._away_since = None
            self._last_update = now
            self._present = True
        return self.snapshot()

    def _account_rest(self, delta: float, idle_before: float | None) -> None:
        """Account ``delta`` seconds of rest.

        No input came from the last update until the event that ended it, ``self._idle``
        seconds ago (0 when the user's input ended it).
        """
        idle_now = self._idle
        if idle_now is None:  # the source failed meanwhile: nothing to count, like a gap
            return
        # The idle stretch the rest belongs to: from the last input before the rest up to the
        # input that ended it, or up to now when nobody came back.
        stretch = (idle_before or 0.0) + delta
        if idle_now < stretch - REST_CLOCK_SLACK:  # input came during the rest, idle_now ago
            stretch -= idle_now
        else:
            stretch = idle_now
        self._account_away(stretch)
        if idle_now < self._natural_break:
            self._present = True

    def _account_away(self, seconds: float) -> None:
        if seconds >= self._natural_break:
            if self._present or self._bout_seconds > 0:
                self._bout_seconds = 0.0
                self._bout_started = None
                self._bout_id += 1
            self._present = False

    def _gap_limit(self) -> float:
        tick = self.tick_interval
        return max(3.0 * tick, tick + 30.0)
