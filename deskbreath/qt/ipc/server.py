"""The local socket: the app's command server, the CLI's client, and the single-instance guard.

Why this shape: a second ``deskbreath`` must find the first one reliably, even right after a
crash and even when two are started in the same instant. A lock file decides who runs
(``QLockFile`` notices a dead owner by its PID); only the lock holder touches the socket, so a
stale socket from a crashed run can be removed safely. "Connect, and listen if that fails"
would let two simultaneous launches both become the primary.

The server side never blocks the GUI thread: it reads what is there, answers complete lines,
and drops clients that send too much, read too little, or say nothing for a while. The client
side (:func:`send_command`) runs in the short-lived CLI process, where blocking waits are fine.
The wire format is documented in :mod:`deskbreath.qt.ipc.protocol`; the bytes travel over a
transport from :mod:`deskbreath.qt.ipc.transport` (AF_UNIX sockets on Linux and macOS,
QtNetwork's named pipes only on Windows, to keep QtNetwork out of the tray app's memory).
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import tempfile
import time
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QObject, Signal, Slot

from deskbreath.core.clock import Clock, SystemClock
from deskbreath.core.commands import CommandTarget
from deskbreath.core.exercises import Catalogue, packaged_catalogue
from deskbreath.i18n import _
from deskbreath.paths import Paths
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
    "IpcServer", "NotRunning", "SingleInstance", "Transport", "send_command", "server_name",
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
_SOCKET_NAME = "deskbreath.sock"
_LOCK_NAME = "deskbreath.lock"
_UNIX_PATH_MAX = 100  # sockaddr_un.sun_path holds 104 (macOS) or 108 (Linux) bytes


def server_name(paths: Paths) -> str:
    """The local socket name for the deskbreath of this user and runtime directory.

    On Unix it is a socket file inside the runtime directory (private to the user), unless
    that path is too long for a socket address; then a name derived from a hash of the
    runtime directory, in a private ``deskbreath-<uid>`` folder of the temp directory. On
    Windows, a named pipe with the user name and that hash. Distinct runtime directories
    never share a socket, which keeps tests (and portable installs) apart.

    The hash is CRC-32, not SHA-256: hashlib would load OpenSSL (about 3.4 MiB) into the app.
    A collision is harmless, as the name also carries the user and the directory is private.
    """
    digest = f"{zlib.crc32(os.fsencode(paths.runtime_dir)):08x}"
    if sys.platform == "win32":
        import getpass  # noqa: PLC0415 - it loads termios and more; needed only here

        return f"deskbreath-{getpass.getuser()}-{digest}"
    path = paths.runtime_dir / _SOCKET_NAME
    if len(os.fsencode(path)) <= _UNIX_PATH_MAX:
        return str(path)
    return str(Path(tempfile.gettempdir()) / f"deskbreath-{os.getuid()}" / f"{digest}.sock")


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


class SingleInstance:
    """One deskbreath per user session: a lock file decides, the local socket notifies.

    Use: :meth:`acquire`; if it returns False, :meth:`notify_running` and exit; otherwise
    build the app and call :meth:`serve`, and :meth:`release` on the way out.
    """

    def __init__(self, paths: Paths, *, show_timeout_ms: int = 10_000,
                 transport: Transport | None = None) -> None:
        self.paths = paths
        self.transport = transport or _default_transport()
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
            raise IpcError(_("cannot create %(path)s: %(problem)s")
                           % {"path": self.paths.runtime_dir, "problem": error.strerror}) from None
        lock = QLockFile(str(self.lock_path))
        lock.setStaleLockTime(0)  # stale only when the owner's PID is gone, never by age
        if lock.tryLock(100):
            self._lock = lock
            return True
        if lock.error() == QLockFile.LockError.LockFailedError:
            return False
        raise IpcError(_("cannot create the lock file %(path)s (%(problem)s)")
                       % {"path": self.lock_path, "problem": lock.error().name})

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
                reply = send_command(self.name, {"cmd": "show"}, max(remaining, 100),
                                     transport=self.transport)
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
        holder = _("process %(pid)d") % {"pid": pid} if pid else _("another process")
        raise IpcError(
            _("deskbreath seems to be running (%(holder)s holds %(path)s) but did not answer "
              "within %(seconds)g s; if it is stuck, end it and start deskbreath again")
            % {"holder": holder, "path": self.lock_path, "seconds": self.show_timeout_ms / 1000}
        )

    def serve(self, target: CommandTarget, *, clock: Clock | None = None,
              catalogue: Catalogue | None = None, parent: QObject | None = None) -> IpcServer:
        """Remove a stale socket, then answer commands with ``target``.

        Needs the lock and a running QCoreApplication. ``catalogue`` lists the exercises
        ``now`` may name (the shipped one if not given).

        Raises:
            IpcError: the socket cannot be created.
        """
        if self._lock is None:
            raise IpcError("serve() called without holding the single-instance lock")
        folder = Path(self.name).parent
        if sys.platform != "win32" and folder != self.paths.runtime_dir:
            _make_own_folder(folder)  # the temp-directory fallback for a long runtime path
        self.transport.remove_stale(self.name)  # only the lock holder may; a crash leaves one
        server = IpcServer(target, self.name, clock=clock, transport=self.transport,
                           catalogue=catalogue, parent=parent)
        server.listen()
        self._server = server
        return server

    def release(self) -> None:
        """Stop serving and give up the lock. Safe to call twice."""
        if self._server is not None:
            self._server.close()  # removes the socket file, if it is still this server's
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def _make_private_dir(path: Path) -> None:
    """Create ``path`` and any missing parents with mode 0700.

    A runtime directory (and an ``XDG_RUNTIME_DIR`` that did not exist yet) must be private,
    or platformdirs falls back.
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for directory in reversed(missing):
        directory.mkdir(mode=0o700, exist_ok=True)


def _make_own_folder(folder: Path) -> None:
    """Create ``folder`` with mode 0700, and refuse one that another user could have prepared.

    It must be a real folder, owned by this user, writable by nobody else.

    Raises:
        IpcError: it cannot be created, or it is not private to this user.
    """
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as error:
        raise IpcError(_("cannot create %(path)s: %(problem)s")
                       % {"path": folder, "problem": error.strerror}) from None
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise IpcError(
            _("%(path)s is not a private folder of yours (owner uid %(uid)d, mode %(mode)o); "
              "remove it, or set XDG_RUNTIME_DIR to a private folder with a short path")
            % {"path": folder, "uid": info.st_uid, "mode": stat.S_IMODE(info.st_mode)}
        )
