"""The health log keeper on the Qt thread: retries while the store cannot write, passes the
store's notice on, and checkpoints only when records stop coming.
"""

from __future__ import annotations

import sqlite3

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.health import EventKind, PromptEvent, Record
from deskbreath.paths import Paths
from deskbreath.qt.health import HealthLogKeeper
from deskbreath.storage import health_log
from deskbreath.storage.health_log import HealthLog
from deskbreath.storage.health_read import read_records
from tests.fakes import START
from tests.support.waits import WAIT_MS


def event() -> PromptEvent:
    """A posture check done at START, 15 s in the exercise."""
    return PromptEvent(EventKind.DONE, START, "posture", 15.0)


def test_records_kept_in_memory_are_retried_until_written(
        qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed write arms the retry timer; once the store can write, the timer writes the
    waiting record and stops.
    """
    def full(db: sqlite3.Connection, record: Record) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    keeper = HealthLogKeeper(HealthLog(paths.health_log, now=lambda: START), retry_ms=50)
    keeper.open()
    monkeypatch.setattr(health_log, "insert", full)
    keeper.add(event())
    assert keeper.store.waiting == 1
    monkeypatch.undo()

    qtbot.waitUntil(lambda: keeper.store.waiting == 0, timeout=WAIT_MS)

    assert len(read_records(paths.health_log).events) == 1
    keeper.close()


def test_a_damaged_database_becomes_one_notice(qtbot: QtBot, paths: Paths) -> None:
    """Opening over a damaged file emits one notice for the user."""
    paths.data_dir.mkdir(parents=True)
    paths.health_log.write_bytes(b"not a database at all" * 100)
    keeper = HealthLogKeeper(HealthLog(paths.health_log, now=lambda: START))
    keeper.store.set_notice(keeper.tell)

    with qtbot.waitSignal(keeper.notice, timeout=WAIT_MS) as blocker:
        keeper.open()

    assert "moved aside" in blocker.args[1]
    keeper.close()


def test_checkpoint_waits_for_a_quiet_moment(qtbot: QtBot, paths: Paths,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """With the WAL past its threshold, the checkpoint starts only after records stopped
    coming for the quiet time.
    """
    monkeypatch.setattr(health_log, "CHECKPOINT_BYTES", 16 * 1024)
    keeper = HealthLogKeeper(HealthLog(paths.health_log, now=lambda: START), quiet_ms=100)
    keeper.open()
    started: list[bool] = []
    monkeypatch.setattr(keeper.store, "start_checkpoint", lambda: started.append(True))
    for _ in range(60):
        keeper.add(event())
    assert keeper.store.checkpoint_due
    assert started == []

    qtbot.waitUntil(lambda: started == [True], timeout=WAIT_MS)
    keeper.close()
