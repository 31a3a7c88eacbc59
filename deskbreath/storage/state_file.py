"""``state.json``: the runtime state that survives a restart, as a small JSON document.

The model and the restore rules are in :mod:`deskbreath.core.runtime_state`; this module only
turns a :class:`RuntimeState` into JSON and back, and reads and writes the file (atomically).
The format (version 1)::

    {
      "format": 1,
      "saved_at": "2026-03-28T23:30:05+01:00",
      "saved_monotonic": 81234.5,
      "boot_id": "5f1c…",                       # null where the platform cannot tell
      "pause": {"until": "2026-03-29T08:00:00+02:00", "ends_at": null},   # or null
      "snooze_until": null,                     # or an ISO 8601 time
      "next_exercise": "rotation",              # or null
      "bout": {"started": "…", "last_active": "…", "last_active_monotonic": 81200.0,
               "sitting": 1520.0, "since_prompt": 300.0},                  # or null
      "hold": {"reasons": ["microphone"], "first": "…", "grace_until": null,
               "nudged": false}                                            # or null
    }

Every time is ISO 8601 with the UTC offset in force at that instant. ``pause.until`` is a
local wall-clock end (until tomorrow, ``--until``), ``pause.ends_at`` the end of a pause for a
duration; both null is a pause until resumed. ``hold`` is the course of the hold on a due
prompt while the user is busy (:class:`~deskbreath.core.runtime_state.SavedHold`; reasons as
in ``status --json``); a file without it (an older deskbreath) has none.

A file that cannot be used (not JSON, not an object, no or a newer ``format``, a field of the
wrong type) never stops the app: it is set aside as ``state.json.bad`` and deskbreath starts
without it, with one log line saying what was wrong. A part that is wrong on its own (say a
``bout`` with a text where a number belongs) is dropped and the rest kept, in the same line.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from deskbreath.core.holds import HoldReason
from deskbreath.core.runtime_state import FORMAT, RuntimeState, SavedBout, SavedHold, SavedPause
from deskbreath.storage.atomic import SaveError, atomic_write, remove_stale_temporaries

log = logging.getLogger(__name__)

_T = TypeVar("_T")


class StateError(ValueError):
    """A part of ``state.json`` that cannot be used; the message says what is wrong."""


def to_document(state: RuntimeState) -> dict[str, Any]:
    """``state`` as the JSON-ready document of the module docstring."""
    pause = None if state.pause is None else {
        "until": _time(state.pause.until), "ends_at": _time(state.pause.ends_at)}
    bout = None if state.bout is None else {
        "started": _time(state.bout.started),
        "last_active": _time(state.bout.last_active),
        "last_active_monotonic": state.bout.last_active_monotonic,
        "sitting": round(state.bout.sitting, 3),
        "since_prompt": round(state.bout.since_prompt, 3),
    }
    hold = None if state.hold is None else {
        "reasons": sorted(reason.value for reason in state.hold.reasons),
        "first": _time(state.hold.first),
        "grace_until": _time(state.hold.grace_until),
        "nudged": state.hold.nudged,
    }
    return {
        "format": FORMAT,
        "saved_at": _time(state.saved_at),
        "saved_monotonic": state.saved_monotonic,
        "boot_id": state.boot_id,
        "pause": pause,
        "snooze_until": _time(state.snooze_until),
        "next_exercise": state.next_exercise,
        "bout": bout,
        "hold": hold,
    }


def from_document(data: object) -> tuple[RuntimeState, list[str]]:
    """Read a parsed ``state.json``; returns the state and what of it was dropped.

    Raises:
        StateError: nothing of it can be used (not an object, no or a newer format, no
            valid ``saved_at``/``saved_monotonic``).
    """
    if not isinstance(data, dict):
        raise StateError(f"not a JSON object but {type(data).__name__}")
    version = data.get("format")
    if type(version) is not int:
        raise StateError(f'"format" must be a whole number, not {_short(version)}')
    if version > FORMAT:
        raise StateError(f"written by a newer deskbreath (format {version}; this one reads "
                         f"{FORMAT})")
    if version < 1:
        raise StateError(f"unknown format {version}")
    saved_at = _aware(data.get("saved_at"), "saved_at")
    saved_monotonic = _number(data.get("saved_monotonic"), "saved_monotonic")
    boot_id = data.get("boot_id")
    if boot_id is not None and not isinstance(boot_id, str):
        raise StateError(f'"boot_id" must be text or null, not {_short(boot_id)}')
    dropped: list[str] = []
    pause = _part(data, "pause", _pause, dropped)
    snooze = _part(data, "snooze_until", lambda v: _aware(v, "snooze_until"), dropped)
    next_exercise = _part(data, "next_exercise", _exercise, dropped)
    bout = _part(data, "bout", _bout, dropped)
    hold = _part(data, "hold", _hold, dropped)
    return RuntimeState(saved_at, saved_monotonic, boot_id, pause, snooze, next_exercise,
                        bout, hold), dropped


class StateFile:
    """Reads and writes ``state.json``.

    Neither ever raises: the app runs on without a saved state rather than stop (what went
    wrong is logged).

    Args:
        path: the file (``Paths.state_file``).
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._save_failed = False

    @property
    def path(self) -> Path:
        """The ``state.json`` file."""
        return self._path

    def load(self) -> RuntimeState | None:
        """The saved state, or None: no file, or one that cannot be used.

        A file that cannot be used is set aside as ``state.json.bad``, with one log line. A
        temporary file left by a save that was cut short (killed mid-write) is removed first.
        """
        remove_stale_temporaries(self._path)
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            log.warning("cannot read the state file %s (%s); starting without it",
                        self._path, error)
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
            state, dropped = from_document(data)
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            self._set_aside(_reason(error))
            return None
        if dropped:
            log.warning("state file %s: %s; kept the rest", self._path, "; ".join(dropped))
        return state

    def save(self, state: RuntimeState) -> None:
        """Replace the file with ``state`` (atomically).

        A failure is logged once per run of failures, and the app carries on.
        """
        data = json.dumps(to_document(state), indent=2, ensure_ascii=False) + "\n"
        try:
            atomic_write(self._path, data.encode("utf-8"))
        except SaveError as error:
            if not self._save_failed:
                log.warning("%s (deskbreath keeps running; the pause, snooze and rotation "
                            "will not survive a restart until it can save)", error)
            self._save_failed = True
            return
        if self._save_failed:
            log.info("state file %s saved again", self._path)
        self._save_failed = False

    def _set_aside(self, reason: str) -> None:
        aside = self._path.with_name(self._path.name + ".bad")
        try:
            self._path.replace(aside)
            kept = f"kept as {aside.name}"
        except OSError as error:
            kept = f"could not set it aside: {error}"
        log.warning("state file %s cannot be used (%s); starting without a saved pause, snooze, "
                    "rotation or bout (%s)", self._path, reason, kept)


