"""The user's input on an X11 display as events: XInput2 raw events on the root window.

MIT-SCREEN-SAVER (:mod:`deskbreath.desktop.idle.x11`) tells how long the user has been idle,
but sends no event when input comes. XInput2's raw events do: a client that selects
``XI_RawKeyPress``, ``XI_RawButtonPress`` and ``XI_RawMotion`` on the root window gets them
for every key, button and pointer motion of every device, whichever window has the focus
(XI 2.0: raw events go only to the root window; XI 2.1 delivers them during grabs too). The
protocol: ``XIproto.txt`` in xorgproto (``XISelectEvents``, "Raw events"), the C structures
those of ``xcb/xinput.h`` (xcb-proto's ``xinput.xml``).

:class:`RawInput` holds its own xcb connection (libxcb-xinput, which Qt's xcb platform needs
too, so nothing new is installed) and selects the events only while asked to: raw motion
would otherwise reach the app at every mouse move of an active user. The caller watches
:meth:`RawInput.fileno` and calls :meth:`RawInput.drain` when it is readable; nothing here
imports Qt.
"""

from __future__ import annotations

import ctypes

from deskbreath.desktop.xcb import Cookie, Xcb, XcbUnavailable, load

#: ``XIAllMasterDevices``: the selection covers every master device (``XI2.h``).
ALL_MASTER_DEVICES = 1
#: The raw event types selected (``XI2.h``): key press, button press (wheel steps included),
#: pointer motion.
RAW_KEY_PRESS, RAW_BUTTON_PRESS, RAW_MOTION = 13, 15, 17
#: ``XI_RawTouchBegin``, selected when the server speaks XI 2.2 or later.
RAW_TOUCH_BEGIN = 22
#: The XInput version asked for: 2.2, the first with touch events.
WANTED_VERSION = (2, 2)
#: ``XCB_GE_GENERIC``: the response type of extension events such as XInput2's.
GE_GENERIC = 35


class XInputUnavailable(Exception):  # noqa: N818  (reads as the state it reports)
    """The display cannot deliver raw input events; the message says why, for the log."""


class _ExtensionReply(ctypes.Structure):
    """``xcb_query_extension_reply_t``, as ``xcb_get_extension_data`` returns it."""

    _fields_ = [("response_type", ctypes.c_uint8), ("pad0", ctypes.c_uint8),
                ("sequence", ctypes.c_uint16), ("length", ctypes.c_uint32),
                ("present", ctypes.c_uint8), ("major_opcode", ctypes.c_uint8),
                ("first_event", ctypes.c_uint8), ("first_error", ctypes.c_uint8)]


class _VersionReply(ctypes.Structure):
    """``xcb_input_xi_query_version_reply_t``."""

    _fields_ = [("response_type", ctypes.c_uint8), ("pad0", ctypes.c_uint8),
                ("sequence", ctypes.c_uint16), ("length", ctypes.c_uint32),
                ("major_version", ctypes.c_uint16), ("minor_version", ctypes.c_uint16)]


class _EventMask(ctypes.Structure):
    """``xcb_input_event_mask_t`` followed by its one mask word (``mask_len`` = 1)."""

    _fields_ = [("deviceid", ctypes.c_uint16), ("mask_len", ctypes.c_uint16),
                ("mask", ctypes.c_uint32)]


class _GenericEvent(ctypes.Structure):
    """``xcb_ge_generic_event_t`` up to ``full_sequence``, which libxcb puts at byte 32."""

    _fields_ = [("response_type", ctypes.c_uint8), ("extension", ctypes.c_uint8),
                ("sequence", ctypes.c_uint16), ("length", ctypes.c_uint32),
                ("event_type", ctypes.c_uint16), ("pad0", ctypes.c_uint8 * 22),
                ("full_sequence", ctypes.c_uint32)]


def _declare(lib: ctypes.CDLL, xinput: ctypes.CDLL) -> None:
    voidp, c = ctypes.c_void_p, ctypes
    lib.xcb_get_file_descriptor.argtypes = [voidp]
    lib.xcb_get_file_descriptor.restype = c.c_int
    lib.xcb_flush.argtypes = [voidp]
    lib.xcb_flush.restype = c.c_int
    lib.xcb_poll_for_event.argtypes = [voidp]
    lib.xcb_poll_for_event.restype = c.POINTER(_GenericEvent)
    lib.xcb_request_check.argtypes = [voidp, Cookie]
    lib.xcb_request_check.restype = voidp
    lib.xcb_get_extension_data.argtypes = [voidp, voidp]
    lib.xcb_get_extension_data.restype = c.POINTER(_ExtensionReply)
    xinput.xcb_input_xi_query_version.argtypes = [voidp, c.c_uint16, c.c_uint16]
    xinput.xcb_input_xi_query_version.restype = Cookie
    xinput.xcb_input_xi_query_version_reply.argtypes = [voidp, Cookie, c.POINTER(voidp)]
    xinput.xcb_input_xi_query_version_reply.restype = c.POINTER(_VersionReply)
    for name in ("xcb_input_xi_select_events", "xcb_input_xi_select_events_checked"):
        function = getattr(xinput, name)
        function.argtypes = [voidp, c.c_uint32, c.c_uint16, c.POINTER(_EventMask)]
        function.restype = Cookie


