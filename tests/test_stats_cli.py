"""`deskbreath stats` and `deskbreath history clear` read and clear the health log directly,
whether or not the app runs.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deskbreath import cli
from deskbreath.core.health import Bout, BoutEnd, EventKind, PromptEvent
from deskbreath.paths import Paths
from deskbreath.stats_cli import clear_history, stats
from deskbreath.storage.health_log import HealthLog
from deskbreath.storage.health_read import read_records

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 23, 17, 0, tzinfo=BERLIN)
ZONE = (BERLIN, "Europe/Berlin")


@pytest.fixture
def user_paths(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """`Paths.for_user()` answers with the test's paths (for runs through cli.main)."""
    monkeypatch.setattr(Paths, "for_user", classmethod(lambda cls: paths))
    return paths


@pytest.fixture
def store(paths: Paths) -> HealthLog:
    """A health log with one bout and two prompts today, as the running app leaves it
    (its connection stays open while the command reads).
    """
    log = HealthLog(paths.health_log, now=lambda: NOW)
    morning = NOW.replace(hour=9)
    log.add(Bout(morning, morning + timedelta(minutes=50), 2700.0, BoutEnd.NATURAL_BREAK))
    log.add(PromptEvent(EventKind.DONE, morning, "breathing", 120.0,
                        details={"belly_moved_more": "yes"}))
    log.add(PromptEvent(EventKind.SNOOZED, morning, "rotation", 900.0))
    return log


