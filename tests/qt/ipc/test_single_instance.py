"""One deskbreath per user session: the lock, stale leftovers, and simultaneous launches."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from deskbreath.cli import ALREADY_RUNNING
from deskbreath.paths import Paths
from deskbreath.qt.ipc.instance import SingleInstance, server_name
from deskbreath.qt.ipc.protocol import encode_request
from deskbreath.qt.ipc.server import IpcError, Transport
from tests.qt.ipc.conftest import PROCESS_TIMEOUT, Desk, LineClient, RecordingTarget
from tests.support.waits import WAIT_MS


def wait_until_answering(qtbot: QtBot, desk: Desk) -> None:
    """Wait until ``deskbreath status`` succeeds, i.e. the app listens."""
    qtbot.waitUntil(lambda: desk.cli("status").returncode == 0, timeout=WAIT_MS)


def start_answering(qtbot: QtBot, desk: Desk,
                    processes: list[subprocess.Popen[str]]) -> subprocess.Popen[str]:
    """Start the app (stopped at the test's end through ``processes``) and wait until it
    answers commands.
    """
    app = desk.start()
    processes.append(app)
    wait_until_answering(qtbot, desk)
    return app


def test_a_second_acquire_is_refused_while_the_first_holds_the_lock(paths: Paths) -> None:
    """Only one holder at a time; releasing lets the next one in."""
    first, second = SingleInstance(paths), SingleInstance(paths)

    assert first.acquire()
    assert not second.acquire()
    assert second.holder_pid() == os.getpid()
    first.release()
    assert second.acquire()
    second.release()


def test_serve_replaces_a_stale_socket_file(
    qtbot: QtBot, paths: Paths, target: RecordingTarget, ipc_transport: Transport
) -> None:
    """A socket file left by a crashed run does not stop the new instance from listening."""
    name = server_name(paths)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stale:
        stale.bind(name)  # closed without unlinking, as after SIGKILL
    instance = SingleInstance(paths, transport=ipc_transport)
    assert instance.acquire()
    server = instance.serve(target)
    try:
        client = LineClient(qtbot, name)
        client.send(encode_request({"cmd": "show"}))
        assert client.replies(1)[0]["ok"] is True
        client.close()
    finally:
        instance.release()
        Shiboken.delete(server)


def test_a_second_launch_exits_and_the_first_gets_the_show_request(
    qtbot: QtBot, desk: Desk, target: RecordingTarget, processes: list[subprocess.Popen[str]],
    ipc_transport: Transport,
) -> None:
    """`deskbreath` while one runs asks that one to show itself and exits 0 with one line."""
    first = SingleInstance(desk.paths, transport=ipc_transport)
    assert first.acquire()
    server = first.serve(target)
    try:
        second = desk.start()
        processes.append(second)
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=WAIT_MS)
        out, err = second.communicate(timeout=PROCESS_TIMEOUT)
    finally:
        first.release()
        Shiboken.delete(server)

    assert (second.returncode, out, err) == (0, ALREADY_RUNNING + "\n", "")
    assert target.names() == ["show"]


def test_a_killed_instance_leaves_a_stale_lock_and_socket_that_the_next_start_recovers(
    qtbot: QtBot, desk: Desk, processes: list[subprocess.Popen[str]]
) -> None:
    """After SIGKILL the lock file and socket stay behind; the next start takes them over."""
    killed = start_answering(qtbot, desk, processes)

    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=PROCESS_TIMEOUT)
    assert (desk.paths.runtime_dir / "deskbreath.lock").exists()
    assert Path(server_name(desk.paths)).exists()
    assert desk.cli("status").returncode == 1

    recovered = start_answering(qtbot, desk, processes)
    assert desk.cli("quit").returncode == 0
    assert recovered.wait(timeout=PROCESS_TIMEOUT) == 0


@pytest.mark.parametrize("attempt", range(3))
def test_two_launches_at_the_same_moment_leave_exactly_one_running(
    qtbot: QtBot, desk: Desk, processes: list[subprocess.Popen[str]], attempt: int
) -> None:
    """Started together, one becomes the instance and the other shows it and exits."""
    pair = [desk.start(), desk.start()]
    processes.extend(pair)

    qtbot.waitUntil(lambda: any(p.poll() is not None for p in pair), timeout=WAIT_MS)
    wait_until_answering(qtbot, desk)

    [loser] = [p for p in pair if p.poll() is not None]
    [winner] = [p for p in pair if p.poll() is None]
    assert loser.communicate(timeout=PROCESS_TIMEOUT) == (ALREADY_RUNNING + "\n", "")
    assert loser.returncode == 0
    assert desk.cli("quit").returncode == 0
    assert winner.wait(timeout=PROCESS_TIMEOUT) == 0


def test_the_socket_only_admits_its_own_user(
    qtbot: QtBot, paths: Paths, target: RecordingTarget, ipc_transport: Transport
) -> None:
    """UserAccessOption: neither group nor others may connect to the socket file."""
    instance = SingleInstance(paths, transport=ipc_transport)
    assert instance.acquire()
    server = instance.serve(target)
    try:
        mode = stat.S_IMODE(Path(server.full_server_name).stat().st_mode)
    finally:
        instance.release()
        Shiboken.delete(server)

    assert mode & 0o077 == 0


def test_a_lock_holder_that_never_answers_is_reported_clearly(
    paths: Paths, ipc_transport: Transport
) -> None:
    """If the instance holding the lock does not answer, the message names it and the lock."""
    holder = SingleInstance(paths)
    assert holder.acquire()  # holds the lock but never listens, like a hung instance
    try:
        with pytest.raises(IpcError) as raised:
            SingleInstance(paths, show_timeout_ms=300, transport=ipc_transport).notify_running()
    finally:
        holder.release()

    message = str(raised.value)
    assert f"process {os.getpid()} holds {holder.lock_path}" in message
    assert "did not answer within 0.3 s" in message


def test_an_app_whose_socket_cannot_be_created_keeps_running_and_says_why(
    qtbot: QtBot, desk: Desk, processes: list[subprocess.Popen[str]]
) -> None:
    """A file squatting on the socket path costs the command line, not the app: it keeps
    running, leaves the file alone and logs what is wrong.
    """
    desk.paths.runtime_dir.mkdir(parents=True, mode=0o700, exist_ok=True)
    squatter = Path(server_name(desk.paths))
    squatter.write_text("not a socket")
    app = desk.start()
    processes.append(app)
    log = desk.paths.log_file

    qtbot.waitUntil(lambda: log.exists() and "no command socket" in log.read_text(),
                    timeout=WAIT_MS)

    assert app.poll() is None
    assert "exists and is not a socket" in log.read_text()
    assert squatter.read_text() == "not a socket"


def test_sigterm_quits_the_app_cleanly(
    qtbot: QtBot, desk: Desk, processes: list[subprocess.Popen[str]]
) -> None:
    """At logout or on `kill` the app quits as with Quit: exit code 0, socket removed."""
    app = start_answering(qtbot, desk, processes)

    app.send_signal(signal.SIGTERM)
    code = app.wait(timeout=PROCESS_TIMEOUT)

    assert code == 0
    assert not Path(server_name(desk.paths)).exists()
    assert "SIGTERM received: quitting" in desk.paths.log_file.read_text()
