"""kill -9 in the middle of a write loop never leaves an unreadable or torn health log."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from deskbreath.storage.health_read import read_records

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(5))
def test_kill_9_during_writes_leaves_a_readable_database(tmp_path: Path, round_: int) -> None:
    """After SIGKILL at a random moment of a write loop, the database passes SQLite's
    integrity check and holds every record the child reported written, each pair whole.
    """
    path = tmp_path / "health.sqlite3"
    child = subprocess.Popen([sys.executable, "-m", "tests.storage.health_writer", str(path)],
                             cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    stop_after = random.Random(round_).randint(50, 1500)
    written = 0
    try:
        for line in child.stdout:
            written = int(line)
            if written >= stop_after:
                child.send_signal(signal.SIGKILL)
                break
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()
    assert written >= stop_after, "the writer stopped before it was killed"

    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    db.close()
    records = read_records(path)
    assert records.skipped == 0
    # Each add is its own transaction: events and bouts alternate, at most one bout short.
    assert len(records.events) >= written
    assert len(records.events) - len(records.bouts) in (0, 1)
