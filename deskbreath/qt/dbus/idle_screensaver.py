"""Idle time from ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (KDE Plasma on X11, …).

KDE's implementation answers in milliseconds (``KIdleTime::idleTime``). KWin on Wayland, and
GNOME's screensaver proxy, answer with an error such as ``NotSupported``: any error reply means
this backend is unavailable, never "zero idle". Polled like the Mutter backend, with a short
timeout; see :mod:`deskbreath.qt.dbus.idle_mutter` for why polling.
"""

from __future__ import annotations

from PySide6.QtDBus import QDBusConnection

from deskbreath.idle.base import BackendUnavailable, FailureCount
from deskbreath.qt.dbus.calls import DEFAULT_TIMEOUT_MS, DBusCallError, as_milliseconds, call

NAME = "org.freedesktop.ScreenSaver"
SERVICE = "org.freedesktop.ScreenSaver"
INTERFACE = "org.freedesktop.ScreenSaver"
PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")


class ScreenSaverIdleSource:
    """Idle time from the session's ``org.freedesktop.ScreenSaver`` service.

    Args:
        connection: the session bus.
        timeout_ms: how long one ``GetSessionIdleTime`` call may take.

    Raises:
        BackendUnavailable: the bus is not connected, or no object path answers
            ``GetSessionIdleTime`` with a number (NotSupported and every other error count).
    """

    def __init__(self, connection: QDBusConnection, *,
                 timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        self._connection = connection
        self._timeout_ms = timeout_ms
        self._failures = FailureCount(NAME)
        self._closed = False
        errors: list[str] = []
        for path in PATHS:
            self._path = path
            try:
                self._query()
            except DBusCallError as error:
                errors.append(f"{path}: {error}")
                if error.name in ("org.freedesktop.DBus.Error.ServiceUnknown",
                                  "org.freedesktop.DBus.Error.NoReply",
                                  "org.freedesktop.DBus.Error.Disconnected"):
                    break  # another path of the same service cannot do better
            else:
                return
        raise BackendUnavailable("GetSessionIdleTime failed: " + "; ".join(errors))

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
        reply = call(self._connection, SERVICE, self._path, INTERFACE, "GetSessionIdleTime",
                     timeout_ms=self._timeout_ms)
        milliseconds = as_milliseconds(reply[0]) if reply else None
        if milliseconds is None:
            raise DBusCallError("deskbreath.Error.BadReply",
                                f"GetSessionIdleTime answered {reply!r}")
        return milliseconds
