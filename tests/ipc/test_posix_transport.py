"""The AF_UNIX transport: file mode, stale and foreign files, slow and non-reading clients."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from deskbreath.paths import Paths
from deskbreath.protocol import decode_reply, encode_request
from deskbreath.qt import ipc_posix
from deskbreath.qt.ipc import IpcError, IpcServer, SingleInstance, server_name
from deskbreath.qt.ipc_posix import PosixServer
from tests.ipc.conftest import STATUS_DOCUMENT, RecordingTarget

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

    qtbot.waitUntil(lambda: client.feed() and bool(reasons), timeout=20_000)

    assert reasons == ["client does not read its replies"]
    qtbot.waitUntil(lambda: live_server.client_count() == 0, timeout=5000)


def test_a_burst_of_replies_reaches_a_slow_reader_intact_and_in_order(
    qtbot: QtBot, live_server: IpcServer, raw_client: Callable[[str], RawClient]
) -> None:
    """More reply bytes than the kernel buffers at once arrive whole, while read slowly."""
    client = raw_client(live_server.full_server_name)
    client.outgoing += STATUS_LINE * 300
    qtbot.waitUntil(client.feed)

    qtbot.waitUntil(lambda: client.read_some(4096) or client.received.count(b"\n") >= 300,
                    timeout=20_000)

    replies = [decode_reply(line) for line in bytes(client.received).splitlines()]
    assert len(replies) == 300
    assert all(reply["status"] == STATUS_DOCUMENT for reply in replies)


def test_a_partial_write_is_completed_before_a_graceful_close(
    qtbot: QtBot, paths: Paths, raw_client: Callable[[str], RawClient]
) -> None:
    """What the kernel does not take at once is sent as the reader drains, then EOF follows."""
    server = PosixServer()
    server.listen(server_name(paths))
    try:
        client = raw_client(server.full_server_name())
        qtbot.waitUntil(server.has_pending_connections)
        connection = server.next_pending_connection()
        closed: list[bool] = []
        connection.disconnected.connect(lambda: closed.append(True))
        payload = bytes(range(256)) * 4096  # 1 MiB

        connection.write(payload)
        assert connection.bytes_to_write() > 0  # the kernel took only part of it
        connection.disconnect_gracefully()
        qtbot.waitUntil(lambda: client.read_some(16 * 1024), timeout=20_000)

        assert client.received == payload
        assert closed == [True]
    finally:
        server.close()
        Shiboken.delete(server)


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
