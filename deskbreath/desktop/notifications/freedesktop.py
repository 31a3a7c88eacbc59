"""Notifications through ``org.freedesktop.Notifications``, with buttons where the server can.

The servers: GNOME Shell, KDE Plasma, XFCE's xfce4-notifyd, dunst, mako, …. The "Start now"
and "Snooze" buttons appear where the server lists ``actions`` among its capabilities (Desktop
Notifications Specification 1.2).

The calls go through :class:`~deskbreath.desktop.notifications.connection.SignalConnection`
(jeepney; see there why not QtDBus). The first action is also the notification's
``default`` action, what a click on it does.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from deskbreath.desktop.notifications.base import (
    ActionHandler,
    Delivery,
    Notification,
    Notifier,
)
from deskbreath.desktop.notifications.connection import ERRORS, SignalConnection, member

if TYPE_CHECKING:
    from jeepney import Message

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
#: The action key the specification reserves for a click on the notification itself.
DEFAULT_ACTION = "default"


class FreedesktopNotifier(QObject):
    """Gives notifications through ``org.freedesktop.Notifications``, else to ``fallback``.

    When no server takes one (none runs, the bus is gone) it goes to ``fallback`` instead, and
    that is logged once.

    Args:
        fallback: where notifications go when no server takes them (the tray balloon).
        bus: ``"SESSION"`` or a D-Bus address (tests pass a private bus).
        app_name: the application name servers show and group by.
        app_icon: an icon name from the icon theme.
        parent: the Qt parent.
    """

    def __init__(self, fallback: Notifier, *, bus: str = "SESSION",
                 app_name: str = "deskbreath", app_icon: str = "deskbreath",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fallback = fallback
        self._app_name = app_name
        self._app_icon = app_icon
        self._connection = SignalConnection(bus, {"interface": INTERFACE, "path": PATH},
                                            self._on_signal, self)
        self._ids: dict[str, int] = {}  # notification key -> the server's id, to replace it
        self._handlers: dict[int, tuple[ActionHandler, str]] = {}  # id -> handler, default
        self._failed = False

    @property
    def name(self) -> str:
        """The service name, ``org.freedesktop.Notifications``."""
        return SERVICE

    def capabilities(self) -> list[str]:
        """The server's capabilities; empty when none answers."""
        try:
            return self._capabilities()
        except ERRORS as error:
            log.info("no notification server: %s", error)
            return []

    def delivery(self) -> Delivery:
        """The server that takes notifications now (``GetServerInformation``), else the fallback.

        With no server on the bus a notification goes to the fallback (:meth:`notify`), and so
        this says the fallback, with the error, as the log does.
        """
        from jeepney import DBusAddress, new_method_call  # noqa: PLC0415  (first use only)

        address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
        try:
            server = self._connection.call(new_method_call(address, "GetServerInformation"))
        except ERRORS as error:
            return Delivery(self._fallback.name, instead_of=SERVICE, why=str(error))
        return Delivery(f"{SERVICE} ({server[0]})" if server and server[0] else SERVICE)

    def notify(self, notification: Notification, on_action: ActionHandler | None = None) -> None:
        """Send ``Notify``, replacing the notification with the same key; else use ``fallback``."""
        try:
            self._notify(notification, on_action)
        except ERRORS as error:
            if not self._failed:
                self._failed = True
                log.warning("no notification server takes notifications (%s); using the %s "
                            "instead", error, self._fallback.name)
            self._fallback.notify(notification, on_action)
            return
        if self._failed:
            self._failed = False
            log.info("the notification server is back")

    def close(self) -> None:
        """Close the jeepney connection."""
        self._connection.close()

    def _notify(self, notification: Notification, on_action: ActionHandler | None) -> None:
        from jeepney import DBusAddress, new_method_call  # noqa: PLC0415  (first use only)

        actions: list[str] = []
        if notification.actions and "actions" in self._capabilities():
            actions = [DEFAULT_ACTION, notification.actions[0].label]
            for action in notification.actions:
                actions += [action.id, action.label]
        address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
        hints = {"desktop-entry": ("s", self._app_name)}
        message = new_method_call(address, "Notify", "susssasa{sv}i", (
            self._app_name, self._ids.get(notification.key, 0), self._app_icon,
            notification.title, notification.body, actions, hints, -1))
        notification_id = int(self._connection.call(message)[0])
        old = self._ids.get(notification.key)
        if old is not None:
            self._handlers.pop(old, None)
        self._ids[notification.key] = notification_id
        if on_action is not None and actions:
            self._handlers[notification_id] = (on_action, notification.actions[0].id)

    def _capabilities(self) -> list[str]:
        from jeepney import DBusAddress, new_method_call  # noqa: PLC0415

        address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
        return [str(c) for c in self._connection.call(
            new_method_call(address, "GetCapabilities"))[0]]

    def _on_signal(self, message: Message) -> None:
        name, body = member(message), message.body
        if name == "ActionInvoked" and len(body) == 2:
            entry = self._handlers.get(int(body[0]))
            if entry is not None:
                handler, default = entry
                action = default if body[1] == DEFAULT_ACTION else str(body[1])
                log.info("notification action: %s", action)
                handler(action)
        elif name == "NotificationClosed" and body:
            closed = int(body[0])
            self._handlers.pop(closed, None)
            self._ids = {key: value for key, value in self._ids.items() if value != closed}