def test_json_without_a_database_is_an_empty_summary(
        paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    """No database yet: exit 0, format 1, zero figures, database null, and no file made."""
    code = stats(paths, days=None, output="json", now=NOW, zone=ZONE)

    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["format"] == 1
    assert document["database"] is None
    assert [p["days"] for p in document["periods"]] == [1, 7, 30]
    assert all(p["sitting_seconds"] == 0 for p in document["periods"])
    assert len(document["per_day"]) == 30
    assert not paths.health_log.exists()


def test_json_reports_the_records_while_the_app_holds_the_database(
        paths: Paths, store: HealthLog, capsys: pytest.CaptureFixture[str]) -> None:
    """With the app's connection open, --days 7 --json gives today's figures."""
    code = stats(paths, days=7, output="json", now=NOW, zone=ZONE)

    document = json.loads(capsys.readouterr().out)
    (week,) = document["periods"]
    assert code == 0
    assert week["days"] == 7
    assert week["sitting_seconds"] == 2700
    assert week["exercises_done"]["breathing"] == 1
    assert week["prompts"]["snoozed"] == 1
    assert week["breathing_minutes"] == 2.0
    assert len(document["per_day"]) == 7
    assert document["per_day"][-1]["day"] == "2026-11-23"
    store.close()


def test_csv_prints_one_row_per_day(paths: Paths, store: HealthLog,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """--csv --days 3 prints a header and three day rows."""
    stats(paths, days=3, output="csv", now=NOW, zone=ZONE)

    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [row["day"] for row in rows] == ["2026-11-21", "2026-11-22", "2026-11-23"]
    assert rows[-1]["sitting_minutes"] == "45.0"
    store.close()


def test_text_summary_has_a_column_per_period(paths: Paths, store: HealthLog,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The plain summary lists today, 7 and 30 days side by side."""
    stats(paths, days=None, output="text", now=NOW, zone=ZONE)

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Today", "Last", "7", "days", "Last", "30", "days"]
    assert lines[1].split() == ["Sitting", "time", "45", "min", "45", "min", "45", "min"]
    store.close()


def test_reading_does_not_change_the_database(paths: Paths, store: HealthLog) -> None:
    """Stats opens the file read-only: its bytes stay the same."""
    store.close()
    before = paths.health_log.read_bytes()

    stats(paths, days=None, output="json", now=NOW, zone=ZONE)

    assert paths.health_log.read_bytes() == before


@pytest.mark.parametrize(("argv", "hint"), [
    (["stats", "--days", "0"], "--days 7"),
    (["stats", "--days", "week"], "--days 7"),
    (["stats", "--json", "--csv"], "not allowed with"),
    (["history", "erase"], "invalid choice"),
])
def test_bad_arguments_exit_2_with_the_right_form(
        argv: list[str], hint: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A wrong argument exits 2 and the message shows the right form."""
    code = cli.main(argv)

    assert code == 2
    assert hint in capsys.readouterr().err


def test_stats_through_the_command_line(user_paths: Paths, store: HealthLog,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """`deskbreath stats --json` runs through the real entry point and exits 0."""
    code = cli.main(["stats", "--json"])

    assert code == 0
    assert json.loads(capsys.readouterr().out)["format"] == 1
    store.close()


def test_history_clear_asks_and_keeps_everything_on_no(paths: Paths, store: HealthLog) -> None:
    """Without --yes it asks; "n" (or end of input) deletes nothing and exits 1."""
    questions: list[str] = []

    def ask(question: str) -> str:
        questions.append(question)
        return "n"

    assert clear_history(paths, yes=False, ask=ask) == 1

    def no_input(_question: str) -> str:
        raise EOFError

    assert clear_history(paths, yes=False, ask=no_input) == 1
    assert "cannot be undone" in questions[0]
    assert len(read_records(paths.health_log).events) == 2
    store.close()


def test_history_clear_yes_deletes_while_the_app_keeps_recording(
        paths: Paths, store: HealthLog, capsys: pytest.CaptureFixture[str]) -> None:
    """--yes deletes every record and the imported jsonl copy; the app's next record is
    written after it, in a database that is still sound.
    """
    imported = paths.data_dir / "history.jsonl.imported"
    imported.write_text("{}\n", encoding="utf-8")

    assert clear_history(paths, yes=True) == 0
    store.add(PromptEvent(EventKind.DONE, NOW, "posture", 15.0))

    assert "3 records deleted" in capsys.readouterr().out
    assert not imported.exists()
    assert [e.exercise for e in read_records(paths.health_log).events] == ["posture"]
    store.close()


def test_history_clear_without_a_log_has_nothing_to_do(
        paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    """No health log: exit 0 and say there is nothing to clear."""
    assert clear_history(paths, yes=True) == 0
    assert "Nothing to clear" in capsys.readouterr().out


def test_the_default_zone_is_a_named_zone() -> None:
    """The local zone is a zoneinfo zone with a name (DST days need rules, not an offset)."""
    from deskbreath.stats_cli import local_zone

    zone, name = local_zone()

    assert isinstance(zone, ZoneInfo)
    assert name


def test_csv_module_output_is_rfc4180(tmp_path: Path) -> None:
    """Rows end in CRLF, as RFC 4180 and spreadsheets expect."""
    from deskbreath.storage.health_export import write_days

    target = tmp_path / "days.csv"
    with target.open("w", encoding="utf-8", newline="") as out:
        write_days([], out, ("breathing",))

    assert target.read_bytes().endswith(b"\r\n")


def test_json_and_csv_stay_english_while_the_text_speaks_german(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LANGUAGE=de: the summary in German with German numbers; --json and --csv as in
    English, byte for byte.

    Each run is a process of its own, as a user's command is: a German run inside the test
    process would leave glibc's error texts and the number formats German for later tests.
    """
    environ = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"),
               "XDG_STATE_HOME": str(tmp_path / "state"),
               "XDG_DATA_HOME": str(tmp_path / "data"),
               "XDG_RUNTIME_DIR": str(tmp_path / "run")}
    (tmp_path / "run").mkdir(mode=0o700)
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(name, environ[name])
    start = datetime.now(BERLIN) - timedelta(hours=2)  # within the last 7 days, always
    log = HealthLog(Paths.for_user().health_log, now=lambda: start)
    log.add(Bout(start, start + timedelta(minutes=50), 2700.0, BoutEnd.NATURAL_BREAK))
    log.add(PromptEvent(EventKind.DONE, start, "breathing", 120.0))
    log.close()

    def run(language: str, how: str) -> str:
        done = subprocess.run([sys.executable, "-m", "deskbreath", "stats",
                               *([how] if how else [])],
                              env={**environ, "LANGUAGE": language, "TZ": "Europe/Berlin"},
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    outputs = {language: {how: run(language, how) for how in ("--json", "--csv", "")}
               for language in ("en", "de")}

    generated = re.compile(r'"generated": "[^"]*"')  # the one moment in the document
    assert (generated.sub("", outputs["de"]["--json"])
            == generated.sub("", outputs["en"]["--json"]))
    assert outputs["de"]["--csv"] == outputs["en"]["--csv"]
    assert outputs["de"][""].split()[:1] == ["Heute"]
    assert "Sitzzeit" in outputs["de"][""]
    assert "45 min" in outputs["en"][""], outputs["en"][""]  # the bout's sitting, read back
