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

from deskbreath.idle.base import BackendUnavailable, FailureCount
from deskbreath.qt.dbus.calls import DEFAULT_TIMEOUT_MS, DBusCallError, as_milliseconds, call

NAME = "GNOME Mutter IdleMonitor"
SERVICE = "org.gnome.Mutter.IdleMonitor"
PATH = "/org/gnome/Mutter/IdleMonitor/Core"
INTERFACE = "org.gnome.Mutter.IdleMonitor"


class MutterIdleSource:
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
        self._connection = connection
        self._timeout_ms = timeout_ms
        self._failures = FailureCount(NAME)
        self._closed = False
        try:
            self._query()
        except DBusCallError as error:
            raise BackendUnavailable(f"{SERVICE}.GetIdletime failed: {error}") from error

    @property
    def name(self) -> str:
        return NAME

    @property
    def healthy(self) -> bool:
        return self._failures.healthy

    def idle_seconds(self) -> float | None:
        if self._closed:
            return None
        try:
            milliseconds = self._query()
        except DBusCallError as error:
            self._failures.failed(str(error))
            return None
        self._failures.succeeded()
        return milliseconds / 1000.0

    def close(self) -> None:
        self._closed = True

    def _query(self) -> int:
        reply = call(self._connection, SERVICE, PATH, INTERFACE, "GetIdletime",
                     timeout_ms=self._timeout_ms)
        milliseconds = as_milliseconds(reply[0]) if reply else None
        if milliseconds is None:
            raise DBusCallError("deskbreath.Error.BadReply", f"GetIdletime answered {reply!r}")
        return milliseconds
