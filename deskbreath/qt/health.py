"""The health log on the Qt thread.

Records through the store, retries while it cannot write, and passes its notices to the shell.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from deskbreath.core.health import Record
from deskbreath.storage.health_log import HealthLog

log = logging.getLogger(__name__)

QUIET_MS = 30_000
"""A checkpoint waits until no record came for this long, so it never slows a write."""
RETRY_MS = 60_000
"""How often records kept in memory are offered to the store again (only while some wait:
an idle app with a writable log never wakes for this)."""


class HealthLogKeeper(QObject):
    """Owns the :class:`HealthLog` for the app.

    It is the app's :class:`~deskbreath.core.health.HealthRecorder`.

    A write costs well under a millisecond; when the store cannot write (disk full, read-only,
    locked), the records wait in memory and a single-shot timer offers them again every
    :data:`RETRY_MS` until they are written, and once more at quit. When the store's WAL
    needs a checkpoint, it starts :data:`QUIET_MS` after the last record, in the background.

    Signals:
        notice(str, str): a message for the user (title, text), e.g. the database was
            damaged and replaced.
        cleared(): the history was cleared (open views reload).
    """

    notice = Signal(str, str)
    cleared = Signal()

    def __init__(self, store: HealthLog, *, retry_ms: int = RETRY_MS, quiet_ms: int = QUIET_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._retry = QTimer(self)
        self._retry.setObjectName("deskbreath-health-log-retry")
        self._retry.setSingleShot(True)
        self._retry.setInterval(retry_ms)
        self._retry.timeout.connect(self._on_retry_timeout)
        self._quiet = QTimer(self)
        self._quiet.setObjectName("deskbreath-health-log-checkpoint")
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(quiet_ms)
        self._quiet.timeout.connect(self._on_quiet_timeout)

    @property
    def store(self) -> HealthLog:
        """The health log this keeper owns."""
        return self._store

    def tell(self, text: str) -> None:
        """The store's notice callback: becomes a :attr:`notice`."""
        self.notice.emit("deskbreath", text)

    def open(self) -> None:
        """Open the store at start-up (migrations, the one-time import, retention)."""
        if not self._store.open():
            self._retry.start()
        elif self._store.checkpoint_due:
            self._quiet.start()

    def add(self, record: Record) -> None:
        """Write ``record``; if the store cannot, arm the retry timer (records wait in memory)."""
        self._store.add(record)
        if self._store.waiting and not self._retry.isActive():
            self._retry.start()
        if self._store.checkpoint_due:
            self._quiet.start()  # (re)started: it runs once records stop coming

    def flush(self) -> None:
        """Write what waits now (before a view reads the database)."""
        self._store.flush()

    def clear(self) -> int:
        """Delete every record; see :meth:`HealthLog.clear` (raises ``sqlite3.Error``)."""
        gone = self._store.clear()
        log.info("health log cleared: %d records deleted", gone)
        self.cleared.emit()
        return gone

    def set_keep_days(self, days: int | None) -> None:
        """Keep ``days`` days of history (None: all), applied now (``history_days``)."""
        self._store.set_keep_days(days)

    def close(self) -> None:
        """Stop the timers, write what waits (one last try) and close the store."""
        self._retry.stop()
        self._quiet.stop()
        self._store.close()

    def _on_quiet_timeout(self) -> None:
        self._store.start_checkpoint()

    def _on_retry_timeout(self) -> None:
        if not self._store.flush():
            self._retry.start()
