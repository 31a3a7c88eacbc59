"""The `deskbreath` command line: arguments in this process, the app end to end in others."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskbreath import __version__
from deskbreath.cli import REPLY_TIMEOUT_MS, _request, build_parser, display_problem, main
from deskbreath.qt.ipc.instance import server_name
from deskbreath.qt.ipc.server import MAX_CLIENTS, NOT_RUNNING
from tests.qt.ipc.conftest import PROCESS_TIMEOUT, Desk
from tests.qt.ipc.test_single_instance import start_answering

STATUS_KEYS = {"format", "version", "state", "until", "sitting_seconds", "present",
               "prompt_open", "prompt", "held_back", "next_prompt", "idle_backend",
               "idle_seconds"}


@pytest.mark.parametrize(
    ("argv", "complaints"),
    [
        (["snooze", "45"], ["'45' is not a duration", '"1h30m"']),
        (["snooze", "0m"], ["no time at all", '"45m"']),
        (["snooze", "9999h"], ["longer than a year", '"45m"']),
        (["pause", "2x"], ["'2x' is not a duration", '"90s"']),
        (["pause", "--until", "7pm"], ["'7pm' is not a time of day", "14:30"]),
        (["pause", "1h", "--until", "14:00"], ["not allowed with"]),
        (["now", "yoga"], ["invalid choice: 'yoga'", "breathing"]),
        (["dance"], ["invalid choice: 'dance'"]),
        (["prompt"], ["required: ACTION"]),
        (["prompt", "dance"], ["invalid choice: 'dance'", "'focus'"]),
        (["prompt", "snooze", "45"], ["'45' is not a duration", '"1h30m"']),
        (["prompt", "skip", "5m"], ["unrecognized arguments: 5m"]),
    ],
)
def test_bad_arguments_exit_2_saying_what_was_wrong_and_how_to_write_it(
    capsys: pytest.CaptureFixture[str], argv: list[str], complaints: list[str]
) -> None:
    """Argument mistakes are caught before anything is sent, with an example of the right form."""
    assert main(argv) == 2

    err = capsys.readouterr().err
    assert all(complaint in err for complaint in complaints), err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "offers_until"),
    [(["snooze", "9999h"], False), (["prompt", "snooze", "9999h"], False),
     (["pause", "9999h"], True)],
)
def test_a_too_long_duration_suggests_until_only_where_the_command_has_it(
    capsys: pytest.CaptureFixture[str], argv: list[str], *, offers_until: bool
) -> None:
    """Only `pause` takes --until, so only its complaint about a duration over a year offers it."""
    assert main(argv) == 2

    err = capsys.readouterr().err
    assert "longer than a year" in err
    assert ("--until" in err) is offers_until, err


def test_version_help_comes_from_the_catalogue(tmp_path: Path) -> None:
    """The --version line of `--help` is translated like argparse's other lines (German).

    In a process of its own: glibc keeps the first translation of an error text it made, so a
    German run inside the test process would leave German errors to the tests after it.
    """
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANGUAGE": "de"}

    done = subprocess.run([sys.executable, "-m", "deskbreath", "--help"], env=env,
                          capture_output=True, text=True, timeout=PROCESS_TIMEOUT, check=False)

    assert done.returncode == 0, done.stderr
    assert "Versionsnummer des Programms anzeigen und beenden" in done.stdout
    assert "show program's version number" not in done.stdout


def test_a_reader_that_goes_away_ends_the_output_quietly(tmp_path: Path) -> None:
    """`deskbreath config defaults | head -1` prints no error: a closed pipe is no fault."""
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_RUNTIME_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "LANGUAGE": "en"}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line is written
    try:
        done = subprocess.run([sys.executable, "-m", "deskbreath", "config", "defaults"],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, env=env,
                              timeout=PROCESS_TIMEOUT, check=False)
    finally:
        os.close(write_end)

    assert "unexpected error" not in done.stderr
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 141), done.stderr


@pytest.mark.parametrize(
    "command", ["now", "snooze", "pause", "resume", "status", "settings", "show", "quit", "config",
                "prompt"]
)
def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    """`deskbreath COMMAND --help` explains the command and exits 0."""
    assert main([command, "--help"]) == 0

    assert capsys.readouterr().out.startswith(f"usage: deskbreath {command}")


@pytest.mark.parametrize(
    ("argv", "env", "request_"),
    [
        (["prompt", "start"], {}, {"cmd": "prompt", "action": "start"}),
        (["prompt", "snooze"], {}, {"cmd": "prompt", "action": "snooze"}),
        (["prompt", "snooze", "15m"], {}, {"cmd": "prompt", "action": "snooze", "seconds": 900}),
        (["prompt", "skip"], {"XDG_ACTIVATION_TOKEN": "t1"}, {"cmd": "prompt", "action": "skip"}),
        (["prompt", "focus"], {}, {"cmd": "prompt", "action": "focus"}),
        (["prompt", "focus"], {"XDG_ACTIVATION_TOKEN": "t1"},
         {"cmd": "prompt", "action": "focus", "activation_token": "t1"}),
    ],
)
def test_prompt_commands_become_prompt_requests_and_focus_carries_the_desktops_token(
    argv: list[str], env: dict[str, str], request_: dict[str, object]
) -> None:
    """`prompt ACTION` is one request; focus passes on the activation token a Wayland desktop
    gives the command a shortcut starts.
    """
    assert _request(build_parser().parse_args(argv), env) == request_


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version answers without a running app."""
    assert main(["--version"]) == 0

    assert capsys.readouterr().out == f"deskbreath {__version__}\n"


