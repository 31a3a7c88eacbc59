"""The :class:`IdleSource` protocol the sitting tracker reads, and :class:`IdleHealth`.

:class:`IdleHealth` catches the silent failure: an idle backend that does not work, or
stopped moving.

The backends live in :mod:`deskbreath.desktop.idle`.

Threading contract: every method is called on the application's main thread, never
concurrently. ``idle_seconds()`` must return quickly (no blocking round trip longer
than a few milliseconds); backends that learn about activity from events keep the
answer up to date themselves and return the cached value.

Failure contract: a backend that works when it is built may fail later (the compositor
restarts, a D-Bus service hangs). ``idle_seconds()`` never raises for that: it returns
``None`` for a transient error and counts it. After a few failures in a row the backend's
``healthy`` attribute turns False; the caller checks it with :func:`is_healthy` after each
update and, when it is False, closes the backend and runs detection again without it
(``detect(exclude={source.name})``). A backend without a ``healthy`` attribute counts as
healthy. :mod:`deskbreath.desktop.idle.base` has the bookkeeping backends share.

Events instead of polling: a backend that can learn of input and idle crossings as events
offers them as ``activity_events`` (:class:`ActivityEvents`): GNOME's Mutter
(``AddUserActiveWatch``, ``AddIdleWatch`` and ``WatchFired``), ext-idle-notify-v1 (``idled``
and ``resumed``), and X11 sessions, whether MIT-SCREEN-SAVER or ``org.freedesktop.ScreenSaver``
answers the idle time (XInput2 raw input for the return, a timer for the threshold). While
the user is idle, the caller then stops its tick and waits for the event
(:meth:`SittingTracker.rest <deskbreath.core.sitting.SittingTracker.rest>`); backends without
it (Windows, macOS, X servers without XInput 2, ``org.freedesktop.ScreenSaver`` on a session
that is not X11) are polled on the tick.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from enum import StrEnum
from typing import Protocol, cast


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


class ActivityEvents(Protocol):
    """Events of an idle backend: the user's next input, and the idle time reaching a threshold.

    Called on the main thread; ``fired`` runs there too.
    """

    def watch(self, idle_threshold: float | None, fired: Callable[[], None]) -> bool:
        """Call ``fired`` once, at the user's next input or when idle reaches a threshold.

        The threshold is ``idle_threshold`` seconds (None: input only); whichever comes
        first fires. Replaces the watch armed before.

        Returns:
            False when the watch could not be armed (the caller keeps polling).
        """
        ...

    def unwatch(self) -> None:
        """Drop the armed watch, if any; ``fired`` will not run. Safe to call twice."""
        ...


class ClosableActivityEvents(ActivityEvents, Protocol):
    """:class:`ActivityEvents` that hold a connection, closed with the idle source."""

    def close(self) -> None:
        """Drop the watch and close the connection. Safe to call twice."""
        ...


def activity_events(source: object) -> ActivityEvents | None:
    """The events ``source`` offers (its ``activity_events`` attribute), or None."""
    return cast("ActivityEvents | None", getattr(source, "activity_events", None))


def is_healthy(source: object) -> bool:
    """Whether ``source`` still works; sources without a ``healthy`` attribute always do."""
    return bool(getattr(source, "healthy", True))


#: How far back the stuck-idle check looks.
WINDOW = 3600.0
#: Idle readings that never reach this while prompts keep coming look stuck: people pause.
STUCK_BELOW = 2.0
#: How many offered prompts within the window make a stuck reading suspicious.
PROMPTS_FOR_WARNING = 2


class IdleProblem(StrEnum):
    """What :class:`IdleHealth` found wrong; the values are stable identifiers."""

    NO_BACKEND = "no-backend"
    """No idle backend works; a fallback that never reports idle time is in use."""
    STUCK = "stuck"
    """The idle time has not moved for an hour while prompts kept coming."""


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

    def problem(self, source: IdleSource) -> IdleProblem | None:
        """What looks wrong with the idle information from ``source``, or None.

        :func:`deskbreath.core.wording.idle_warning` says it in words.
        """
        if getattr(source, "is_fallback", False):
            return IdleProblem.NO_BACKEND
        largest = self.max_idle_in_window()
        if (
            largest is not None
            and self._first_reading is not None
            and self._readings[-1][0] - self._first_reading >= WINDOW
            and largest < STUCK_BELOW
            and len(self._prompts) >= PROMPTS_FOR_WARNING
        ):
            return IdleProblem.STUCK
        return None

    def _trim(self, monotonic: float) -> None:
        while self._readings and self._readings[0][0] < monotonic - WINDOW:
            self._readings.popleft()
        while self._prompts and self._prompts[0] < monotonic - WINDOW:
            self._prompts.popleft()
