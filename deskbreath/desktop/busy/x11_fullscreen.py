"""Full screen on X11: the active window is in the ``_NET_WM_STATE_FULLSCREEN`` state.

The active window is ``_NET_ACTIVE_WINDOW`` on the root window; it is full screen when
``_NET_WM_STATE_FULLSCREEN`` is in its ``_NET_WM_STATE`` (EWMH 1.5, set by the window manager).

Read through libxcb with ctypes: no new dependency (Qt's xcb platform has loaded libxcb
already), two short round trips per question, and, unlike Xlib, no process-wide error handler:
a window that vanished between the two reads, or a lost X server, is an error reply or a
failed connection, never an exit. One connection is opened in the constructor and kept.

Not for Wayland sessions: Xwayland knows only X11 windows, so a full-screen Wayland window
would go unseen. There the idle inhibitor a video player or presentation takes is the signal.
"""

from __future__ import annotations

import ctypes
import ctypes.util

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.base import Answer
from deskbreath.desktop.idle.base import BackendUnavailable

NAME = "X11 full-screen active window (EWMH)"
XCB_ATOM_ATOM = 4
XCB_ATOM_WINDOW = 33


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _ScreenIterator(ctypes.Structure):
    _fields_ = [("data", ctypes.POINTER(ctypes.c_uint32)),  # xcb_screen_t *; root is first
                ("rem", ctypes.c_int), ("index", ctypes.c_int)]


class _AtomReply(ctypes.Structure):
    _fields_ = [("response_type", ctypes.c_uint8), ("pad0", ctypes.c_uint8),
                ("sequence", ctypes.c_uint16), ("length", ctypes.c_uint32),
                ("atom", ctypes.c_uint32)]


class _PropertyReply(ctypes.Structure):
    _fields_ = [("response_type", ctypes.c_uint8), ("format", ctypes.c_uint8),
                ("sequence", ctypes.c_uint16), ("length", ctypes.c_uint32),
                ("type", ctypes.c_uint32), ("bytes_after", ctypes.c_uint32),
                ("value_len", ctypes.c_uint32), ("pad0", ctypes.c_uint8 * 12)]


def _load(name: str, package: str) -> ctypes.CDLL:
    path = ctypes.util.find_library(name)
    if path is None:
        raise BackendUnavailable(f"lib{name} not found (install the {package} package)")
    try:
        return ctypes.CDLL(path)
    except OSError as error:
        raise BackendUnavailable(f"cannot load {path}: {error}") from error


class _Xcb:
    """The few libxcb calls this module makes, with their C signatures."""

    def __init__(self) -> None:
        lib = _load("xcb", "libxcb1")
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        voidp, c = ctypes.c_void_p, ctypes
        lib.xcb_connect.argtypes = [c.c_char_p, c.POINTER(c.c_int)]
        lib.xcb_connect.restype = voidp
        lib.xcb_connection_has_error.argtypes = [voidp]
        lib.xcb_connection_has_error.restype = c.c_int
        lib.xcb_disconnect.argtypes = [voidp]
        lib.xcb_disconnect.restype = None
        lib.xcb_get_setup.argtypes = [voidp]
        lib.xcb_get_setup.restype = voidp
        lib.xcb_setup_roots_iterator.argtypes = [voidp]
        lib.xcb_setup_roots_iterator.restype = _ScreenIterator
        lib.xcb_screen_next.argtypes = [c.POINTER(_ScreenIterator)]
        lib.xcb_screen_next.restype = None
        lib.xcb_intern_atom.argtypes = [voidp, c.c_uint8, c.c_uint16, c.c_char_p]
        lib.xcb_intern_atom.restype = _Cookie
        lib.xcb_intern_atom_reply.argtypes = [voidp, _Cookie, c.POINTER(voidp)]
        lib.xcb_intern_atom_reply.restype = c.POINTER(_AtomReply)
        lib.xcb_get_property.argtypes = [voidp, c.c_uint8, c.c_uint32, c.c_uint32,
                                         c.c_uint32, c.c_uint32, c.c_uint32]
        lib.xcb_get_property.restype = _Cookie
        lib.xcb_get_property_reply.argtypes = [voidp, _Cookie, c.POINTER(voidp)]
        lib.xcb_get_property_reply.restype = c.POINTER(_PropertyReply)
        lib.xcb_get_property_value.argtypes = [c.POINTER(_PropertyReply)]
        lib.xcb_get_property_value.restype = c.POINTER(c.c_uint32)
        lib.xcb_get_property_value_length.argtypes = [c.POINTER(_PropertyReply)]
        lib.xcb_get_property_value_length.restype = c.c_int
        libc.free.argtypes = [voidp]
        libc.free.restype = None
        self.lib = lib
        self.free = libc.free


class _Lost(Exception):  # noqa: N818  (reads as the state it reports)
    """The X connection is broken."""


class X11FullscreenSource:
    """Busy while the active window is full screen.

    Args:
        display: the X display name, e.g. ``":0"``.

    Raises:
        BackendUnavailable: no display, libxcb missing, or the display cannot be opened.
    """

    def __init__(self, display: str | None) -> None:
        if not display:
            raise BackendUnavailable("DISPLAY is not set")
        self._xcb = _Xcb()
        lib = self._xcb.lib
        screen_number = ctypes.c_int(0)
        self._conn: int | None = lib.xcb_connect(display.encode(), ctypes.byref(screen_number))
        if not self._conn or lib.xcb_connection_has_error(self._conn):
            self.close()
            raise BackendUnavailable(f"cannot open X display {display!r}")
        screens = lib.xcb_setup_roots_iterator(lib.xcb_get_setup(self._conn))
        for _ in range(screen_number.value):
            lib.xcb_screen_next(ctypes.byref(screens))
        self._root = int(screens.data[0])
        self._display = display
        self._answer = Answer()
        self._active = self._atom(b"_NET_ACTIVE_WINDOW")
        self._state = self._atom(b"_NET_WM_STATE")
        self._fullscreen = self._atom(b"_NET_WM_STATE_FULLSCREEN")

    @property
    def reason(self) -> HoldReason:
        """Always ``HoldReason.FULLSCREEN``."""
        return HoldReason.FULLSCREEN

    @property
    def name(self) -> str:
        """:data:`NAME`."""
        return NAME

    @property
    def problem(self) -> str | None:
        """Why the last question could not tell (no EWMH window manager, X lost), or None."""
        return self._answer.problem

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
        lib = self._xcb.lib
        cookie = lib.xcb_intern_atom(self._conn, 0, len(name), name)
        reply = lib.xcb_intern_atom_reply(self._conn, cookie, None)
        if not reply:
            self.close()
            raise BackendUnavailable(f"cannot intern the atom {name.decode()}")
        try:
            return int(reply.contents.atom)
        finally:
            self._xcb.free(reply)

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
