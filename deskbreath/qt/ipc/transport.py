"""What the command server and client need from a local socket, whichever carries the bytes.

Why an interface: a tray app must stay small, and ``PySide6.QtNetwork`` (``QLocalServer``)
costs about 2.8 MiB resident. On Linux and macOS Python's ``socket`` (AF_UNIX), already
loaded by asyncio, does the job (:mod:`deskbreath.qt.ipc.posix`); on Windows, where CPython
has no AF_UNIX, ``QLocalServer`` and its named pipes stay (:mod:`deskbreath.qt.ipc.local_socket`).
:mod:`deskbreath.qt.ipc.choice` picks one and imports only that module, so QtNetwork never
loads on Linux or macOS; this module knows neither implementation.

Threading contract: everything here runs on the Qt (GUI) thread, except the blocking
:attr:`Transport.exchange`, which the short-lived CLI process calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from deskbreath.i18n import N_, _

NOT_RUNNING = N_("deskbreath is not running (start it with `deskbreath`)")


class IpcError(Exception):
    """The running app could not be reached or answered badly; the message is for people."""


class NotRunning(IpcError):  # noqa: N818 - reads as a state: `except NotRunning`
    """No deskbreath is listening for this user."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(_(NOT_RUNNING) if message is None else message)


class Connection(QObject):
    """One accepted client, never blocking. Subclasses implement every method.

    Signals:
        ready_read(): bytes arrived; :meth:`read_all` takes them.
        disconnected(): the connection is closed (the peer hung up, or :meth:`abort` or a
            finished :meth:`disconnect_gracefully`); emitted once.
    """

    ready_read = Signal()
    disconnected = Signal()

    def read_all(self) -> bytes:
        """Everything received and not read yet."""
        raise NotImplementedError

    def write(self, data: bytes) -> None:
        """Queue ``data`` and send what can be sent now; the rest follows when possible."""
        raise NotImplementedError

    def bytes_to_write(self) -> int:
        """Queued bytes the peer has not taken yet."""
        raise NotImplementedError

    def disconnect_gracefully(self) -> None:
        """Close once the queued bytes are sent (``disconnected`` follows)."""
        raise NotImplementedError

    def abort(self) -> None:
        """Close now, dropping queued bytes."""
        raise NotImplementedError

    def is_connected(self) -> bool:
        """True until a disconnect starts or the peer hangs up."""
        raise NotImplementedError


class Server(QObject):
    """A listening local socket. Subclasses implement every method.

    Signals:
        new_connection(): clients are waiting; take them with :meth:`next_pending_connection`.
    """

    new_connection = Signal()

    def listen(self, name: str) -> None:
        """Start listening on ``name`` (a socket path, or a pipe name on Windows).

        Raises:
            IpcError: it cannot; the message says why.
        """
        raise NotImplementedError

    def has_pending_connections(self) -> bool:
        """True while accepted clients wait for :meth:`next_pending_connection`."""
        raise NotImplementedError

    def next_pending_connection(self) -> Connection:
        """The next accepted client, a child of this server until reparented."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop listening (removing the socket file). Accepted connections stay open."""
        raise NotImplementedError

    def full_server_name(self) -> str:
        """Where clients connect, or an empty string when not listening."""
        raise NotImplementedError


@dataclass(frozen=True)
class Transport:
    """One way of carrying the protocol: a server factory, stale-socket cleanup, a client.

    Attributes:
        name: ``"posix"`` or ``"qt"``.
        make_server: builds a not yet listening :class:`Server` with the given parent.
        remove_stale: removes what a crashed run left at a name; only the lock holder may.
        exchange: the blocking client: ``exchange(name, request_line, timeout_ms,
            wait_for_exit_ms)`` sends the line and returns the reply line (with its newline),
            raising :class:`NotRunning` or :class:`IpcError`.
    """

    name: str
    make_server: Callable[[QObject | None], Server]
    remove_stale: Callable[[str], None]
    exchange: Callable[[str, bytes, int, int], bytes]


def line_deadline_error(timeout_ms: int) -> IpcError:
    """The error for a reply that did not come in time (the same words on every transport)."""
    return IpcError(_("deskbreath did not answer within %(seconds)g s")
                    % {"seconds": timeout_ms / 1000})


CLOSED_WITHOUT_ANSWER = N_("deskbreath closed the connection without answering")
REPLY_TOO_LONG = N_("deskbreath's reply is too long")
