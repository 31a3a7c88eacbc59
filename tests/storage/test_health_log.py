"""The SQLite health log: migrations, the one-time jsonl import, failures that lose nothing."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from deskbreath.core.health import Bout, BoutEnd, EventKind, PromptEvent, Record
from deskbreath.paths import Paths
from deskbreath.storage import health_log, health_schema
from deskbreath.storage.health_log import HealthLog
from deskbreath.storage.health_read import HealthReadError, clear, read_records
from tests.fakes import START
from tests.support.mounts import Tmpfs, tiny_tmpfs

GOOD = ('{"exercise": "breathing", "result": "done", "at": "2026-11-20T10:00:00+01:00", '
        '"duration": 120.0, "reports": {"belly_moved_more": "yes"}}')
SNOOZED = ('{"exercise": "rotation", "result": "snoozed", "at": "2026-11-21T11:00:00+01:00", '
           '"duration": 0, "reports": {"snooze_seconds": 900}}')
TORN = '{"exercise": "posture", "result": "do'  # the write stopped here (disk full)
GLUED = ('{"exercise": "posture", "result": "done", "at": "2026-11-22T12:00:00+01:00", '
         '"duration": 15, "reports": {"fixed": ["feet"], "rating": "fair"}}')


def event(minutes: float = 0, kind: EventKind = EventKind.DONE) -> PromptEvent:
    """A breathing event of ``kind`` (done by default) ``minutes`` after START."""
    return PromptEvent(kind, START + timedelta(minutes=minutes), "breathing", 120.0,
                       details={"belly_moved_more": "yes"})


class Notices(list[str]):
    def __call__(self, text: str) -> None:
        self.append(text)


@pytest.fixture
def notices() -> Notices:
    """The notices for the user, as the health log sends them."""
    return Notices()


@pytest.fixture
def store(paths: Paths, notices: Notices) -> Iterator[HealthLog]:
    """A health log in ``paths`` that imports the jsonl history, closed after the test."""
    log = HealthLog(paths.health_log, jsonl=paths.history_file, now=lambda: START,
                    notice=notices)
    yield log
    log.close()


def test_new_empty_file_is_migrated_to_the_current_schema(paths: Paths, store: HealthLog) -> None:
    """An empty file becomes a version-1 database in WAL mode with its tables."""
    paths.health_log.parent.mkdir(parents=True)
    paths.health_log.touch()

    assert store.open()

    db = sqlite3.connect(paths.health_log)
    assert health_schema.schema_version(db) == health_schema.SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"bouts", "events", "meta"} <= tables
    db.close()


def test_records_round_trip_with_their_local_times(paths: Paths, store: HealthLog) -> None:
    """A bout and an event come back equal, with the UTC offset they were recorded with."""
    bout = Bout(START, START + timedelta(minutes=50), 2700.0, BoutEnd.NATURAL_BREAK)
    hold = PromptEvent(EventKind.HELD_BACK, START, "posture", 300.0, "fullscreen")
    store.add(bout)
    store.add(event())
    store.add(hold)

    records = read_records(paths.health_log)

    assert records.bouts == [bout]
    assert records.events == [event(), hold]
    assert records.events[0].at.utcoffset() == START.utcoffset()


def test_jsonl_is_imported_once_keeping_good_and_glued_records(
        paths: Paths, store: HealthLog, caplog: pytest.LogCaptureFixture) -> None:
    """Good lines and the record glued onto a torn one are imported with their times; the
    garbage line is skipped with its line number; the file is renamed beside.
    """
    paths.data_dir.mkdir(parents=True)
    paths.history_file.write_text(
        "\n".join([GOOD, "not json at all", SNOOZED, TORN + GLUED, ""]), encoding="utf-8")

    with caplog.at_level(logging.WARNING):
        assert store.open()

    events = read_records(paths.health_log).events
    assert [(e.kind, e.exercise, e.at.isoformat()) for e in events] == [
        (EventKind.DONE, "breathing", "2026-11-20T10:00:00+01:00"),
        (EventKind.SNOOZED, "rotation", "2026-11-21T11:00:00+01:00"),
        (EventKind.DONE, "posture", "2026-11-22T12:00:00+01:00"),
    ]
    assert events[1].seconds == 900
    assert dict(events[2].details) == {"fixed": ("feet",), "rating": "fair"}
    assert not paths.history_file.exists()
    assert (paths.data_dir / "history.jsonl.imported").exists()
    assert any("line 2 skipped" in r.getMessage() for r in caplog.records)
    assert any("line 4: a torn record" in r.getMessage() for r in caplog.records)


def test_jsonl_import_is_not_repeated(paths: Paths, notices: Notices) -> None:
    """A history.jsonl that reappears after the import (restored from a backup) is only
    renamed, not imported twice.
    """
    paths.data_dir.mkdir(parents=True)
    paths.history_file.write_text(GOOD + "\n", encoding="utf-8")
    first = HealthLog(paths.health_log, jsonl=paths.history_file, now=lambda: START)
    first.open()
    first.close()
    paths.history_file.write_text(GOOD + "\n", encoding="utf-8")

    second = HealthLog(paths.health_log, jsonl=paths.history_file, now=lambda: START)
    second.open()
    second.close()

    assert len(read_records(paths.health_log).events) == 1
    assert (paths.data_dir / "history.jsonl.imported.2").exists()


def test_corrupt_file_is_moved_aside_and_user_told_once(
        paths: Paths, store: HealthLog, notices: Notices) -> None:
    """A file that is not a database is renamed with a timestamp, a new one is started,
    recording goes on, and one notice tells the user.
    """
    paths.data_dir.mkdir(parents=True)
    paths.health_log.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 3000)

    store.add(event())

    aside = paths.data_dir / "health.sqlite3.corrupt-20261123-090000"
    assert aside.read_bytes().startswith(b"SQLite format 3")
    assert len(read_records(paths.health_log).events) == 1
    assert len(notices) == 1
    assert "moved aside" in notices[0]


def test_database_from_a_newer_version_is_left_alone(
        paths: Paths, store: HealthLog, notices: Notices) -> None:
    """A database with a higher schema version is not written; records wait in memory."""
    paths.data_dir.mkdir(parents=True)
    db = sqlite3.connect(paths.health_log)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = paths.health_log.read_bytes()

    store.add(event())

    assert store.waiting == 1
    assert paths.health_log.read_bytes() == before
    assert len(notices) == 1
    with pytest.raises(HealthReadError, match="newer deskbreath"):
        read_records(paths.health_log)


def _fill(folder: Path) -> None:
    """Fill the file system holding ``folder`` to the last byte."""
    ballast = (folder / "ballast").open("wb", buffering=0)
    try:
        while True:
            ballast.write(b"\0" * 4096)
    except OSError:
        pass
    finally:
        ballast.close()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Tmpfs | None]:
    """A 256 KiB tmpfs to fill up, or None where mounts are not allowed."""
    with tiny_tmpfs(tmp_path / "tiny", size="256k") as disk:
        yield disk


def test_disk_full_keeps_records_in_memory_and_writes_them_later(
        tiny_disk: Tmpfs | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the disk full, records wait in memory; once there is room, they are all written
    in order, none twice.

    A real 256 KiB tmpfs where mounts are allowed, else an injected "disk full".
    """
    folder = tiny_disk.path if tiny_disk is not None else tmp_path
    store = HealthLog(folder / "health.sqlite3", now=lambda: START)
    store.add(event(0))
    if tiny_disk is not None:
        _fill(folder)
    else:
        def full(db: sqlite3.Connection, record: Record) -> None:
            raise sqlite3.OperationalError("database or disk is full")
        monkeypatch.setattr(health_log, "insert", full)

    for minute in range(1, 200):
        store.add(event(minute))

    assert store.waiting > 0
    if tiny_disk is not None:
        (folder / "ballast").unlink()
    else:
        monkeypatch.undo()
    assert store.flush()
    store.close()
    minutes = [e.at for e in read_records(folder / "health.sqlite3").events]
    assert minutes == [event(m).at for m in range(200)]


