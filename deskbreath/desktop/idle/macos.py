"""macOS idle time from ``CGEventSourceSecondsSinceLastEventType`` via ctypes.

The call takes the HID system state (1) and "any input event type" (0xFFFFFFFF), so it sees
keyboard, pointer and trackpad input of the whole session. The module imports on every
platform; the framework is loaded only when the backend is built without an injected call.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import sys
from collections.abc import Callable

from deskbreath.desktop.idle.base import BackendUnavailable, PolledIdleSource, PollFailed

NAME = "macOS CGEventSource"

_HID_SYSTEM_STATE = 1  # kCGEventSourceStateHIDSystemState
_ANY_INPUT_EVENT = 0xFFFFFFFF  # kCGAnyInputEventType
_FRAMEWORKS = ("ApplicationServices", "CoreGraphics")


def _bind(function: ctypes._NamedFuncPointer) -> Callable[[], float]:
    function.argtypes = [ctypes.c_int32, ctypes.c_uint32]
    function.restype = ctypes.c_double

    def seconds_since_last_event() -> float:
        return float(function(_HID_SYSTEM_STATE, _ANY_INPUT_EVENT))

    return seconds_since_last_event


if sys.platform == "darwin":

    def _load_seconds_since_last_event() -> Callable[[], float]:
        for framework in _FRAMEWORKS:
            path = ctypes.util.find_library(framework)
            if path is not None:
                return _bind(ctypes.CDLL(path).CGEventSourceSecondsSinceLastEventType)
        raise BackendUnavailable("neither ApplicationServices nor CoreGraphics could be found")

else:

    def _load_seconds_since_last_event() -> Callable[[], float]:
        """Elsewhere there is nothing to load."""
        raise BackendUnavailable(
            "CGEventSourceSecondsSinceLastEventType exists only on macOS")


class MacIdleSource(PolledIdleSource):
    """Idle time of the macOS login session.

    Args:
        seconds_since_last_event: returns the seconds since the last input event; tests pass a
            fake, ``None`` loads ``CGEventSourceSecondsSinceLastEventType``.

    Raises:
        BackendUnavailable: not on macOS (and no call injected), or the framework is missing.
    """

    def __init__(self, seconds_since_last_event: Callable[[], float] | None = None) -> None:
        if seconds_since_last_event is None:
            seconds_since_last_event = _load_seconds_since_last_event()
        self._seconds_since_last_event = seconds_since_last_event
        super().__init__(NAME)

    def _poll(self) -> float:
        seconds = self._seconds_since_last_event()
        if not math.isfinite(seconds) or seconds < 0:
            raise PollFailed(f"CGEventSource answered {seconds!r}")
        return seconds