class RawInput:
    """XInput2 raw input events of one X display, selected on demand.

    Args:
        display: the X display name, e.g. ``":0"``.

    Raises:
        XInputUnavailable: libxcb or libxcb-xinput is missing, the display cannot be opened,
            or its server lacks XInput 2.
    """

    def __init__(self, display: str) -> None:
        try:
            self._xcb = Xcb()
            xinput = load("xcb-xinput", "libxcb-xinput0")
        except XcbUnavailable as error:
            raise XInputUnavailable(str(error)) from error
        _declare(self._xcb.lib, xinput)
        self._xinput = xinput
        connected = self._xcb.connect(display)
        if connected is None:
            raise XInputUnavailable(f"cannot open X display {display!r}")
        self._connection: int | None = connected[0]
        self._root = connected[1]
        self._selected_at: int | None = None  # the sequence number of the selecting request
        try:
            self._opcode, self._types = self._check_version(display)
        except XInputUnavailable:
            self.close()
            raise

    def _check_version(self, display: str) -> tuple[int, int]:
        """The extension's opcode and the event mask this server takes."""
        lib, connection = self._xcb.lib, self._connection
        extension = lib.xcb_get_extension_data(
            connection, ctypes.addressof(ctypes.c_char.in_dll(self._xinput, "xcb_input_id")))
        if not extension or not extension.contents.present:
            raise XInputUnavailable(f"X display {display!r} has no XInputExtension")
        opcode = int(extension.contents.major_opcode)
        reply = self._xinput.xcb_input_xi_query_version_reply(
            connection, self._xinput.xcb_input_xi_query_version(connection, *WANTED_VERSION),
            None)
        if not reply:
            raise XInputUnavailable(f"X display {display!r} did not answer XIQueryVersion")
        try:
            version = (int(reply.contents.major_version), int(reply.contents.minor_version))
        finally:
            self._xcb.free(reply)
        if version < (2, 0):
            raise XInputUnavailable(
                f"X display {display!r} speaks XInput {version[0]}.{version[1]}, not 2")
        types = (1 << RAW_KEY_PRESS) | (1 << RAW_BUTTON_PRESS) | (1 << RAW_MOTION)
        if version >= (2, 2):
            types |= 1 << RAW_TOUCH_BEGIN
        return opcode, types

    @property
    def broken(self) -> bool:
        """Whether the connection is closed or failed (the X server went away)."""
        return self._connection is None or bool(
            self._xcb.lib.xcb_connection_has_error(self._connection))

    @property
    def selected(self) -> bool:
        """Whether the raw events are selected now."""
        return self._selected_at is not None

    def fileno(self) -> int:
        """The connection's socket: readable when events (or the server's hang-up) arrive."""
        if self._connection is None:
            return -1
        return int(self._xcb.lib.xcb_get_file_descriptor(self._connection))

    def select(self) -> bool:
        """Select the raw events on the root window, waiting for the server to take them.

        Returns:
            True, or False when the server refused the selection or the connection failed.
        """
        if self.broken:
            return False
        cookie = self._request(self._types, checked=True)
        error = self._xcb.lib.xcb_request_check(self._connection, cookie)
        if error:
            self._xcb.free(error)
        if error or self._xcb.lib.xcb_connection_has_error(self._connection):
            return False
        self._selected_at = int(cookie.sequence)
        return True

    def deselect(self) -> None:
        """Stop the raw events (an empty mask); no round trip. Events on the way are ignored."""
        self._selected_at = None
        if not self.broken:
            self._request(0, checked=False)
            self._xcb.lib.xcb_flush(self._connection)

    def drain(self) -> bool:
        """Read every event that came, without blocking.

        Returns:
            Whether one of them is raw input that arrived after the last :meth:`select`
            (events still on the way from an earlier selection do not count).
        """
        lib, connection = self._xcb.lib, self._connection
        if connection is None:
            return False
        since, seen = self._selected_at, False
        while True:
            event = lib.xcb_poll_for_event(connection)
            if not event:
                return seen
            try:
                if since is not None and self._is_raw_input(event.contents, since):
                    seen = True
            finally:
                self._xcb.free(event)

    def close(self) -> None:
        """Close the connection (the server drops its selections). Safe to call twice."""
        self._selected_at = None
        if self._connection is not None:
            self._xcb.lib.xcb_disconnect(self._connection)
            self._connection = None

    def _request(self, types: int, *, checked: bool) -> Cookie:
        mask = _EventMask(deviceid=ALL_MASTER_DEVICES, mask_len=1, mask=types)
        name = "xcb_input_xi_select_events_checked" if checked else "xcb_input_xi_select_events"
        cookie: Cookie = getattr(self._xinput, name)(
            self._connection, self._root, 1, ctypes.byref(mask))
        return cookie

    def _is_raw_input(self, event: _GenericEvent, since: int) -> bool:
        if event.response_type & 0x7F != GE_GENERIC or event.extension != self._opcode:
            return False
        if not self._types & (1 << event.event_type):
            return False
        # Sequence numbers wrap at 2**32: "at or after the select" within half the range.
        return bool((event.full_sequence - since) & 0xFFFFFFFF < 0x80000000)
