"""The appearance setting of the XDG Desktop Portal, read and followed over D-Bus.

``org.freedesktop.portal.Desktop`` at ``/org/freedesktop/portal/desktop`` implements
``org.freedesktop.portal.Settings``: ``ReadOne(s namespace, s key) → v`` (version 2),
``Read(s, s) → v`` (version 1, the value wrapped in one more variant), and the signal
``SettingChanged(s namespace, s key, v value)``. The key is ``org.freedesktop.appearance``
``color-scheme``, a ``u`` (XDG Desktop Portal documentation, "Settings").

The first read is asynchronous (``callWithCallback``): the portal may be started on demand,
which can take longer than the app should wait at start.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusError, QDBusMessage

from deskbreath.desktop.appearance.base import ColorScheme
from deskbreath.desktop.dbus import slot, unwrap

log = logging.getLogger(__name__)

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SETTINGS = "org.freedesktop.portal.Settings"
NAMESPACE = "org.freedesktop.appearance"
KEY = "color-scheme"
#: How long the first read may take (the portal may be started for it).
READ_TIMEOUT_MS = 10_000



class AppearancePortal(QObject):
    """The desktop's colour-scheme preference from the portal, kept up to date.

    Args:
        bus: the session bus.
        parent: the Qt parent.

    Attributes:
        scheme: the last value read or announced; None until the portal has answered (and
            for good when there is no portal).
        settled: whether the first read has ended, with an answer or without.

    Signals:
        changed(ColorScheme): the portal answered for the first time, or the value changed.
    """

    changed = Signal(object)

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskbreath-appearance-portal")
        self.scheme: ColorScheme | None = None
        self.settled = False
        self._bus = bus
        if not bus.isConnected():
            log.info("no session bus: the appearance portal is not followed")
            self.settled = True
            return
        if not bus.connect(PORTAL, PORTAL_PATH, SETTINGS, "SettingChanged", self,
                           slot("_on_portal_setting_changed(QDBusMessage)")):
            log.info("cannot follow the appearance portal: %s", bus.lastError().message())
        self._read("ReadOne")

    def _read(self, method: str) -> None:
        message = QDBusMessage.createMethodCall(PORTAL, PORTAL_PATH, SETTINGS, method)
        message.setArguments([NAMESPACE, KEY])
        if not self._bus.callWithCallback(
                message, self, slot("_on_portal_read_reply(QDBusMessage)"),
                slot("_on_portal_read_error(QDBusError,QDBusMessage)"), READ_TIMEOUT_MS):
            log.info("cannot ask the appearance portal: %s", self._bus.lastError().message())
            self.settled = True

    @Slot(QDBusMessage)
    def _on_portal_read_reply(self, reply: QDBusMessage) -> None:
        self.settled = True
        arguments = reply.arguments()
        if arguments:
            self._set(ColorScheme.from_portal(unwrap(arguments[0])))

    @Slot(QDBusError, QDBusMessage)
    def _on_portal_read_error(self, error: QDBusError, call: QDBusMessage) -> None:
        if call.member() == "ReadOne" and error.name().endswith("UnknownMethod"):
            self._read("Read")  # a version 1 portal
            return
        self.settled = True
        log.info("appearance portal: no color-scheme (%s: %s)", error.name(), error.message())

    @Slot(QDBusMessage)
    def _on_portal_setting_changed(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if len(arguments) == 3 and arguments[0] == NAMESPACE and arguments[1] == KEY:
            self._set(ColorScheme.from_portal(unwrap(arguments[2])))

    def _set(self, scheme: ColorScheme) -> None:
        if scheme is self.scheme:
            return
        log.info("appearance portal: color-scheme is %s", scheme.name.lower())
        self.scheme = scheme
        self.changed.emit(scheme)