def _reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(error, StateError):
        return str(error)
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return f"not JSON: {error}"


def _part(data: Mapping[str, Any], key: str, read: Callable[[Any], _T | None],
          dropped: list[str]) -> _T | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return read(value)
    except StateError as error:
        dropped.append(f'dropped "{key}": {error}')
        return None


def _pause(value: object) -> SavedPause:
    if not isinstance(value, dict):
        raise StateError(f"must be an object or null, not {_short(value)}")
    until = value.get("until")
    ends_at = value.get("ends_at")
    return SavedPause(None if until is None else _aware(until, "until"),
                      None if ends_at is None else _aware(ends_at, "ends_at"))


def _bout(value: object) -> SavedBout:
    if not isinstance(value, dict):
        raise StateError(f"must be an object or null, not {_short(value)}")
    sitting = _number(value.get("sitting"), "sitting")
    since_prompt = _number(value.get("since_prompt"), "since_prompt")
    if sitting < 0 or since_prompt < 0:
        raise StateError("sitting times cannot be negative")
    return SavedBout(
        started=_aware(value.get("started"), "started"),
        last_active=_aware(value.get("last_active"), "last_active"),
        last_active_monotonic=_number(value.get("last_active_monotonic"),
                                      "last_active_monotonic"),
        sitting=sitting,
        since_prompt=min(since_prompt, sitting),
    )


def _hold(value: object) -> SavedHold:
    if not isinstance(value, dict):
        raise StateError(f"must be an object or null, not {_short(value)}")
    reasons = value.get("reasons")
    known = {reason.value: reason for reason in HoldReason}
    if not isinstance(reasons, list) or not all(
            isinstance(reason, str) and reason in known for reason in reasons):
        raise StateError(f'"reasons" must be a list of {", ".join(known)}, not '
                         f"{_short(reasons)}")
    nudged = value.get("nudged")
    if not isinstance(nudged, bool):
        raise StateError(f'"nudged" must be true or false, not {_short(nudged)}')
    grace_until = value.get("grace_until")
    return SavedHold(
        reasons=frozenset(known[reason] for reason in reasons),
        first=_aware(value.get("first"), "first"),
        grace_until=None if grace_until is None else _aware(grace_until, "grace_until"),
        nudged=nudged,
    )


def _exercise(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise StateError(f"must be an exercise id, not {_short(value)}")
    return value


def _aware(value: object, key: str) -> datetime:
    if not isinstance(value, str):
        raise StateError(f'"{key}" must be an ISO 8601 time, not {_short(value)}')
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise StateError(f'"{key}" is not an ISO 8601 time: {_short(value)}') from None
    if moment.utcoffset() is None:
        raise StateError(f'"{key}" has no UTC offset: {_short(value)}')
    return moment


def _number(value: object, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StateError(f'"{key}" must be a number, not {_short(value)}')
    try:
        number = float(value)
    except OverflowError:  # an integer with hundreds of digits
        number = math.inf
    if not math.isfinite(number):
        raise StateError(f'"{key}" must be a finite number, not {_short(value)}')
    return number


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 40 else text[:37] + "…"
