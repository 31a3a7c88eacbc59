"""The local socket: the app's command server and the CLI's client.

The single-instance guard (:class:`SingleInstance`, :func:`server_name`) is in
:mod:`deskbreath.qt.ipc.instance`.

The server side never blocks the GUI thread: it reads what is there, answers complete lines,
and drops clients that send too much, read too little, or say nothing for a while. The client
side (:func:`send_command`) runs in the short-lived CLI process, where blocking waits are fine.
The wire format is documented in :mod:`deskbreath.qt.ipc.protocol`; the bytes travel over a
transport from :mod:`deskbreath.qt.ipc.transport` (AF_UNIX sockets on Linux and macOS,
QtNetwork's named pipes only on Windows, to keep QtNetwork out of the tray app's memory).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from deskbreath.core.clock import Clock, SystemClock
from deskbreath.core.commands import CommandTarget
from deskbreath.core.exercises import Catalogue, packaged_catalogue
from deskbreath.i18n import _
from deskbreath.qt.ipc.choice import transport
from deskbreath.qt.ipc.protocol import (
    ProtocolError,
    busy_reply,
    decode_reply,
    encode_reply,
    encode_request,
    is_busy,
)
from deskbreath.qt.ipc.session import MAX_PENDING_REPLIES, ClientSession
from deskbreath.qt.ipc.transport import (
    NOT_RUNNING,
    IpcError,
    NotRunning,
    Transport,
)

__all__ = [
    "IDLE_TIMEOUT_MS", "MAX_CLIENTS", "MAX_PENDING_REPLIES", "NOT_RUNNING", "IpcError",
    "IpcServer", "NotRunning", "Transport", "send_command",
]

log = logging.getLogger(__name__)

IDLE_TIMEOUT_MS = 2000
"""A client that sends no complete request for this long is dropped. The command line sends
its request right after connecting; a silent client only holds one of the
:data:`MAX_CLIENTS` slots that commands wait for."""
MAX_CLIENTS = 16
BUSY_RETRY_FIRST_S = 0.05
"""After a "busy" reply the client waits this long before trying again, doubling each time
up to :data:`BUSY_RETRY_MAX_S`."""
BUSY_RETRY_MAX_S = 0.5


class IpcServer(QObject):
    """Answers protocol requests from local clients by calling a :class:`CommandTarget`.

    ``catalogue`` lists the exercises ``now`` may name and names them in the status summary
    (the shipped one if not given).

    Signals:
        request_handled(str, bool): a request line was answered; its command (``"?"`` when
            it did not decode) and whether the reply was ``ok``.
        client_dropped(str): a client was disconnected by the server; the reason.
    """

    request_handled = Signal(str, bool)
    client_dropped = Signal(str)

    def __init__(self, target: CommandTarget, name: str, *, clock: Clock | None = None,
                 idle_timeout_ms: int = IDLE_TIMEOUT_MS, max_clients: int = MAX_CLIENTS,
                 transport: Transport | None = None, catalogue: Catalogue | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ipc-server")
        self.target = target
        self.catalogue = catalogue or packaged_catalogue()
        self.clock: Clock = clock or SystemClock()
        self.idle_timeout_ms = idle_timeout_ms
        self.max_clients = max_clients
        self._name = name
        self._connections: set[ClientSession] = set()
        self.transport = transport or _default_transport()
        self._server = self.transport.make_server(self)
        self._server.new_connection.connect(self._on_server_new_connection)

    @property
    def full_server_name(self) -> str:
        """Where clients connect (the socket path on Unix)."""
        return self._server.full_server_name() or self._name

    def listen(self) -> None:
        """Start listening. Remove a stale socket first (:meth:`SingleInstance.serve` does).

        Raises:
            IpcError: the name is taken or the socket cannot be created.
        """
        self._server.listen(self._name)
        log.info("listening for commands on %s", self.full_server_name)

    def close(self) -> None:
        """Stop listening and drop every client. Safe to call twice."""
        self._server.close()
        for connection in list(self._connections):
            connection.drop()

    def client_count(self) -> int:
        """How many clients are connected now."""
        return len(self._connections)

    @Slot()
    def _on_server_new_connection(self) -> None:
        while self._server.has_pending_connections():
            socket = self._server.next_pending_connection()
            if len(self._connections) >= self.max_clients:
                log.warning("refused a client: %d already connected", len(self._connections))
                socket.disconnected.connect(socket.deleteLater)
                socket.write(encode_reply(busy_reply()))
                socket.disconnect_gracefully()
                self.client_dropped.emit("too many clients")
                continue
            session = ClientSession(socket, target=self.target, clock=self.clock,
                                    idle_timeout_ms=self.idle_timeout_ms,
                                    catalogue=self.catalogue, parent=self)
            session.request_handled.connect(self.request_handled)
            session.dropped.connect(self.client_dropped)
            session.closed.connect(lambda session=session: self._connections.discard(session))
            self._connections.add(session)


def send_command(name: str, request: Mapping[str, Any], timeout_ms: int = 5000, *,
                 wait_for_exit_ms: int = 0, transport: Transport | None = None) -> dict[str, Any]:
    """Send one request to the running app and return its reply (``ok`` true or false).

    While the app answers "busy" (every client slot taken; the request was not read), the
    request is sent again after a short, growing pause, until ``timeout_ms`` has passed
    since the call; then that busy reply is returned.

    Args:
        name: the server name (:func:`server_name`).
        request: the request fields, e.g. ``{"cmd": "snooze", "seconds": 900}``.
        timeout_ms: how long to wait in all for a connection and a reply.
        wait_for_exit_ms: after the reply, wait this long for the app to close the
            connection (``quit`` uses it, so a following start finds the lock free).
        transport: how to reach it; by default this platform's transport.

    Raises:
        NotRunning: nothing listens on ``name``.
        IpcError: no reply in time, or a reply that is not one.
    """
    chosen = transport or _default_transport()
    deadline = time.monotonic() + timeout_ms / 1000
    pause = BUSY_RETRY_FIRST_S
    line = encode_request(request)
    attempt_ms = timeout_ms
    while True:
        raw = chosen.exchange(name, line, attempt_ms, wait_for_exit_ms)
        try:
            reply = decode_reply(raw)
        except ProtocolError as error:
            raise IpcError(_("deskbreath answered something unexpected: %(error)s")
                           % {"error": error}) from None
        if not is_busy(reply) or time.monotonic() + pause >= deadline:
            return reply
        log.debug("deskbreath is busy with other clients; trying again in %g s", pause)
        time.sleep(pause)
        pause = min(pause * 2, BUSY_RETRY_MAX_S)
        attempt_ms = max(1, int((deadline - time.monotonic()) * 1000))


def _default_transport() -> Transport:
    return transport()
