"""The part every polled D-Bus idle backend shares: one method call answering milliseconds.

Each backend only names the service, object path, interface and method; this base makes the
call with a short timeout, rejects replies that are not a count of milliseconds, and turns
errors into the failure bookkeeping of :class:`deskbreath.desktop.idle.base.PolledIdleSource`.
"""

from __future__ import annotations

from PySide6.QtDBus import QDBusConnection

from deskbreath.desktop.dbus import DBusCallError, as_milliseconds, call
from deskbreath.desktop.idle.base import PolledIdleSource, PollFailed


class DBusIdleSource(PolledIdleSource):
    """Idle time from a D-Bus method that answers milliseconds; ``None`` once closed.

    Args:
        name: the backend's name.
        connection: the session bus.
        service: the bus name to call.
        path: the object path to call (a subclass may change ``_path`` while probing).
        interface: the interface of ``method``.
        method: a method without arguments answering idle milliseconds.
        timeout_ms: how long one call may take.
    """

    def __init__(self, name: str, connection: QDBusConnection, *, service: str, path: str,
                 interface: str, method: str, timeout_ms: int) -> None:
        super().__init__(name)
        self._connection = connection
        self._service = service
        self._path = path
        self._interface = interface
        self._method = method
        self._timeout_ms = timeout_ms
        self._closed = False

    def idle_seconds(self) -> float | None:
        """Seconds from one D-Bus call; None when it fails, or once closed (without a call)."""
        if self._closed:
            return None
        return super().idle_seconds()

    def close(self) -> None:
        """Stop calling; the bus connection belongs to the caller and stays open."""
        self._closed = True

    def _poll(self) -> float:
        try:
            return self._query() / 1000.0
        except DBusCallError as error:
            raise PollFailed(str(error)) from error

    def _query(self) -> int:
        """Idle milliseconds from one call.

        Raises:
            DBusCallError: an error reply, no reply in time, or a reply that is not a count of
                milliseconds (``deskbreath.Error.BadReply``).
        """
        reply = call(self._connection, self._service, self._path, self._interface,
                     self._method, timeout_ms=self._timeout_ms)
        milliseconds = as_milliseconds(reply[0]) if reply else None
        if milliseconds is None:
            raise DBusCallError("deskbreath.Error.BadReply",
                                f"{self._method} answered {reply!r}")
        return milliseconds
