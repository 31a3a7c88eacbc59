"""Ask an X11 window manager to activate a window for a direct user action (EWMH).

Why not Qt's ``activateWindow()`` alone: Qt sends ``_NET_ACTIVE_WINDOW`` with source
indication 1 ("application") and the time of the last X event the app saw. Window managers
with focus-stealing prevention compare that time with the user's last input and refuse an
older one: measured on Mutter 43 (X11) with another window typed into, the request was
refused and the window only marked as wanting attention. ``deskbreath prompt focus`` is a
direct user action (a shortcut the user pressed), which EWMH 1.5 ("_NET_ACTIVE_WINDOW")
gives its own source indication, 2, "pagers and other clients that represent direct user
actions"; Mutter, KWin and Openbox honour it (checked on Mutter 43 and Openbox 3.6 under
Xvfb, and on KWin and Mutter through Xwayland: README, "Answering a prompt from the
keyboard"). The same holds for the app's windows on Xwayland in a Wayland session.

The message goes through libxcb with ctypes (:mod:`deskbreath.desktop.xcb`): no new dependency
(Qt's xcb platform has loaded libxcb already), and unlike Xlib no process-wide error handler
can end the process. One short connection per request, which first reads the server's time
(ICCCM 2.1: a zero-length property append answered by a PropertyNotify) so the request carries
the time of the user's action, as EWMH asks.
"""

from __future__ import annotations

import ctypes

from deskbreath.desktop.xcb import Cookie, Xcb, XcbUnavailable

#: EWMH source indication for a request that represents a direct user action.
SOURCE_USER_ACTION = 2
_CLIENT_MESSAGE = 33
_PROPERTY_NOTIFY = 28
_SUBSTRUCTURE_NOTIFY = 1 << 19
_SUBSTRUCTURE_REDIRECT = 1 << 20
_PROPERTY_CHANGE = 1 << 22
_CW_EVENT_MASK = 1 << 11
_PROP_MODE_APPEND = 2
_ATOM_STRING = 31


class ActivationError(Exception):
    """The request could not be sent; the message says why."""


class _PropertyNotify(ctypes.Structure):
    """``xcb_property_notify_event_t``."""

    _fields_ = [("response_type", ctypes.c_uint8), ("pad0", ctypes.c_uint8),
                ("sequence", ctypes.c_uint16), ("window", ctypes.c_uint32),
                ("atom", ctypes.c_uint32), ("time", ctypes.c_uint32),
                ("state", ctypes.c_uint8)]


class _ClientMessage(ctypes.Structure):
    """``xcb_client_message_event_t`` (32 bytes) with 32-bit data."""

    _fields_ = [("response_type", ctypes.c_uint8), ("format", ctypes.c_uint8),
                ("sequence", ctypes.c_uint16), ("window", ctypes.c_uint32),
                ("type", ctypes.c_uint32), ("data", ctypes.c_uint32 * 5)]


def _xcb() -> Xcb:
    """Libxcb with the signatures of the calls this module makes beyond the shared ones."""
    try:
        xcb = Xcb()
    except XcbUnavailable as error:
        raise ActivationError(str(error)) from error
    lib, voidp, c = xcb.lib, ctypes.c_void_p, ctypes
    lib.xcb_send_event_checked.argtypes = [voidp, c.c_uint8, c.c_uint32, c.c_uint32,
                                           c.c_void_p]
    lib.xcb_send_event_checked.restype = Cookie
    lib.xcb_request_check.argtypes = [voidp, Cookie]
    lib.xcb_request_check.restype = voidp
    lib.xcb_change_window_attributes.argtypes = [voidp, c.c_uint32, c.c_uint32,
                                                 c.POINTER(c.c_uint32)]
    lib.xcb_change_window_attributes.restype = Cookie
    lib.xcb_change_property.argtypes = [voidp, c.c_uint8, c.c_uint32, c.c_uint32, c.c_uint32,
                                        c.c_uint8, c.c_uint32, c.c_void_p]
    lib.xcb_change_property.restype = Cookie
    lib.xcb_flush.argtypes = [voidp]
    lib.xcb_flush.restype = c.c_int
    lib.xcb_wait_for_event.argtypes = [voidp]
    lib.xcb_wait_for_event.restype = c.POINTER(_PropertyNotify)
    return xcb


def _atom(xcb: Xcb, connection: int, name: bytes) -> int:
    atom = xcb.intern_atom(connection, name)
    if atom is None:
        raise ActivationError("the X server did not answer InternAtom")
    return atom


def _server_time(xcb: Xcb, connection: int, window: int) -> int:
    """The X server's time now, got as ICCCM 2.1 describes.

    Appends nothing to a property of ``window`` and reads the time of the PropertyNotify that
    follows; 0 if the server answers with an error instead (the window is gone).
    """
    lib = xcb.lib
    mask = ctypes.c_uint32(_PROPERTY_CHANGE)  # this connection's own selection on the window
    lib.xcb_change_window_attributes(connection, window, _CW_EVENT_MASK, ctypes.byref(mask))
    atom = _atom(xcb, connection, b"_DESKBREATH_TIME")
    lib.xcb_change_property(connection, _PROP_MODE_APPEND, window, atom, _ATOM_STRING, 8, 0,
                            None)
    lib.xcb_flush(connection)
    while True:
        event = lib.xcb_wait_for_event(connection)  # the server always answers a request
        if not event:
            return 0  # the connection broke
        kind, source, time = (event.contents.response_type & 0x7F, event.contents.window,
                              event.contents.time)
        xcb.free(event)
        if kind == 0:
            return 0  # an error: the window is gone
        if kind == _PROPERTY_NOTIFY and source == window:
            return int(time)


def request_activation(display: str | None, window: int) -> int:
    """Send ``_NET_ACTIVE_WINDOW`` for ``window`` to the root window of ``display``.

    It goes as a direct user action, with the X server's time now (EWMH asks for the time of
    the user's action; the shortcut was pressed a moment ago, and Mutter calls a request
    without a time "buggy").

    Args:
        display: the X display name (the session's ``DISPLAY``).
        window: the X window id of the top-level window (``QWidget.winId()``).

    Returns:
        The timestamp sent (0, ``CurrentTime``, if the server's time could not be read).

    Raises:
        ActivationError: no display, libxcb missing, the display cannot be opened, or the
            server refused the request.
    """
    if not display:
        raise ActivationError("DISPLAY is not set")
    xcb = _xcb()
    lib = xcb.lib
    opened = xcb.connect(display)
    if opened is None:
        raise ActivationError(f"cannot open the X display {display}")
    connection, root = opened
    try:
        atom = _atom(xcb, connection, b"_NET_ACTIVE_WINDOW")
        timestamp = _server_time(xcb, connection, window)
        event = _ClientMessage(response_type=_CLIENT_MESSAGE, format=32, window=window,
                               type=atom)
        event.data[:] = [SOURCE_USER_ACTION, timestamp, 0, 0, 0]
        error = lib.xcb_request_check(connection, lib.xcb_send_event_checked(
            connection, 0, root, _SUBSTRUCTURE_NOTIFY | _SUBSTRUCTURE_REDIRECT,
            ctypes.byref(event)))
        if error:
            xcb.free(error)
            raise ActivationError(f"the X server refused _NET_ACTIVE_WINDOW for {window:#x}")
        return timestamp
    finally:
        lib.xcb_disconnect(connection)
