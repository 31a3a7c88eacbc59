"""A D-Bus service that owns names and never answers: the worst a desktop service can do.

Run: ``python -m tests.support.hung_dbus ADDRESS NAME...``. It connects to the bus at
ADDRESS, owns each NAME, serves every object path and prints ``ready``; then, on stderr, it
writes one line ``call WALLTIME INTERFACE.MEMBER`` for each method call it receives (and never
answers), with ``time.time()`` at its arrival. It serves until terminated.

A caller that blocks on one of these names waits out its full timeout; one that calls
asynchronously carries on. ``tests/e2e/test_startup_order.py`` runs the real app against it.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVirtualObject


class Silent(QDBusVirtualObject):
    """Takes every call below ``/`` and answers none of them."""

    def introspect(self, path: str) -> str:
        return ""

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        print(f"call {time.time():.6f} {message.interface()}.{message.member()} "
              f"{message.path()} {message.arguments()!r}",
              file=sys.stderr, flush=True)
        return True  # handled: the caller gets no reply and no error, ever


def main(argv: list[str]) -> int:
    """Serve the never-answering services on the bus ``argv[0]`` until killed."""
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(argv[0], "hung-desktop")
    silent = Silent()
    if not bus.registerVirtualObject("/", silent,
                                     QDBusConnection.VirtualObjectRegisterOption.SubPath):
        print("cannot register the object", flush=True)
        return 1
    for name in argv[1:]:
        if not bus.registerService(name):
            print(f"cannot own {name}", flush=True)
            return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
