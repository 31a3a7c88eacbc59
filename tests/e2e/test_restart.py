"""The real app keeps the user's choices across a restart: start, act, quit, start again, and
read `deskbreath status --json` (Xvfb + trayer, the real X11 idle time).
"""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.e2e.conftest import RunningApp, app_running, keep_active, write_settings
from tests.support.waits import WAIT_S
from tests.support.xserver import XServer

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROMPT = "deskbreath: "


def _quit(app: RunningApp) -> None:
    """`deskbreath quit`, and wait for the process to end by itself."""
    done = app.cli("quit")
    assert done.returncode == 0, done.stderr
    assert app.process.wait(timeout=WAIT_S) == 0, app.output()
    assert "Traceback" not in app.output()


def _state_file(home: Path) -> Path:
    return home / ".local/state/deskbreath/state.json"


def _bout_rows(home: Path) -> list[tuple[float, float, str]]:
    """The health log's bouts as stored: (start, sitting, ended), oldest first."""
    db = sqlite3.connect(f"file:{home / '.local/share/deskbreath/health.sqlite3'}?mode=ro",
                         uri=True)
    try:
        return db.execute("SELECT start, sitting, ended FROM bouts ORDER BY start").fetchall()
    finally:
        db.close()


def test_pause_until_tomorrow_survives_a_restart(tray: XServer, tmp_path: Path) -> None:
    """Pause --until-tomorrow, quit, start: still paused until the same instant."""
    home = tmp_path / "home"
    write_settings(home, 'reminder_interval = "10m"\n')
    with app_running(home, tray) as first:
        assert first.cli("pause", "--until-tomorrow").returncode == 0
        before = first.status()
        assert before["state"] == "paused"
        _quit(first)
    assert json.loads(_state_file(home).read_text())["pause"]["until"] is not None

    with app_running(home, tray) as second:
        after = second.status()

    assert after["state"] == "paused"
    assert after["until"] == before["until"]
    assert isinstance(after["until"], str)
    until = datetime.fromisoformat(after["until"])
    assert until.utcoffset() == until.astimezone().utcoffset()  # the offset in force then


def test_snooze_survives_a_restart(tray: XServer, tmp_path: Path) -> None:
    """Snooze 30m, quit, start: still snoozed, ending when it would have ended."""
    home = tmp_path / "home"
    write_settings(home, 'reminder_interval = "10m"\n')
    with app_running(home, tray) as first:
        assert first.cli("snooze", "30m").returncode == 0
        before = first.status()
        _quit(first)

    with app_running(home, tray) as second:
        after = second.status()

    assert before["state"] == after["state"] == "snoozed"
    assert isinstance(before["until"], str)
    assert isinstance(after["until"], str)
    drift = (datetime.fromisoformat(after["until"])
             - datetime.fromisoformat(before["until"])).total_seconds()
    assert abs(drift) <= 2


def test_rotation_position_survives_a_restart(tray: XServer, tmp_path: Path) -> None:
    """Breathing started and stopped (Esc): rotation is next, and still next after a restart
    (a fresh start would offer breathing).
    """
    home = tmp_path / "home"
    write_settings(home, 'reminder_interval = "10m"\n')
    with app_running(home, tray) as first:
        try:
            assert first.cli("now").returncode == 0
            first.wait_for(lambda: first.windows(PROMPT), what="the breathing window")
            first.server.run("xdotool", "key", "Escape")
            first.wait_for(lambda: first.status()["prompt_open"] is False,
                           what="Esc to stop the exercise")
            next_prompt = first.status()["next_prompt"]
            assert isinstance(next_prompt, dict)
            assert next_prompt["exercise"] == "rotation"
            _quit(first)
        finally:
            first.server.run("xdotool", "keyup", "Escape")

    with app_running(home, tray) as second:
        after = second.status()["next_prompt"]

    assert isinstance(after, dict)
    assert after["exercise"] == "rotation"


