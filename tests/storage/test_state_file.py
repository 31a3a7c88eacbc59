"""state.json: written atomically in the documented format, read back as it was, and a damaged
file ignored with one log line, never stopping the app.
"""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from deskbreath.core.holds import HoldReason
from deskbreath.core.runtime_state import RuntimeState, SavedBout, SavedHold, SavedPause
from deskbreath.paths import Paths
from deskbreath.storage.atomic import STALE_TEMP_AGE
from deskbreath.storage.state_file import StateFile, from_document, to_document
from tests.fakes import START

STATE = RuntimeState(
    saved_at=START,
    saved_monotonic=1234.5,
    boot_id="boot-1",
    pause=SavedPause(until=datetime.fromisoformat("2026-11-24T08:00:00+01:00")),
    snooze_until=START + timedelta(minutes=15),
    next_exercise="rotation",
    bout=SavedBout(started=START - timedelta(minutes=30), last_active=START,
                   last_active_monotonic=1230.0, sitting=1700.0, since_prompt=500.0),
    hold=SavedHold(reasons=frozenset({HoldReason.MICROPHONE, HoldReason.CAMERA}),
                   first=START - timedelta(minutes=20),
                   grace_until=START + timedelta(seconds=40), nudged=True),
)


@pytest.fixture
def state_file(paths: Paths) -> StateFile:
    """A StateFile in the state directory, which does not exist yet."""
    return StateFile(paths.state_file)


def _write(state_file: StateFile, data: str | bytes) -> None:
    state_file.path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    state_file.path.write_bytes(data)


def test_state_lives_in_the_state_directory(paths: Paths) -> None:
    """The file is state.json in the state directory the paths module names."""
    assert paths.state_file == paths.state_dir / "state.json"


def test_a_saved_state_reads_back_as_it_was(state_file: StateFile) -> None:
    """Save then load gives the same state; the folder is made on the way."""
    state_file.save(STATE)

    assert state_file.load() == STATE


def test_the_file_is_the_documented_document(state_file: StateFile) -> None:
    """The file is format 1 JSON with ISO 8601 times carrying their UTC offsets."""
    state_file.save(STATE)

    document = json.loads(state_file.path.read_text(encoding="utf-8"))

    assert document["format"] == 1
    assert document["pause"] == {"until": "2026-11-24T08:00:00+01:00", "ends_at": None}
    assert document["snooze_until"] == "2026-11-23T09:15:00+01:00"
    assert document["bout"]["last_active"] == "2026-11-23T09:00:00+01:00"
    assert document["hold"] == {"reasons": ["camera", "microphone"],
                                "first": "2026-11-23T08:40:00+01:00",
                                "grace_until": "2026-11-23T09:00:40+01:00", "nudged": True}
    assert set(document) == {"format", "saved_at", "saved_monotonic", "boot_id", "pause",
                             "snooze_until", "next_exercise", "bout", "hold"}


def test_a_file_without_a_hold_reads_as_no_hold(state_file: StateFile) -> None:
    """A state.json written before holds were kept (no "hold" key) reads with no hold and
    everything else as it was.
    """
    document = to_document(STATE)
    del document["hold"]
    _write(state_file, json.dumps(document))

    state = state_file.load()

    assert state is not None
    assert state.hold is None
    assert state.bout == STATE.bout


def test_no_file_is_no_state(state_file: StateFile, caplog: pytest.LogCaptureFixture) -> None:
    """The first start has nothing to restore and says nothing about it."""
    assert state_file.load() is None
    assert caplog.records == []


