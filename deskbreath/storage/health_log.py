"""The health log's writer: one SQLite database in the user data directory (stdlib ``sqlite3``).

Why it is built this way:

* **Nothing torn.** SQLite's write-ahead log (WAL) makes every transaction atomic; each
  :meth:`HealthLog.flush` is one transaction, so a crash or ``kill -9`` mid-write leaves the
  records before it, never half a record. ``synchronous = NORMAL`` in WAL mode keeps the
  database consistent after a crash of the app; only a power cut can cost the last
  transactions. That keeps a write well under a millisecond on the Qt thread.
* **No stall while checkpointing.** Copying the WAL back into the database (a checkpoint)
  syncs the disk and took 3–19 ms here, too long for the Qt thread, and slows writes that
  happen meanwhile. Automatic checkpoints are off; once the WAL passes
  :data:`CHECKPOINT_BYTES` (:attr:`HealthLog.checkpoint_due`), the caller picks a quiet
  moment (the app: 30 s after the last record) and :meth:`HealthLog.start_checkpoint` runs a
  passive checkpoint in a short-lived thread with its own connection.
* **Nothing lost.** Records wait in an in-memory queue until a write succeeds. A full disk, a
  read-only data directory, a database locked by ``deskbreath history clear`` or a newer
  deskbreath's database leave them queued; :attr:`HealthLog.waiting` says so, and the caller
  retries later (:meth:`flush`) and at quit. A lock is waited for at most
  :data:`BUSY_TIMEOUT_MS`, so the Qt thread never stalls.
* **A corrupt database** (not a database, or malformed) is moved aside as
  ``<name>.corrupt-YYYYMMDD-HHMMSS`` with its ``-wal``/``-shm`` files, a new one is started, and
  :attr:`HealthLog.notice` is called once with a sentence for the user.
* **The old history** (``history.jsonl``) is imported once: its records keep their times, the
  import and its mark in ``meta`` are one transaction, then the file is renamed to
  ``history.jsonl.imported``.
* **Retention**: ``keep_days`` (None keeps everything) deletes older records at open and
  whenever it changes.

The schema and its migrations are in :mod:`deskbreath.storage.health_schema`; reading for
statistics is :mod:`deskbreath.storage.health_read`, which the tray app does not import until
the statistics are opened.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path

from deskbreath.core.health import BoutEnd, Record, outcome_event
from deskbreath.i18n import _
from deskbreath.storage.health_schema import (
    JSONL_IMPORTED,
    SCHEMA_VERSION,
    NewerSchemaError,
    insert,
    migrate,
    schema_version,
)
from deskbreath.storage.history import HistoryFile

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 50
"""How long a write waits for a lock held by another process before it is retried later."""
MAX_WAITING = 100_000
"""Records kept in memory while nothing can be written (about 30 MiB at worst; a year of use
is about 11,000). Beyond it the oldest are dropped, with a log line."""
CHECKPOINT_BYTES = 4 * 2**20
"""WAL size from which a background checkpoint runs (about 1,000 pages)."""
IMPORTED_SUFFIX = ".imported"
CORRUPT_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


class CorruptDatabaseError(sqlite3.DatabaseError):
    """SQLite's integrity check found damage."""


def connect(path: Path, *, timeout_ms: int = BUSY_TIMEOUT_MS,
            check: bool = False) -> sqlite3.Connection:
    """A read-write connection in WAL mode with autocommit off (explicit transactions).

    With ``check``, the file is checked before anything is written to it (switching to WAL
    writes its header).

    Raises:
        NewerSchemaError: (with ``check``) written by a newer deskbreath.
        CorruptDatabaseError: (with ``check``) SQLite's quick check found damage.
        sqlite3.Error: not a database, or cannot be opened.
    """
    db = sqlite3.connect(path, timeout=timeout_ms / 1000, isolation_level=None,
                         check_same_thread=True)
    try:
        if check:
            version = schema_version(db)
            if version > SCHEMA_VERSION:
                raise NewerSchemaError(f"the health log has schema version {version}; this "
                                       f"deskbreath knows up to {SCHEMA_VERSION}")
            result = db.execute("PRAGMA quick_check(1)").fetchone()
            if result is None or result[0] != "ok":
                raise CorruptDatabaseError(f"integrity check failed: {result}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA wal_autocheckpoint = 0")  # see "No stall while checkpointing"
        db.execute(f"PRAGMA journal_size_limit = {CHECKPOINT_BYTES}")
    except BaseException:
        db.close()
        raise
    return db


def is_corrupt(error: BaseException) -> bool:
    """True for "not a database", "malformed" and a failed integrity check.

    These are the problems that moving the file aside cures.
    """
    return (isinstance(error, CorruptDatabaseError)
            or getattr(error, "sqlite_errorcode", None) in CORRUPT_CODES)


