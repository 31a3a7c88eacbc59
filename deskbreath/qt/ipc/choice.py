"""Which transport carries the command protocol on this platform.

The one place that knows both implementations (:mod:`deskbreath.qt.ipc.posix` and
:mod:`deskbreath.qt.ipc.local_socket`).
"""

from __future__ import annotations

import sys

from deskbreath.qt.ipc.transport import Transport

TRANSPORTS = ("posix", "qt")
"""Every transport's name: ``"posix"`` (AF_UNIX sockets) and ``"qt"`` (QLocalServer)."""


def transport(name: str | None = None) -> Transport:
    """The transport called ``name``, by default the one for this platform.

    Imports only that transport's module, so QtNetwork loads only where it is used.
    """
    name = name or ("qt" if sys.platform == "win32" else "posix")
    if name == "qt":
        from deskbreath.qt.ipc import local_socket  # noqa: PLC0415 - QtNetwork only when chosen

        return local_socket.TRANSPORT
    if name == "posix":
        from deskbreath.qt.ipc import posix  # noqa: PLC0415

        return posix.TRANSPORT
    raise ValueError(f"unknown IPC transport {name!r}; expected one of {', '.join(TRANSPORTS)}")
