"""Fixtures for the command protocol, the socket server and the command line."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from deskbreath.core.commands import CommandError
from deskbreath.core.policy import Mode, Status
from deskbreath.core.report import status_document
from deskbreath.paths import Paths
from deskbreath.qt.ipc.choice import TRANSPORTS, transport
from deskbreath.qt.ipc.instance import server_name
from deskbreath.qt.ipc.protocol import decode_reply
from deskbreath.qt.ipc.server import IpcServer, Transport
from tests.fakes import START, FakeClock
from tests.support.waits import WAIT_MS, WAIT_S

ROOT = Path(__file__).resolve().parents[2]
PROCESS_TIMEOUT = 2 * WAIT_S
"""Seconds any subprocess may take before the test fails instead of hanging."""


class RecordingTarget:
    """A CommandTarget that records each call and answers with a fixed message."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.refuse: str | None = None

    def _record(self, name: str, **args: Any) -> str:
        self.calls.append((name, args))
        if self.refuse is not None:
            raise CommandError(self.refuse)
        return f"did {name}"

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    def start_now(self, exercise: str | None) -> str:
        return self._record("start_now", exercise=exercise)

    def snooze(self, seconds: float | None) -> str:
        return self._record("snooze", seconds=seconds)

    def pause(self, *, seconds: float | None = None, until: Any = None,
              until_tomorrow: bool = False) -> str:
        return self._record("pause", seconds=seconds, until=until, until_tomorrow=until_tomorrow)

    def resume(self) -> str:
        return self._record("resume")

    def status(self) -> dict[str, Any]:
        self._record("status")
        return STATUS_DOCUMENT

    def open_settings(self) -> str:
        return self._record("open_settings")

    def open_statistics(self) -> str:
        return self._record("open_statistics")

    def save_progress(self) -> str:
        return self._record("save_progress")

    def show(self) -> str:
        return self._record("show")

    def quit(self) -> str:
        return self._record("quit")

    def prompt_start(self) -> str:
        return self._record("prompt_start")

    def prompt_snooze(self, seconds: float | None) -> str:
        return self._record("prompt_snooze", seconds=seconds)

    def prompt_skip(self) -> str:
        return self._record("prompt_skip")

    def prompt_focus(self, token: str | None) -> str:
        return self._record("prompt_focus", token=token)


STATUS_DOCUMENT = status_document(
    Status(Mode.RUNNING, 47 * 60.0, True, "breathing", 8 * 60.0,
           START.replace(hour=9, minute=8), None, False),
    idle_backend="X11 MIT-SCREEN-SAVER", idle_seconds=2.0, now=START,
)


@pytest.fixture(autouse=True)
def runtime_dir(paths: Paths) -> Path:
    """The private runtime directory the socket goes in (SingleInstance makes it in the app)."""
    paths.runtime_dir.mkdir(parents=True, mode=0o700)
    return paths.runtime_dir


@pytest.fixture(params=TRANSPORTS)
def ipc_transport(request: pytest.FixtureRequest) -> Transport:
    """Each transport in turn: AF_UNIX sockets (Linux, macOS) and QtNetwork (Windows; it
    works over a Unix socket here too), so both pass the same server and client tests.
    """
    name = request.param
    assert isinstance(name, str)
    return transport(name)


@pytest.fixture
def target() -> RecordingTarget:
    """A command target that records what it was asked to do."""
    return RecordingTarget()


@pytest.fixture
def make_server(qtbot: QtBot, paths: Paths, target: RecordingTarget,
                ipc_transport: Transport) -> Iterator[Callable[..., IpcServer]]:
    """Build listening IpcServers for ``paths``; each is closed and deleted after the test.

    Deleted explicitly: left to Python's cycle collector, a server could be destroyed in the
    middle of a later test, while one of its timers is calling into it.
    """
    servers: list[IpcServer] = []

    def build(**options: Any) -> IpcServer:
        server = IpcServer(target, server_name(paths), clock=FakeClock(),
                           transport=ipc_transport, **options)
        server.listen()
        servers.append(server)
        return server

    try:
        yield build
    finally:
        for server in servers:
            server.close()
            Shiboken.delete(server)


