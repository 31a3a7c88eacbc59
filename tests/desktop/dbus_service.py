"""A stand-in desktop for tests: Mutter IdleMonitor, org.freedesktop.ScreenSaver, GNOME
ScreenSaver and logind, served with QtDBus on a private bus.

Run: ``python -m tests.desktop.dbus_service ADDRESS NAME...``; it owns each NAME, prints
``ready`` and serves until terminated. Tests steer it through ``org.deskbreath.TestControl``
at ``/control``: ``SetIdle(i ms)``, ``IdleFromDisplay(s display)`` (answer the X server's
MIT-SCREEN-SAVER idle time from then on, as KDE's KIdleTime does on X11), ``SetMode(s)``
(``ok``, ``error``, ``notsupported``, ``hang``), ``EmitBool(s path, s interface, s member,
b value)``, ``SetLocked(b)``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
    QDBusVariant,
    QDBusVirtualObject,
)

from deskbreath.desktop.idle.x11 import X11IdleSource

SESSION_PATH = "/org/freedesktop/login1/session/_3"
SESSION_INTERFACE = "org.freedesktop.login1.Session"
IDLE_METHODS = {("org.gnome.Mutter.IdleMonitor", "GetIdletime"),
                ("org.freedesktop.ScreenSaver", "GetSessionIdleTime")}


class FakeDesktop(QDBusVirtualObject):
    """Answers every path below ``/`` from a little state that tests control."""

    def __init__(self) -> None:
        super().__init__()
        self.idle_ms = 1234
        self.x11: X11IdleSource | None = None
        self.mode = "ok"
        self.locked = False

    def introspect(self, path: str) -> str:
        return ""

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        interface, member, args = message.interface(), message.member(), message.arguments()
        if interface == "org.deskbreath.TestControl":
            self._control(member, args, connection)
            connection.send(message.createReply())
            return True
        if (interface, member) in IDLE_METHODS:
            return self._answer_idle(message, connection)
        if interface == "org.freedesktop.login1.Manager" and member in (
                "GetSession", "GetSessionByPID"):
            reply = message.createReply()
            reply.setArguments([QDBusObjectPath(SESSION_PATH)])
            connection.send(reply)
            return True
        if (interface, member) == ("org.freedesktop.DBus.Properties", "Get") and (
                message.path() == SESSION_PATH and args[1] == "LockedHint"):
            reply = message.createReply()
            reply.setArguments([QDBusVariant(self.locked)])
            connection.send(reply)
            return True
        connection.send(message.createErrorReply(
            "org.freedesktop.DBus.Error.UnknownMethod", f"no {interface}.{member} here"))
        return True

    def _answer_idle(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        if self.mode == "hang":
            return True  # never answer
        if self.mode == "notsupported":
            connection.send(message.createErrorReply(
                "org.freedesktop.DBus.Error.NotSupported", "this method is not supported"))
        elif self.mode == "error":
            connection.send(message.createErrorReply(
                "org.freedesktop.DBus.Error.Failed", "the idle monitor broke"))
        else:
            reply = message.createReply()
            idle = None if self.x11 is None else self.x11.idle_seconds()
            reply.setArguments([self.idle_ms if idle is None else round(idle * 1000)])
            connection.send(reply)
        return True

    def _control(self, member: str, args: list[object], connection: QDBusConnection) -> None:
        if member == "SetIdle":
            self.idle_ms = int(str(args[0]))
        elif member == "IdleFromDisplay":
            self.x11 = X11IdleSource(str(args[0]))
        elif member == "SetMode":
            self.mode = str(args[0])
        elif member == "EmitBool":
            path, interface, name, value = args
            signal = QDBusMessage.createSignal(str(path), str(interface), str(name))
            signal.setArguments([bool(value)])
            connection.send(signal)
        elif member == "SetLocked":
            self.locked = bool(args[0])
            signal = QDBusMessage.createSignal(
                SESSION_PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged")
            signal.setArguments([SESSION_INTERFACE, {"LockedHint": self.locked}, ["Unused"]])
            connection.send(signal)


def main(argv: list[str]) -> int:
    """Serve the fake desktop on the bus ``argv[0]``, owning each name after it; 1 if it cannot."""
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(argv[0], "fake-desktop")
    desktop = FakeDesktop()
    if not bus.registerVirtualObject(
            "/", desktop, QDBusConnection.VirtualObjectRegisterOption.SubPath):
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
