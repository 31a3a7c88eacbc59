"""Activity events on Wayland from ext-idle-notify-v1: ``resumed`` and a second notification.

:class:`~deskbreath.desktop.idle.wayland.WaylandIdleSource` stays Qt-free; this is its Qt
side. One ``QSocketNotifier`` on the Wayland connection calls
:meth:`~deskbreath.desktop.idle.wayland.WaylandIdleSource.pump` whenever the compositor sends
something, so ``idled`` and ``resumed`` are stamped on arrival rather than at the next read.
On top of it, :class:`WaylandActivityEvents` lets the controller rest while the user is idle
(:class:`~deskbreath.core.idle.ActivityEvents`), as Mutter's watches do on GNOME:

- **the user's return**: ``resumed`` of the source's notification (sent at the first input
  after ``idled``);
- **the natural break**: a second ``ext_idle_notification_v1``, created when the watch is
  armed with the time still missing to the threshold as its timeout (the compositor counts
  it from the notification's creation, see
  :meth:`~deskbreath.desktop.idle.wayland.WaylandIdleSource.notify_after`), destroyed when
  the watch fires or is dropped. When its ``idled`` comes before the idle time has reached
  the threshold (KWin's coarse timer may fire up to 5 % early), a notification for the rest
  is made instead of firing.

Events are handled after the read that brought them, from a zero-time timer: a read may
happen inside :meth:`~deskbreath.desktop.idle.wayland.WaylandIdleSource.idle_seconds`, in the
middle of the caller's update, which ``fired`` must not re-enter.

Tested against KWin 5.27 in tests/desktop/idle/test_wayland_kwin.py, and with the controller
in tests/qt/test_controller_rest_real.py.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)


class Alarm(Protocol):
    """A notification made for a threshold (:class:`~deskbreath.desktop.idle.wayland.IdleAlarm`)."""

    def destroy(self) -> None:
        """Destroy it; its ``idled`` will not be reported. Safe to call twice."""
        ...


class NotifySource(Protocol):
    """What the events need of :class:`~deskbreath.desktop.idle.wayland.WaylandIdleSource`."""

    on_resumed: Callable[[], None] | None

    @property
    def connected(self) -> bool:
        """False once closed, or while the last read of the connection failed."""
        ...

    @property
    def idle(self) -> bool:
        """Whether ``idled`` came and no ``resumed`` since, as of the last read."""
        ...

    def fileno(self) -> int:
        """The connection's descriptor."""
        ...

    def pump(self) -> None:
        """Read and dispatch what arrived, without blocking."""
        ...

    def idle_seconds(self) -> float | None:
        """Read what arrived, then the idle seconds; None when the read failed."""
        ...

    def notify_after(self, timeout_ms: int, idled: Callable[[], None]) -> Alarm | None:
        """A second notification calling ``idled`` at its ``idled``; None without connection."""
        ...


