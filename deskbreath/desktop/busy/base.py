"""The :class:`BusySource` protocol: one desktop signal that says "not now", and the fallback.

A busy source never decides anything: it answers whether its signal holds now. The
controller asks every source only while the reminder policy says a prompt is due
(:meth:`deskbreath.core.policy.ReminderPolicy.needs_busy_check`: about to be shown, held back
or in its grace period), never on the idle tick, and hands the set of reasons to
:meth:`~deskbreath.core.policy.ReminderPolicy.set_busy`, which holds the prompt back while
any is active. Each reason is one of :class:`deskbreath.core.holds.HoldReason`.

deskbreath reads only *whether* a device or mode is in use (a microphone recording, a camera
open, do not disturb on), never any content: no audio, no image, no window title.

Threading contract: every method is called on the Qt thread. ``is_busy()`` should take a
few milliseconds at most (one D-Bus round trip, a small read, a short subprocess) and should
not raise; if it does, the controller logs it once and counts the source as not busy.
"""

from __future__ import annotations

from typing import Protocol

from deskbreath.core.holds import HoldReason


class BusySource(Protocol):
    """One busy signal of the desktop."""

    @property
    def reason(self) -> HoldReason:
        """What this source reports, e.g. ``HoldReason.DO_NOT_DISTURB``."""
        ...

    @property
    def name(self) -> str:
        """The backend, for diagnostics, e.g. ``"GNOME show-banners"``."""
        ...

    @property
    def problem(self) -> str | None:
        """Why the last ``is_busy()`` could not tell, for diagnostics.

        E.g. "dunst is not running"; None when it could, or before the first call.
        """
        ...

    def is_busy(self) -> bool | None:
        """True while the signal holds; None when this source cannot tell right now."""
        ...

    def close(self) -> None:
        """Release connections. Safe to call twice."""
        ...


class NullBusySource:
    """The fallback for a signal no backend can read here; it says why.

    Diagnostics use that to tell the user plainly (e.g. "Wayland: no API tells whether a
    window is full screen").
    """

    is_fallback = True

    def __init__(self, reason: HoldReason, why: str) -> None:
        self._reason = reason
        self.why = why

    @property
    def reason(self) -> HoldReason:
        """The signal this fallback stands in for."""
        return self._reason

    @property
    def name(self) -> str:
        """``none (<why>)``, for diagnostics."""
        return f"none ({self.why})"

    @property
    def problem(self) -> str | None:
        """Always ``why``: no backend can read this signal here."""
        return self.why

    def is_busy(self) -> bool | None:
        """Always None: no backend can tell here."""
        return None

    def close(self) -> None:
        """Nothing to release."""


class Answer:
    """Bookkeeping shared by backends: the last problem, set when an answer is None.

    A backend calls :meth:`cannot_tell` with the reason and returns its result, or
    :meth:`tells` with the answer.
    """

    def __init__(self) -> None:
        self.problem: str | None = None

    def cannot_tell(self, why: str) -> bool | None:
        """Record ``why``; the answer is None ("cannot tell")."""
        self.problem = why
        return None

    def tells(self, busy: bool) -> bool:
        """Clear the problem; the answer is ``busy``."""
        self.problem = None
        return busy


class BusySourceBase:
    """What every backend reports the same way: its reason, its name and its last problem.

    A backend calls ``super().__init__(reason, name)`` and answers ``is_busy()`` through
    ``self._answer`` (:meth:`Answer.tells`, :meth:`Answer.cannot_tell`), which keeps
    :attr:`problem`.

    Args:
        reason: what the source reports, e.g. ``HoldReason.DO_NOT_DISTURB``.
        name: the backend, for diagnostics, e.g. ``"GNOME show-banners"``.
    """

    def __init__(self, reason: HoldReason, name: str) -> None:
        self._reason = reason
        self._name = name
        self._answer = Answer()

    @property
    def reason(self) -> HoldReason:
        """The reason given at construction."""
        return self._reason

    @property
    def name(self) -> str:
        """The name given at construction, for diagnostics."""
        return self._name

    @property
    def problem(self) -> str | None:
        """Why the last ``is_busy()`` could not tell, or None when it could or before it."""
        return self._answer.problem
