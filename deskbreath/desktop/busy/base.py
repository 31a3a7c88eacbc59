"""The :class:`BusySource` protocol: one desktop signal that says "not now", and detection.

A busy source never decides anything: it answers whether its signal holds now. The
controller asks every source only while the reminder policy says a prompt is due
(:meth:`deskbreath.core.policy.ReminderPolicy.needs_busy_check`: about to be shown, held back
or in its grace period), never on the idle tick, and hands the set of reasons to
:meth:`~deskbreath.core.policy.ReminderPolicy.set_busy`, which holds the prompt back while
any is active. Each reason is one of :class:`deskbreath.core.policy.HoldReason`.

Threading contract: every method is called on the Qt thread. ``is_busy()`` may take a few
milliseconds (one D-Bus round trip or a small read) and should not raise; if it does, the
controller logs it once and counts the source as not busy.
"""

from __future__ import annotations

from typing import Protocol

from deskbreath.core.policy import HoldReason


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

    def is_busy(self) -> bool | None:
        """True while the signal holds; None when this source cannot tell right now."""
        ...

    def close(self) -> None:
        """Release connections. Safe to call twice."""
        ...
