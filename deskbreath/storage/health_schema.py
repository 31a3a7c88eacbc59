"""The health log's SQLite schema, its stepwise migrations, and rows to records and back.

The schema version is SQLite's ``PRAGMA user_version`` (0 for a new, empty file). Each step
in :data:`MIGRATIONS` takes the database from version *n* to *n + 1*; :func:`migrate` runs
the missing steps, each with its version bump in one transaction, so a crash between steps
leaves a database at a known version. A database with a higher version than
:data:`SCHEMA_VERSION` was written by a newer deskbreath: it is read by nothing here and never
written.

Times are stored as POSIX seconds (``REAL``, UTC) plus the UTC offset in force at the time
(``INTEGER`` seconds), so a record keeps both the instant and the local clock the user saw.

Tables (version 1)::

    bouts(id, start, start_offset, end, end_offset, sitting, ended)
    events(id, at, at_offset, kind, exercise, seconds, reason, details)
    meta(key PRIMARY KEY, value)

``sitting`` and ``seconds`` are seconds; ``ended`` a :class:`~deskbreath.core.health.BoutEnd`
value (a bout ``under-way`` is saved again under its ``start``, which is unique; a start
less than :data:`SAME_BOUT_SECONDS` from a stored one is that bout); ``kind``
an :class:`~deskbreath.core.health.EventKind` value; ``reason`` a hold reason or NULL;
``details`` a JSON object (the exercise's parameters and the user's answers).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone

from deskbreath.core.health import Bout, BoutEnd, EventKind, PromptEvent, Record
from deskbreath.core.history import ReportValue

SCHEMA_VERSION = 1
#: meta key set once ``history.jsonl`` has been imported (value: the number of records).
JSONL_IMPORTED = "jsonl_imported"


def _to_v1(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE bouts (id INTEGER PRIMARY KEY, start REAL NOT NULL, "
               "start_offset INTEGER NOT NULL, end REAL NOT NULL, end_offset INTEGER NOT NULL, "
               "sitting REAL NOT NULL, ended TEXT NOT NULL)")
    db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, at REAL NOT NULL, "
               "at_offset INTEGER NOT NULL, kind TEXT NOT NULL, exercise TEXT NOT NULL, "
               "seconds REAL NOT NULL DEFAULT 0, reason TEXT, "
               "details TEXT NOT NULL DEFAULT '{}')")
    # One row per bout: the bout under way is saved again and again under its start.
    db.execute("CREATE UNIQUE INDEX bouts_start ON bouts (start)")
    db.execute("CREATE INDEX events_at ON events (at)")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


#: MIGRATIONS[n] takes a database from version n to n + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_to_v1,)
assert len(MIGRATIONS) == SCHEMA_VERSION


class NewerSchemaError(Exception):
    """The database was written by a newer deskbreath; the message names both versions."""


def schema_version(db: sqlite3.Connection) -> int:
    """The database's schema version, from ``PRAGMA user_version`` (0 for a new file)."""
    row = db.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(db: sqlite3.Connection) -> int:
    """Bring ``db`` to :data:`SCHEMA_VERSION`, one transaction per step.

    ``db`` must be opened with ``isolation_level=None``. Returns the version it had before.

    Raises:
        NewerSchemaError: its version is above :data:`SCHEMA_VERSION`.
        sqlite3.Error: a step failed (that step is rolled back).
    """
    before = schema_version(db)
    if before > SCHEMA_VERSION:
        raise NewerSchemaError(f"the health log has schema version {before}; this deskbreath "
                               f"knows up to {SCHEMA_VERSION}")
    for version in range(before, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(db) == version:  # another process may have done it meanwhile
                MIGRATIONS[version](db)
                db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return before


#: Two bout starts less than this many seconds apart are the same bout. A bout's start is
#: reckoned back from a reading (wall clock less the seconds sat), and a bout that goes on
#: across a restart comes back with its start as ``state.json`` kept it; a rounding, or a
#: reading a few microseconds apart, must not make it a second bout. Two different bouts
#: start at least a natural break apart (10 s at the least), far more than this.
SAME_BOUT_SECONDS = 0.5


def insert(db: sqlite3.Connection, record: Record) -> None:
    """Insert one record (inside the caller's transaction).

    A bout whose start is less than :data:`SAME_BOUT_SECONDS` from a stored bout's is that bout
    going on: its row is updated (end, sitting, how it ended) and keeps its start.
    """
    if isinstance(record, Bout):
        start = record.start.timestamp()
        same = db.execute("SELECT id FROM bouts WHERE start > ? AND start < ? "
                          "ORDER BY abs(start - ?) LIMIT 1",
                          (start - SAME_BOUT_SECONDS, start + SAME_BOUT_SECONDS,
                           start)).fetchone()
        if same is not None:
            db.execute("UPDATE bouts SET end = ?, end_offset = ?, sitting = ?, ended = ? "
                       "WHERE id = ?", (record.end.timestamp(), _offset(record.end),
                                        record.sitting, record.ended.value, same[0]))
            return
        db.execute("INSERT INTO bouts (start, start_offset, end, end_offset, sitting, ended) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   (start, _offset(record.start), record.end.timestamp(),
                    _offset(record.end), record.sitting, record.ended.value))
    else:
        db.execute("INSERT INTO events (at, at_offset, kind, exercise, seconds, reason, details) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (record.at.timestamp(), _offset(record.at), record.kind.value,
                    record.exercise, record.seconds, record.reason,
                    json.dumps(_plain(record.details), ensure_ascii=False, sort_keys=True)))


BOUT_COLUMNS = "start, start_offset, end, end_offset, sitting, ended"
EVENT_COLUMNS = "at, at_offset, kind, exercise, seconds, reason, details"


def bout_from_row(row: tuple[object, ...]) -> Bout:
    """A :class:`Bout` from the :data:`BOUT_COLUMNS` of one row.

    Raises:
        ValueError: the row holds something no deskbreath wrote.
    """
    start, start_offset, end, end_offset, sitting, ended = row
    return Bout(_moment(start, start_offset), _moment(end, end_offset), _number(sitting),
                BoutEnd(str(ended)))


def event_from_row(row: tuple[object, ...]) -> PromptEvent:
    """A :class:`PromptEvent` from the :data:`EVENT_COLUMNS` of one row.

    Raises:
        ValueError: the row holds something no deskbreath wrote.
    """
    at, offset, kind, exercise, seconds, reason, details = row
    parsed = json.loads(str(details))
    if not isinstance(parsed, dict):
        raise ValueError(f"details is not a JSON object: {details!r}")
    answers: dict[str, ReportValue] = {
        str(key): tuple(value) if isinstance(value, list) else value
        for key, value in parsed.items()}
    return PromptEvent(EventKind(str(kind)), _moment(at, offset), str(exercise),
                       _number(seconds), None if reason is None else str(reason), answers)


def _offset(moment: datetime) -> int:
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError(f"a naive time cannot be recorded: {moment!r}")
    return round(offset.total_seconds())


def _moment(stamp: object, offset: object) -> datetime:
    if not isinstance(stamp, int | float) or not isinstance(offset, int):
        raise ValueError(f"not a stored time: {stamp!r}, {offset!r}")
    return datetime.fromtimestamp(stamp, timezone(timedelta(seconds=offset)))


def _number(value: object) -> float:
    if not isinstance(value, int | float):
        raise ValueError(f"not a number: {value!r}")
    return float(value)


def _plain(details: Mapping[str, ReportValue]) -> dict[str, object]:
    return {key: list(value) if isinstance(value, tuple) else value
            for key, value in details.items()}
