"""The history store: one JSON line per exercise outcome, appended."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from deskbreath.core.history import Outcome

log = logging.getLogger(__name__)


class HistoryFile:
    """Appends outcomes to a JSON Lines file. Failing to write is logged, never fatal:
    the exercise already happened, and the app must keep running."""

    def __init__(self, path: Path) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        return self._path

    def record(self, outcome: Outcome) -> None:
        entry = {
            "exercise": outcome.exercise,
            "result": outcome.result.value,
            "at": outcome.at.isoformat(timespec="seconds"),
            "duration": round(outcome.duration, 1),
            "reports": {k: list(v) if isinstance(v, tuple) else v
                        for k, v in outcome.reports.items()},
        }
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with self._path.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError as error:
            log.warning("could not add to the history file %s: %s", self._path, error)

    def read(self) -> list[dict[str, object]]:
        """Every readable entry; damaged lines are skipped and logged."""
        entries: list[dict[str, object]] = []
        try:
            lines = self._path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return entries
        for number, line in enumerate(lines, start=1):
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                log.warning("%s line %d is not valid JSON; skipped", self._path, number)
                continue
            if isinstance(value, dict):
                entries.append(value)
        return entries