@pytest.fixture
def live_server(make_server: Callable[..., IpcServer]) -> IpcServer:
    """A listening IpcServer in this process, answering with ``target`` at a fake time."""
    return make_server(idle_timeout_ms=WAIT_MS)


class LineClient:
    """An in-process client that never blocks, so the server in the same thread can answer."""

    def __init__(self, qtbot: QtBot, name: str) -> None:
        self._qtbot = qtbot
        self.received = bytearray()
        self.socket = QLocalSocket()
        self.socket.readyRead.connect(self._on_socket_ready_read)
        self.socket.connectToServer(name)
        qtbot.waitUntil(self.connected, timeout=WAIT_MS)

    def _on_socket_ready_read(self) -> None:
        self.received += self.socket.readAll().data()

    def connected(self) -> bool:
        return self.socket.state() == QLocalSocket.LocalSocketState.ConnectedState

    def send(self, data: bytes) -> None:
        self.socket.write(data)
        self.socket.flush()

    def lines(self) -> list[bytes]:
        return bytes(self.received).splitlines(keepends=True)[: self.received.count(b"\n")]

    def replies(self, count: int, timeout: int = WAIT_MS) -> list[dict[str, Any]]:
        """Wait for ``count`` reply lines and decode them (decode_reply checks each)."""
        self._qtbot.waitUntil(lambda: self.received.count(b"\n") >= count, timeout=timeout)
        return [decode_reply(line) for line in self.lines()]

    def wait_closed(self, timeout: int = WAIT_MS) -> None:
        self._qtbot.waitUntil(lambda: not self.connected(), timeout=timeout)

    def close(self) -> None:
        """Hang up and delete the socket now (not at some later garbage collection)."""
        if Shiboken.isValid(self.socket):
            self.socket.abort()
            Shiboken.delete(self.socket)


@pytest.fixture
def connect(qtbot: QtBot, live_server: IpcServer) -> Iterator[Any]:
    """Open LineClients to the live server; all are closed after the test."""
    clients: list[LineClient] = []

    def open_client() -> LineClient:
        client = LineClient(qtbot, live_server.full_server_name)
        clients.append(client)
        return client

    try:
        yield open_client
    finally:
        for client in clients:
            client.close()


@dataclass
class Desk:
    """A private user session for subprocesses: environment and the Paths they will use."""

    root: Path
    env: dict[str, str]
    paths: Paths

    def cli(self, *args: str, timeout: float = PROCESS_TIMEOUT) -> subprocess.CompletedProcess[str]:
        """Run ``deskbreath ARGS`` to completion."""
        return subprocess.run(
            [sys.executable, "-m", "deskbreath", *args], env=self.env, capture_output=True,
            text=True, timeout=timeout, check=False,
        )

    def start(self) -> subprocess.Popen[str]:
        """Start ``deskbreath`` (the app) without waiting for it."""
        return subprocess.Popen(
            [sys.executable, "-m", "deskbreath"], env=self.env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    """HOME and the XDG directories in a short private temp dir (short, so the socket lives
    in the runtime directory), offscreen Qt, and this checkout on PYTHONPATH.
    """
    root = Path(tempfile.mkdtemp(prefix="dbipc-"))
    runtime = root / "run"
    runtime.mkdir(mode=0o700)
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env.update(
        HOME=str(root), XDG_CONFIG_HOME=str(root / "config"), XDG_RUNTIME_DIR=str(runtime),
        XDG_STATE_HOME=str(root / "state"), XDG_DATA_HOME=str(root / "data"),
        QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
    )
    for key in ("HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(key, env[key])
    try:
        yield Desk(root, env, Paths.for_user())
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    """Subprocesses a test starts; any still running at the end are stopped by PID."""
    started: list[subprocess.Popen[str]] = []
    try:
        yield started
    finally:
        for process in started:
            stop(process)


def stop(process: subprocess.Popen[str]) -> None:
    """End one process: SIGTERM, then SIGKILL if it does not go."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate(timeout=10)
    elif process.stdout is not None and not process.stdout.closed:
        process.communicate(timeout=10)
