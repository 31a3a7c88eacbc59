"""Test doubles that satisfy the same protocols as the real clock, idle source, busy source
and scheduler.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from deskbreath.core.holds import HoldReason
from deskbreath.core.localtime import in_zone
from deskbreath.desktop.notifications.base import ActionHandler, Delivery, Notification

ZONE = timezone(timedelta(hours=1))  # a fixed offset: no daylight-saving changes
START = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)  # a Monday


class FakeClock:
    """A clock that moves only when told; monotonic and wall time advance together.

    Args:
        start: the first wall time; its ``tzinfo`` is the zone (a ``ZoneInfo`` for tests across
            daylight-saving changes, a fixed offset otherwise).
        boot_id: what :meth:`boot_id` answers (the run of the monotonic clock).
    """

    def __init__(self, start: datetime = START, *, boot_id: str | None = "boot-1") -> None:
        assert start.tzinfo is not None
        self._monotonic = 1000.0
        self._zone: tzinfo = start.tzinfo
        self._instant = start.astimezone(UTC)
        self._boot_id = boot_id

    def monotonic(self) -> float:
        return self._monotonic

    def now(self) -> datetime:
        return in_zone(self._instant, self._zone)

    def zone(self) -> tzinfo:
        return self._zone

    def boot_id(self) -> str | None:
        return self._boot_id

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass on both clocks."""
        self._monotonic += seconds
        self._instant += timedelta(seconds=seconds)

    def change_offset(self, hours: float) -> None:
        """Switch the local UTC offset, same instant (a daylight-saving change)."""
        self._zone = timezone(timedelta(hours=hours))

    def jump_wall(self, seconds: float) -> None:
        """Move only the wall clock (the user or NTP changed the time)."""
        self._instant += timedelta(seconds=seconds)

    def reboot(self, seconds: float, *, boot_id: str = "boot-2") -> None:
        """The machine restarts: ``seconds`` pass on the wall clock and the monotonic clock
        starts again from a small value under a new boot id.
        """
        self._instant += timedelta(seconds=seconds)
        self._monotonic = 5.0
        self._boot_id = boot_id


class FakeIdleSource:
    """An idle source whose idle time follows a FakeClock: ``touch()`` is user input."""

    def __init__(self, clock: FakeClock, *, knows: bool = True) -> None:
        self._clock = clock
        self._last_input = clock.monotonic()
        self.knows = knows
        self.closed = False

    @property
    def name(self) -> str:
        return "fake"

    def touch(self) -> None:
        self._last_input = self._clock.monotonic()

    def idle_seconds(self) -> float | None:
        if not self.knows:
            return None
        return self._clock.monotonic() - self._last_input

    def close(self) -> None:
        self.closed = True


class FakeBusySource:
    """A busy source the test switches with ``busy``; counts how often it was asked.

    Args:
        reason: what it reports.
        busy: its answer (None: it cannot tell).
        error: raise this from ``is_busy()`` instead of answering (a broken backend).
    """

    def __init__(self, reason: HoldReason = HoldReason.MICROPHONE, *,
                 busy: bool | None = False, error: Exception | None = None) -> None:
        self._reason = reason
        self.busy = busy
        self.error = error
        self.asked = 0
        self.closed = False

    @property
    def reason(self) -> HoldReason:
        return self._reason

    @property
    def name(self) -> str:
        return f"fake {self._reason.value}"

    @property
    def problem(self) -> str | None:
        return "the test says it cannot tell" if self.busy is None else None

    def is_busy(self) -> bool | None:
        self.asked += 1
        if self.error is not None:
            raise self.error
        return self.busy

    def close(self) -> None:
        self.closed = True


class FakeNotifier:
    """A notifier that keeps what it was asked to show; ``press`` plays the user's choice."""

    name = "fake notifier"

    def __init__(self) -> None:
        self.shown: list[Notification] = []
        self.handlers: list[ActionHandler | None] = []

    def notify(self, notification: Notification, on_action: ActionHandler | None = None) -> None:
        self.shown.append(notification)
        self.handlers.append(on_action)

    def delivery(self) -> Delivery:
        """The fake takes every notification itself."""
        return Delivery(self.name)

    def press(self, action: str, index: int = -1) -> None:
        """The user picks ``action`` on the notification shown ``index``-th."""
        handler = self.handlers[index]
        assert handler is not None, "that notification had no actions"
        handler(action)

    def close(self) -> None:
        return None


class FakeScheduler:
    """A JobScheduler that runs due jobs when the test calls :meth:`run_due`."""

    def __init__(self, clock: FakeClock) -> None:
        self._clock = clock
        self.jobs: dict[str, tuple[datetime, Callable[[], None]]] = {}

    def schedule_at(self, job_id: str, when: datetime, callback: Callable[[], None]) -> None:
        self.jobs[job_id] = (when, callback)

    def cancel(self, job_id: str) -> None:
        self.jobs.pop(job_id, None)

    def scheduled(self, job_id: str) -> datetime | None:
        entry = self.jobs.get(job_id)
        return None if entry is None else entry[0]

    def wakeup(self) -> None:
        self.run_due()

    def run_due(self) -> int:
        """Run every job whose time has come; returns how many ran."""
        ran = 0
        now = self._clock.now()
        for job_id, (when, callback) in sorted(self.jobs.items(), key=lambda kv: kv[1][0]):
            if when <= now and self.jobs.get(job_id, (None, None))[1] is callback:
                del self.jobs[job_id]
                callback()
                ran += 1
        return ran

    def shutdown(self) -> None:
        self.jobs.clear()

