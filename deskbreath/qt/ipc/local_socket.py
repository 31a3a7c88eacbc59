"""The Windows transport: ``QLocalServer`` and ``QLocalSocket`` (named pipes).

CPython has no AF_UNIX on Windows, so there QtNetwork carries the protocol. It works on Linux
too (over a Unix socket), which is how the tests run it beside the POSIX transport. This is
the only module that imports ``PySide6.QtNetwork``; :func:`deskbreath.qt.ipc.transport.transport`
imports it only when this transport is chosen.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from deskbreath.i18n import _
from deskbreath.qt.ipc.protocol import MAX_REPLY
from deskbreath.qt.ipc.transport import (
    CLOSED_WITHOUT_ANSWER,
    REPLY_TOO_LONG,
    Connection,
    IpcError,
    NotRunning,
    Server,
    Transport,
    line_deadline_error,
)

_CONNECTED = QLocalSocket.LocalSocketState.ConnectedState


class QtConnection(Connection):
    """A :class:`Connection` over an accepted ``QLocalSocket`` (owned by this object)."""

    def __init__(self, socket: QLocalSocket, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._socket = socket
        socket.setParent(self)
        socket.readyRead.connect(self.ready_read)
        socket.disconnected.connect(self.disconnected)

    def read_all(self) -> bytes:
        """``QLocalSocket.readAll``."""
        return bytes(self._socket.readAll().data())

    def write(self, data: bytes) -> None:
        """``QLocalSocket.write``, then a flush."""
        self._socket.write(data)
        self._socket.flush()

    def bytes_to_write(self) -> int:
        """``QLocalSocket.bytesToWrite``."""
        return self._socket.bytesToWrite()

    def disconnect_gracefully(self) -> None:
        """``QLocalSocket.disconnectFromServer``."""
        self._socket.disconnectFromServer()

    def abort(self) -> None:
        """``QLocalSocket.abort``."""
        self._socket.abort()

    def is_connected(self) -> bool:
        """True while the socket's state is ConnectedState."""
        return self._socket.state() == _CONNECTED


class QtServer(Server):
    """A :class:`Server` over ``QLocalServer``, readable and writable by this user only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_server_new_connection)

    def listen(self, name: str) -> None:
        """``QLocalServer.listen``, its error string in the IpcError."""
        if not self._server.listen(name):
            raise IpcError(_("cannot listen on %(name)s: %(problem)s")
                           % {"name": name, "problem": self._server.errorString()})

    def has_pending_connections(self) -> bool:
        """``QLocalServer.hasPendingConnections``."""
        return self._server.hasPendingConnections()

    def next_pending_connection(self) -> Connection:
        """``QLocalServer.nextPendingConnection``, wrapped."""
        return QtConnection(self._server.nextPendingConnection(), self)

    def close(self) -> None:
        """``QLocalServer.close``."""
        self._server.close()

    def full_server_name(self) -> str:
        """``QLocalServer.fullServerName``."""
        return self._server.fullServerName()

    @Slot()
    def _on_server_new_connection(self) -> None:
        self.new_connection.emit()


def remove_stale(name: str) -> None:
    """Remove a socket (or pipe) a crashed run left behind."""
    QLocalServer.removeServer(name)


def exchange(name: str, request: bytes, timeout_ms: int, wait_for_exit_ms: int) -> bytes:
    """Send one request line and return the reply line (see :class:`Transport`)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        error = socket.error()
        if error in (QLocalSocket.LocalSocketError.ServerNotFoundError,
                     QLocalSocket.LocalSocketError.ConnectionRefusedError):
            raise NotRunning
        raise IpcError(_("cannot reach deskbreath at %(name)s: %(problem)s")
                       % {"name": name, "problem": socket.errorString()})
    try:
        socket.write(request)
        socket.waitForBytesWritten(timeout_ms)
        line = _read_line(socket, timeout_ms)
        if wait_for_exit_ms and socket.state() == _CONNECTED:
            socket.waitForDisconnected(wait_for_exit_ms)
        return line
    finally:
        socket.abort()


def _read_line(socket: QLocalSocket, timeout_ms: int) -> bytes:
    deadline = time.monotonic() + timeout_ms / 1000
    buffer = bytearray()
    while b"\n" not in buffer:
        remaining = int((deadline - time.monotonic()) * 1000)
        if socket.bytesAvailable() == 0:
            if socket.state() != _CONNECTED:
                raise IpcError(_(CLOSED_WITHOUT_ANSWER))
            if remaining <= 0 or not socket.waitForReadyRead(remaining):
                if socket.state() != _CONNECTED:
                    raise IpcError(_(CLOSED_WITHOUT_ANSWER))
                raise line_deadline_error(timeout_ms)
        buffer += socket.readAll().data()
        if len(buffer) > MAX_REPLY:
            raise IpcError(_(REPLY_TOO_LONG))
    return bytes(buffer[: buffer.index(b"\n") + 1])


TRANSPORT = Transport("qt", QtServer, remove_stale, exchange)
