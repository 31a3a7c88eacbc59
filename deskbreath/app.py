"""PLACEHOLDER composition root, only good enough for the command-line tests of the ipc
branch: a QApplication, a fake :class:`CommandTarget` and the command server. The real app
replaces this module."""

from __future__ import annotations

import logging
import sys
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from deskbreath.commands import CommandError
from deskbreath.core.clock import Clock, SystemClock
from deskbreath.core.durations import humanize
from deskbreath.core.policy import Mode, Status
from deskbreath.core.report import exercise_name, status_document
from deskbreath.core.settings import EXERCISE_IDS, Settings
from deskbreath.core.working_hours import next_day_start
from deskbreath.paths import Paths
from deskbreath.qt.ipc import SingleInstance

log = logging.getLogger(__name__)


class _PlaceholderTarget:
    """Keeps just enough state (mode, until, rotation) to answer every command plausibly."""

    def __init__(self, clock: Clock, quit_app: Any) -> None:
        self._clock = clock
        self._quit_app = quit_app
        self._bout_started = clock.monotonic()
        self._mode = Mode.RUNNING
        self._until: datetime | None = None
        self._next = 0
        self._settings = Settings()

    def start_now(self, exercise: str | None) -> str:
        chosen = exercise or EXERCISE_IDS[self._next]
        self._next = (EXERCISE_IDS.index(chosen) + 1) % len(EXERCISE_IDS)
        return f"Starting {exercise_name(chosen).lower()}."

    def snooze(self, seconds: float | None) -> str:
        length = seconds or self._settings.snooze_choices[0]
        self._mode, self._until = Mode.SNOOZED, self._clock.now() + timedelta(seconds=length)
        return f"Snoozed for {humanize(length)}."

    def pause(self, *, seconds: float | None = None, until: datetime | None = None,
              until_tomorrow: bool = False) -> str:
        now = self._clock.now()
        if seconds is not None:
            until = now + timedelta(seconds=seconds)
        elif until_tomorrow:
            until = next_day_start(now, self._settings.day_start)
        self._mode, self._until = Mode.PAUSED, until
        return "Paused until you resume." if until is None else f"Paused until {until:%H:%M}."

    def resume(self) -> str:
        if self._mode is Mode.RUNNING:
            raise CommandError("deskbreath is not paused or snoozed")
        self._mode, self._until = Mode.RUNNING, None
        return "Resumed."

    def status(self) -> dict[str, Any]:
        now = self._clock.now()
        if self._until is not None and self._until <= now:
            self._mode, self._until = Mode.RUNNING, None
        bout = self._clock.monotonic() - self._bout_started
        due_in = max(0.0, self._settings.reminder_interval - bout)
        next_at = now + timedelta(seconds=due_in)
        if self._until is not None and self._until > next_at:
            next_at = self._until
        state = Status(self._mode, bout, True, EXERCISE_IDS[self._next], due_in, next_at,
                       self._until, False)
        return status_document(state, idle_backend="none (placeholder app)",
                               idle_seconds=None, now=now)

    def open_settings(self) -> str:
        return "The settings dialog would open now (placeholder app)."

    def show(self) -> str:
        log.info("show requested")
        return "Showing deskbreath."

    def quit(self) -> str:
        QTimer.singleShot(0, self._quit_app)
        return "Quitting deskbreath."


def run(verbose: bool, instance: SingleInstance, paths: Paths) -> int:
    """Run the placeholder app until ``deskbreath quit``."""
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    target = _PlaceholderTarget(SystemClock(), app.quit)
    instance.serve(target, parent=app)
    log.info("placeholder app running (verbose=%s, config in %s)", verbose, paths.config_dir)
    return app.exec()
