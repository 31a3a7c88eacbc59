"""GNOME idle time from ``org.gnome.Mutter.IdleMonitor`` (X11 and Wayland sessions).

Choice: poll ``GetIdletime`` once per :meth:`MutterIdleSource.idle_seconds` call instead of
using ``AddIdleWatch``/``AddUserActiveWatch``. The sitting tracker needs an idle *duration* on
every tick, while watches only report threshold crossings (and a user-active watch fires once
and must be re-armed), so a watch-based answer would be a guess between crossings. One local
round trip per tick (at most every second, usually every 15 s) costs far less than the
bookkeeping; the 200 ms timeout bounds a hung Mutter, and three failures in a row mark the
source unhealthy so the caller replaces it.
"""

from __future__ import annotations

from PySide6.QtDBus import QDBusConnection

from deskbreath.desktop.dbus import DEFAULT_TIMEOUT_MS, DBusCallError
from deskbreath.desktop.idle.base import BackendUnavailable
from deskbreath.desktop.idle.dbus_polled import DBusIdleSource

NAME = "GNOME Mutter IdleMonitor"
SERVICE = "org.gnome.Mutter.IdleMonitor"
PATH = "/org/gnome/Mutter/IdleMonitor/Core"
INTERFACE = "org.gnome.Mutter.IdleMonitor"


class MutterIdleSource(DBusIdleSource):
    """Idle time from Mutter's core idle monitor.

    Args:
        connection: the session bus.
        timeout_ms: how long one ``GetIdletime`` call may take.

    Raises:
        BackendUnavailable: the bus is not connected, or Mutter does not answer ``GetIdletime``
            with a number of milliseconds.
    """

    def __init__(self, connection: QDBusConnection, *,
                 timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        super().__init__(NAME, connection, service=SERVICE, path=PATH, interface=INTERFACE,
                         method="GetIdletime", timeout_ms=timeout_ms)
        try:
            self._query()
        except DBusCallError as error:
            raise BackendUnavailable(f"{SERVICE}.GetIdletime failed: {error}") from error
