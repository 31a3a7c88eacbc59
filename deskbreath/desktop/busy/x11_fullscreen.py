"""Full screen on X11: the active window is in the ``_NET_WM_STATE_FULLSCREEN`` state.

The active window is ``_NET_ACTIVE_WINDOW`` on the root window; it is full screen when
``_NET_WM_STATE_FULLSCREEN`` is in its ``_NET_WM_STATE`` (EWMH 1.5, set by the window manager).

Read through libxcb with ctypes (:mod:`deskbreath.desktop.xcb`): no new dependency (Qt's xcb
platform has loaded libxcb already), two short round trips per question, and, unlike Xlib, no
process-wide error handler: a window that vanished between the two reads, or a lost X server,
is an error reply or a failed connection, never an exit. One connection is opened in the
constructor and kept.

Not for Wayland sessions: Xwayland knows only X11 windows, so a full-screen Wayland window
would go unseen. There the idle inhibitor a video player or presentation takes is the signal.
"""

from __future__ import annotations

import ctypes

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.base import BusySourceBase
from deskbreath.desktop.idle.base import BackendUnavailable
from deskbreath.desktop.xcb import Cookie, Xcb, XcbUnavailable

NAME = "X11 full-screen active window (EWMH)"
XCB_ATOM_ATOM = 4
XCB_ATOM_WINDOW = 33


class _PropertyReply(ctypes.Structure):
    _fields_ = [("response_type", ctypes.c_uint8), ("format", ctypes.c_uint8),
                ("sequence", ctypes.c_uint16), ("length", ctypes.c_uint32),
                ("type", ctypes.c_uint32), ("bytes_after", ctypes.c_uint32),
                ("value_len", ctypes.c_uint32), ("pad0", ctypes.c_uint8 * 12)]


def _xcb() -> Xcb:
    """Libxcb with the signatures of the ``GetProperty`` calls this module makes."""
    try:
        xcb = Xcb()
    except XcbUnavailable as error:
        raise BackendUnavailable(str(error)) from error
    lib, voidp, c = xcb.lib, ctypes.c_void_p, ctypes
    lib.xcb_get_property.argtypes = [voidp, c.c_uint8, c.c_uint32, c.c_uint32,
                                     c.c_uint32, c.c_uint32, c.c_uint32]
    lib.xcb_get_property.restype = Cookie
    lib.xcb_get_property_reply.argtypes = [voidp, Cookie, c.POINTER(voidp)]
    lib.xcb_get_property_reply.restype = c.POINTER(_PropertyReply)
    lib.xcb_get_property_value.argtypes = [c.POINTER(_PropertyReply)]
    lib.xcb_get_property_value.restype = c.POINTER(c.c_uint32)
    lib.xcb_get_property_value_length.argtypes = [c.POINTER(_PropertyReply)]
    lib.xcb_get_property_value_length.restype = c.c_int
    return xcb


class _Lost(Exception):  # noqa: N818  (reads as the state it reports)
    """The X connection is broken."""


class X11FullscreenSource(BusySourceBase):
    """Busy while the active window is full screen.

    Args:
        display: the X display name, e.g. ``":0"``.

    Raises:
        BackendUnavailable: no display, libxcb missing, or the display cannot be opened.
    """

    def __init__(self, display: str | None) -> None:
        if not display:
            raise BackendUnavailable("DISPLAY is not set")
        super().__init__(HoldReason.FULLSCREEN, NAME)
        self._xcb = _xcb()
        opened = self._xcb.connect(display)
        if opened is None:
            raise BackendUnavailable(f"cannot open X display {display!r}")
        self._conn: int | None
        self._conn, self._root = opened
        self._display = display
        self._active = self._atom(b"_NET_ACTIVE_WINDOW")
        self._state = self._atom(b"_NET_WM_STATE")
        self._fullscreen = self._atom(b"_NET_WM_STATE_FULLSCREEN")

    def is_busy(self) -> bool | None:
        """True while the active window is full screen; None when X or EWMH cannot tell."""
        try:
            return self._ask()
        except _Lost:
            return self._answer.cannot_tell(f"the connection to X display {self._display} "
                                            "is lost")

    def _ask(self) -> bool | None:
        if self._conn is None or self._xcb.lib.xcb_connection_has_error(self._conn):
            raise _Lost
        active = self._values(self._root, self._active, XCB_ATOM_WINDOW)
        if active is None:
            return self._answer.cannot_tell("no window manager sets _NET_ACTIVE_WINDOW")
        if not active or active[0] == 0:
            return self._answer.tells(False)
        states = self._values(active[0], self._state, XCB_ATOM_ATOM)
        return self._answer.tells(bool(states) and self._fullscreen in (states or ()))

    def close(self) -> None:
        """Disconnect from the X server. Safe to call twice."""
        if self._conn is not None:
            self._xcb.lib.xcb_disconnect(self._conn)
            self._conn = None

    def _atom(self, name: bytes) -> int:
        atom = None if self._conn is None else self._xcb.intern_atom(self._conn, name)
        if atom is None:
            self.close()
            raise BackendUnavailable(f"cannot intern the atom {name.decode()}")
        return atom

    def _values(self, window: int, prop: int, kind: int) -> list[int] | None:
        """The 32-bit values of ``prop`` on ``window``; None when the property is not set.

        A window that vanished gives an empty list.
        """
        lib = self._xcb.lib
        cookie = lib.xcb_get_property(self._conn, 0, window, prop, kind, 0, 64)
        error = ctypes.c_void_p()
        reply = lib.xcb_get_property_reply(self._conn, cookie, ctypes.byref(error))
        if error.value:
            self._xcb.free(error)
        if not reply:
            if lib.xcb_connection_has_error(self._conn):
                raise _Lost
            return []  # BadWindow: the active window closed between the two reads
        try:
            if reply.contents.type == 0:  # property not set
                return None
            count = lib.xcb_get_property_value_length(reply) // 4
            data = lib.xcb_get_property_value(reply)
            return [int(data[i]) for i in range(count)]
        finally:
            self._xcb.free(reply)
