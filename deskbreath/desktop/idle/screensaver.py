"""Idle time from ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (KDE Plasma on X11, …).

KDE's implementation answers in milliseconds (``KIdleTime::idleTime``). KWin on Wayland, and
GNOME's screensaver proxy, answer with an error such as ``NotSupported``: any error reply means
this backend is unavailable, never "zero idle". Polled like the Mutter backend, with a short
timeout; see :mod:`deskbreath.desktop.idle.mutter` for why polling.
"""

from __future__ import annotations

from PySide6.QtDBus import QDBusConnection

from deskbreath.desktop.dbus import DEFAULT_TIMEOUT_MS, DBusCallError
from deskbreath.desktop.idle.base import BackendUnavailable
from deskbreath.desktop.idle.dbus_polled import DBusIdleSource

NAME = "org.freedesktop.ScreenSaver"
SERVICE = "org.freedesktop.ScreenSaver"
INTERFACE = "org.freedesktop.ScreenSaver"
PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")


class ScreenSaverIdleSource(DBusIdleSource):
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
        super().__init__(NAME, connection, service=SERVICE, path=PATHS[0], interface=INTERFACE,
                         method="GetSessionIdleTime", timeout_ms=timeout_ms)
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
