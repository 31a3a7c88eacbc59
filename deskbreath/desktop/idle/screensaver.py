"""Idle time from ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (KDE Plasma on X11, …).

KDE's implementation answers in milliseconds (``KIdleTime::idleTime``). KWin on Wayland, and
GNOME's screensaver proxy, answer with an error such as ``NotSupported``: any error reply means
this backend is unavailable, never "zero idle". The idle time is polled like the Mutter
backend's, with a short timeout; see :mod:`deskbreath.desktop.idle.mutter` for why polling.

The API has no event for input (``ActiveChanged`` is the screen saver's, not the user's), but
the desktops that answer it (KDE Plasma on X11, Xfce, …) run on an X server, where XInput2 raw
input works whoever answers the idle time. So on an X11 session the composition root attaches
:class:`~deskbreath.desktop.idle.x11_events.X11ActivityEvents` as
:attr:`ScreenSaverIdleSource.activity_events`, its threshold timer reading this source's idle
time, and an idle user is not polled (tests/desktop/idle/test_screensaver_events.py checks it
on Xvfb with a ScreenSaver service answering the X server's idle time). On a Wayland session
it stays polled (KWin answers NotSupported there anyway, and ext-idle-notify-v1 is used).
"""

from __future__ import annotations

from PySide6.QtDBus import QDBusConnection

from deskbreath.core.idle import ClosableActivityEvents
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

    Attributes:
        activity_events: the user's return and the natural break as events, or None (the
            default: the idle time is polled). Closed with the source.

    Raises:
        BackendUnavailable: the bus is not connected, or no object path answers
            ``GetSessionIdleTime`` with a number (NotSupported and every other error count).
    """

    def __init__(self, connection: QDBusConnection, *,
                 timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        super().__init__(NAME, connection, service=SERVICE, path=PATHS[0], interface=INTERFACE,
                         method="GetSessionIdleTime", timeout_ms=timeout_ms)
        self.activity_events: ClosableActivityEvents | None = None
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

    def close(self) -> None:
        """Close the activity events, if any, and stop calling."""
        if self.activity_events is not None:
            self.activity_events.close()
        super().close()
