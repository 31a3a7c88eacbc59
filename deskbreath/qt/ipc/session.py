"""One client of the command server: a line buffer, an idle timer, and reply limits.

:class:`~deskbreath.qt.ipc.server.IpcServer` creates one :class:`ClientSession` per accepted
transport :class:`Connection` and listens to its signals; a session knows nothing of the
server, so the two modules do not import each other.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from deskbreath.core.clock import Clock
from deskbreath.core.commands import CommandTarget
from deskbreath.core.exercises import Catalogue
from deskbreath.qt.ipc.protocol import (
    MAX_LINE,
    ProtocolError,
    decode_request,
    dispatch,
    encode_reply,
    error_reply,
)
from deskbreath.qt.ipc.transport import Connection

log = logging.getLogger("deskbreath.qt.ipc.server")

MAX_PENDING_REPLIES = 256 * 1024
"""Reply bytes a client may leave unread before it is dropped (it is not reading)."""
CLOSE_GRACE_MS = 1000
"""After the last reply, how long a client may take to let go before it is aborted."""


class ClientSession(QObject):
    """One client: a line buffer, an idle timer, and the rule that replies never pile up.

    Args:
        socket: the accepted connection; the session becomes its parent.
        target: answers the decoded commands.
        clock: gives the time commands are interpreted at ("pause until 14:00").
        idle_timeout_ms: a client silent for this long is dropped.
        catalogue: the exercises ``now`` may name, and their names in the status summary.
        parent: the Qt parent (the server).

    Signals:
        request_handled(str, bool): a request line was answered; its command (``"?"`` when it
            did not decode) and whether the reply was ``ok``.
        dropped(str): the session closed the connection itself; the reason.
        closed(): the connection is gone; the session deletes itself after this.
    """

    request_handled = Signal(str, bool)
    dropped = Signal(str)
    closed = Signal()

    def __init__(self, socket: Connection, *, target: CommandTarget, clock: Clock,
                 idle_timeout_ms: int, catalogue: Catalogue,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._target = target
        self._catalogue = catalogue
        self._clock = clock
        self._idle_timeout_ms = idle_timeout_ms
        self._socket = socket
        self._buffer = bytearray()
        self._closing = False
        socket.setParent(self)
        self._timer = QTimer(self)
        self._timer.setObjectName("ipc-idle-timeout")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_idle_timer_timeout)
        self._timer.start(idle_timeout_ms)
        socket.ready_read.connect(self._on_socket_ready_read)
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
            self.dropped.emit(reason)
        if reply is not None:
            self._write(error_reply(reply))
        self._timer.start(CLOSE_GRACE_MS)
        if self._socket.is_connected():
            self._socket.disconnect_gracefully()

    @Slot()
    def _on_socket_ready_read(self) -> None:
        data = self._socket.read_all()
        if self._closing:
            return
        self._timer.start(self._idle_timeout_ms)
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
            request = decode_request(line, self._catalogue.ids)
        except Exception as error:  # a client must never break the server
            if not isinstance(error, ProtocolError):
                log.exception("unexpected error decoding a request")
            log.warning("rejected a request (%s): %r", error, line[:80])
            self._write(error_reply(str(error)))
            self.request_handled.emit("?", False)
            return
        reply = dispatch(request, self._target, self._clock.now(), self._clock.zone(),
                         self._catalogue)
        if not reply["ok"]:
            log.info("%s: %s", request.cmd, reply["error"])
        self._write(reply)
        self.request_handled.emit(request.cmd, bool(reply["ok"]))

    def _write(self, reply: Mapping[str, Any]) -> None:
        try:
            if self._socket.is_connected():
                self._socket.write(encode_reply(reply))
                if self._socket.bytes_to_write() > MAX_PENDING_REPLIES:
                    self.drop("client does not read its replies")
        except RuntimeError:  # the target deleted the server (and this socket) while answering
            log.debug("socket gone before a reply could be written")

    @Slot()
    def _on_idle_timer_timeout(self) -> None:
        if self._closing:
            self._socket.abort()
            return
        seconds = self._idle_timeout_ms / 1000
        self.drop("idle client", f"no complete request within {seconds:g} s; closing")

    @Slot()
    def _on_socket_disconnected(self) -> None:
        self._closing = True
        self._timer.stop()
        self.closed.emit()
        self.deleteLater()