class HealthLog:
    """Records bouts and prompt events (a :class:`~deskbreath.core.health.HealthRecorder`).

    Args:
        path: the database file (its folder is made when missing).
        jsonl: the old history file to import once, or None.
        keep_days: delete records older than this many days; None keeps everything.
        now: the current local time (for retention and the corrupt file's name).
        notice: called with a sentence for the user when the database had to be replaced
            (once per replacement) or cannot be written for a lasting reason (once).
    """

    def __init__(self, path: Path, *, jsonl: Path | None = None, keep_days: int | None = None,
                 now: Callable[[], datetime], notice: Callable[[str], None] | None = None) -> None:
        self._path = path
        self._jsonl = jsonl
        self._keep_days = keep_days
        self._now = now
        self._notice = notice if notice is not None else (lambda _text: None)
        self._db: sqlite3.Connection | None = None
        self._waiting: deque[Record] = deque()
        self._failing = False
        self._newer = False
        self._checkpointer: threading.Thread | None = None

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    def set_notice(self, notice: Callable[[str], None]) -> None:
        """Where notices for the user go from now on."""
        self._notice = notice

    @property
    def waiting(self) -> int:
        """Records not yet written (kept in memory until a write succeeds)."""
        return len(self._waiting)

    def open(self) -> bool:
        """Open (or create) the database, migrate it, import the old history, apply retention.

        Returns True when the database is ready; False when it is not (the reason is logged,
        records are kept in memory and the next :meth:`flush` tries again). Never raises for
        an I/O or database problem.
        """
        if self._db is not None:
            return True
        if self._newer:
            return False
        try:
            self._db = self._open_once()
        except NewerSchemaError as error:
            self._newer = True
            log.warning("%s: %s; nothing will be written to it", self._path, error)
            self._notice(_("The health log %(path)s was written by a newer deskbreath; this "
                           "one records nothing to it and keeps today's records in memory.")
                         % {"path": self._path})
            return False
        except sqlite3.Error as error:
            if is_corrupt(error):
                self._move_aside(error)
                try:
                    self._db = self._open_once()
                except (sqlite3.Error, OSError, NewerSchemaError) as again:
                    self._failed("open", again)
                    return False
            else:
                self._failed("open", error)
                return False
        except OSError as error:
            self._failed("open", error)
            return False
        self._close_bouts_left_under_way()
        self._import_jsonl()
        self.apply_retention()
        return True

    def add(self, record: Record) -> None:
        """Queue ``record`` and write everything queued (one transaction). Never raises."""
        self.add_many((record,))

    def add_many(self, records: Iterable[Record]) -> None:
        """Queue ``records`` and write everything queued in one transaction. Never raises."""
        self._waiting.extend(records)
        if len(self._waiting) > MAX_WAITING:
            log.warning("the health log has not been writable for a long time; dropping the "
                        "%d oldest records kept in memory", len(self._waiting) - MAX_WAITING)
            while len(self._waiting) > MAX_WAITING:
                self._waiting.popleft()
        self.flush()

    def flush(self) -> bool:
        """Write every queued record in one transaction. True when none is left waiting."""
        if not self._waiting:
            return True
        if not self.open():
            return False
        assert self._db is not None
        batch = list(self._waiting)
        try:
            self._write(batch)
        except sqlite3.Error as error:
            if is_corrupt(error):
                self._close_quietly()
                self._move_aside(error)
                return self.open() and self.flush()
            self._failed("write", error)
            return False
        for _record in batch:
            self._waiting.popleft()
        if self._failing:
            log.info("the health log is writable again; %d waiting records written", len(batch))
            self._failing = False
        return True

    def set_keep_days(self, keep_days: int | None) -> None:
        """Change retention (the ``history_days`` setting) and apply it now."""
        if keep_days != self._keep_days:
            self._keep_days = keep_days
            self.apply_retention()

    def apply_retention(self) -> int:
        """Delete records older than ``keep_days`` days; returns how many went."""
        if self._keep_days is None or self._db is None:
            return 0
        cutoff = (self._now() - timedelta(days=self._keep_days)).timestamp()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                gone = self._db.execute("DELETE FROM bouts WHERE end < ?", (cutoff,)).rowcount
                gone += self._db.execute("DELETE FROM events WHERE at < ?", (cutoff,)).rowcount
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            log.warning("could not apply retention to %s: %s", self._path, error)
            return 0
        if gone:
            log.info("retention (%d days): %d old records deleted", self._keep_days, gone)
        return gone

    def clear(self) -> int:
        """Delete every record, including what waits in memory; returns how many were deleted.

        For the window's "Clear history…", after its confirmation.

        Raises:
            sqlite3.Error: the database could not be changed (nothing was deleted).
        """
        self._waiting.clear()
        if not self.open():
            raise sqlite3.OperationalError("the health log cannot be opened")
        assert self._db is not None
        return clear_database(self._db)

    def close(self) -> None:
        """Write what waits (one last try) and close the database.

        The last connection to close checkpoints the WAL into the database.
        """
        if self._checkpointer is not None:
            self._checkpointer.join(timeout=5)
        if self._waiting:
            self.flush()
            if self._waiting:
                log.warning("%d health log records could not be written and are lost: %s",
                            len(self._waiting), self._path)
        self._close_quietly()

    # -- internals -------------------------------------------------------------------------

    def _open_once(self) -> sqlite3.Connection:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        db = connect(self._path, check=True)
        try:
            if migrate(db) == 0:
                log.info("health log created: %s", self._path)
        except BaseException:
            db.close()
            raise
        return db

    def _write(self, batch: list[Record]) -> None:
        assert self._db is not None
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for record in batch:
                try:
                    insert(self._db, record)
                except (sqlite3.InterfaceError, sqlite3.ProgrammingError, ValueError,
                        TypeError) as error:
                    # A record no retry can store (a bug, not the disk): it must not hold
                    # back every record after it.
                    log.error("a health log record cannot be stored and is dropped: %r (%s)",
                              record, error)
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    @property
    def checkpoint_due(self) -> bool:
        """True when the WAL has grown past :data:`CHECKPOINT_BYTES` and no checkpoint runs."""
        if self._checkpointer is not None and self._checkpointer.is_alive():
            return False
        try:
            size = self._path.with_name(self._path.name + "-wal").stat().st_size
        except OSError:
            return False
        return size >= CHECKPOINT_BYTES

    def start_checkpoint(self) -> None:
        """Start a passive checkpoint in a background thread; nothing happens while one runs.

        See "No stall while checkpointing".
        """
        if self._checkpointer is not None and self._checkpointer.is_alive():
            return
        self._checkpointer = threading.Thread(target=checkpoint, args=(self._path,),
                                              name="deskbreath-health-checkpoint",
                                              daemon=True)
        self._checkpointer.start()

    def _failed(self, what: str, error: BaseException) -> None:
        if not self._failing:
            log.warning("could not %s the health log %s (%s); %d records kept in memory, "
                        "retrying later", what, self._path, error, len(self._waiting))
        self._failing = True
        if what == "open":
            self._close_quietly()

    def _close_quietly(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error as error:
                log.warning("closing the health log: %s", error)
            self._db = None

    def _move_aside(self, error: sqlite3.Error) -> None:
        stamp = self._now().strftime("%Y%m%d-%H%M%S")
        target = self._path.with_name(f"{self._path.name}.corrupt-{stamp}")
        try:
            self._path.replace(target)
            for suffix in ("-wal", "-shm"):
                side = self._path.with_name(self._path.name + suffix)
                if side.exists():
                    side.replace(target.with_name(target.name + suffix))
        except OSError as move_error:
            log.error("the health log %s is damaged (%s) and could not be moved aside: %s",
                      self._path, error, move_error)
            return
        log.error("the health log %s was damaged (%s); moved aside as %s, starting a new one",
                  self._path, error, target)
        self._notice(_("The health log was damaged and could not be read. It was moved aside "
                       "as %(file)s and a new one started; recording goes on.")
                     % {"file": target})

    def _close_bouts_left_under_way(self) -> None:
        """End a bout still under way at start-up as ``quit`` at its last save.

        Such a bout was cut short by the last run's end (a crash, kill -9, power loss).
        """
        assert self._db is not None
        try:
            self._db.execute("UPDATE bouts SET ended = ? WHERE ended = ?",
                             (BoutEnd.QUIT.value, BoutEnd.UNDER_WAY.value))
        except sqlite3.Error as error:
            log.warning("could not close the bouts left under way: %s", error)

    def _import_jsonl(self) -> None:
        source = self._jsonl
        if source is None or self._db is None:
            return
        done = self._db.execute("SELECT value FROM meta WHERE key = ?",
                                (JSONL_IMPORTED,)).fetchone()
        if done is None:
            if not source.exists():
                return
            outcomes = HistoryFile(source).read()
            try:
                self._db.execute("BEGIN IMMEDIATE")
                for outcome in outcomes:
                    insert(self._db, outcome_event(outcome))
                self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                                 (JSONL_IMPORTED, str(len(outcomes))))
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                log.warning("could not import %s into the health log: %s; trying again at "
                            "the next start", source, error)
                return
            log.info("imported %d records from %s into the health log", len(outcomes), source)
        if source.exists():
            target = _free_name(source.with_name(source.name + IMPORTED_SUFFIX))
            try:
                source.replace(target)
            except OSError as error:
                log.warning("imported %s but could not rename it: %s", source, error)


def checkpoint(path: Path) -> None:
    """Copy the WAL back into the database without blocking writers (passive checkpoint).

    On a connection of its own; failures are only logged (the next one catches up).
    """
    try:
        db = sqlite3.connect(path, timeout=1.0, isolation_level=None)
        try:
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            db.close()
    except sqlite3.Error as error:
        log.info("health log checkpoint skipped: %s", error)


def clear_database(db: sqlite3.Connection) -> int:
    """Delete every bout and event in one transaction; returns how many went."""
    db.execute("BEGIN IMMEDIATE")
    try:
        gone = db.execute("DELETE FROM bouts").rowcount
        gone += db.execute("DELETE FROM events").rowcount
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return gone


def _free_name(path: Path) -> Path:
    candidate = path
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.{number}")
    return candidate
