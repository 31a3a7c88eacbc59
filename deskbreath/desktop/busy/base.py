"""The :class:`BusySource` protocol: one desktop signal that says "not now", and detection.

A busy source never decides anything: it answers whether its signal holds now, and the
reminder policy (:class:`deskbreath.core.policy.ReminderPolicy`) holds a due prompt back
while any answer is yes. Each reason is one of :class:`deskbreath.core.policy.HoldReason`.

Threading contract: every method is called on the Qt thread. ``is_busy()`` may take a few
milliseconds (one D-Bus round trip or a small read); it is asked only while a prompt is
due or held back, never on the idle tick.
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
