"""The Linux and macOS transport: Python's AF_UNIX sockets, driven by ``QSocketNotifier``.

Why not ``QLocalServer``: QtNetwork costs about 2.8 MiB resident in a tray app that must stay
small, while ``socket`` is loaded anyway (asyncio, via APScheduler). The server side never
blocks: sockets are non-blocking, a read notifier accepts and reads, and a write notifier,
enabled only while bytes are queued, sends the rest of a reply the peer was slow to take.
Notifiers are disabled (and deleted later) before their descriptor is closed: a notifier left
on a closed, possibly reused descriptor fires for the wrong file.

The client side (:func:`exchange`) runs in the CLI process and simply blocks with timeouts.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import stat
import time
from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Slot

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

log = logging.getLogger(__name__)

_CHUNK = 64 * 1024
_READ_PER_WAKEUP = 256 * 1024
"""Bytes read from one client per notifier wake-up, so one flood cannot starve the others."""
_BACKLOG = socket.SOMAXCONN  # a burst of CLI calls waits in the kernel's queue
_ACCEPT_PAUSE_MS = 1000
"""After running out of file descriptors, wait this long before accepting again."""
_NO_SIGPIPE = getattr(socket, "MSG_NOSIGNAL", 0)  # Linux; Python ignores SIGPIPE anyway


def _retire(notifier: QSocketNotifier) -> None:
    notifier.setEnabled(False)
    notifier.deleteLater()  # not now: we may be inside its own activated signal


class PosixConnection(Connection):
    """A :class:`Connection` over an accepted non-blocking AF_UNIX socket."""

    def __init__(self, sock: socket.socket, parent: QObject | None = None) -> None:
        super().__init__(parent)
        sock.setblocking(False)
        self._sock: socket.socket | None = sock
        self._inbox = bytearray()
        self._outbox = bytearray()
        self._closing = False
        self._reader = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._on_reader_activated)
        self._writer = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Write, self)
        self._writer.setEnabled(False)
        self._writer.activated.connect(self._on_writer_activated)

    def read_all(self) -> bytes:
        """The bytes the read notifier gathered so far."""
        data = bytes(self._inbox)
        self._inbox.clear()
        return data

    def write(self, data: bytes) -> None:
        """Queue ``data`` and send what the socket takes now; nothing once closing."""
        if not self.is_connected():
            return
        self._outbox += data
        self._flush()

    def bytes_to_write(self) -> int:
        """The queued bytes not sent yet."""
        return len(self._outbox)

    def disconnect_gracefully(self) -> None:
        """Close now if nothing is queued, else once the queue is sent."""
        if not self.is_connected():
            return
        self._closing = True
        if not self._outbox:
            self._close()

    def abort(self) -> None:
        """Close the socket now, dropping the queue."""
        self._close()

    def is_connected(self) -> bool:
        """True until the socket closes or starts closing."""
        return self._sock is not None and not self._closing

    @Slot()
    def _on_reader_activated(self) -> None:
        if self._sock is None:
            return
        received, hung_up = 0, False
        while received < _READ_PER_WAKEUP:
            try:
                chunk = self._sock.recv(_CHUNK)
            except BlockingIOError:
                break
            except OSError:  # ECONNRESET and the like: the peer is gone
                hung_up = True
                break
            if not chunk:
                hung_up = True
                break
            self._inbox += chunk
            received += len(chunk)
        if received:
            self.ready_read.emit()  # may close this connection (a slot can call abort)
        if hung_up and self._sock is not None:
            if self._outbox:
                # The peer may only have shut down its sending side (``nc -N``): send the
                # rest of the reply, then close. Reading stops: EOF would keep it firing.
                self._closing = True
                self._reader.setEnabled(False)
                self._flush()
            else:
                self._close()

    @Slot()
    def _on_writer_activated(self) -> None:
        self._flush()

    def _flush(self) -> None:
        sock = self._sock
        if sock is None:
            return
        while self._outbox:
            try:
                sent = sock.send(self._outbox, _NO_SIGPIPE)
            except BlockingIOError:
                break
            except OSError:  # EPIPE, ECONNRESET: the peer hung up without reading
                self._close()
                return
            del self._outbox[:sent]
        self._writer.setEnabled(bool(self._outbox))
        if self._closing and not self._outbox:
            self._close()

    def _close(self) -> None:
        sock = self._sock
        if sock is None:
            return
        self._sock = None
        self._closing = True
        _retire(self._reader)
        _retire(self._writer)
        with contextlib.suppress(OSError):  # unread bytes would make the peer see ECONNRESET
            for _ in range(_READ_PER_WAKEUP // _CHUNK):  # bounded: the peer may keep writing
                if not sock.recv(_CHUNK):
                    break
        sock.close()
        self._outbox.clear()
        self.disconnected.emit()


class PosixServer(Server):
    """A :class:`Server` on a socket file with mode 0600 (like ``UserAccessOption``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sock: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._path = ""
        self._identity: tuple[int, int] | None = None
        self._pending: deque[PosixConnection] = deque()

    def listen(self, name: str) -> None:
        """Bind ``name`` (mode 0600 before anyone can connect) and listen; one socket per server."""
        if self._sock is not None:
            raise IpcError(_("cannot listen on %(name)s: already listening on %(path)s")
                           % {"name": name, "path": self._path})
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(name)
        except OSError as error:
            sock.close()
            raise IpcError(_("cannot listen on %(name)s: %(problem)s")
                           % {"name": name, "problem": _bind_problem(name, error)}) from None
        try:
            # Before listen() nobody can connect, so no one slips in before the chmod.
            Path(name).chmod(0o600)
            info = Path(name).stat()
            sock.listen(_BACKLOG)
            sock.setblocking(False)
        except OSError as error:
            sock.close()
            with contextlib.suppress(OSError):
                Path(name).unlink()
            raise IpcError(_("cannot listen on %(name)s: %(problem)s")
                           % {"name": name, "problem": error.strerror or error}) from None
        self._sock, self._path = sock, name
        self._identity = (info.st_dev, info.st_ino)
        self._notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)

    def has_pending_connections(self) -> bool:
        """True while accepted clients wait."""
        return bool(self._pending)

    def next_pending_connection(self) -> Connection:
        """The oldest accepted client."""
        return self._pending.popleft()

    def close(self) -> None:
        """Stop listening, remove the file if it is still ours, abort clients not taken yet."""
        if self._sock is None:
            return
        if self._notifier is not None:
            _retire(self._notifier)
            self._notifier = None
        self._sock.close()
        self._sock = None
        with contextlib.suppress(OSError):  # remove the file if it is still ours, not a successor's
            path = Path(self._path)
            info = path.lstat()
            if (info.st_dev, info.st_ino) == self._identity:
                path.unlink()
        self._path, self._identity = "", None
        while self._pending:
            self._pending.popleft().abort()

    def full_server_name(self) -> str:
        """The socket's path, or an empty string when not listening."""
        return self._path

    @Slot()
    def _on_notifier_activated(self) -> None:
        while self._sock is not None:
            try:
                client, _ = self._sock.accept()
            except BlockingIOError:
                break
            except OSError as error:
                if error.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    log.warning("cannot accept a client (%s); pausing for %d ms",
                                error.strerror, _ACCEPT_PAUSE_MS)
                    self._pause_accepting()
                break  # ECONNABORTED and the like: that client is gone, the rest wait
            self._pending.append(PosixConnection(client, self))
        if self._pending:
            self.new_connection.emit()

    def _pause_accepting(self) -> None:
        # Level-triggered: with no descriptor to accept into, the notifier would spin.
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            QTimer.singleShot(_ACCEPT_PAUSE_MS, self, self._on_pause_timeout)

    @Slot()
    def _on_pause_timeout(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(True)


def _bind_problem(name: str, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        try:
            is_socket = stat.S_ISSOCK(Path(name).lstat().st_mode)
        except OSError:
            is_socket = True
        if not is_socket:
            return _("the path exists and is not a socket; move that file away")
        return _("another process is listening there")
    return error.strerror or str(error)  # "AF_UNIX path too long" has no errno


def remove_stale(name: str) -> None:
    """Remove the socket file a crashed run left at ``name``; anything else is left alone."""
    path = Path(name)
    try:
        if stat.S_ISSOCK(path.lstat().st_mode):
            path.unlink()
    except FileNotFoundError:
        pass
    except OSError as error:
        log.warning("cannot remove the old socket %s: %s", name, error.strerror)


def exchange(name: str, request: bytes, timeout_ms: int, wait_for_exit_ms: int) -> bytes:
    """Send one request line and return the reply line (see :class:`Transport`)."""
    _check_owner(name)
    with _connect(name, timeout_ms) as sock:
        try:
            sock.sendall(request)
        except TimeoutError:
            raise line_deadline_error(timeout_ms) from None
        except (BrokenPipeError, ConnectionResetError):
            pass  # it hung up at once; an error reply ("too many clients") may be waiting
        line = _read_line(sock, timeout_ms)
        if wait_for_exit_ms:
            _wait_for_eof(sock, wait_for_exit_ms)
        return line


def _check_owner(name: str) -> None:
    """Refuse a socket file that belongs to someone else: commands go to this user's app."""
    try:
        owner = Path(name).lstat().st_uid
    except OSError:
        return  # missing: connect() says "not running"
    if owner != os.getuid():
        raise IpcError(_("%(name)s belongs to another user (uid %(uid)d); not sending "
                         "commands to it. Remove it, or set XDG_RUNTIME_DIR to a private folder")
                       % {"name": name, "uid": owner})


def _connect(name: str, timeout_ms: int) -> socket.socket:
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(max(timeout_ms, 1) / 1000)
        try:
            sock.connect(name)
        except BlockingIOError:  # EAGAIN: the app's queue of waiting clients is full
            sock.close()
            if time.monotonic() >= deadline:
                raise IpcError(_("cannot reach deskbreath at %(name)s: it is busy and took "
                                 "no connection within %(seconds)g s")
                               % {"name": name, "seconds": timeout_ms / 1000}) from None
            time.sleep(0.02)
            continue
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
            raise NotRunning from None
        except TimeoutError:
            sock.close()
            raise IpcError(_("cannot reach deskbreath at %(name)s: no connection within "
                             "%(seconds)g s")
                           % {"name": name, "seconds": timeout_ms / 1000}) from None
        except OSError as error:
            sock.close()
            raise IpcError(_("cannot reach deskbreath at %(name)s: %(problem)s")
                           % {"name": name, "problem": error.strerror or error}) from None
        return sock


def _read_line(sock: socket.socket, timeout_ms: int) -> bytes:
    deadline = time.monotonic() + timeout_ms / 1000
    buffer = bytearray()
    while b"\n" not in buffer:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise line_deadline_error(timeout_ms)
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(_CHUNK)
        except TimeoutError:
            raise line_deadline_error(timeout_ms) from None
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            raise IpcError(_(CLOSED_WITHOUT_ANSWER))
        buffer += chunk
        if len(buffer) > MAX_REPLY:
            raise IpcError(_(REPLY_TOO_LONG))
    return bytes(buffer[: buffer.index(b"\n") + 1])


def _wait_for_eof(sock: socket.socket, timeout_ms: int) -> None:
    """Wait until the app closes the connection (it is quitting), or the time is up."""
    deadline = time.monotonic() + timeout_ms / 1000
    while (remaining := deadline - time.monotonic()) > 0:
        sock.settimeout(remaining)
        try:
            if not sock.recv(_CHUNK):
                return
        except OSError:  # a timeout, or a reset: either way nothing more to wait for
            return


TRANSPORT = Transport("posix", PosixServer, remove_stale, exchange)
