"""Catching the silent failure: an idle backend that does not work, or stopped moving."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deskbreath.desktop.idle.base import IdleSource

#: How far back the stuck-idle check looks.
WINDOW = 3600.0
#: Idle readings that never reach this while prompts keep coming look stuck: people pause.
STUCK_BELOW = 2.0
#: How many offered prompts within the window make a stuck reading suspicious.
PROMPTS_FOR_WARNING = 2


class IdleHealth:
    """Watches idle readings and prompts, and says when the idle information looks wrong."""

    def __init__(self) -> None:
        self._readings: deque[tuple[float, float]] = deque()  # (monotonic, idle seconds)
        self._prompts: deque[float] = deque()
        self._first_reading: float | None = None

    def observe(self, idle_seconds: float | None, monotonic: float) -> None:
        """Note one idle reading (``None`` readings are not kept)."""
        if idle_seconds is None:
            return
        if self._first_reading is None:
            self._first_reading = monotonic
        self._readings.append((monotonic, idle_seconds))
        self._trim(monotonic)

    def prompt_shown(self, monotonic: float) -> None:
        """Note that a prompt was offered."""
        self._prompts.append(monotonic)
        self._trim(monotonic)

    def max_idle_in_window(self) -> float | None:
        """The largest idle reading in the last hour, or None without readings."""
        return max((idle for _, idle in self._readings), default=None)

    def warning(self, source: IdleSource) -> str | None:
        """A one-line warning for the diagnostics view and status window, or None."""
        if getattr(source, "is_fallback", False):
            return (f"No idle backend works ({source.name}): sitting time counts whenever "
                    "the session runs.")
        largest = self.max_idle_in_window()
        if (
            largest is not None
            and self._first_reading is not None
            and self._readings[-1][0] - self._first_reading >= WINDOW
            and largest < STUCK_BELOW
            and len(self._prompts) >= PROMPTS_FOR_WARNING
        ):
            return (f"Idle time from {source.name} has not moved for an hour while prompts kept "
                    "coming: the idle backend may be broken.")
        return None

    def _trim(self, monotonic: float) -> None:
        while self._readings and self._readings[0][0] < monotonic - WINDOW:
            self._readings.popleft()
        while self._prompts and self._prompts[0] < monotonic - WINDOW:
            self._prompts.popleft()