class WaylandActivityEvents(QObject):
    """:class:`~deskbreath.core.idle.ActivityEvents` of an ext-idle-notify-v1 source.

    Watches the source's connection from construction until :meth:`close` (the source closes
    its events before it disconnects).

    Args:
        source: the connected idle source; its ``on_resumed`` is taken over.
        parent: the Qt parent.

    Attributes:
        fired_count: how many watches have fired (for the diagnostics and tests).
    """

    def __init__(self, source: NotifySource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._fired: Callable[[], None] | None = None
        self._threshold: float | None = None
        self._alarm: Alarm | None = None
        self._alarm_rang = False
        self._input_seen = False
        self._notifier: QSocketNotifier | None = QSocketNotifier(
            source.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.setObjectName("deskbreath-wayland-idle-events")
        self._notifier.activated.connect(self._on_notifier_activated)
        self._settle = QTimer(self)
        self._settle.setObjectName("deskbreath-wayland-idle-settle")
        self._settle.setSingleShot(True)
        self._settle.setInterval(0)
        self._settle.timeout.connect(self._on_settle_timeout)
        source.on_resumed = self._on_source_resumed
        self.fired_count = 0

    @property
    def armed(self) -> bool:
        """Whether a watch waits to fire."""
        return self._fired is not None

    @property
    def listening(self) -> bool:
        """Whether the connection is watched (False once closed, or after it was lost)."""
        return self._notifier is not None and self._notifier.isEnabled()

    def watch(self, idle_threshold: float | None, fired: Callable[[], None]) -> bool:
        """Wait for ``resumed`` (and the threshold); False when the connection is gone.

        When the seat is not idle any more as of the read made here, input came since the
        caller's reading: the watch fires at once (from the event loop).
        """
        self.unwatch()
        if not self.listening:  # closed, or the connection was lost: nothing would fire
            return False
        self._source.pump()  # what arrived since the last read
        if not self._source.connected:
            self._lost()
            return False
        self._fired = fired
        if not self._source.idle:
            self._settle.start()
        elif idle_threshold is not None and not self._arm_threshold(idle_threshold):
            self.unwatch()
            return False
        return True

    def unwatch(self) -> None:
        """Drop the watch and destroy its notification; ``fired`` will not run."""
        self._fired = None
        self._threshold = None
        self._input_seen = False
        self._alarm_rang = False
        self._settle.stop()
        self._drop_alarm()

    def close(self) -> None:
        """Drop the watch and stop watching the connection. Safe to call twice."""
        self.unwatch()
        if self._source.on_resumed == self._on_source_resumed:
            self._source.on_resumed = None
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def _arm_threshold(self, threshold: float) -> bool:
        """Make a notification for the time still missing to ``threshold`` of idle."""
        idle = self._source.idle_seconds()
        if idle is None:
            log.info("cannot time the Wayland idle threshold: no idle time (polling instead)")
            return False
        self._threshold = threshold
        if idle >= threshold:
            self._alarm_rang = True
            self._settle.start()
            return True
        timeout_ms = max(1, math.ceil((threshold - idle) * 1000))
        self._alarm = self._source.notify_after(timeout_ms, self._on_alarm_idled)
        if self._alarm is None:
            log.info("cannot time the Wayland idle threshold: the connection is gone")
            return False
        return True

    def _drop_alarm(self) -> None:
        alarm, self._alarm = self._alarm, None
        if alarm is not None:
            alarm.destroy()

    def _fire(self) -> None:
        fired = self._fired
        self.unwatch()
        if fired is not None:
            self.fired_count += 1
            fired()

    def _lost(self) -> None:
        """The connection failed: stop watching it (an fd at its end is always readable)."""
        if self._notifier is not None and self._notifier.isEnabled():
            log.info("lost the Wayland connection: no idle events (the idle time is polled)")
            self._notifier.setEnabled(False)

    def _on_source_resumed(self) -> None:
        """``resumed`` was read (inside a pump): settle from the event loop."""
        if self._fired is not None:
            self._input_seen = True
            self._settle.start()

    def _on_alarm_idled(self) -> None:
        """The threshold's notification sent ``idled`` (inside a pump)."""
        if self._fired is not None:
            self._alarm_rang = True
            self._settle.start()

    def _on_notifier_activated(self) -> None:
        self._source.pump()
        if not self._source.connected:
            self._lost()
            if self._fired is not None:  # the caller refreshes and finds the source failing
                self._fire()

    def _on_settle_timeout(self) -> None:
        """Fire for input, or for the threshold once the idle time has reached it."""
        if self._fired is None:
            return
        if self._input_seen or not self._source.idle:
            self._fire()
            return
        if not self._alarm_rang or self._threshold is None:
            return
        self._alarm_rang = False
        self._drop_alarm()
        idle = self._source.idle_seconds()
        if idle is None or idle >= self._threshold or self._input_seen or not self._source.idle:
            self._fire()  # reached, or the caller finds out what went wrong
        elif not self._arm_threshold(self._threshold):  # early: wait for the rest
            self._fire()
