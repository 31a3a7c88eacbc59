"""The local socket: the app's command server, the CLI's client, and the single-instance guard.

Why this shape: a second ``deskbreath`` must find the first one reliably, even right after a
crash and even when two are started in the same instant. A lock file decides who runs
(``QLockFile`` notices a dead owner by its PID); only the lock holder touches the socket, so a
stale socket from a crashed run can be removed safely. "Connect, and listen if that fails"
would let two simultaneous launches both become the primary.

The server side never blocks the GUI thread: it reads what is there, answers complete lines,
and drops clients that send too much, read too little, or say nothing for a while. The client
side (:func:`send_command`) runs in the short-lived CLI process, where blocking waits are fine.
The wire format is documented in :mod:`deskbreath.protocol`.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from deskbreath.commands import CommandTarget
from deskbreath.core.clock import Clock, SystemClock
from deskbreath.paths import Paths
from deskbreath.protocol import (
    MAX_LINE,
    MAX_REPLY,
    ProtocolError,
    decode_reply,
    decode_request,
    dispatch,
    encode_reply,
    encode_request,
    error_reply,
)

log = logging.getLogger(__name__)

NOT_RUNNING = "deskbreath is not running (start it with `deskbreath`)"
IDLE_TIMEOUT_MS = 5000
"""A client that sends no complete request for this long is dropped."""
MAX_CLIENTS = 16
MAX_PENDING_REPLIES = 256 * 1024
"""Reply bytes a client may leave unread before it is dropped (it is not reading)."""
_CLOSE_GRACE_MS = 1000
_SOCKET_NAME = "deskbreath.sock"
_LOCK_NAME = "deskbreath.lock"
_UNIX_PATH_MAX = 100  # sockaddr_un.sun_path holds 104 (macOS) or 108 (Linux) bytes


class IpcError(Exception):
    """The running app could not be reached or answered badly; the message is for people."""


class NotRunning(IpcError):  # noqa: N818 - reads as a state: `except NotRunning`
    """No deskbreath is listening for this user."""

    def __init__(self, message: str = NOT_RUNNING) -> None:
        super().__init__(message)


def server_name(paths: Paths) -> str:
    """The local socket name for the deskbreath of this user and runtime directory.

    On Unix it is a socket file inside the runtime directory (private to the user), unless
    that path is too long for a socket address; then a name derived from the user id and a
    hash of the runtime directory in the temp directory. On Windows, a named pipe with the
    user name and that hash. Distinct runtime directories never share a socket, which keeps
    tests (and portable installs) apart.
    """
    digest = hashlib.sha256(os.fsencode(paths.runtime_dir)).hexdigest()[:16]
    if sys.platform == "win32":
        return f"deskbreath-{getpass.getuser()}-{digest}"
    path = paths.runtime_dir / _SOCKET_NAME
    if len(os.fsencode(path)) <= _UNIX_PATH_MAX:
        return str(path)
    return str(Path(tempfile.gettempdir()) / f"deskbreath-{os.getuid()}-{digest}.sock")


class IpcServer(QObject):
    """Answers protocol requests from local clients by calling a :class:`CommandTarget`.

    Signals:
        request_handled(str, bool): a request line was answered; its command (``"?"`` when
            it did not decode) and whether the reply was ``ok``.
        client_dropped(str): a client was disconnected by the server; the reason.
    """

    request_handled = Signal(str, bool)
    client_dropped = Signal(str)

    def __init__(self, target: CommandTarget, name: str, *, clock: Clock | None = None,
                 idle_timeout_ms: int = IDLE_TIMEOUT_MS, max_clients: int = MAX_CLIENTS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ipc-server")
        self.target = target
        self.clock: Clock = clock or SystemClock()
        self.idle_timeout_ms = idle_timeout_ms
        self.max_clients = max_clients
        self._name = name
        self._connections: set[_Connection] = set()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_server_new_connection)

    @property
    def full_server_name(self) -> str:
        """Where clients connect (the socket path on Unix)."""
        return self._server.fullServerName() or self._name

    def listen(self) -> None:
        """Start listening. Remove a stale socket first (:meth:`SingleInstance.serve` does).

        Raises:
            IpcError: the name is taken or the socket cannot be created.
        """
        if not self._server.listen(self._name):
            raise IpcError(f"cannot listen on {self._name}: {self._server.errorString()}")
        log.info("listening for commands on %s", self.full_server_name)

    def close(self) -> None:
        """Stop listening and drop every client. Safe to call twice."""
        self._server.close()
        for connection in list(self._connections):
            connection.drop()

    def client_count(self) -> int:
        return len(self._connections)

    @Slot()
    def _on_server_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if len(self._connections) >= self.max_clients:
                log.warning("refused a client: %d already connected", len(self._connections))
                socket.disconnected.connect(socket.deleteLater)
                socket.write(encode_reply(error_reply("too many clients; try again")))
                socket.disconnectFromServer()
                self.client_dropped.emit("too many clients")
                continue
            self._connections.add(_Connection(socket, self))

    def _forget(self, connection: _Connection) -> None:
        self._connections.discard(connection)


class _Connection(QObject):
    """One client: a line buffer, an idle timer, and the rule that replies never pile up."""

    def __init__(self, socket: QLocalSocket, server: IpcServer) -> None:
        super().__init__(server)
        self._server = server
        self._socket = socket
        self._buffer = bytearray()
        self._closing = False
        socket.setParent(self)
        self._timer = QTimer(self)
        self._timer.setObjectName("ipc-idle-timeout")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_idle_timer_timeout)
        self._timer.start(server.idle_timeout_ms)
        socket.readyRead.connect(self._on_socket_ready_read)
        socket.disconnected.connect(self._on_socket_disconnected)

    def closing(self) -> bool:
        """True once the connection is being closed; nothing more is read from it."""
        return self._closing

    def drop(self, reason: str = "", reply: str | None = None) -> None:
        """Send an optional last error reply, then close; abort if the client does not let go."""
        if self._closing:
            return
        self._closing = True
        self._buffer.clear()
        if reason:
            log.warning("dropping a client: %s", reason)
            self._server.client_dropped.emit(reason)
        if reply is not None:
            self._write(error_reply(reply))
        self._timer.start(_CLOSE_GRACE_MS)
        if self._socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            self._socket.disconnectFromServer()

    @Slot()
    def _on_socket_ready_read(self) -> None:
        data = self._socket.readAll().data()
        if self._closing:
            return
        self._timer.start(self._server.idle_timeout_ms)
        self._buffer += data
        # An oversized line ends the connection whether or not its newline came in the same
        # chunk, so the outcome does not depend on how the bytes were split.
        while (end := self._buffer.find(b"\n")) >= 0 and end <= MAX_LINE and not self.closing():
            line = bytes(self._buffer[:end])
            del self._buffer[: end + 1]
            self._answer(line)
        if self.closing():  # an answer may have dropped the client (it stopped reading)
            return
        end = self._buffer.find(b"\n")
        if end > MAX_LINE or (end < 0 and len(self._buffer) > MAX_LINE):
            self.drop("oversized request", f"request longer than {MAX_LINE} bytes; closing")

    def _answer(self, line: bytes) -> None:
        if not line.strip():
            return
        try:
            request = decode_request(line)
        except Exception as error:  # a client must never break the server
            if not isinstance(error, ProtocolError):
                log.exception("unexpected error decoding a request")
            log.warning("rejected a request (%s): %r", error, line[:80])
            self._write(error_reply(str(error)))
            self._server.request_handled.emit("?", False)
            return
        reply = dispatch(request, self._server.target, self._server.clock.now())
        if not reply["ok"]:
            log.info("%s: %s", request.cmd, reply["error"])
        self._write(reply)
        self._server.request_handled.emit(request.cmd, bool(reply["ok"]))

    def _write(self, reply: Mapping[str, Any]) -> None:
        try:
            if self._socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
                self._socket.write(encode_reply(reply))
                self._socket.flush()
                if self._socket.bytesToWrite() > MAX_PENDING_REPLIES:
                    self.drop("client does not read its replies")
        except RuntimeError:  # the target deleted the server (and this socket) while answering
            log.debug("socket gone before a reply could be written")

    @Slot()
    def _on_idle_timer_timeout(self) -> None:
        if self._closing:
            self._socket.abort()
            return
        seconds = self._server.idle_timeout_ms / 1000
        self.drop("idle client", f"no complete request within {seconds:g} s; closing")

    @Slot()
    def _on_socket_disconnected(self) -> None:
        self._closing = True
        self._timer.stop()
        self._server._forget(self)
        self.deleteLater()


def send_command(name: str, request: Mapping[str, Any], timeout_ms: int = 5000, *,
                 wait_for_exit_ms: int = 0) -> dict[str, Any]:
    """Send one request to the running app and return its reply (``ok`` true or false).

    Args:
        name: the server name (:func:`server_name`).
        request: the request fields, e.g. ``{"cmd": "snooze", "seconds": 900}``.
        timeout_ms: how long to wait for the connection and for the reply.
        wait_for_exit_ms: after the reply, wait this long for the app to close the
            connection (``quit`` uses it, so a following start finds the lock free).

    Raises:
        NotRunning: nothing listens on ``name``.
        IpcError: no reply in time, or a reply that is not one.
    """
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        error = socket.error()
        if error in (QLocalSocket.LocalSocketError.ServerNotFoundError,
                     QLocalSocket.LocalSocketError.ConnectionRefusedError):
            raise NotRunning
        raise IpcError(f"cannot reach deskbreath at {name}: {socket.errorString()}")
    try:
        socket.write(encode_request(request))
        socket.waitForBytesWritten(timeout_ms)
        line = _read_line(socket, timeout_ms)
        try:
            reply = decode_reply(line)
        except ProtocolError as error:
            raise IpcError(f"deskbreath answered something unexpected: {error}") from None
        if wait_for_exit_ms and socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            socket.waitForDisconnected(wait_for_exit_ms)
        return reply
    finally:
        socket.abort()


def _read_line(socket: QLocalSocket, timeout_ms: int) -> bytes:
    deadline = time.monotonic() + timeout_ms / 1000
    buffer = bytearray()
    while b"\n" not in buffer:
        remaining = int((deadline - time.monotonic()) * 1000)
        if socket.bytesAvailable() == 0:
            if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                raise IpcError("deskbreath closed the connection without answering")
            if remaining <= 0 or not socket.waitForReadyRead(remaining):
                if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                    raise IpcError("deskbreath closed the connection without answering")
                raise IpcError(f"deskbreath did not answer within {timeout_ms / 1000:g} s")
        buffer += socket.readAll().data()
        if len(buffer) > MAX_REPLY:
            raise IpcError("deskbreath's reply is too long")
    return bytes(buffer[: buffer.index(b"\n") + 1])


class SingleInstance:
    """One deskbreath per user session: a lock file decides, the local socket notifies.

    Use: :meth:`acquire`; if it returns False, :meth:`notify_running` and exit; otherwise
    build the app and call :meth:`serve`, and :meth:`release` on the way out.
    """

    def __init__(self, paths: Paths, *, show_timeout_ms: int = 10_000) -> None:
        self.paths = paths
        self.name = server_name(paths)
        self.lock_path = paths.runtime_dir / _LOCK_NAME
        self.show_timeout_ms = show_timeout_ms
        self._lock: QLockFile | None = None
        self._server: IpcServer | None = None

    def acquire(self) -> bool:
        """Take the lock; True when this process is now the one instance.

        A lock left by a crashed run (its PID is gone) is taken over. Two processes calling
        this at the same moment get one True and one False.

        Raises:
            IpcError: the runtime directory or lock file cannot be created.
        """
        try:
            _make_private_dir(self.paths.runtime_dir)
        except OSError as error:
            raise IpcError(f"cannot create {self.paths.runtime_dir}: {error.strerror}") from None
        lock = QLockFile(str(self.lock_path))
        lock.setStaleLockTime(0)  # stale only when the owner's PID is gone, never by age
        if lock.tryLock(100):
            self._lock = lock
            return True
        if lock.error() == QLockFile.LockError.LockFailedError:
            return False
        raise IpcError(f"cannot create the lock file {self.lock_path} ({lock.error().name})")

    def holder_pid(self) -> int | None:
        """The PID written in the lock file, if it can be read."""
        pid, _host, _app = QLockFile(str(self.lock_path)).getLockInfo()
        return pid if pid > 0 else None

    def notify_running(self) -> str:
        """Ask the running instance to show itself; returns its reply message.

        The running one may still be starting (it holds the lock before it listens), so this
        retries for ``show_timeout_ms``.

        Raises:
            IpcError: it did not answer in time; the message says which process holds the lock.
        """
        deadline = time.monotonic() + self.show_timeout_ms / 1000
        while True:
            remaining = int((deadline - time.monotonic()) * 1000)
            try:
                reply = send_command(self.name, {"cmd": "show"}, max(remaining, 100))
            except NotRunning:
                if remaining <= 0:
                    break
                time.sleep(0.1)  # it holds the lock but is not listening yet
                continue
            except IpcError as error:
                log.warning("the running deskbreath did not answer: %s", error)
                break
            return str(reply.get("message") or reply.get("error") or "")
        pid = self.holder_pid()
        holder = f"process {pid}" if pid else "another process"
        raise IpcError(
            f"deskbreath seems to be running ({holder} holds {self.lock_path}) but did not "
            f"answer within {self.show_timeout_ms / 1000:g} s; if it is stuck, end it and "
            "start deskbreath again"
        )

    def serve(self, target: CommandTarget, *, clock: Clock | None = None,
              parent: QObject | None = None) -> IpcServer:
        """Remove a stale socket, then answer commands with ``target``. Needs the lock and a
        running QCoreApplication.

        Raises:
            IpcError: the socket cannot be created.
        """
        if self._lock is None:
            raise IpcError("serve() called without holding the single-instance lock")
        QLocalServer.removeServer(self.name)  # only the lock holder may; a crash leaves one
        server = IpcServer(target, self.name, clock=clock, parent=parent)
        server.listen()
        self._server = server
        return server

    def release(self) -> None:
        """Stop serving and give up the lock. Safe to call twice."""
        if self._server is not None:
            self._server.close()
            self._server = None
            QLocalServer.removeServer(self.name)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def _make_private_dir(path: Path) -> None:
    """Create ``path`` and any missing parents with mode 0700: a runtime directory (and an
    ``XDG_RUNTIME_DIR`` that did not exist yet) must be private, or platformdirs falls back."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for directory in reversed(missing):
        directory.mkdir(mode=0o700, exist_ok=True)
