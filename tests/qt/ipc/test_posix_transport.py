"""The AF_UNIX transport: file mode, stale and foreign files, slow and non-reading clients."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from deskbreath.paths import Paths
from deskbreath.qt.ipc import posix as ipc_posix
from deskbreath.qt.ipc.instance import SingleInstance, server_name
from deskbreath.qt.ipc.posix import PosixServer
from deskbreath.qt.ipc.protocol import decode_reply, encode_request
from deskbreath.qt.ipc.server import IpcError, IpcServer, send_command
from deskbreath.qt.ipc.transport import Connection, Transport
from tests.qt.ipc.conftest import STATUS_DOCUMENT, RecordingTarget
from tests.support.waits import WAIT_MS

T = TypeVar("T")
MakeServer = Callable[..., IpcServer]
POSIX_ONLY = pytest.mark.parametrize("ipc_transport", ["posix"], indirect=True)
STATUS_LINE = encode_request({"cmd": "status"})


class RawClient:
    """A non-blocking AF_UNIX client that sends and reads only when the test says so."""

    def __init__(self, path: str) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.sock.setblocking(False)
        self.outgoing = bytearray()
        self.received = bytearray()
        self.eof = False

    def feed(self) -> bool:
        """Send what the kernel takes now; True once all is sent or the server hung up."""
        try:
            while self.outgoing:
                del self.outgoing[: self.sock.send(self.outgoing)]
        except BlockingIOError:
            return False
        except OSError:
            return True
        return True

    def read_some(self, limit: int) -> bool:
        """Read at most ``limit`` bytes (a slow reader); True once the server closed."""
        try:
            chunk = self.sock.recv(limit)
        except BlockingIOError:
            return False
        except ConnectionResetError:
            chunk = b""
        self.eof = not chunk
        self.received += chunk
        return self.eof


@pytest.fixture
def raw_client() -> Iterator[Callable[[str], RawClient]]:
    """Open RawClients; all are closed after the test."""
    clients: list[RawClient] = []

    def open_client(path: str) -> RawClient:
        clients.append(RawClient(path))
        return clients[-1]

    try:
        yield open_client
    finally:
        for client in clients:
            client.sock.close()


@pytest.fixture
def accepted(
    qtbot: QtBot, paths: Paths, raw_client: Callable[[str], RawClient]
) -> Iterator[tuple[RawClient, Connection]]:
    """A raw client and, at the other end, the connection a PosixServer accepted for it."""
    server = PosixServer()
    server.listen(server_name(paths))
    try:
        client = raw_client(server.full_server_name())
        qtbot.waitUntil(server.has_pending_connections, timeout=WAIT_MS)

        yield client, server.next_pending_connection()
    finally:
        server.close()
        Shiboken.delete(server)


@POSIX_ONLY
def test_the_socket_file_has_mode_0600_whatever_the_umask(make_server: MakeServer) -> None:
    """Like UserAccessOption: only the owner may connect, even under a permissive umask."""
    old = os.umask(0)
    try:
        server = make_server()
    finally:
        os.umask(old)

    assert stat.S_IMODE(Path(server.full_server_name).stat().st_mode) == 0o600


def test_a_client_that_never_reads_its_replies_is_dropped(
    qtbot: QtBot, live_server: IpcServer, raw_client: Callable[[str], RawClient]
) -> None:
    """Replies piling up unread beyond the limit end the connection, after a short grace."""
    reasons: list[str] = []
    live_server.client_dropped.connect(reasons.append)
    client = raw_client(live_server.full_server_name)
    client.outgoing += STATUS_LINE * 3000  # far more replies than the kernel and limit hold

    qtbot.waitUntil(lambda: client.feed() and bool(reasons), timeout=WAIT_MS)

    assert reasons == ["client does not read its replies"]
    qtbot.waitUntil(lambda: live_server.client_count() == 0, timeout=WAIT_MS)


def test_a_burst_of_replies_reaches_a_slow_reader_intact_and_in_order(
    qtbot: QtBot, live_server: IpcServer, raw_client: Callable[[str], RawClient]
) -> None:
    """More reply bytes than the kernel buffers at once arrive whole, while read slowly."""
    client = raw_client(live_server.full_server_name)
    client.outgoing += STATUS_LINE * 300
    qtbot.waitUntil(client.feed, timeout=WAIT_MS)


    qtbot.waitUntil(lambda: client.read_some(4096) or client.received.count(b"\n") >= 300,
                    timeout=WAIT_MS)

    replies = [decode_reply(line) for line in bytes(client.received).splitlines()]
    assert len(replies) == 300
    assert all(reply["status"] == STATUS_DOCUMENT for reply in replies)


def test_a_partial_write_is_completed_before_a_graceful_close(
    qtbot: QtBot, accepted: tuple[RawClient, Connection]
) -> None:
    """What the kernel does not take at once is sent as the reader drains, then EOF follows."""
    client, connection = accepted
    closed: list[bool] = []
    connection.disconnected.connect(lambda: closed.append(True))
    payload = bytes(range(256)) * 4096  # 1 MiB

    connection.write(payload)
    assert connection.bytes_to_write() > 0  # the kernel took only part of it
    connection.disconnect_gracefully()
    qtbot.waitUntil(lambda: client.read_some(16 * 1024), timeout=WAIT_MS)

    assert client.received == payload
    assert closed == [True]


def test_closing_a_server_leaves_a_successors_socket_file_alone(paths: Paths) -> None:
    """A server removes its socket file on close only if that file is still its own."""
    name = server_name(paths)
    old, new = PosixServer(), PosixServer()
    old.listen(name)
    Path(name).unlink()  # as if another run removed it as stale
    new.listen(name)
    try:
        old.close()
        assert stat.S_ISSOCK(Path(name).lstat().st_mode)
    finally:
        new.close()
        Shiboken.delete(old)
        Shiboken.delete(new)
    assert not Path(name).exists()


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("missing/deskbreath.sock", "No such file or directory"),
        ("plain-file", "the path exists and is not a socket; move that file away"),
        ("listening.sock", "another process is listening there"),
        ("x" * 120, "AF_UNIX path too long"),
    ],
)
def test_a_path_that_cannot_be_bound_gives_a_clear_error(
    runtime_dir: Path, target: RecordingTarget, where: str, reason: str
) -> None:
    """listen() names the path and says what is wrong with it."""
    path = runtime_dir / where
    (runtime_dir / "plain-file").write_text("not a socket")
    with contextlib.ExitStack() as stack:
        listener = stack.enter_context(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
        listener.bind(str(runtime_dir / "listening.sock"))
        listener.listen()
        server = IpcServer(target, str(path), transport=ipc_posix.TRANSPORT)
        stack.callback(Shiboken.delete, server)

        with pytest.raises(IpcError) as raised:
            server.listen()

    assert str(raised.value) == f"cannot listen on {path}: {reason}"


def test_serve_never_deletes_a_file_that_is_not_a_socket(
    paths: Paths, target: RecordingTarget
) -> None:
    """Stale-socket cleanup removes sockets only; a user's file at that path survives."""
    name = Path(server_name(paths))
    name.write_text("my notes")
    instance = SingleInstance(paths, transport=ipc_posix.TRANSPORT)
    assert instance.acquire()
    try:
        with pytest.raises(IpcError, match="exists and is not a socket"):
            instance.serve(target)
    finally:
        instance.release()

    assert name.read_text() == "my notes"