@pytest.mark.parametrize(("data", "reason"), [
    ("{not json", "not JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    ("[1, 2]", "not a JSON object"),
    ('{"format": 2, "saved_at": "2026-11-23T09:00:00+01:00", "saved_monotonic": 1}',
     "written by a newer deskbreath (format 2"),
    ('{"format": "1"}', '"format" must be a whole number'),
    ('{"saved_at": "2026-11-23T09:00:00+01:00"}', '"format" must be a whole number'),
    ('{"format": 1, "saved_at": "yesterday", "saved_monotonic": 1}',
     '"saved_at" is not an ISO 8601 time'),
    ('{"format": 1, "saved_at": "2026-11-23T09:00:00", "saved_monotonic": 1}',
     '"saved_at" has no UTC offset'),
    ('{"format": 1, "saved_at": "2026-11-23T09:00:00+01:00", "saved_monotonic": "1"}',
     '"saved_monotonic" must be a number'),
    ('{"format": 1, "saved_at": "2026-11-23T09:00:00+01:00", "saved_monotonic": 1e999}',
     '"saved_monotonic" must be a finite number'),
    ("[" * 100_000, "nested too deeply"),
])
def test_a_damaged_file_is_ignored_with_one_log_line_and_kept_aside(
    state_file: StateFile, caplog: pytest.LogCaptureFixture, data: str | bytes, reason: str,
) -> None:
    """Bad JSON, wrong types or a newer format: no state, one warning saying what was wrong,
    and the file set aside as state.json.bad (the next save writes a fresh one).
    """
    _write(state_file, data)

    assert state_file.load() is None

    assert len(caplog.records) == 1
    assert caplog.records[0].levelno == logging.WARNING
    assert reason in caplog.records[0].getMessage()
    assert not state_file.path.exists()
    assert state_file.path.with_name("state.json.bad").exists()
    state_file.save(STATE)
    assert state_file.load() == STATE


@pytest.mark.parametrize(("part", "value", "reason"), [
    ("bout", {"sitting": "lots"}, 'dropped "bout": "sitting" must be a number'),
    ("bout", [1], 'dropped "bout": must be an object'),
    ("pause", {"until": 8}, 'dropped "pause": "until" must be an ISO 8601 time'),
    ("snooze_until", "soon", 'dropped "snooze_until": "snooze_until" is not an ISO 8601 time'),
    ("next_exercise", 3, 'dropped "next_exercise": must be an exercise id'),
    ("hold", {"reasons": ["telepathy"], "first": "2026-11-23T08:40:00+01:00", "nudged": False},
     'dropped "hold": "reasons" must be a list of do-not-disturb'),
    ("hold", {"reasons": [], "first": "2026-11-23T08:40:00", "nudged": False},
     'dropped "hold": "first" has no UTC offset'),
    ("hold", {"reasons": [], "first": "2026-11-23T08:40:00+01:00", "nudged": "yes"},
     'dropped "hold": "nudged" must be true or false'),
])
def test_a_damaged_part_is_dropped_and_the_rest_kept(
    state_file: StateFile, caplog: pytest.LogCaptureFixture, part: str, value: Any, reason: str,
) -> None:
    """One bad part costs only that part; one warning names it."""
    document = to_document(STATE) | {part: value}
    _write(state_file, json.dumps(document))

    state = state_file.load()

    assert state is not None
    assert getattr(state, part) is None
    kept = {"pause", "snooze_until", "next_exercise", "bout", "hold"} - {part}
    assert all(getattr(state, name) == getattr(STATE, name) for name in kept)
    assert len(caplog.records) == 1
    assert reason in caplog.records[0].getMessage()


def test_a_save_that_fails_is_logged_once_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """Where the state directory should be there is a file: saving logs one warning, however
    often it is tried, and the app goes on.
    """
    blocker = tmp_path / "state"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    state_file = StateFile(blocker / "state.json")

    state_file.save(STATE)
    state_file.save(STATE)

    assert len(caplog.records) == 1
    assert "will not survive a restart" in caplog.records[0].getMessage()


def test_saving_leaves_no_temporary_file(state_file: StateFile) -> None:
    """Only state.json is in the folder after two saves (atomic replace)."""
    state_file.save(STATE)
    state_file.save(STATE)

    assert [p.name for p in state_file.path.parent.iterdir()] == ["state.json"]


def test_a_save_cut_short_leaves_nothing_behind_after_the_next_start(
    state_file: StateFile,
) -> None:
    """A temporary file from a save killed mid-write (older than a save can take) is gone
    after the next load; the state saved before it is read as usual.
    """
    state_file.save(STATE)
    leftover = state_file.path.with_name(".state.json.k3j_x9a2.tmp")
    leftover.write_text('{"format": 1, "sa', encoding="utf-8")
    old = time.time() - STALE_TEMP_AGE - 1
    os.utime(leftover, (old, old))

    assert state_file.load() == STATE
    assert not leftover.exists()


def test_from_document_rejects_what_is_not_an_object() -> None:
    """The parser names what it got."""
    with pytest.raises(ValueError, match="not a JSON object but list"):
        from_document([])
