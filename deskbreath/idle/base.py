"""The IdleSource interface every idle backend implements, and the null fallback.

Threading contract: every method is called on the application's main thread, never
concurrently. ``idle_seconds()`` must return quickly (no blocking round trip longer
than a few milliseconds); backends that learn about activity from events keep the
answer up to date themselves and return the cached value.
"""

from __future__ import annotations

from typing import Protocol


class IdleSource(Protocol):
    """Tells how long the user has not touched keyboard or pointer."""

    @property
    def name(self) -> str:
        """A short, human-readable backend name, e.g. ``"X11 MIT-SCREEN-SAVER"``."""
        ...

    def idle_seconds(self) -> float | None:
        """Seconds since the last user input, or ``None`` when this source cannot tell."""
        ...

    def close(self) -> None:
        """Release connections and watches. Safe to call twice."""
        ...


class NullIdleSource:
    """The fallback when no backend works: it never knows, so sitting time counts while the
    session runs. It says it is a fallback, so the diagnostics view can warn about it."""

    is_fallback = True

    def __init__(self, reason: str = "no idle backend available") -> None:
        self.reason = reason

    @property
    def name(self) -> str:
        return f"none ({self.reason})"

    def idle_seconds(self) -> float | None:
        return None

    def close(self) -> None:
        return None
