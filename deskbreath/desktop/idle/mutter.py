"""GNOME idle time from ``org.gnome.Mutter.IdleMonitor`` (X11 and Wayland sessions).

Two parts, each doing what it is good at:

- **The idle duration**, polled: ``GetIdletime`` once per :meth:`MutterIdleSource.idle_seconds`
  call. While the user is active, the sitting tracker needs a duration on every tick, which
  watches (threshold crossings only) cannot give. One local round trip per tick (every 15 s
  at most); the 200 ms timeout bounds a hung Mutter, and three failures in a row mark the
  source unhealthy so the caller replaces it.
- **The user's return and the natural break**, as events (:class:`MutterActivityEvents`):
  ``AddUserActiveWatch`` (fires once, at the next input) and ``AddIdleWatch`` (fires when the
  idle time reaches a threshold), answered by the ``WatchFired(u id)`` signal. While the user
  is idle the caller stops its tick and waits for one of them, so an idle app does not wake.

The watches go through jeepney on a connection of their own (the one the notifiers use,
:class:`~deskbreath.desktop.notifications.connection.SignalConnection`): ``AddIdleWatch``
takes a ``uint64`` (``t``), which PySide6 cannot marshal (it sends every ``int`` as
``int32``, and Mutter refuses that with InvalidArgs). Mutter removes a client's watches when
its connection closes, and sends ``WatchFired`` to the client that added the watch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtDBus import QDBusConnection

from deskbreath.desktop.dbus import DEFAULT_TIMEOUT_MS, DBusCallError
from deskbreath.desktop.idle.base import BackendUnavailable
from deskbreath.desktop.idle.dbus_polled import DBusIdleSource
from deskbreath.desktop.notifications.connection import ERRORS, SignalConnection

if TYPE_CHECKING:
    from jeepney import Message

log = logging.getLogger(__name__)

NAME = "GNOME Mutter IdleMonitor"
SERVICE = "org.gnome.Mutter.IdleMonitor"
PATH = "/org/gnome/Mutter/IdleMonitor/Core"
INTERFACE = "org.gnome.Mutter.IdleMonitor"


class MutterActivityEvents:
    """:class:`~deskbreath.core.idle.ActivityEvents` from Mutter's idle monitor watches.

    Args:
        bus: the session bus for jeepney: ``"SESSION"`` or a D-Bus address.

    Attributes:
        fired_count: how many watches have fired (for the diagnostics and tests).
    """

    def __init__(self, bus: str) -> None:
        self._connection = SignalConnection(
            bus, {"interface": INTERFACE, "path": PATH, "member": "WatchFired"},
            self._on_signal)
        self._ids: set[int] = set()
        self._fired: Callable[[], None] | None = None
        self.fired_count = 0

    def watch(self, idle_threshold: float | None, fired: Callable[[], None]) -> bool:
        """Arm ``AddUserActiveWatch`` (and ``AddIdleWatch`` at the threshold); False if refused."""
        self.unwatch()
        try:
            if idle_threshold is not None:
                self._ids.add(self._call("AddIdleWatch", "t",
                                         max(1, round(idle_threshold * 1000))))
            self._ids.add(self._call("AddUserActiveWatch", ""))
        except ERRORS as error:
            log.info("cannot watch Mutter's idle monitor (polling instead): %s", error)
            self.unwatch()
            return False
        self._fired = fired
        return True

    def unwatch(self) -> None:
        """Remove the armed watches from Mutter (``RemoveWatch``); ``fired`` will not run."""
        self._fired = None
        ids, self._ids = self._ids, set()
        for watch_id in ids:
            try:
                self._call("RemoveWatch", "u", watch_id)
            except ERRORS as error:  # it fired meanwhile, or Mutter is gone: nothing to remove
                log.debug("RemoveWatch %d: %s", watch_id, error)

    def close(self) -> None:
        """Drop the watch and close the connection (Mutter forgets its watches then)."""
        self._fired = None
        self._ids.clear()
        self._connection.close()

    def _call(self, method: str, signature: str, *args: object) -> int:
        from jeepney import DBusAddress, new_method_call  # noqa: PLC0415  (on first use)

        address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
        body: tuple[Any, ...] = self._connection.call(
            new_method_call(address, method, signature or None, args))
        return int(body[0]) if body else 0

    def _on_signal(self, message: Message) -> None:
        watch_id = message.body[0] if message.body else None
        if watch_id not in self._ids:
            return  # a watch of ours that was replaced, or another client's
        self._ids.discard(watch_id)  # a user-active watch is gone once it fired
        self.fired_count += 1
        fired = self._fired
        self.unwatch()
        if fired is not None:
            fired()


class MutterIdleSource(DBusIdleSource):
    """Idle time from Mutter's core idle monitor.

    Args:
        connection: the session bus.
        timeout_ms: how long one ``GetIdletime`` call may take.
        watch_bus: the session bus for the watches (``"SESSION"`` or an address), or None
            for no events (the idle time is then only polled).

    Attributes:
        activity_events: the watches (:class:`MutterActivityEvents`), or None.

    Raises:
        BackendUnavailable: the bus is not connected, or Mutter does not answer ``GetIdletime``
            with a number of milliseconds.
    """

    def __init__(self, connection: QDBusConnection, *,
                 timeout_ms: int = DEFAULT_TIMEOUT_MS, watch_bus: str | None = None) -> None:
        super().__init__(NAME, connection, service=SERVICE, path=PATH, interface=INTERFACE,
                         method="GetIdletime", timeout_ms=timeout_ms)
        try:
            self._query()
        except DBusCallError as error:
            raise BackendUnavailable(f"{SERVICE}.GetIdletime failed: {error}") from error
        self.activity_events = None if watch_bus is None else MutterActivityEvents(watch_bus)

    def close(self) -> None:
        """Drop the watches and their connection; later answers are None."""
        if self.activity_events is not None:
            self.activity_events.close()
        super().close()
