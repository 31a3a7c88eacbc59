"""Time as a parameter: the Clock protocol and the system clock.

Core code never calls ``time`` or ``datetime.now()`` itself; it asks a Clock, so
tests can pass a fake one and simulate hours in milliseconds. Local times other than "now"
are made from the clock's :meth:`Clock.zone` with :mod:`deskbreath.core.localtime`.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Protocol

from deskbreath.core.localtime import in_zone, local_zone


class Clock(Protocol):
    """A source of elapsed time and of local wall time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps (wall-clock changes do not move it).

        Where the platform allows, it keeps counting while the machine sleeps, so a
        suspend shows up as a long gap between two readings.
        """
        ...

    def now(self) -> datetime:
        """The current local wall time, aware, with the UTC offset in force now.

        The offset is a fixed ``datetime.timezone`` (see :mod:`deskbreath.core.localtime`).
        """
        ...

    def zone(self) -> tzinfo:
        """The local time zone's rules, to find the UTC offset in force at any instant."""
        ...

    def boot_id(self) -> str | None:
        """Names the run of :meth:`monotonic`; None where the platform cannot tell.

        Two readings taken under the same boot id can be subtracted, across a restart of
        deskbreath too. Without one, only the wall clock spans a restart.
        """
        ...


@dataclass(frozen=True)
class Moment:
    """One reading of both clocks, so a decision uses a single consistent time.

    Attributes:
        monotonic: the clock's monotonic seconds.
        wall: local wall time with the UTC offset in force now.
        zone: the local time zone, for every other local time the decision needs.
    """

    monotonic: float
    wall: datetime
    zone: tzinfo


#: Linux only; looked up by name so the module type-checks for every platform.
_CLOCK_BOOTTIME: int | None = getattr(time, "CLOCK_BOOTTIME", None)


#: The kernel's random id of this boot (Linux); it changes exactly when CLOCK_BOOTTIME restarts.
BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")


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
        linux = sys.platform.startswith("linux") and _CLOCK_BOOTTIME is not None
        self._monotonic = _boottime if linux else time.monotonic
        self._zone = local_zone()
        self._boot_id = _read_boot_id() if linux else None

    def monotonic(self) -> float:
        """``CLOCK_BOOTTIME`` seconds on Linux (sleep included), else ``time.monotonic``."""
        return self._monotonic()

    def now(self) -> datetime:
        """The wall time now, in the zone read when the clock was made."""
        return in_zone(datetime.now(UTC), self._zone)

    def zone(self) -> tzinfo:
        """The zone read from the system when the clock was made."""
        return self._zone

    def boot_id(self) -> str | None:
        """The kernel's ``boot_id`` on Linux, read once; else, or when unreadable, None."""
        return self._boot_id


def _read_boot_id() -> str | None:
    try:
        return BOOT_ID_FILE.read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None
