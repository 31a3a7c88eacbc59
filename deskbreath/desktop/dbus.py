"""Blocking D-Bus calls with a short timeout, so a hung service never freezes the UI.

A healthy local service answers in well under a millisecond; the timeout (200 ms by default)
only bounds the damage when it hangs. Every deskbreath D-Bus query goes through :func:`call`.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import SLOT
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage, QDBusObjectPath, QDBusVariant

DEFAULT_TIMEOUT_MS = 200


class DBusCallError(Exception):
    """A call got an error reply or no reply in time; ``name`` is the D-Bus error name."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}" if message else name)
        self.name = name


def call(connection: QDBusConnection, service: str, path: str, interface: str, method: str,
         *args: object, timeout_ms: int = DEFAULT_TIMEOUT_MS,
         autostart: bool = True) -> list[object]:
    """Call ``method`` and return the reply's arguments.

    ``autostart=False`` never starts a D-Bus-activatable service that is not running (the
    call then fails with ``ServiceUnknown``): a question about a service must not launch it.

    Raises:
        DBusCallError: the bus is not connected, the service answered with an error, or it did
            not answer within ``timeout_ms``.
    """
    if not connection.isConnected():
        raise DBusCallError("org.freedesktop.DBus.Error.Disconnected", "bus not connected")
    message = QDBusMessage.createMethodCall(service, path, interface, method)
    if args:
        message.setArguments(list(args))
    message.setAutoStartService(autostart)
    reply = connection.call(message, QDBus.CallMode.Block, timeout_ms)
    if reply.type() == QDBusMessage.MessageType.ReplyMessage:
        return list(reply.arguments())
    raise DBusCallError(reply.errorName() or "org.freedesktop.DBus.Error.NoReply",
                        reply.errorMessage())


def get_property(connection: QDBusConnection, service: str, path: str, interface: str,
                 name: str, *, timeout_ms: int = DEFAULT_TIMEOUT_MS,
                 autostart: bool = False) -> object:
    """The plain value of property ``name`` (``org.freedesktop.DBus.Properties.Get``).

    Unlike :func:`call`, it does not start a service that is not running unless asked.

    Raises:
        DBusCallError: as :func:`call`; an unknown property or interface is an error reply.
    """
    reply = call(connection, service, path, "org.freedesktop.DBus.Properties", "Get",
                 interface, name, timeout_ms=timeout_ms, autostart=autostart)
    if not reply:
        raise DBusCallError("org.freedesktop.DBus.Error.InvalidArgs", "empty reply")
    return unwrap(reply[0])


def name_has_owner(connection: QDBusConnection, name: str,
                   timeout_ms: int = DEFAULT_TIMEOUT_MS) -> bool:
    """Whether some client owns ``name`` on the bus now (False when the bus cannot tell)."""
    try:
        reply = call(connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                     "org.freedesktop.DBus", "NameHasOwner", name, timeout_ms=timeout_ms)
    except DBusCallError:
        return False
    return bool(reply and reply[0] is True)


def unwrap(value: object) -> object:
    """The plain Python value inside a QDBusVariant (or the value itself)."""
    while isinstance(value, QDBusVariant):
        value = value.variant()
    if isinstance(value, QDBusObjectPath):
        return value.path()
    return value


def as_milliseconds(value: object) -> int | None:
    """An integer count of milliseconds from a reply argument, or None if it is not one."""
    value = unwrap(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def slot(signature: str) -> bytes:
    """``SLOT(signature)`` typed for ``QDBusConnection.connect`` and ``callWithCallback``.

    WORKAROUND for PySide6 6.12's stubs: they type the slot argument as bytes while SLOT()
    returns str, and only the str is accepted at run time (bytes raise ValueError).
    """
    return cast("bytes", SLOT(signature))
