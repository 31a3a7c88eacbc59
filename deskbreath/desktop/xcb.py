"""The libxcb binding through ctypes that deskbreath's X11 adapters share.

Why libxcb and not Xlib: no new dependency (Qt's xcb platform has loaded libxcb already), and,
unlike Xlib, no process-wide error handler that can end the process: a lost X server is a
failed connection, an error a reply. The structures are those of ``xcb/xproto.h``; each
adapter declares the further calls it makes on :attr:`Xcb.lib` (the full-screen check's
``GetProperty``, the activation request's ``SendEvent``).
"""

from __future__ import annotations

import ctypes
import ctypes.util


class XcbUnavailable(Exception):  # noqa: N818  (reads as the state it reports)
    """A library cannot be found or loaded; the message says which and what to install."""


class Cookie(ctypes.Structure):
    """``xcb_void_cookie_t`` and its kin: the sequence number of a request."""

    _fields_ = [("sequence", ctypes.c_uint)]


class ScreenIterator(ctypes.Structure):
    """``xcb_screen_iterator_t``; ``data`` points at an ``xcb_screen_t``, whose root is first."""

    _fields_ = [("data", ctypes.POINTER(ctypes.c_uint32)),
                ("rem", ctypes.c_int), ("index", ctypes.c_int)]


class AtomReply(ctypes.Structure):
    """``xcb_intern_atom_reply_t``."""

    _fields_ = [("response_type", ctypes.c_uint8), ("pad0", ctypes.c_uint8),
                ("sequence", ctypes.c_uint16), ("length", ctypes.c_uint32),
                ("atom", ctypes.c_uint32)]


def load(name: str, package: str) -> ctypes.CDLL:
    """Load the shared library ``lib<name>``.

    Args:
        name: the library's name without ``lib`` and suffix, as ``ctypes.util.find_library``
            takes it (``"xcb"``).
        package: the Debian package that ships it, named in the error.

    Raises:
        XcbUnavailable: the library is not installed or cannot be loaded.
    """
    path = ctypes.util.find_library(name)
    if path is None:
        raise XcbUnavailable(f"lib{name} not found (install the {package} package)")
    try:
        return ctypes.CDLL(path)
    except OSError as error:
        raise XcbUnavailable(f"cannot load {path}: {error}") from error


class Xcb:
    """libxcb with the C signatures of the calls every adapter makes, and the C ``free``.

    Raises:
        XcbUnavailable: libxcb is not installed or cannot be loaded.
    """

    def __init__(self) -> None:
        lib = load("xcb", "libxcb1")
        libc = ctypes.CDLL(None)  # the process's own symbols, the C library's among them
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
        lib.xcb_setup_roots_iterator.restype = ScreenIterator
        lib.xcb_screen_next.argtypes = [c.POINTER(ScreenIterator)]
        lib.xcb_screen_next.restype = None
        lib.xcb_intern_atom.argtypes = [voidp, c.c_uint8, c.c_uint16, c.c_char_p]
        lib.xcb_intern_atom.restype = Cookie
        lib.xcb_intern_atom_reply.argtypes = [voidp, Cookie, c.POINTER(voidp)]
        lib.xcb_intern_atom_reply.restype = c.POINTER(AtomReply)
        libc.free.argtypes = [voidp]
        libc.free.restype = None
        self.lib = lib
        self._free = libc.free

    def free(self, pointer: object) -> None:
        """Release what libxcb allocated for a reply, an error or an event."""
        self._free(pointer)

    def connect(self, display: str) -> tuple[int, int] | None:
        """Open a connection to ``display``.

        Args:
            display: the X display name, e.g. ``":0"`` or ``":0.1"``.

        Returns:
            The connection and the root window of the screen ``display`` names (``":0.1"``
            is the second), or None when the display cannot be opened (the failed connection
            is closed then).
        """
        lib = self.lib
        screen = ctypes.c_int(0)
        connection = lib.xcb_connect(display.encode(), ctypes.byref(screen))
        if not connection or lib.xcb_connection_has_error(connection):
            if connection:
                lib.xcb_disconnect(connection)
            return None
        roots = lib.xcb_setup_roots_iterator(lib.xcb_get_setup(connection))
        for _ in range(screen.value):
            lib.xcb_screen_next(ctypes.byref(roots))
        return int(connection), int(roots.data[0])

    def intern_atom(self, connection: int, name: bytes) -> int | None:
        """The atom named ``name`` (created if new), or None when the server did not answer."""
        lib = self.lib
        reply = lib.xcb_intern_atom_reply(
            connection, lib.xcb_intern_atom(connection, 0, len(name), name), None)
        if not reply:
            return None
        try:
            return int(reply.contents.atom)
        finally:
            self.free(reply)
