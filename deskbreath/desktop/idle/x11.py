"""X11 idle time from the MIT-SCREEN-SAVER extension (``XScreenSaverQueryInfo``) via ctypes.

No subprocess and no python-xlib: one Xlib connection is opened in the constructor and kept
until :meth:`X11IdleSource.close`. Each query is one short round trip to the X server.

Never use this on a Wayland session: under XWayland the extension only sees input that goes
to X clients, so the user would look idle while typing into Wayland windows.

Xlib would end the process when the X server connection breaks (its default I/O error
handling calls ``exit(1)`` inside the failing call, and Qt then crashed in its static
destructors); :mod:`deskbreath.desktop.xlib_guard` turns that into a failed query instead, so
the app can quit cleanly when Qt notices the same break.

The extension sends no event when input comes; the composition root attaches
:class:`~deskbreath.desktop.idle.x11_events.X11ActivityEvents` (XInput2 raw input, a Qt
socket notifier) as :attr:`X11IdleSource.activity_events`, so an idle user is not polled.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math

from deskbreath.core.idle import ClosableActivityEvents
from deskbreath.desktop import xlib_guard
from deskbreath.desktop.idle.base import BackendUnavailable, FailureCount

NAME = "X11 MIT-SCREEN-SAVER"


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),  # milliseconds since the last input
        ("event_mask", ctypes.c_ulong),
    ]


def _load(name: str, package: str) -> ctypes.CDLL:
    path = ctypes.util.find_library(name)
    if path is None:
        raise BackendUnavailable(f"lib{name} not found (install the {package} package)")
    try:
        return ctypes.CDLL(path)
    except OSError as error:
        raise BackendUnavailable(f"cannot load {path}: {error}") from error


class X11IdleSource:
    """Idle time of an X11 display, read with ``XScreenSaverQueryInfo``.

    Args:
        display: the X display name, e.g. ``":0"`` (normally the session's ``DISPLAY``).

    Attributes:
        activity_events: the user's return and the natural break as events, or None (the
            default: the idle time is polled). Closed with the source.

    Raises:
        BackendUnavailable: no display name, libX11/libXss missing, the display cannot be
            opened, or the server lacks the MIT-SCREEN-SAVER extension.
    """

    def __init__(self, display: str | None) -> None:
        self.activity_events: ClosableActivityEvents | None = None
        if not display:
            raise BackendUnavailable("DISPLAY is not set")
        xlib = _load("X11", "libx11-6")
        xss = _load("Xss", "libxss1")
        xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        xlib.XCloseDisplay.restype = ctypes.c_int
        xss.XScreenSaverQueryExtension.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
        xss.XScreenSaverQueryExtension.restype = ctypes.c_int
        xss.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_XScreenSaverInfo)]
        xss.XScreenSaverQueryInfo.restype = ctypes.c_int
        self._xlib = xlib
        self._xss = xss
        self._display_name = display
        self._failures = FailureCount(NAME)
        self._info = _XScreenSaverInfo()
        self._dpy: int | None = xlib.XOpenDisplay(display.encode())
        if not self._dpy:
            self._dpy = None
            raise BackendUnavailable(f"cannot open X display {display!r}")
        xlib_guard.survive_io_errors(self._dpy)
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(
                self._dpy, ctypes.byref(event_base), ctypes.byref(error_base)):
            self.close()
            raise BackendUnavailable(
                f"X display {display!r} has no MIT-SCREEN-SAVER extension")
        self._root = xlib.XDefaultRootWindow(self._dpy)

    @property
    def name(self) -> str:
        """:data:`NAME`."""
        return NAME

    @property
    def healthy(self) -> bool:
        """False once closed, the X connection broke, or three queries in a row failed."""
        return (self._dpy is not None and not xlib_guard.is_broken(self._dpy)
                and self._failures.healthy)

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, from ``XScreenSaverQueryInfo``; None on failure."""
        if self._dpy is None or xlib_guard.is_broken(self._dpy):
            return None
        if not self._xss.XScreenSaverQueryInfo(self._dpy, self._root, ctypes.byref(self._info)):
            self._failures.failed(f"XScreenSaverQueryInfo failed on {self._display_name}")
            return None
        self._failures.succeeded()
        seconds = self._info.idle / 1000.0
        return seconds if math.isfinite(seconds) else None

    def close(self) -> None:
        """Close the display (on a broken connection it only frees). Safe to call twice."""
        if self.activity_events is not None:
            self.activity_events.close()
        if self._dpy is not None:
            self._xlib.XCloseDisplay(self._dpy)  # on a broken connection: frees, sends nothing
            xlib_guard.forget(self._dpy)
            self._dpy = None
