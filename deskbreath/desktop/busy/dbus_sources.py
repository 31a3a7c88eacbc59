"""Busy signals read over D-Bus with QtDBus: do not disturb, and idle inhibitors.

Do not disturb of KDE Plasma, XFCE and dunst; idle inhibitors of logind and GNOME's session
manager.

Every read is one property or method call with a short timeout, made only while a prompt is
due, and never starts a service that is not running (``autostart=False``): a question must
not launch a notification daemon. A service that is not there makes the source answer None
("cannot tell"), with the reason kept for diagnostics.

Sources:
  * KDE Plasma: the ``Inhibited`` property of ``org.freedesktop.Notifications`` (Plasma's
    do not disturb; other servers lack the property).
  * XFCE: ``xfce4-notifyd``'s ``/do-not-disturb`` in xfconf, read from
    ``org.xfce.Xfconf.GetProperty`` (never set: off).
  * dunst (i3, sway, …): the ``paused`` property of ``org.dunstproject.cmd0`` on
    ``/org/freedesktop/Notifications``.
  * logind: the manager's ``BlockInhibited`` lists ``idle`` while a video player or
    presentation holds an idle inhibitor (system bus).
  * GNOME: ``org.gnome.SessionManager``'s ``InhibitedActions`` has the idle flag (8), the
    bit field ``IsInhibited(8)`` tests (``org.freedesktop.ScreenSaver.Inhibit`` from browsers
    and players ends up there). The property is read because ``IsInhibited`` takes a
    ``uint32``, which PySide6's QtDBus cannot send.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtDBus import QDBusConnection

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.base import BusySourceBase
from deskbreath.desktop.dbus import DBusCallError, call, get_property, unwrap

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
GNOME_INHIBIT_IDLE = 8
_MISSING = ("org.freedesktop.DBus.Error.ServiceUnknown",
            "org.freedesktop.DBus.Error.NameHasNoOwner")


def _explain(error: DBusCallError, service: str, what: str) -> str:
    if error.name in _MISSING:
        return f"{what} is not running ({service} is not on the bus)"
    return f"{what} did not answer: {error}"


class DBusBusySource(BusySourceBase):
    """A busy signal read with one D-Bus call; subclasses say which call and what it means.

    Args:
        bus: the connection to ask (session or system bus).
        reason: what it reports.
        name: the backend's name for diagnostics.
        read: makes the call and turns the reply into True/False; raises DBusCallError.
        service: the bus name asked, for messages.
        what: the program behind it, for messages ("dunst").
    """

    def __init__(self, bus: QDBusConnection, reason: HoldReason, name: str,
                 read: Callable[[QDBusConnection], bool], *, service: str, what: str) -> None:
        super().__init__(reason, name)
        self._bus = bus
        self._read = read
        self._service = service
        self._what = what

    def is_busy(self) -> bool | None:
        """The call's answer; None when the bus is down, the service missing or its answer odd."""
        if not self._bus.isConnected():
            return self._answer.cannot_tell("the bus is not connected")
        try:
            return self._answer.tells(self._read(self._bus))
        except DBusCallError as error:
            return self._answer.cannot_tell(_explain(error, self._service, self._what))
        except ValueError as error:
            return self._answer.cannot_tell(f"{self._what} answered oddly: {error}")

    def close(self) -> None:
        """Nothing to release: the bus connection belongs to the caller."""


def _as_bool(value: object, what: str) -> bool:
    value = unwrap(value)
    if not isinstance(value, bool):
        raise ValueError(f"{what} is {value!r}, not true or false")
    return value


def kde_inhibited(bus: QDBusConnection) -> DBusBusySource:
    """KDE Plasma's do not disturb (``Inhibited`` of the notification server)."""

    def read(connection: QDBusConnection) -> bool:
        return _as_bool(get_property(connection, NOTIFICATIONS, NOTIFICATIONS_PATH,
                                     NOTIFICATIONS, "Inhibited"), "Inhibited")

    return DBusBusySource(bus, HoldReason.DO_NOT_DISTURB, "KDE Plasma do not disturb "
                          "(Notifications.Inhibited)", read, service=NOTIFICATIONS,
                          what="a notification server with do not disturb (KDE Plasma)")


def dunst_paused(bus: QDBusConnection) -> DBusBusySource:
    """Dunst's do not disturb (``paused``)."""

    def read(connection: QDBusConnection) -> bool:
        return _as_bool(get_property(connection, NOTIFICATIONS, NOTIFICATIONS_PATH,
                                     "org.dunstproject.cmd0", "paused"), "paused")

    return DBusBusySource(bus, HoldReason.DO_NOT_DISTURB, "dunst do not disturb (paused)",
                          read, service=NOTIFICATIONS, what="dunst")


XFCONF = "org.xfce.Xfconf"


def xfce_do_not_disturb(bus: QDBusConnection) -> DBusBusySource:
    """XFCE's do not disturb (xfconf ``xfce4-notifyd`` ``/do-not-disturb``)."""

    def read(connection: QDBusConnection) -> bool:
        try:
            reply = call(connection, XFCONF, "/org/xfce/Xfconf", XFCONF, "GetProperty",
                         "xfce4-notifyd", "/do-not-disturb", autostart=False)
        except DBusCallError as error:
            if error.name == "org.xfce.Xfconf.Error.PropertyNotFound":
                return False  # never switched on
            raise
        if not reply:
            raise ValueError("an empty reply")
        return _as_bool(reply[0], "/do-not-disturb")

    return DBusBusySource(bus, HoldReason.DO_NOT_DISTURB, "XFCE do not disturb (xfconf "
                          "xfce4-notifyd /do-not-disturb)", read, service=XFCONF,
                          what="xfconfd")


LOGIND = "org.freedesktop.login1"


def logind_idle_inhibited(system_bus: QDBusConnection) -> DBusBusySource:
    """An idle inhibitor held through logind (``BlockInhibited`` contains ``idle``)."""

    def read(connection: QDBusConnection) -> bool:
        value = get_property(connection, LOGIND, "/org/freedesktop/login1",
                             "org.freedesktop.login1.Manager", "BlockInhibited")
        if not isinstance(value, str):
            raise ValueError(f"BlockInhibited is {value!r}, not a string")
        return "idle" in value.split(":")

    return DBusBusySource(system_bus, HoldReason.IDLE_INHIBITED, "logind idle inhibitor "
                          "(BlockInhibited)", read, service=LOGIND, what="logind")


GNOME_SESSION = "org.gnome.SessionManager"


def gnome_idle_inhibited(bus: QDBusConnection) -> DBusBusySource:
    """An idle inhibitor held through GNOME's session manager (flag 8)."""

    def read(connection: QDBusConnection) -> bool:
        value = get_property(connection, GNOME_SESSION, "/org/gnome/SessionManager",
                             GNOME_SESSION, "InhibitedActions")
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"InhibitedActions is {value!r}, not a number")
        return bool(value & GNOME_INHIBIT_IDLE)

    return DBusBusySource(bus, HoldReason.IDLE_INHIBITED, "GNOME idle inhibitor "
                          "(SessionManager.InhibitedActions & 8)", read,
                          service=GNOME_SESSION, what="gnome-session")