def test_read_only_data_dir_keeps_records_until_writable(
        tiny_disk: Tmpfs | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only data directory: nothing is written and nothing raised; the records are
    written once it is writable again.
    """
    folder = tiny_disk.path if tiny_disk is not None else tmp_path
    path = folder / "data" / "health.sqlite3"
    store = HealthLog(path, now=lambda: START)
    if tiny_disk is not None:
        tiny_disk.read_only()
    else:
        def refuse(path: Path, **kwargs: object) -> sqlite3.Connection:
            raise sqlite3.OperationalError("attempt to write a readonly database")
        monkeypatch.setattr(health_log, "connect", refuse)

    store.add(event(0))
    store.add(event(1))

    assert store.waiting == 2
    assert not path.exists()
    if tiny_disk is not None:
        tiny_disk.writable()
    else:
        monkeypatch.undo()
    assert store.flush()
    store.close()
    assert len(read_records(path).events) == 2


def test_retention_deletes_only_older_records(paths: Paths) -> None:
    """history_days = 30 deletes what is older than 30 days and keeps the rest."""
    store = HealthLog(paths.health_log, now=lambda: START)
    store.add(event(-31 * 24 * 60))
    store.add(event(-29 * 24 * 60))

    store.set_keep_days(30)

    assert [e.at for e in read_records(paths.health_log).events] == [event(-29 * 24 * 60).at]
    store.close()


def test_clear_from_another_process_while_the_app_writes(paths: Paths) -> None:
    """`history clear` (a second connection) empties the log while the app's store stays
    open, and the app's next records are written after it.
    """
    store = HealthLog(paths.health_log, now=lambda: START)
    for minute in range(5):
        store.add(event(minute))

    assert clear(paths.health_log) == 5
    store.add(event(10))

    assert [e.at for e in read_records(paths.health_log).events] == [event(10).at]
    store.close()


def test_reading_a_missing_log_is_empty_and_creates_nothing(paths: Paths) -> None:
    """No database yet: empty records, and no file is made by reading."""
    records = read_records(paths.health_log)

    assert (records.bouts, records.events) == ([], [])
    assert not paths.health_log.exists()


def test_reading_is_read_only(paths: Paths, store: HealthLog) -> None:
    """The reader cannot change the database, even by mistake."""
    store.add(event())
    store.close()
    db = sqlite3.connect(f"file:{paths.health_log}?mode=ro", uri=True)

    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM events")
    db.close()


def test_time_range_selects_bouts_overlapping_it(paths: Paths, store: HealthLog) -> None:
    """Reading a range returns the bouts that overlap it and the events inside it."""
    day = datetime(2026, 11, 23, tzinfo=START.tzinfo)
    across = Bout(day - timedelta(hours=1), day + timedelta(hours=1), 3600.0, BoutEnd.QUIT)
    before = Bout(day - timedelta(hours=5), day - timedelta(hours=4), 3600.0, BoutEnd.QUIT)
    store.add(across)
    store.add(before)

    assert read_records(paths.health_log, since=day).bouts == [across]


def test_a_record_that_cannot_be_stored_does_not_block_the_rest(
        paths: Paths, store: HealthLog) -> None:
    """A record SQLite cannot bind (a bug) is dropped with a log line; the next are written."""
    broken = PromptEvent(EventKind.DONE, START, "breathing",
                         details={"answer": object()})  # type: ignore[dict-item]

    store.add(broken)
    store.add(event())

    assert store.waiting == 0
    assert read_records(paths.health_log).events == [event()]


def test_checkpoint_runs_in_the_background_once_the_wal_is_large(
        paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writes never checkpoint by themselves; past the threshold a background checkpoint
    copies the WAL into the database, after which none is due.
    """
    monkeypatch.setattr(health_log, "CHECKPOINT_BYTES", 64 * 1024)
    store = HealthLog(paths.health_log, now=lambda: START)
    size_before = None
    for minute in range(100):
        store.add(event(minute))
        if size_before is None:
            size_before = paths.health_log.stat().st_size
    assert store.checkpoint_due
    assert paths.health_log.stat().st_size == size_before  # nothing copied yet

    store.start_checkpoint()
    store.close()  # waits for the checkpoint thread

    assert paths.health_log.stat().st_size > size_before
    assert len(read_records(paths.health_log).events) == 100


def test_a_bout_under_way_is_one_row_replaced_when_it_ends(paths: Paths) -> None:
    """Saves of a bout under way replace each other; its end replaces the last save."""
    store = HealthLog(paths.health_log, now=lambda: START)
    for minutes in (5, 10):
        store.add(Bout(START, START + timedelta(minutes=minutes), minutes * 60.0,
                       BoutEnd.UNDER_WAY))
    store.add(Bout(START, START + timedelta(minutes=12), 700.0, BoutEnd.NATURAL_BREAK))

    assert read_records(paths.health_log).bouts == [
        Bout(START, START + timedelta(minutes=12), 700.0, BoutEnd.NATURAL_BREAK)]
    store.close()


@pytest.mark.parametrize("drift", [35e-6, -35e-6, 1e-6, 0.2])
def test_a_bout_continued_under_a_start_a_little_off_stays_one_row(
    paths: Paths, drift: float,
) -> None:
    """A bout ended as quit and continued after a restart under a start a few microseconds
    off (rounding, another reading of the clock) is the same row, keeping its first start.
    """
    store = HealthLog(paths.health_log, now=lambda: START)
    store.add(Bout(START, START + timedelta(seconds=20.597), 20.597, BoutEnd.QUIT))
    again = START + timedelta(seconds=drift)
    store.add(Bout(again, START + timedelta(seconds=40), 40.0, BoutEnd.UNDER_WAY))
    store.add(Bout(again, START + timedelta(seconds=60), 60.0, BoutEnd.QUIT))

    assert read_records(paths.health_log).bouts == [
        Bout(START, START + timedelta(seconds=60), 60.0, BoutEnd.QUIT)]
    store.close()


def test_a_bout_starting_after_a_break_is_a_row_of_its_own(paths: Paths) -> None:
    """A bout ended as quit and a new one that starts after a natural break (10 s at the
    least) are two rows; the first keeps its quit.
    """
    store = HealthLog(paths.health_log, now=lambda: START)
    first = Bout(START, START + timedelta(seconds=20), 20.0, BoutEnd.QUIT)
    later = START + timedelta(seconds=30)
    second = Bout(later, later + timedelta(seconds=5), 5.0, BoutEnd.UNDER_WAY)
    store.add(first)
    store.add(second)

    assert read_records(paths.health_log).bouts == [first, second]
    store.close()


def test_a_bout_left_under_way_by_a_crash_ends_as_quit_at_the_next_start(paths: Paths) -> None:
    """After a crash the last save of the bout under way is kept, ended as quit."""
    crashed = HealthLog(paths.health_log, now=lambda: START)
    crashed.add(Bout(START, START + timedelta(minutes=10), 600.0, BoutEnd.UNDER_WAY))
    crashed.close()

    HealthLog(paths.health_log, now=lambda: START).open()

    (bout,) = read_records(paths.health_log).bouts
    assert (bout.ended, bout.sitting) == (BoutEnd.QUIT, 600.0)
