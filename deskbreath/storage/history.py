"""The history store: one JSON line per exercise outcome, appended (JSON Lines).

Each line is one object; its keys and values are the file format, unchanged since the first
version::

    {"exercise": "breathing", "result": "done", "at": "2026-11-25T14:32:10+01:00",
     "duration": 130.2, "reports": {"belly_moved_more": "yes"}}

``exercise`` is the exercise id, ``result`` a :class:`~deskbreath.core.history.Result` value,
``at`` an ISO 8601 time with its UTC offset, ``duration`` seconds (one decimal), and
``reports`` maps each self-report key to a string, number, true/false or a list of strings.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from deskbreath.core.history import Outcome, ReportValue, Result

log = logging.getLogger(__name__)

_RESULTS = tuple(result.value for result in Result)


class MalformedEntryError(ValueError):
    """A history line that is not an outcome; the message says what is wrong with it."""


class HistoryFile:
    """Appends outcomes to a JSON Lines file and reads them back.

    Failing to write or read is logged, never fatal: the exercise already happened, and the
    app must keep running.
    """

    def __init__(self, path: Path) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        """The JSON Lines file."""
        return self._path

    def record(self, outcome: Outcome) -> None:
        """Append ``outcome`` as one line (the file and its folder are made when missing)."""
        line = json.dumps(to_entry(outcome), ensure_ascii=False) + "\n"
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with self._path.open("a", encoding="utf-8") as handle:
                handle.write(line)
        except OSError as error:
            log.warning("could not add to the history file %s: %s", self._path, error)

    def read(self) -> list[Outcome]:
        """Every readable outcome, oldest first.

        A line that is not an outcome (not JSON, not UTF-8, a missing or wrong field) is
        skipped with one warning naming its line number; blank lines are skipped silently.
        A torn line (a write cut short by a full disk or a crash) has the next record glued
        onto it: that record is kept, and only the torn part is skipped.
        The file itself is never changed. A missing file is an empty history; an unreadable
        one is logged and read as empty.
        """
        try:
            data = self._path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            log.warning("could not read the history file %s: %s", self._path, error)
            return []
        outcomes: list[Outcome] = []
        for number, raw in enumerate(data.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                outcomes.append(from_entry(_decode(raw)))
            except MalformedEntryError as error:
                glued = _glued_record(raw)
                if glued is None:
                    log.warning("%s line %d skipped: %s", self._path, number, error)
                else:
                    log.warning("%s line %d: a torn record skipped, the record after it kept",
                                self._path, number)
                    outcomes.append(glued)
        return outcomes


def to_entry(outcome: Outcome) -> dict[str, object]:
    """The JSON object stored for ``outcome`` (see the module docstring)."""
    return {
        "exercise": outcome.exercise,
        "result": outcome.result.value,
        "at": outcome.at.isoformat(timespec="seconds"),
        "duration": round(outcome.duration, 1),
        "reports": {key: list(value) if isinstance(value, tuple) else value
                    for key, value in outcome.reports.items()},
    }


def from_entry(entry: object) -> Outcome:
    """The outcome a stored JSON object describes; the inverse of :func:`to_entry`.

    The inverse up to its rounding. ``duration`` and ``reports`` may be missing (0 and none).

    Raises:
        MalformedEntryError: ``entry`` is not such an object; the message names the field.
    """
    if not isinstance(entry, Mapping):
        raise MalformedEntryError(f"not a JSON object: {_short(entry)}")
    exercise = entry.get("exercise")
    if not isinstance(exercise, str) or not exercise:
        raise MalformedEntryError(f'"exercise" must be an exercise id; got {_short(exercise)}')
    result = entry.get("result")
    if not isinstance(result, str) or result not in _RESULTS:
        known = ", ".join(_RESULTS)
        raise MalformedEntryError(f'"result" must be one of {known}; got {_short(result)}')
    return Outcome(exercise, Result(result), _aware_time(entry.get("at")),
                   _duration(entry.get("duration", 0.0)), _reports(entry.get("reports", {})))


def _glued_record(raw: bytes) -> Outcome | None:
    """The whole record at the end of a line that starts with a torn one, if there is one."""
    start = raw.rfind(b'{"')
    while start > 0:
        try:
            return from_entry(_decode(raw[start:]))
        except MalformedEntryError:
            start = raw.rfind(b'{"', 0, start)
    return None


def _decode(raw: bytes) -> object:
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise MalformedEntryError("not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise MalformedEntryError(f"not valid JSON ({error})") from None


def _aware_time(value: object) -> datetime:
    if not isinstance(value, str):
        raise MalformedEntryError(f'"at" must be an ISO 8601 time; got {_short(value)}')
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise MalformedEntryError(f'"at" must be an ISO 8601 time; got {_short(value)}') from None
    if moment.utcoffset() is None:
        raise MalformedEntryError(f'"at" has no UTC offset: {_short(value)}')
    return moment


def _duration(value: object) -> float:
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or not math.isfinite(value) or value < 0):
        raise MalformedEntryError(f'"duration" must be seconds (0 or more); got {_short(value)}')
    return float(value)


def _reports(value: object) -> dict[str, ReportValue]:
    if not isinstance(value, Mapping):
        raise MalformedEntryError(f'"reports" must be an object; got {_short(value)}')
    reports: dict[str, ReportValue] = {}
    for key, answer in value.items():
        if isinstance(answer, list) and all(isinstance(item, str) for item in answer):
            reports[key] = tuple(answer)
        elif isinstance(answer, str | int | float | bool):
            reports[key] = answer
        else:
            raise MalformedEntryError(f'report "{key}" has an unreadable answer: {_short(answer)}')
    return reports


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 60 else text[:57] + "…"
