"""Time as a parameter: the Clock protocol and the system clock.

Core code never calls ``time`` or ``datetime.now()`` itself; it asks a Clock, so
tests can pass a fake one and simulate hours in milliseconds.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """A source of elapsed time and of local wall time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps (wall-clock changes do not move it).

        Where the platform allows, it keeps counting while the machine sleeps, so a
        suspend shows up as a long gap between two readings.
        """
        ...

    def now(self) -> datetime:
        """The current local wall time, timezone-aware."""
        ...


@dataclass(frozen=True)
class Moment:
    """One reading of both clocks, so a decision uses a single consistent time."""

    monotonic: float
    wall: datetime


#: Linux only; looked up by name so the module type-checks for every platform.
_CLOCK_BOOTTIME: int | None = getattr(time, "CLOCK_BOOTTIME", None)


def _boottime() -> float:
    assert _CLOCK_BOOTTIME is not None
    return time.clock_gettime(_CLOCK_BOOTTIME)


class SystemClock:
    """The real clock.

    On Linux it reads ``CLOCK_BOOTTIME``, which includes time spent suspended, so the
    sitting tracker sees a suspend as a long gap even when nobody announced it. Elsewhere it
    reads ``time.monotonic``: Windows' counter includes sleep; macOS's stops during sleep, so
    there a suspend shows through the will-sleep/did-wake notifications when PyObjC is
    installed (``deskbreath[macos]``), else only through the idle time after waking.
    """

    def __init__(self) -> None:
        self._monotonic = (
            _boottime if sys.platform.startswith("linux") and _CLOCK_BOOTTIME is not None
            else time.monotonic
        )

    def monotonic(self) -> float:
        return self._monotonic()

    def now(self) -> datetime:
        return datetime.now().astimezone()
