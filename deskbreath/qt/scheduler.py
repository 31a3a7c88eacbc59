"""The one APScheduler adapter: jobs run on the Qt thread and wake-ups never pile up.

WORKAROUND for APScheduler 3.x ``QtScheduler`` under PySide6: it arms its wake-up with the
static ``QTimer.singleShot``, which returns None under PySide6, so ``_stop_timer`` cancels
nothing and every ``add_job``/``reschedule_job``/``wakeup`` adds another self-re-arming chain
of wake-ups. It also runs jobs on a thread pool by default. This adapter owns one persistent
single-shot ``QTimer`` and runs jobs with the debug executor, i.e. synchronously on the Qt
thread. Nothing else in deskbreath imports APScheduler.

Only touch the scheduler from the GUI thread: a wake-up requested from another thread would be
lost (its timer would live in a thread without an event loop).

APScheduler is imported through :func:`deskbreath.startup.lean_apscheduler_import`, which keeps
asyncio, OpenSSL and ``importlib.metadata`` out of the app (a process-wide workaround,
explained there). So the executor and each job's trigger are handed to APScheduler as objects,
never by the entry-point names it would look up in the installed distributions.

Jobs run *after* APScheduler's bookkeeping, not inside it. APScheduler 3.x removes a finished
one-shot job after its function returns; a job that cancelled itself made that removal raise
``JobLookupError`` out of the timer slot before the timer was armed again (the scheduler then
stalled), and a job that scheduled its own id again had the new run removed. So the function
APScheduler runs only queues the callback; the adapter arms its timer, then runs the queue,
each callback on its own: one that raises is logged once and the rest still run.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer

from deskbreath.startup import lean_apscheduler_import

log = logging.getLogger(__name__)

with lean_apscheduler_import():
    from apscheduler.executors.debug import DebugExecutor
    from apscheduler.schedulers.base import BaseScheduler
    from apscheduler.triggers.date import DateTrigger

_MAX_TIMER_MS = 2_147_483_647
#: After an unexpected error in APScheduler's own bookkeeping, look again this much later (its
#: ``jobstore_retry_interval`` default): soon enough for reminders, rare enough to stay quiet.
RETRY_SECONDS = 10.0


class _QtTimerScheduler(BaseScheduler):  # type: ignore[misc]  # APScheduler is untyped
    """A BaseScheduler driven by exactly one QTimer."""

    def __init__(self, parent: QObject | None, **options: Any) -> None:
        self.wakeups = 0
        self._due: deque[tuple[str, Callable[[], None]]] = deque()
        self._timer = QTimer(parent)
        self._timer.setObjectName("deskbreath-scheduler-wakeup")
        self._timer.setSingleShot(True)
        # A coarse timer may fire up to 5 % early; APScheduler would then find nothing due and
        # re-arm for the remaining milliseconds, several times over.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        super().__init__(**options)

    def shutdown(self, wait: bool = True) -> None:
        super().shutdown(wait)
        self._timer.stop()
        self._due.clear()

    def wakeup(self) -> None:
        self._arm(0.0)

    def _arm(self, wait_seconds: float | None) -> None:
        self._timer.stop()
        if wait_seconds is not None:
            # Round up: a timer that fires a fraction of a millisecond before the job is due
            # finds nothing to run and has to be armed again.
            self._timer.start(min(max(0, math.ceil(wait_seconds * 1000)), _MAX_TIMER_MS))

    def enqueue(self, job_id: str, callback: Callable[[], None]) -> None:
        """What APScheduler runs for a due job: queue its callback for :meth:`_run_due`."""
        self._due.append((job_id, callback))

    def _on_timer_timeout(self) -> None:
        self.wakeups += 1
        try:
            wait_seconds = self._process_jobs()
        except Exception:  # never leave the timer unarmed: that would stop every later job
            log.exception("the scheduler failed to look at its jobs; trying again in %g s",
                          RETRY_SECONDS)
            wait_seconds = RETRY_SECONDS
        self._arm(wait_seconds)
        self._run_due()

    def _run_due(self) -> None:
        while self._due:
            job_id, callback = self._due.popleft()
            try:
                callback()
            except Exception:  # one broken job must not stop the others
                log.exception("job %s failed; later jobs still run", job_id)


class JobScheduler(Protocol):
    """What the controller needs from a scheduler: named one-shot jobs at wall times."""

    def schedule_at(self, job_id: str, when: datetime, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the Qt thread at ``when``, replacing any job with that id."""
        ...

    def cancel(self, job_id: str) -> None:
        """Drop the job with that id, if any."""
        ...

    def scheduled(self, job_id: str) -> datetime | None:
        """When the job with that id runs next, or None."""
        ...

    def wakeup(self) -> None:
        """Look at the jobs now.

        After a suspend or a wall-clock change the wake-up timer, which runs on the monotonic
        clock, no longer matches the jobs' wall times.
        """
        ...

    def shutdown(self) -> None:
        """Drop every job and stop (the app is ending)."""
        ...


class QtJobScheduler:
    """APScheduler 3.x behind :class:`JobScheduler`, on the Qt event loop.

    Late jobs always run (no misfire grace: after a suspend the controller re-checks anyway),
    and a job that is late several times runs once.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        self._scheduler = _QtTimerScheduler(
            parent,
            executors={"default": DebugExecutor()},
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )
        self._scheduler.start()

    @property
    def wakeups(self) -> int:
        """How many times the wake-up timer has fired (for the no-pile-up test)."""
        return int(self._scheduler.wakeups)

    def schedule_at(self, job_id: str, when: datetime, callback: Callable[[], None]) -> None:
        """A date-trigger job that enqueues ``callback``; replaces any job with that id."""
        # APScheduler runs only the enqueueing; the callback runs once its bookkeeping is done,
        # so it may cancel or reschedule its own id (see the module docstring).
        self._scheduler.add_job(
            self._scheduler.enqueue, args=(job_id, callback), trigger=DateTrigger(when),
            id=job_id, replace_existing=True,
        )

    def cancel(self, job_id: str) -> None:
        """Remove the APScheduler job with that id, if any."""
        if self._scheduler.get_job(job_id) is not None:
            self._scheduler.remove_job(job_id)

    def scheduled(self, job_id: str) -> datetime | None:
        """The APScheduler job's ``next_run_time``, or None."""
        job = self._scheduler.get_job(job_id)
        return None if job is None else job.next_run_time

    def wakeup(self) -> None:
        """Re-check all jobs now (after a resume from sleep or a wall-clock change)."""
        self._scheduler.wakeup()

    def shutdown(self) -> None:
        """Shut APScheduler down without waiting, if it runs."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
