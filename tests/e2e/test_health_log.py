"""The health log end to end: the real app records a snoozed and a completed prompt and its
sitting bout; `deskbreath stats --json` and `--csv` report them, while the app runs and after
it quit; `stats --window` opens the statistics window in the running app.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import (
    RunningApp,
    app_env,
    app_running,
    keep_active,
    shot,
    write_settings,
)
from tests.support.waits import WAIT_S
from tests.support.xserver import XServer, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROMPT = "deskbreath: "
#: The test keeps the user active (pointer moves every second), which never leaves a typing
#: lull, so the typing signal is off (tests/desktop/busy/test_typing.py is about the lull).
SETTINGS = """\
reminder_interval = "15s"
natural_break = "1m"
exercises = ["rotation"]

[rotation]
repetitions = 1
hold = "1s"

[busy]
typing = false
"""


def _stats(app: RunningApp) -> dict[str, Any]:
    done = app.cli("stats", "--days", "1", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert isinstance(document, dict)
    return document


def test_snoozed_and_completed_prompts_reach_stats_and_csv(tray: XServer,
                                                           tmp_path: Path) -> None:
    """Snooze the offered prompt, complete one started from the command line, quit: the
    statistics count one offer, one snooze of 60 s, one rotation done and a sitting bout.
    """
    with app_running(tmp_path / "home", tray, SETTINGS) as app:
        keep_active(tray, WAIT_S, until=lambda: app.windows(PROMPT))
        assert app.windows(PROMPT), "no prompt while active:\n" + app.output()
        snoozed = app.cli("snooze", "1m")
        assert snoozed.returncode == 0, snoozed.stderr
        app.wait_for(lambda: not app.windows(PROMPT), what="the snoozed prompt to close")

        started = app.cli("now", "rotation")
        assert started.returncode == 0, started.stderr
        app.wait_for(lambda: "exercise rotation reached its end" in app.output(),
                     what="the rotation to reach its end")
        tray.run("xdotool", "key", "Escape")
        app.wait_for(lambda: "prompt rotation ended: done" in app.output(),
                     what="the rotation to close as done")

        running = _stats(app)["periods"][0]  # read while the app runs and holds the log
        assert running["prompts"]["offered"] == 1
        assert running["prompts"]["snoozed"] == 1
        assert running["prompts"]["started"] == 1
        assert running["exercises_done"]["rotation"] == 1

        window = app.cli("stats", "--window")
        assert window.returncode == 0, window.stderr
        app.wait_for(lambda: app.windows("^deskbreath statistics$"),
                     what="the statistics window")
        shot(tray, "e2e-statistics-window")
        quit_ = app.cli("quit")
        assert quit_.returncode == 0, quit_.stderr
        app.wait_for(lambda: app.process.poll() is not None, what="the app to quit")

    after = _stats(app)
    today = after["periods"][0]
    assert today["bouts"] >= 1
    assert today["sitting_seconds"] > 0
    assert today["exercises_done"]["rotation"] == 1
    assert after["database"].endswith("health.sqlite3")
    days = app.cli("stats", "--days", "1", "--csv")
    assert days.returncode == 0, days.stderr
    (row,) = list(csv.DictReader(days.stdout.splitlines()))
    assert row["day"] == date.today().isoformat()
    assert (row["rotation"], row["snoozed"], row["offered"]) == ("1", "1", "1")
    assert float(row["sitting_minutes"]) > 0
    assert "Traceback" not in app.output()


def test_stats_window_starts_the_app_when_none_runs(tray: XServer, tmp_path: Path) -> None:
    """With no deskbreath running, `stats --window` starts one and its statistics window
    opens; `quit` ends it.
    """
    home = tmp_path / "home"
    write_settings(home, 'reminder_interval = "1h"\n')
    env = app_env(home, tray)
    lock = home / "run" / "deskbreath" / "deskbreath.lock"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "deskbreath", *args], env=env,
                              capture_output=True, text=True, timeout=WAIT_S * 2, check=False)

    try:
        opened = cli("stats", "--window")
        assert opened.returncode == 0, opened.stderr
        wait_for(lambda: tray.run("xdotool", "search", "--onlyvisible", "--name",
                                  "^deskbreath statistics$", check=False).split(),
                 timeout=WAIT_S, what="the statistics window of the app it started")
    finally:
        quit_ = cli("quit")
        if quit_.returncode != 0 and lock.exists():  # never leave the app it started behind
            pid = int(lock.read_text().split()[0])
            os.kill(pid, signal.SIGTERM)
    assert quit_.returncode == 0, quit_.stderr


def test_stats_count_the_sitting_up_to_now_while_the_app_runs(tray: XServer,
                                                              tmp_path: Path) -> None:
    """Sitting for a while, `status` then `stats --json`: the statistics count at least the
    sitting that `status` just reported (the app records the bout under way first).
    """
    home = tmp_path / "home"
    with app_running(home, tray, 'reminder_interval = "30m"\nnatural_break = "1m"\n') as app:
        keep_active(tray, 10)
        sitting = app.status()["sitting_seconds"]
        today = _stats(app)["periods"][0]
        done = app.cli("quit")
        assert done.returncode == 0, done.stderr

    assert isinstance(sitting, int)
    assert sitting >= 6
    assert today["bouts"] == 1
    assert today["sitting_seconds"] >= sitting - 1
