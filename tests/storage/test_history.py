"""The history file: outcomes written as JSON lines and read back as typed records."""

from __future__ import annotations

import json
import logging
from dataclasses import FrozenInstanceError
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from deskbreath.core.history import Outcome, Result
from deskbreath.storage.history import HistoryFile
from tests.fakes import START

#: A line as the first version of deskbreath wrote it; the format must keep reading it.
FIRST_VERSION_LINE = (
    '{"exercise": "posture", "result": "done", "at": "2026-11-23T09:00:00+01:00", '
    '"duration": 21.3, "reports": {"fixed": ["feet", "screen"], "rating": "ok"}}'
)


@pytest.fixture
def history(tmp_path: Path) -> HistoryFile:
    """A history file in a folder that does not exist yet."""
    return HistoryFile(tmp_path / "data" / "history.jsonl")


def test_an_outcome_is_written_in_the_documented_format(history: HistoryFile) -> None:
    """The written line uses the identifiers and keys of the first version, byte for byte."""
    outcome = Outcome("posture", Result.DONE, START, 21.34,
                      {"fixed": ("feet", "screen"), "rating": "ok"})

    history.record(outcome)

    assert history.path.read_text(encoding="utf-8") == FIRST_VERSION_LINE + "\n"


def test_a_first_version_line_reads_as_a_typed_record(history: HistoryFile) -> None:
    """Time, id, result, duration and answers come back with their types."""
    history.path.parent.mkdir()
    history.path.write_text(FIRST_VERSION_LINE + "\n", encoding="utf-8")

    [outcome] = history.read()

    assert outcome == Outcome("posture", Result.DONE, START, 21.3,
                              {"fixed": ("feet", "screen"), "rating": "ok"})
    assert outcome.at.utcoffset() == timedelta(hours=1)
    assert outcome.result is Result.DONE


@pytest.mark.parametrize("result", list(Result))
def test_every_result_survives_a_round_trip(history: HistoryFile, result: Result) -> None:
    """What is recorded is what is read, for every result and kind of answer."""
    at = datetime(2026, 11, 24, 17, 5, 9, tzinfo=timezone(timedelta(hours=-5)))
    outcome = Outcome("breathing", result, at, 130.2,
                      {"belly_moved_more": "yes", "snooze_seconds": 900.0, "count": 3,
                       "calm": True})

    history.record(outcome)

    assert history.read() == [outcome]


def test_a_missing_file_is_an_empty_history(history: HistoryFile) -> None:
    """Before the first outcome there is nothing to read, and no error."""
    assert history.read() == []


def test_malformed_lines_are_skipped_with_their_line_numbers(
        history: HistoryFile, caplog: pytest.LogCaptureFixture) -> None:
    """Each bad line is logged once by number; the good lines around it are read."""
    good = json.loads(FIRST_VERSION_LINE)
    lines = [
        FIRST_VERSION_LINE,                                      # 1 good
        "{not json",                                             # 2
        json.dumps({**good, "result": "finished"}),              # 3 unknown result
        json.dumps({**good, "at": "2026-11-23T09:00:00"}),       # 4 no UTC offset
        "",                                                      # 5 blank: silently skipped
        json.dumps({**good, "duration": -1}),                    # 6
        json.dumps({**good, "reports": {"fixed": [1, 2]}}),      # 7
        json.dumps(["a", "list"]),                               # 8
        json.dumps({**good, "exercise": "rotation"}),            # 9 good
    ]
    history.path.parent.mkdir()
    data = "\n".join(lines).encode() + b"\n\xff\xfe\n"           # 10 not UTF-8
    history.path.write_bytes(data)

    with caplog.at_level(logging.WARNING, logger="deskbreath.storage.history"):
        outcomes = history.read()

    assert [o.exercise for o in outcomes] == ["posture", "rotation"]
    skipped = [r.getMessage() for r in caplog.records]
    assert [f"line {n} skipped" in message for n, message in
            zip((2, 3, 4, 6, 7, 8, 10), skipped, strict=True)] == [True] * 7
    assert history.path.read_bytes() == data  # nothing the user had is lost


def test_a_line_separator_inside_an_answer_does_not_split_the_line(
        history: HistoryFile) -> None:
    """Unicode line separators are text inside JSON, not line ends."""
    outcome = Outcome("posture", Result.DONE, START, reports={"note": "a\u2028b\x85c"})

    history.record(outcome)

    assert history.read() == [outcome]


def test_a_record_cannot_be_changed_after_it_is_made() -> None:
    """Outcomes are frozen, answers included, even when the caller's dict changes later."""
    answers = {"rating": "ok"}
    outcome = Outcome("posture", Result.DONE, START, reports=answers)

    answers["rating"] = "poor"

    assert outcome.reports == {"rating": "ok"}
    with pytest.raises(TypeError):
        outcome.reports["rating"] = "poor"  # type: ignore[index]
    with pytest.raises(FrozenInstanceError):
        outcome.result = Result.SKIPPED  # type: ignore[misc]
