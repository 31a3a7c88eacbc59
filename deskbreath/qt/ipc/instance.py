"""The single-instance guard: one deskbreath per user session, found by its lock and socket.

Why this shape: a second ``deskbreath`` must find the first one reliably, even right after a
crash and even when two are started in the same instant. A lock file decides who runs
(``QLockFile`` notices a dead owner by its PID); only the lock holder touches the socket, so a
stale socket from a crashed run can be removed safely. "Connect, and listen if that fails"
would let two simultaneous launches both become the primary.

It lives apart from :mod:`deskbreath.qt.ipc.server` so that taking the lock, which comes
before the tray icon, loads neither the protocol nor the core it needs: the server, the
client and the protocol are imported when they are used (``deskbreath/launch.py``).
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject

from deskbreath.i18n import _
from deskbreath.paths import Paths
from deskbreath.qt.ipc.choice import transport as default_transport
from deskbreath.qt.ipc.transport import IpcError, NotRunning, Transport

if TYPE_CHECKING:
    from deskbreath.core.clock import Clock
    from deskbreath.core.commands import CommandTarget
    from deskbreath.core.exercises import Catalogue
    from deskbreath.qt.ipc.server import IpcServer

log = logging.getLogger(__name__)

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




def app_starting(paths: Paths) -> bool:
    """Whether a live deskbreath holds the lock, so one that does not listen yet is starting.

    It serves its socket a moment after its tray icon shows (``deskbreath/launch.py``).

    POSIX only (the holder's PID is checked with signal 0); False elsewhere, and when the
    lock file is missing or left by a process that is gone.
    """
    if sys.platform == "win32":
        return False
    pid = SingleInstance(paths).holder_pid()
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process took that PID: not ours
        return False
    return True


class SingleInstance:
    """One deskbreath per user session: a lock file decides, the local socket notifies.

    Use: :meth:`acquire`; if it returns False, :meth:`notify_running` and exit; otherwise
    build the app and call :meth:`serve`, and :meth:`release` on the way out.
    """

    def __init__(self, paths: Paths, *, show_timeout_ms: int = 10_000,
                 transport: Transport | None = None) -> None:
        self.paths = paths
        self._transport = transport
        self.name = server_name(paths)
        self.lock_path = paths.runtime_dir / _LOCK_NAME
        self.show_timeout_ms = show_timeout_ms
        self._lock: QLockFile | None = None
        self._server: IpcServer | None = None

    @property
    def transport(self) -> Transport:
        """How the socket is reached (chosen on first use: taking the lock needs none)."""
        if self._transport is None:
            self._transport = default_transport()
        return self._transport

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
        from deskbreath.qt.ipc.server import send_command  # noqa: PLC0415  (see the docstring)

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
        from deskbreath.qt.ipc.server import IpcServer  # noqa: PLC0415  (see the docstring)

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