def test_a_quick_restart_continues_the_sitting_bout(tray: XServer, tmp_path: Path) -> None:
    """Sitting for a while, quit and start again at once (natural_break 1m): the sitting time
    goes on from where it was instead of starting at zero.
    """
    home = tmp_path / "home"
    write_settings(home, 'reminder_interval = "30m"\nnatural_break = "1m"\n')
    with app_running(home, tray) as first:
        keep_active(tray, 12)
        sitting = first.status()["sitting_seconds"]
        assert isinstance(sitting, int)
        assert sitting >= 8
        _quit(first)

    with app_running(home, tray) as second:
        after = second.status()

    assert after["present"] is True
    assert isinstance(after["sitting_seconds"], int)
    assert after["sitting_seconds"] >= sitting
    assert "the bout of" in second.output()


def test_a_bout_that_goes_on_across_restarts_is_one_bout_in_the_health_log(
    tray: XServer, tmp_path: Path,
) -> None:
    """Sitting, quit, start again at once, sit on, quit, and once more: the health log holds
    one bout, ended as quit at the last quit, with all the sitting, and `stats` counts one.
    """
    home = tmp_path / "home"
    write_settings(home, 'reminder_interval = "30m"\nnatural_break = "1m"\n')
    with app_running(home, tray) as first:
        keep_active(tray, 8)
        _quit(first)
    (before,) = _bout_rows(home)
    for _run in range(2):
        with app_running(home, tray) as again:
            keep_active(tray, 3)
            assert "the bout of" in again.output()
            _quit(again)

    rows = _bout_rows(home)
    stats = again.cli("stats", "--days", "1", "--json")

    assert len(rows) == 1, rows
    start, sitting, ended = rows[0]
    assert (start, ended) == (before[0], "quit")
    assert sitting >= before[1] + 4
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["periods"][0]["bouts"] == 1


def test_a_restart_longer_than_the_natural_break_starts_a_new_bout(
    tray: XServer, tmp_path: Path,
) -> None:
    """Sitting, quit, and no input for longer than the natural break (10 s) before the next
    start: the new start counts a new bout, which stays short after the user is back.
    """
    home = tmp_path / "home"
    write_settings(home, 'reminder_interval = "30m"\nnatural_break = "10s"\n')
    with app_running(home, tray) as first:
        keep_active(tray, 12)
        sitting = first.status()["sitting_seconds"]
        assert isinstance(sitting, int)
        assert sitting >= 8
        last_input = time.monotonic()
        _quit(first)
    # The claim is about a restart longer than the natural break, so the restart must last
    # that long: this wait is the test's condition, measured, not a guess at a duration.
    time.sleep(max(0.0, last_input + 11 - time.monotonic()))

    with app_running(home, tray) as second:
        keep_active(tray, 3)
        after = second.status()

    assert after["present"] is True
    assert isinstance(after["sitting_seconds"], int)
    assert after["sitting_seconds"] < sitting
    assert "a new bout begins" in second.output()
    first_bout, second_bout = _bout_rows(home)
    assert first_bout[2] == "quit"  # not continued: it ended when deskbreath quit
    assert first_bout[1] > sitting / 2
    assert second_bout[0] > first_bout[0]


def test_a_damaged_state_file_never_stops_the_app(tray: XServer, tmp_path: Path) -> None:
    """Garbage in state.json: the app starts and runs, says so in one log line, and keeps the
    file aside as state.json.bad; the next quit writes a good one.
    """
    home = tmp_path / "home"
    write_settings(home, 'reminder_interval = "10m"\n')
    state = _state_file(home)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_bytes(b'{"format": 1, "pause": ')
    with app_running(home, tray) as app:
        assert app.status()["state"] == "running"
        _quit(app)

    lines = [line for line in app.output().splitlines() if "state file" in line]
    assert len(lines) == 1
    assert "cannot be used (not JSON" in lines[0]
    assert state.with_name("state.json.bad").read_bytes() == b'{"format": 1, "pause": '
    assert json.loads(state.read_text())["format"] == 1
