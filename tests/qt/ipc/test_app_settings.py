"""The running app and its settings file: hand edits apply live, bad values are explained,
and the app never rewrites the file on its own.
"""

from __future__ import annotations

import json
import subprocess

from pytestqt.qtbot import QtBot

from tests.qt.ipc.conftest import Desk
from tests.qt.ipc.test_single_instance import start_answering
from tests.support.waits import WAIT_MS


def _needed(desk: Desk) -> int:
    done = desk.cli("status", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    return int(document["next_prompt"]["sitting_seconds_needed"])


def test_hand_edit_reaches_the_running_app(
    qtbot: QtBot, desk: Desk, processes: list[subprocess.Popen[str]]
) -> None:
    """Saving settings.toml the way editors do (write aside, rename over) changes the
    running app's schedule within a second or so, without a restart.
    """
    settings = desk.paths.settings_file
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('reminder_interval = "45m"\n')
    start_answering(qtbot, desk, processes)
    assert _needed(desk) > 40 * 60

    aside = settings.with_name("settings.toml~")
    aside.write_text('# shorter while I test\nreminder_interval = "20m"\n')
    aside.replace(settings)

    qtbot.waitUntil(lambda: _needed(desk) <= 20 * 60, timeout=WAIT_MS)
    assert settings.read_text() == '# shorter while I test\nreminder_interval = "20m"\n'
    assert desk.cli("quit").returncode == 0


def test_bad_hand_edit_keeps_good_keys_and_file(
    qtbot: QtBot, desk: Desk, processes: list[subprocess.Popen[str]]
) -> None:
    """A bad value keeps its default, the good key in the same edit applies, the problem is
    logged with file, key and value, and the file is left as the user wrote it.
    """
    settings = desk.paths.settings_file
    settings.parent.mkdir(parents=True, exist_ok=True)
    start_answering(qtbot, desk, processes)
    text = 'reminder_interval = "25m"\nnatural_break = "soon"\n'
    settings.write_text(text)
    qtbot.waitUntil(lambda: _needed(desk) <= 25 * 60, timeout=WAIT_MS)
    assert settings.read_text() == text
    log = desk.paths.log_file.read_text()
    assert "natural_break" in log
    assert "soon" in log
    assert desk.cli("quit").returncode == 0
