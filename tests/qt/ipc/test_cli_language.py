"""The command line speaks the language of its own environment; its JSON never changes."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from pytestqt.qtbot import QtBot

from tests.qt.ipc.conftest import PROCESS_TIMEOUT, Desk
from tests.qt.ipc.test_single_instance import wait_until_answering

_MOVING = re.compile(r'("(?:sitting_seconds|sitting_seconds_needed|idle_seconds|in_seconds)": )'
                     r'[0-9.e+-]+|"\d{4}-\d\d-\d\dT[0-9:.+-]+"')
"""What moves between two calls: seconds counted and moments; everything else is fixed."""


def _run(desk: Desk, environ: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deskbreath", *args],
                          env={**desk.env, **environ}, capture_output=True, text=True,
                          timeout=PROCESS_TIMEOUT, check=False)


def _without_times(text: str) -> str:
    return _MOVING.sub(lambda match: (match.group(1) or "") + "T", text)


def test_status_speaks_the_callers_language_and_the_json_is_the_same_in_all(
        qtbot: QtBot, desk: Desk, processes: list[subprocess.Popen[str]]) -> None:
    """LANGUAGE=de deskbreath status answers in German (es: Spanish), while the app runs in
    German and `status --json` is byte for byte the same in every language but the times.
    """
    desk.env["LANGUAGE"] = "de"  # the app's own language must not leak into the document
    processes.append(desk.start())
    wait_until_answering(qtbot, desk)

    german = _run(desk, {"LANGUAGE": "de"}, "status")
    spanish = _run(desk, {"LANGUAGE": "", "LC_ALL": "es_ES.UTF-8"}, "status")
    english = _run(desk, {"LANGUAGE": "en"}, "status")
    documents = [_run(desk, environ, "status", "--json").stdout
                 for environ in ({"LANGUAGE": "en"}, {"LANGUAGE": "de"},
                                 {"LANGUAGE": "", "LC_ALL": "es_ES.UTF-8"})]
    _run(desk, {}, "quit")

    assert german.returncode == 0, german.stderr
    assert german.stdout.startswith("Aktiv · Sitzen: "), german.stdout
    assert "Leerlauferkennung: " in german.stdout
    assert spanish.stdout.startswith("Activo · sentado "), spanish.stdout
    assert english.stdout.startswith("Running · sitting "), english.stdout
    assert json.loads(documents[0])["state"] == "running"
    normalized = [_without_times(document) for document in documents]
    assert normalized[1].splitlines() == normalized[0].splitlines()
    assert normalized[2].splitlines() == normalized[0].splitlines()


def test_help_and_refusals_are_in_the_callers_language(desk: Desk) -> None:
    """--help and the "not running" answer in German; exit codes unchanged."""
    helped = _run(desk, {"LANGUAGE": "de"}, "snooze", "--help")
    refused = _run(desk, {"LANGUAGE": "de"}, "resume")

    assert helped.returncode == 0
    assert "die nächste Erinnerung aufschieben" in helped.stdout
    assert (refused.returncode, refused.stderr) == (
        1, "deskbreath läuft nicht (starten Sie es mit „deskbreath“)\n")


def test_restart_now_starts_deskbreath_again_after_the_lock_is_released(
        monkeypatch: pytest.MonkeyPatch, desk: Desk) -> None:
    """The app's RESTART exit code makes the command line start the launch command again,
    once the single-instance lock is given back, and exit 0.
    """
    from deskbreath import cli, launch
    from deskbreath.qt.ipc.instance import SingleInstance

    events: list[str] = []
    monkeypatch.setattr(cli, "display_problem", lambda _env: None)
    monkeypatch.setattr(cli, "_platform_plugin_problem", lambda: None)

    def run(_instance: SingleInstance, _paths: object, _load: object) -> int:
        events.append("run")
        return launch.RESTART

    monkeypatch.setattr(launch, "run", run)
    real_release = SingleInstance.release

    def release(self: SingleInstance) -> None:
        events.append("release")
        real_release(self)

    monkeypatch.setattr(SingleInstance, "release", release)
    monkeypatch.setattr(subprocess, "Popen",
                        lambda command, **_options: events.append(f"start {command[-1]}"))

    assert cli._run_app(desk.paths) == 0
    assert events[0] == "run"
    assert events.index("release") < events.index(next(e for e in events if e.startswith(
        "start")))
