"""Holding a due prompt back while the user is busy, and letting it come at a good moment.

A due prompt that meets a busy signal (a call, a presentation, do not disturb) is *held
back*, not cancelled: the sitting bout keeps counting, and when the last signal ends the
prompt comes after a grace period (``[busy] grace``), not the instant a call hangs up.
Typing is gentler: it holds the prompt only until the keyboard rests for ``typing_lull``
seconds, for at most :data:`TYPING_BOUND` seconds, and no grace period follows it. After
``[busy] max_hold`` seconds of holding, the user gets one gentle nudge (the tray icon and
one desktop notification), never a window.

:class:`HoldBack` keeps that state for :class:`~deskbreath.core.policy.ReminderPolicy`,
which decides when a prompt is due at all. It never reads a clock: every call passes a
:class:`~deskbreath.core.clock.Moment`. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from deskbreath.core.clock import Moment

#: Seconds of typing after which a due prompt appears anyway: a prompt never comes
#: mid-sentence, but two minutes without a three-second pause is a flow that will not end
#: for a reminder. (The lull itself is the ``typing_lull`` setting.)
TYPING_BOUND = 120.0


class HoldReason(StrEnum):
    """Why a due prompt is held back while the user is at the desk but busy.

    The values are stable identifiers (``status --json`` and the health log report them);
    display text lives apart from them (:func:`deskbreath.core.wording.hold_reason_name`).
    """

    DO_NOT_DISTURB = "do-not-disturb"
    FULLSCREEN = "fullscreen"
    IDLE_INHIBITED = "idle-inhibited"
    MICROPHONE = "microphone"
    CAMERA = "camera"
    SCREEN_SHARING = "screen-sharing"
    TYPING = "typing"

    @property
    def setting(self) -> str:
        """The key that switches this signal on or off in the ``[busy]`` settings table."""
        return self.value.replace("-", "_")


#: The reason a hold shows when several are active: the most specific account of what the user
#: is doing comes first (presenting, then a video call, a call, a film or game, a
#: do-not-disturb switch, an idle inhibitor that many apps take for vague reasons, typing).
HOLD_PRIORITY: tuple[HoldReason, ...] = (
    HoldReason.SCREEN_SHARING,
    HoldReason.CAMERA,
    HoldReason.MICROPHONE,
    HoldReason.FULLSCREEN,
    HoldReason.DO_NOT_DISTURB,
    HoldReason.IDLE_INHIBITED,
    HoldReason.TYPING,
)


@dataclass(frozen=True)
class Hold:
    """A due prompt held back while the user is at the desk but busy.

    Attributes:
        reason: the reason to show: the first active one in :data:`HOLD_PRIORITY`.
        reasons: every active reason.
        since: when this hold began (wall time, with UTC offset).
        overdue: the prompt has been held back for ``max_hold`` or longer (counted from
            the first hold of this due prompt, grace periods included): the user gets a
            nudge instead of a window.
    """

    reason: HoldReason
    reasons: frozenset[HoldReason]
    since: datetime
    overdue: bool = False


@dataclass(frozen=True)
class HoldMemory:
    """The course of the hold on one due prompt, kept across a restart of deskbreath.

    Kept (:mod:`deskbreath.core.runtime_state`) so that a restart neither shortens the grace
    period nor restarts the cap. What holds the prompt *now* is not part of it: the busy
    sources are asked again at the first check after the start.

    Attributes:
        reasons: the busy reasons other than typing that held the prompt (empty in a grace
            period or while only typing held it). If none holds at the next check, the
            grace period starts then: the signal ended while deskbreath was not running.
        first: monotonic start of the first hold of this prompt (``max_hold`` counts from it).
        grace_until: monotonic end of the grace period under way, or None.
        nudged: the nudge for an overdue hold was given.
    """

    reasons: frozenset[HoldReason]
    first: float
    grace_until: float | None
    nudged: bool


class HoldBack:
    """The hold on one due prompt: active reasons, grace period, typing lull and the cap.

    The owner calls :meth:`update` with what the busy sources say whenever a prompt is due,
    :meth:`advance` at the start of each refresh, and :meth:`drop` when the prompt stops
    being due (shown, snoozed, paused, the user went away): a drop ends everything at once,
    without a grace period.

    Args:
        grace: seconds from the end of the last busy reason (typing aside) to the prompt.
        max_hold: seconds of holding after which the user is nudged.
        typing_bound: seconds of typing after which typing no longer holds the prompt.
    """

    def __init__(self, grace: float, max_hold: float, *,
                 typing_bound: float = TYPING_BOUND) -> None:
        self._grace = grace
        self._max_hold = max_hold
        self._typing_bound = typing_bound
        self._blocking: frozenset[HoldReason] = frozenset()
        self._typing = False
        self._typing_since: float | None = None
        self._since: datetime | None = None
        self._first: float | None = None  # monotonic start of the first hold of this prompt
        self._grace_until: float | None = None
        self._nudged = False

    def configure(self, grace: float, max_hold: float) -> None:
        """New settings; a grace period under way keeps the end it was given."""
        self._grace = grace
        self._max_hold = max_hold

    # -- commands --------------------------------------------------------------------------

    def advance(self, now: Moment) -> None:
        """End a grace period whose time has come."""
        if self._grace_until is not None and now.monotonic >= self._grace_until:
            self._grace_until = None

    def update(self, reasons: frozenset[HoldReason], now: Moment) -> None:
        """Take in what the busy sources say now (an empty set: nothing holds the user).

        The first reason starts a hold at ``now`` and ends a grace period; the end of the
        last reason other than typing starts the grace period. Typing counts only when
        nothing else holds the prompt and no grace period runs, and for at most the typing
        bound.
        """
        blocking = frozenset(r for r in reasons if r is not HoldReason.TYPING)
        if blocking and not self._blocking:
            self._grace_until = None
        elif not blocking and self._blocking and self._grace > 0:
            self._grace_until = now.monotonic + self._grace
        self._blocking = blocking
        typing = (HoldReason.TYPING in reasons and not blocking and self._grace_until is None)
        if not typing:
            self._typing_since = None
        elif self._typing_since is None:
            self._typing_since = now.monotonic
        self._typing = (self._typing_since is not None
                        and now.monotonic - self._typing_since < self._typing_bound)
        if self.active and self._since is None:
            self._since = now.wall
            if self._first is None:
                self._first = now.monotonic
        elif not self.active:
            self._since = None

    def nudged(self) -> None:
        """The nudge for an overdue hold was given; it is not given again for this prompt."""
        self._nudged = True

    def recall(self, memory: HoldMemory | None) -> None:
        """Take back a :meth:`memory`; None starts with no hold.

        After a restart, with its monotonic times moved to this run of the clock. The hold is
        shown again from the next :meth:`update` that finds a reason (as a new hold: the last
        one ended at the quit).
        """
        self.drop()
        if memory is None:
            return
        self._blocking = memory.reasons - {HoldReason.TYPING}
        self._first = memory.first
        self._grace_until = memory.grace_until
        self._nudged = memory.nudged

    def drop(self) -> None:
        """The prompt is no longer due: forget every reason, the grace period and the cap."""
        self._blocking = frozenset()
        self._typing = False
        self._typing_since = None
        self._since = None
        self._first = None
        self._grace_until = None
        self._nudged = False

    # -- questions -------------------------------------------------------------------------

    @property
    def active(self) -> frozenset[HoldReason]:
        """The reasons holding the prompt now (typing only within its bound)."""
        if self._typing:
            return self._blocking | {HoldReason.TYPING}
        return self._blocking

    def holds(self) -> bool:
        """True while a reason holds the prompt or its grace period runs."""
        return bool(self.active) or self._grace_until is not None

    def hold(self, now: Moment) -> Hold | None:
        """The hold as the views show it; None while nothing holds.

        A grace period is not a hold either: the prompt is simply coming.
        """
        active = self.active
        if not active:
            return None
        reason = next(r for r in HOLD_PRIORITY if r in active)
        return Hold(reason=reason, reasons=active, since=self._since or now.wall,
                    overdue=self.overdue(now))

    def grace_left(self, now: Moment) -> float:
        """Seconds of grace still to run (0 when none runs)."""
        if self._grace_until is None:
            return 0.0
        return max(0.0, self._grace_until - now.monotonic)

    def typing_until(self) -> float | None:
        """The monotonic time at which typing stops holding the prompt, while it holds."""
        if not self._typing or self._typing_since is None:
            return None
        return self._typing_since + self._typing_bound

    def overdue(self, now: Moment) -> bool:
        """True when the prompt has been held for ``max_hold`` or longer.

        Only while a reason other than typing holds it.
        """
        return (bool(self._blocking) and self._first is not None
                and now.monotonic - self._first >= self._max_hold)

    def nudge_due(self, now: Moment) -> bool:
        """True once the hold is overdue and the nudge has not been given yet."""
        return self.overdue(now) and not self._nudged

    @property
    def was_nudged(self) -> bool:
        """True once the nudge for this prompt's overdue hold was given."""
        return self._nudged

    def memory(self) -> HoldMemory | None:
        """The hold's course, to keep across a restart; None while nothing held this prompt."""
        if self._first is None:
            return None
        return HoldMemory(self._blocking, self._first, self._grace_until, self._nudged)
