"""The APScheduler adapter: jobs on the Qt thread, one wake-up timer however often it is
rescheduled.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QObject, QTimer
from pytestqt.qtbot import QtBot

from deskbreath.qt.scheduler import QtJobScheduler
from tests.support.waits import WAIT_MS


def _now() -> datetime:
    return datetime.now().astimezone()


def test_job_runs_on_the_qt_thread(qtbot: QtBot) -> None:
    """A job runs in the GUI thread, not on APScheduler's default thread pool."""
    scheduler = QtJobScheduler()
    threads: list[threading.Thread] = []
    scheduler.schedule_at("job", _now() + timedelta(milliseconds=50),
                          lambda: threads.append(threading.current_thread()))
    qtbot.waitUntil(lambda: bool(threads), timeout=WAIT_MS)
    assert threads == [threading.main_thread()]
    scheduler.shutdown()


def test_rescheduling_a_hundred_times_keeps_wakeups_flat(qtbot: QtBot) -> None:
    """100 reschedules leave one wake-up chain: a handful of wake-ups, not hundreds, and none
    armed once the job has run.
    """
    owner = QObject()
    scheduler = QtJobScheduler(owner)
    runs: list[int] = []
    for number in range(100):
        scheduler.schedule_at("job", _now() + timedelta(milliseconds=400 + number),
                              lambda: runs.append(1))
    qtbot.waitUntil(lambda: runs == [1], timeout=WAIT_MS)
    timer = owner.findChild(QTimer, "deskbreath-scheduler-wakeup")

    assert isinstance(timer, QTimer)
    assert not timer.isActive(), "a wake-up is still armed with no job left"
    assert scheduler.wakeups <= 5
    scheduler.shutdown()


def test_adapter_owns_exactly_one_timer(qtbot: QtBot) -> None:
    """However many jobs are added, the adapter has one QTimer (no static singleShot chains)."""
    owner = QObject()
    scheduler = QtJobScheduler(owner)
    for number in range(50):
        scheduler.schedule_at(f"job{number % 3}", _now() + timedelta(hours=1), lambda: None)
        scheduler.wakeup()
    qtbot.waitUntil(lambda: scheduler.wakeups >= 1, timeout=WAIT_MS)  # the wake-up ran
    timers = owner.findChildren(QTimer)
    assert [t.objectName() for t in timers] == ["deskbreath-scheduler-wakeup"]
    scheduler.shutdown()


def test_cancel_and_scheduled(qtbot: QtBot) -> None:
    """A cancelled job does not run and is no longer listed; a job due after it runs (the
    barrier: jobs run in time order, so the cancelled one would have run first).
    """
    scheduler = QtJobScheduler()
    when = _now() + timedelta(milliseconds=100)
    runs: list[str] = []
    scheduler.schedule_at("job", when, lambda: runs.append("cancelled"))
    scheduler.schedule_at("later", when + timedelta(milliseconds=100),
                          lambda: runs.append("later"))
    assert scheduler.scheduled("job") == when
    scheduler.cancel("job")
    scheduler.cancel("job")
    assert scheduler.scheduled("job") is None
    qtbot.waitUntil(lambda: runs != [], timeout=WAIT_MS)
    assert runs == ["later"]
    scheduler.shutdown()


def test_late_job_still_runs(qtbot: QtBot) -> None:
    """A job whose time passed while the loop was busy (e.g. after a suspend) still runs."""
    scheduler = QtJobScheduler()
    runs: list[int] = []
    scheduler.schedule_at("job", _now() - timedelta(seconds=30), lambda: runs.append(1))
    qtbot.waitUntil(lambda: runs == [1], timeout=WAIT_MS)
    scheduler.shutdown()


def test_a_job_that_cancels_itself_does_not_stop_later_jobs(qtbot: QtBot) -> None:
    """A job at +0.5 s that cancels itself (as the prompt check does) leaves the job at +2 s
    running on time.
    """
    scheduler = QtJobScheduler()
    ran: list[str] = []

    def first() -> None:
        ran.append("first")
        scheduler.cancel("first")

    scheduler.schedule_at("first", _now() + timedelta(seconds=0.5), first)
    scheduler.schedule_at("second", _now() + timedelta(seconds=2), lambda: ran.append("second"))
    qtbot.waitUntil(lambda: "second" in ran, timeout=WAIT_MS)
    assert ran == ["first", "second"]
    scheduler.shutdown()


def test_a_job_can_reschedule_itself(qtbot: QtBot) -> None:
    """A job that schedules its own id again (the next check) runs again, every time."""
    scheduler = QtJobScheduler()
    runs: list[int] = []

    def again() -> None:
        runs.append(1)
        if len(runs) < 3:
            scheduler.schedule_at("check", _now() + timedelta(milliseconds=200), again)

    scheduler.schedule_at("check", _now() + timedelta(milliseconds=200), again)
    qtbot.waitUntil(lambda: len(runs) == 3, timeout=WAIT_MS)
    assert scheduler.scheduled("check") is None
    scheduler.shutdown()


def test_an_exception_in_a_job_is_logged_once_and_later_jobs_run(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """A job that raises is logged once, with its traceback, and the next job still runs."""
    scheduler = QtJobScheduler()
    ran: list[str] = []

    def broken() -> None:
        raise RuntimeError("broken job")

    scheduler.schedule_at("broken", _now() + timedelta(milliseconds=300), broken)
    scheduler.schedule_at("later", _now() + timedelta(seconds=1), lambda: ran.append("later"))
    with caplog.at_level(logging.DEBUG):
        qtbot.waitUntil(lambda: ran == ["later"], timeout=WAIT_MS)
    logged = [r for r in caplog.records
              if r.exc_info is not None and "broken job" in str(r.exc_info[1])]
    assert len(logged) == 1
    assert "broken" in logged[0].getMessage()
def test_a_job_can_reschedule_and_cancel_its_own_id(qtbot: QtBot) -> None:
    """A callback that reschedules its own id gets the new run (APScheduler removes a finished
    one-shot job by id), and one that cancels its own id raises nothing.
    """
    scheduler = QtJobScheduler()
    runs: list[str] = []

    def first() -> None:
        runs.append("first")
        scheduler.schedule_at("job", _now() + timedelta(milliseconds=50), second)

    def second() -> None:
        runs.append("second")
        scheduler.cancel("job")

    scheduler.schedule_at("job", _now() + timedelta(milliseconds=50), first)

    qtbot.waitUntil(lambda: runs == ["first", "second"], timeout=WAIT_MS)
    assert scheduler.scheduled("job") is None
    scheduler.shutdown()
