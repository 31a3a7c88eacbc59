"""Noticing at once that the user is back: the away watch.

The sitting tick reads the idle time every 15 s, so "Away" could stay on screen up to 15 s
after the user came back. While (and only while) the user counts as away on a backend without
events (Windows, macOS, ``org.freedesktop.ScreenSaver`` off X11, X servers without XInput 2,
or one whose watch was refused), this watch reads the idle time once a second, which is one
cheap query and no refresh: the controller refreshes only when the idle time drops, i.e. when
there was input.

A backend with :class:`~deskbreath.core.idle.ActivityEvents` (Mutter, ext-idle-notify-v1,
X11 and ``org.freedesktop.ScreenSaver`` with XInput2) needs no poll: the controller rests on
its watch, which reports the return at once, and tells this one not to poll. Such a backend
watches its own connection (ext-idle-notify-v1's socket notifier is in
:mod:`deskbreath.desktop.idle.wayland_events`); a second notifier here on the same descriptor
would make Qt's event dispatcher warn.

While the user is at the desk nothing here runs: the idle CPU of a working session does not
change (measured with ``python -m tests.benchmarks.footprint``, README "Footprint").
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from deskbreath.core.idle import IdleSource

log = logging.getLogger(__name__)

#: How often a polled idle backend is read while the user is away (milliseconds).
AWAY_POLL_MS = 1_000


class PresenceWatch(QObject):
    """Tells the controller when an away user gives input again.

    Signals:
        user_returned(): input since the user was counted away; refresh now.
    """

    user_returned = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: IdleSource | None = None
        self._away = False
        self._last_idle: float | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("deskbreath-away-watch")
        self._timer.setInterval(AWAY_POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def polling(self) -> bool:
        """Whether the once-a-second poll runs (only while away on a polled backend)."""
        return self._timer.isActive()

    def watch(self, source: IdleSource, *, away: bool, idle_seconds: float | None) -> None:
        """Follow ``source``: poll it once a second while ``away``, do nothing otherwise.

        Args:
            source: the idle backend in use now (it may have been replaced).
            away: the user counts as away by idle time (not locked or asleep: those end with
                the session's own events).
            idle_seconds: the reading the decision was made on.
        """
        self._source = source
        self._away = away
        self._last_idle = idle_seconds
        if not away:
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        """Stop watching for input (the app is ending)."""
        self._away = False
        self._timer.stop()

    def poll(self) -> None:
        """Read the idle time once; a drop means input, so the user is back."""
        if not self._away or self._source is None:
            return
        idle = self._source.idle_seconds()
        if idle is None:
            return
        previous = self._last_idle
        self._last_idle = idle
        if previous is not None and idle < previous:
            self._back()

    def _back(self) -> None:
        self._away = False
        self._timer.stop()
        self.user_returned.emit()

    def _on_timer_timeout(self) -> None:
        self.poll()
