"""Windows idle time from ``GetLastInputInfo`` and ``GetTickCount`` via ctypes.

Both calls count milliseconds in a 32-bit DWORD that wraps after 49.7 days of uptime, so the
difference is taken modulo 2**32. The module imports on every platform; user32/kernel32 are
loaded only when the backend is built without injected calls.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

from deskbreath.desktop.idle.base import BackendUnavailable, PolledIdleSource, PollFailed

NAME = "Windows GetLastInputInfo"

_DWORD_MASK = 0xFFFFFFFF


def idle_milliseconds(now_tick: int, last_input_tick: int) -> int:
    """Milliseconds between two GetTickCount values, correct across the 49.7-day wrap."""
    return (now_tick - last_input_tick) & _DWORD_MASK


if sys.platform == "win32":
    from ctypes import wintypes

    class _LastInputInfo(ctypes.Structure):
        _fields_ = [("cbSize", wintypes.UINT), ("dwTime", wintypes.DWORD)]

    def _load_windows_calls() -> tuple[Callable[[], int], Callable[[], int]]:
        """The real GetLastInputInfo (returning dwTime) and GetTickCount."""
        user32 = ctypes.WinDLL("user32", use_last_error=True)
        kernel32 = ctypes.WinDLL("kernel32")
        user32.GetLastInputInfo.argtypes = [ctypes.POINTER(_LastInputInfo)]
        user32.GetLastInputInfo.restype = wintypes.BOOL
        kernel32.GetTickCount.argtypes = []
        kernel32.GetTickCount.restype = wintypes.DWORD

        def last_input_tick() -> int:
            info = _LastInputInfo(cbSize=ctypes.sizeof(_LastInputInfo))
            if not user32.GetLastInputInfo(ctypes.byref(info)):
                raise ctypes.WinError(ctypes.get_last_error())
            return int(info.dwTime)

        def tick_count() -> int:
            return int(kernel32.GetTickCount())

        return last_input_tick, tick_count

else:

    def _load_windows_calls() -> tuple[Callable[[], int], Callable[[], int]]:
        """Elsewhere there is nothing to load."""
        raise BackendUnavailable("GetLastInputInfo exists only on Windows")


class WindowsIdleSource(PolledIdleSource):
    """Idle time of the interactive Windows session.

    Args:
        last_input_tick: returns ``LASTINPUTINFO.dwTime`` (raises OSError on failure);
            tests pass a fake, ``None`` loads the real call.
        tick_count: returns ``GetTickCount()``; same rule.

    Raises:
        BackendUnavailable: not on Windows (and no calls injected).
    """

    def __init__(self, last_input_tick: Callable[[], int] | None = None,
                 tick_count: Callable[[], int] | None = None) -> None:
        if last_input_tick is None or tick_count is None:
            real_last_input, real_tick_count = _load_windows_calls()
            last_input_tick = last_input_tick or real_last_input
            tick_count = tick_count or real_tick_count
        self._last_input_tick = last_input_tick
        self._tick_count = tick_count
        super().__init__(NAME)

    def _poll(self) -> float:
        try:
            last = self._last_input_tick()
            now = self._tick_count()
        except OSError as error:
            raise PollFailed(f"GetLastInputInfo failed: {error}") from error
        return idle_milliseconds(now, last) / 1000.0
