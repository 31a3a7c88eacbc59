"""Notifications through the notification portal (``org.freedesktop.portal.Notification``).

The portal is the way out of a sandbox such as Flatpak, where ``org.freedesktop.Notifications``
is not reachable. The portal always supports buttons; it hands a click back as
``ActionInvoked``.

The calls go through :class:`~deskbreath.desktop.notifications.connection.SignalConnection`
(jeepney; ``buttons`` is an ``aa{sv}``, which PySide6's QtDBus cannot send).
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

SERVICE = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.Notification"


class PortalNotifier(QObject):
    """Gives notifications through the notification portal, else to ``fallback``.

    When the portal does not take one, it goes to ``fallback``, and that is logged once.

    Args:
        fallback: where notifications go when the portal fails (the tray balloon).
        bus: ``"SESSION"`` or a D-Bus address (tests pass a private bus).
        parent: the Qt parent.
    """

    def __init__(self, fallback: Notifier, *, bus: str = "SESSION",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fallback = fallback
        self._connection = SignalConnection(bus, {"interface": INTERFACE, "path": PATH},
                                            self._on_signal, self)
        self._handlers: dict[str, ActionHandler] = {}
        self._failed = False

    @property
    def name(self) -> str:
        """``"notification portal"``, for diagnostics."""
        return "notification portal"

    def delivery(self) -> Delivery:
        """The portal when its Notification interface answers (its ``version``), else the fallback.

        With no portal a notification goes to the fallback (:meth:`notify`), and so this says
        the fallback, with the error, as the log does.
        """
        from jeepney import DBusAddress, Properties  # noqa: PLC0415  (first use only)

        address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
        try:
            self._connection.call(Properties(address).get("version"))
        except ERRORS as error:
            return Delivery(self._fallback.name, instead_of=self.name, why=str(error))
        return Delivery(self.name)

    def notify(self, notification: Notification, on_action: ActionHandler | None = None) -> None:
        """Send ``AddNotification`` (the same key replaces the last one); else use ``fallback``."""
        from jeepney import DBusAddress, new_method_call  # noqa: PLC0415  (first use only)

        content: dict[str, tuple[str, object]] = {
            "title": ("s", notification.title), "body": ("s", notification.body)}
        if notification.actions:
            content["buttons"] = ("aa{sv}", [
                {"label": ("s", action.label), "action": ("s", action.id)}
                for action in notification.actions])
            content["default-action"] = ("s", notification.actions[0].id)
        address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
        try:
            self._connection.call(new_method_call(address, "AddNotification", "sa{sv}",
                                                  (notification.key, content)))
        except ERRORS as error:
            if not self._failed:
                self._failed = True
                log.warning("the notification portal failed (%s); using the %s instead",
                            error, self._fallback.name)
            self._fallback.notify(notification, on_action)
            return
        self._failed = False
        if on_action is not None:
            self._handlers[notification.key] = on_action
        else:
            self._handlers.pop(notification.key, None)

    def close(self) -> None:
        """Close the jeepney connection."""
        self._connection.close()

    def _on_signal(self, message: Message) -> None:
        body = message.body
        if member(message) == "ActionInvoked" and len(body) >= 2:
            handler = self._handlers.get(str(body[0]))
            if handler is not None:
                log.info("notification action: %s", body[1])
                handler(str(body[1]))