def _in_thread(qtbot: QtBot, call: Callable[[], T]) -> T:
    """Run a blocking client call in a thread while this (GUI) thread serves it."""
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(call())
        except BaseException as error:  # re-raised in the test's thread
            errors.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=WAIT_MS)
    if errors:
        raise errors[0]
    return results[0]


def _long_runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """Paths whose runtime directory is too long for a socket address; the temp directory
    (where the socket then goes) is a fresh folder of the test.
    """
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return Paths.under(tmp_path / ("r" * 110))


@POSIX_ONLY
def test_a_long_runtime_path_serves_from_a_private_folder_in_the_temp_directory(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: RecordingTarget,
    ipc_transport: Transport,
) -> None:
    """The fallback socket lives in a 0700 folder of this user, and commands reach it."""
    paths = _long_runtime(tmp_path, monkeypatch)
    instance = SingleInstance(paths, transport=ipc_transport)
    assert instance.acquire()
    try:
        server = instance.serve(target)
        reply = _in_thread(qtbot, lambda: send_command(instance.name, {"cmd": "show"}, 3000,
                                                       transport=ipc_transport))
        folder = Path(instance.name).parent
        mode = stat.S_IMODE(folder.stat().st_mode)
    finally:
        instance.release()
        Shiboken.delete(server)

    assert folder == tmp_path / "tmp" / f"deskbreath-{os.getuid()}"
    assert mode == 0o700
    assert reply["ok"]


