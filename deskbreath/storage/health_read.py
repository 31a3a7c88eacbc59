"""Reading the health log for statistics, read-only (``deskbreath stats``, the window).

Opened with SQLite's ``mode=ro``: reading never changes the database, works while the app
writes to it (WAL lets readers and one writer run side by side) and works when the app is
not running. A missing database is an empty log, not an error.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from deskbreath.core.health import Bout, PromptEvent
from deskbreath.i18n import _
from deskbreath.storage.health_log import clear_database, connect, is_corrupt
from deskbreath.storage.health_schema import (
    BOUT_COLUMNS,
    EVENT_COLUMNS,
    SCHEMA_VERSION,
    bout_from_row,
    event_from_row,
    schema_version,
)

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 5.0


class HealthReadError(Exception):
    """The health log exists but cannot be read; the message says why, for people."""


@dataclass(frozen=True)
class Records:
    """What the health log holds between two times.

    Attributes:
        bouts: sitting bouts overlapping the range, oldest first.
        events: prompt events in the range, oldest first.
        skipped: rows that could not be read (each logged).
    """

    bouts: list[Bout]
    events: list[PromptEvent]
    skipped: int = 0


def read_records(path: Path, since: datetime | None = None,
                 until: datetime | None = None) -> Records:
    """Every bout and event between ``since`` and ``until`` (None: no limit).

    Raises:
        HealthReadError: the file is not a health log, is damaged, or is from a newer
            deskbreath.
    """
    if not path.exists():
        return Records([], [])
    low = float("-inf") if since is None else since.timestamp()
    high = float("inf") if until is None else until.timestamp()
    try:
        db = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True,
                             timeout=READ_TIMEOUT_S)
    except sqlite3.Error as error:
        raise HealthReadError(_("cannot open %(path)s: %(error)s")
                              % {"path": path, "error": error}) from None
    try:
        version = schema_version(db)
        if version == 0:
            return Records([], [])
        if version > SCHEMA_VERSION:
            raise HealthReadError(
                _("%(path)s was written by a newer deskbreath (schema %(version)d; this one "
                  "reads up to %(known)d)")
                % {"path": path, "version": version, "known": SCHEMA_VERSION})
        skipped = 0
        bouts: list[Bout] = []
        for row in db.execute(f"SELECT {BOUT_COLUMNS} FROM bouts WHERE end >= ? AND start < ? "  # noqa: S608  (fixed column list)
                              "ORDER BY start", (low, high)):
            try:
                bouts.append(bout_from_row(row))
            except (ValueError, TypeError) as error:
                skipped += 1
                log.warning("%s: a bout row skipped: %s", path, error)
        events: list[PromptEvent] = []
        for row in db.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE at >= ? AND at < ? "  # noqa: S608  (fixed column list)
                              "ORDER BY at, id", (low, high)):
            try:
                events.append(event_from_row(row))
            except (ValueError, TypeError) as error:
                skipped += 1
                log.warning("%s: an event row skipped: %s", path, error)
        return Records(bouts, events, skipped)
    except sqlite3.Error as error:
        if is_corrupt(error):
            raise HealthReadError(_("%(path)s is damaged (%(error)s); the app moves it aside "
                                    "and starts a new one when it next starts")
                                  % {"path": path, "error": error}) from None
        raise HealthReadError(_("cannot read %(path)s: %(error)s")
                              % {"path": path, "error": error}) from None
    finally:
        db.close()


def clear(path: Path) -> int:
    """Delete every record of the health log at ``path``; returns how many went.

    For ``deskbreath history clear``. Safe while the app runs: one transaction, waiting up to
    :data:`READ_TIMEOUT_S` for the app's write to finish. A missing database: 0.

    Raises:
        HealthReadError: it cannot be changed (damaged, newer, read-only, locked).
    """
    if not path.exists():
        return 0
    try:
        db = connect(path, timeout_ms=round(READ_TIMEOUT_S * 1000))
    except sqlite3.Error as error:
        raise HealthReadError(_("cannot open %(path)s: %(error)s")
                              % {"path": path, "error": error}) from None
    try:
        version = schema_version(db)
        if version == 0:
            return 0
        if version > SCHEMA_VERSION:
            raise HealthReadError(_("%(path)s was written by a newer deskbreath; not changed")
                                  % {"path": path})
        return clear_database(db)
    except sqlite3.Error as error:
        raise HealthReadError(_("cannot clear %(path)s: %(error)s")
                              % {"path": path, "error": error}) from None
    finally:
        db.close()
