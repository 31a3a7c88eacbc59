"""Noticing at once that the user is back: the away watch.

The sitting tick reads the idle time every 15 s, so "Away" could stay on screen up to 15 s
after the user came back. While (and only while) the user counts as away, this watch looks
for the first input sooner:

* an idle backend that delivers events (``fileno()`` + ``pump()``, as the ext-idle-notify-v1
  backend does: the compositor sends ``resumed`` at the first input) is watched with a
  ``QSocketNotifier``, so the return is seen the moment it happens, with no polling at all;
* a polled backend (D-Bus, Windows, macOS) is read once a second, which is one cheap
  query and no refresh: the controller refreshes only when the idle time drops, i.e. when
  there was input.

A backend with :class:`~deskbreath.core.idle.ActivityEvents` (Mutter, X11 with XInput2)
needs neither: the controller rests on its watch and tells this one not to poll.

While the user is at the desk nothing here runs: the idle CPU of a working session does not
change (measured with ``python -m tests.benchmarks.footprint``, README "Footprint").
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

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
        self._notifier: QSocketNotifier | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("deskbreath-away-watch")
        self._timer.setInterval(AWAY_POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def polling(self) -> bool:
        """Whether the once-a-second poll runs (only while away on a polled backend)."""
        return self._timer.isActive()

    @property
    def listening(self) -> bool:
        """Whether an event-driven backend's connection is watched."""
        return self._notifier is not None and self._notifier.isEnabled()

    def watch(self, source: IdleSource, *, away: bool, idle_seconds: float | None) -> None:
        """Follow ``source``: watch for input while ``away``, do nothing otherwise.

        Args:
            source: the idle backend in use now (it may have been replaced).
            away: the user counts as away by idle time (not locked or asleep: those end with
                the session's own events).
            idle_seconds: the reading the decision was made on.
        """
        if source is not self._source:
            self._detach()
            self._source = source
        self._away = away
        self._last_idle = idle_seconds
        events = _event_fd(source)
        if away and events is not None:
            self._timer.stop()
            if self._notifier is None:
                self._notifier = QSocketNotifier(events, QSocketNotifier.Type.Read, self)
                self._notifier.setObjectName("deskbreath-idle-events")
                self._notifier.activated.connect(self._on_notifier_activated)
            self._notifier.setEnabled(True)
        elif away:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
            if self._notifier is not None:
                self._notifier.setEnabled(False)

    def stop(self) -> None:
        """Stop watching for input (the app is ending)."""
        self._away = False
        self._detach()

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
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        self.user_returned.emit()

    def _detach(self) -> None:
        self._timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def _on_timer_timeout(self) -> None:
        self.poll()

    def _on_notifier_activated(self) -> None:
        source = self._source
        pump = getattr(source, "pump", None)
        if callable(pump):
            pump()  # read what the compositor sent (idled / resumed)
        self.poll()


def _event_fd(source: IdleSource) -> int | None:
    """The descriptor an event-driven backend delivers its events on, or None."""
    fileno = getattr(source, "fileno", None)
    if not callable(fileno) or not callable(getattr(source, "pump", None)):
        return None
    fd = fileno()
    return fd if isinstance(fd, int) and fd >= 0 else None