def test_commands_without_a_running_app_say_how_to_start_it(desk: Desk) -> None:
    """Not running: the one-line hint and exit 1; --json gets a JSON error object."""
    plain = desk.cli("snooze", "10m")
    as_json = desk.cli("status", "--json")

    assert (plain.returncode, plain.stdout, plain.stderr) == (1, "", NOT_RUNNING + "\n")
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout) == {"ok": False, "running": False, "error": NOT_RUNNING}


def status(desk: Desk) -> dict[str, object]:
    """The running app's ``status --json`` document (the command must succeed)."""
    result = desk.cli("status", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_the_running_app_is_driven_end_to_end_by_commands(
    qtbot: QtBot, desk: Desk, processes: list[subprocess.Popen[str]]
) -> None:
    """snooze, pause, resume, now, status and quit each work on the real app subprocess."""
    app = start_answering(qtbot, desk, processes)
    runs: list[subprocess.CompletedProcess[str]] = []

    def ok(*args: str) -> str:
        result = desk.cli(*args)
        runs.append(result)
        assert result.returncode == 0, result.stderr
        assert result.stdout.count("\n") == 1
        return result.stdout

    ok("snooze", "10m")
    assert status(desk)["state"] == "snoozed"
    ok("resume")
    assert status(desk)["state"] == "running"
    refused = desk.cli("resume")
    assert refused.returncode == 1
    assert refused.stderr.strip()
    later = (datetime.now() + timedelta(hours=2)).strftime("%H:%M")
    ok("pause", "--until", later)
    document = status(desk)
    assert document["state"] == "paused"
    assert datetime.fromisoformat(str(document["until"])).strftime("%H:%M") == later
    ok("pause")
    assert status(desk)["until"] is None
    contradicting = desk.cli("snooze", "10m")
    assert (contradicting.returncode, contradicting.stdout, contradicting.stderr) == (
        1, "", "deskbreath is paused until you resume, so no prompt is coming to snooze; "
               "resume first, or pause for another length.\n")
    assert status(desk)["state"] == "paused"
    ok("resume")
    assert ok("now", "rotation") == "Starting thoracic rotation.\n"
    busy = desk.cli("now")
    assert (busy.returncode, busy.stderr) == (
        1, "Thoracic rotation is already on screen; finish or close it first.\n")
    document = status(desk)
    assert set(document) == STATUS_KEYS
    assert document["state"] == "running"
    assert document["prompt_open"] is True
    line = ok("status")
    assert line.startswith("Running · sitting ")
    assert "idle backend: " in line
    ok("settings")
    bad = desk.cli("snooze", "45")
    assert bad.returncode == 2
    assert '"1h30m"' in bad.stderr
    ok("quit")

    assert app.wait(timeout=PROCESS_TIMEOUT) == 0
    _, app_err = app.communicate(timeout=PROCESS_TIMEOUT)
    after = desk.cli("status")
    assert (after.returncode, after.stderr) == (1, NOT_RUNNING + "\n")
    assert not any("Traceback" in r.stderr
               for r in [*runs, refused, contradicting, busy, bad, after])
    assert "Traceback" not in app_err


def test_config_subcommands_through_the_command_line(desk: Desk) -> None:
    """`deskbreath config path|check|defaults` answer without a running app."""
    path = desk.cli("config", "path")
    assert path.returncode == 0
    settings = Path(path.stdout.strip())
    assert settings.name == "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('reminder_interval = "5s"\n')
    check = desk.cli("config", "check")
    assert check.returncode == 1
    assert "line 1" in check.stderr
    assert "reminder_interval" in check.stderr
    defaults = desk.cli("config", "defaults")
    assert defaults.returncode == 0
    assert 'reminder_interval = "45m"' in defaults.stdout


@pytest.mark.parametrize(
    ("env", "platform", "refused"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_no_display_is_explained_instead_of_a_qt_abort(
    env: dict[str, str], platform: str, refused: bool
) -> None:
    """Starting without a graphical session says so, rather than letting Qt abort."""
    problem = display_problem(env, platform)
    assert (problem is not None) == refused
    if problem:
        assert "DISPLAY" in problem


def test_starting_without_display_exits_1_with_the_reason(desk: Desk) -> None:
    """`deskbreath` with no display prints one line and exits 1, no traceback, no core."""
    env = {k: v for k, v in desk.env.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "deskbreath"], env=env, capture_output=True,
                          text=True, timeout=PROCESS_TIMEOUT, check=False)
    assert done.returncode == 1
    assert "needs a graphical session" in done.stderr
    assert "Traceback" not in done.stderr


def test_status_waits_for_a_free_slot_while_16_silent_clients_hold_the_socket(
    qtbot: QtBot, desk: Desk, processes: list[subprocess.Popen[str]]
) -> None:
    """While 16 clients that say nothing hold every slot of the app's socket, `deskbreath
    status` does not fail with "too many clients": it retries, the app drops the silent
    clients, and the answer comes within the command's 5 s budget.
    """
    start_answering(qtbot, desk, processes)
    name = server_name(desk.paths)
    silent: list[socket.socket] = []
    try:
        for _ in range(MAX_CLIENTS):
            client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            client.connect(name)
            silent.append(client)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as extra:  # every slot taken?
            extra.settimeout(PROCESS_TIMEOUT)
            extra.connect(name)
            assert b"too many clients" in extra.recv(4096)

        started = time.monotonic()
        result = desk.cli("status")
        took = time.monotonic() - started
    finally:
        for client in silent:
            client.close()

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Running")
    assert result.stderr == ""
    assert took < REPLY_TIMEOUT_MS / 1000


def test_without_xdg_runtime_dir_every_command_says_so_once_in_its_own_words(
    desk: Desk,
) -> None:
    """XDG_RUNTIME_DIR unset: each command prints one line saying where the lock and socket
    go instead, not Python's two-line RuntimeDirWarning; JSON output stays pure.
    """
    env = {key: value for key, value in desk.env.items() if key != "XDG_RUNTIME_DIR"}
    commands = (["status"], ["status", "--json"], ["snooze", "5m"], ["config", "path"])
    results = [subprocess.run([sys.executable, "-m", "deskbreath", *args], env=env,
                              capture_output=True, text=True, timeout=PROCESS_TIMEOUT,
                              check=False) for args in commands]

    for args, result in zip(commands, results, strict=True):
        notes = [line for line in result.stderr.splitlines() if "XDG_RUNTIME_DIR" in line]
        assert len(notes) == 1, (args, result.stderr)
        assert notes[0].startswith("deskbreath: XDG_RUNTIME_DIR is not set; ")
        assert "Warning" not in result.stderr
        assert "platformdirs" not in result.stderr
    assert "XDG_RUNTIME_DIR" not in results[1].stdout
    assert json.loads(results[1].stdout)["running"] is False