@POSIX_ONLY
def test_a_fallback_folder_others_can_write_to_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: RecordingTarget,
    ipc_transport: Transport,
) -> None:
    """A prepared folder that is not private (here: mode 0777) is not used for the socket."""
    paths = _long_runtime(tmp_path, monkeypatch)
    folder = tmp_path / "tmp" / f"deskbreath-{os.getuid()}"
    folder.mkdir()
    folder.chmod(0o777)
    instance = SingleInstance(paths, transport=ipc_transport)
    assert instance.acquire()
    try:
        with pytest.raises(IpcError, match=r"is not a private folder of yours .*mode 777"):
            instance.serve(target)
    finally:
        instance.release()

    assert list(folder.iterdir()) == []


@POSIX_ONLY
def test_the_client_refuses_a_socket_of_another_user(
    live_server: IpcServer, monkeypatch: pytest.MonkeyPatch, ipc_transport: Transport
) -> None:
    """A command is not sent to a socket file that some other user owns."""
    owner = Path(live_server.full_server_name).stat().st_uid
    monkeypatch.setattr(os, "getuid", lambda: owner + 1)

    with pytest.raises(IpcError, match="belongs to another user"):
        send_command(live_server.full_server_name, {"cmd": "status"}, 1000,
                     transport=ipc_transport)


def test_a_client_that_stops_sending_still_gets_the_whole_reply(
    qtbot: QtBot, accepted: tuple[RawClient, Connection]
) -> None:
    """A half-close (``nc -N``) after the request does not cut a long reply short."""
    client, connection = accepted
    payload = bytes(range(256)) * 4096  # 1 MiB: more than the kernel takes at once
    connection.ready_read.connect(lambda: connection.write(payload))
    client.outgoing += STATUS_LINE
    assert client.feed()
    client.sock.shutdown(socket.SHUT_WR)

    qtbot.waitUntil(lambda: client.read_some(16 * 1024), timeout=WAIT_MS)

    assert client.received == payload


@POSIX_ONLY
def test_a_full_queue_of_waiting_clients_is_waited_out(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, live_server: IpcServer
) -> None:
    """When connect() finds the app's queue full (EAGAIN), the client retries until it gets
    in, instead of failing at once.
    """
    real_connect = socket.socket.connect
    refusals = [2]

    def busy_then_free(sock: socket.socket, address: str) -> None:
        if refusals[0]:
            refusals[0] -= 1
            raise BlockingIOError(11, "Resource temporarily unavailable")
        real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", busy_then_free)
    name = live_server.full_server_name
    reply = _in_thread(qtbot, lambda: ipc_posix.exchange(name, STATUS_LINE, 3000, 0))

    assert refusals == [0]
    assert decode_reply(reply)["ok"]
