"""Events that say a system tray host may have come or gone, so nobody has to poll for it.

Qt has no public signal for this. Two sources cover the trays Qt itself uses:

- X11 (XEmbed, the ``xcb`` platform): Qt tracks the owner of the ``_NET_SYSTEM_TRAY_S0``
  selection itself. It watches the owner's window for ``DestroyNotify`` (the host quit) and
  the root window for the ``MANAGER`` client message a new host broadcasts (System Tray
  Protocol Specification, freedesktop.org). A native event filter sees those XCB events just
  before Qt's tracker handles them; the re-check is queued, so it runs after the tracker has
  updated and ``QSystemTrayIcon.isSystemTrayAvailable()`` gives the new answer.
- D-Bus (StatusNotifierItem, used when a watcher is on the session bus): the owner of
  ``org.kde.StatusNotifierWatcher`` changes (``NameOwnerChanged``, via
  ``QDBusServiceWatcher``), or a host registers with the watcher or leaves it (the watcher's
  ``StatusNotifierHostRegistered`` and ``StatusNotifierHostUnregistered`` signals: on KDE the
  watcher lives in kded, so Plasma's panel can restart while the watcher stays).

Both only say "look again": whether a tray is there is still Qt's answer, so the shell and
Qt's own tray icon never disagree. Qt asks that question afresh each time (on a
StatusNotifierItem desktop with a D-Bus round trip, which also wakes Qt's D-Bus thread), so
when these events cover every way a host can come or go (:attr:`TrayHostEvents.complete`),
nobody needs to ask on a timer.

On Windows and macOS Qt always answers that a tray is there (Qt re-adds its icons itself
when Explorer restarts), so there is nothing to watch.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QObject,
    Signal,
    Slot,
)
from PySide6.QtDBus import QDBusConnection, QDBusServiceWatcher
from PySide6.QtGui import QGuiApplication

from deskbreath.desktop.dbus import slot

log = logging.getLogger(__name__)

SNI_WATCHER = "org.kde.StatusNotifierWatcher"
SNI_WATCHER_PATH = "/StatusNotifierWatcher"
#: The watcher's signals for a host that registers or leaves (the StatusNotifierItem
#: specification, freedesktop.org; KDE's ``kstatusnotifieritem`` implements it).
SNI_HOST_SIGNALS = ("StatusNotifierHostRegistered", "StatusNotifierHostUnregistered")
_XCB_EVENT = b"xcb_generic_event_t"
# XCB core event codes (xproto.h); the top bit of response_type marks a SendEvent.
_DESTROY_NOTIFY = 17
_CLIENT_MESSAGE = 33
_TRAY_EVENTS = frozenset({_DESTROY_NOTIFY, _CLIENT_MESSAGE})


class _XcbTrayEvents(QAbstractNativeEventFilter):
    """Calls ``notify`` for XCB events that may mean a tray host came or went."""

    def __init__(self, notify: Callable[[], None]) -> None:
        super().__init__()
        self._notify = notify

    def nativeEventFilter(self, eventType: QByteArray | bytes | bytearray | memoryview,  # noqa: N803 - Qt's name
                          message: int) -> object:
        kind = eventType.data() if isinstance(eventType, QByteArray) else bytes(eventType)
        # PySide passes a shiboken VoidPtr (typed int in its stubs): it is false whatever its
        # address, so take the address with int().
        address = int(message)
        if address and kind == _XCB_EVENT:
            code = ctypes.c_uint8.from_address(address).value & 0x7F
            if code in _TRAY_EVENTS:
                self._notify()
        return False, 0  # never swallow the event: Qt's tracker must see it too


class TrayHostEvents(QObject):
    """Emits :attr:`maybe_changed` when a tray host may have appeared or gone away.

    Args:
        session_bus: where a StatusNotifierWatcher would be; None or a disconnected bus skips
            the D-Bus source.
        app: the application whose XCB events are watched (the running one by default); on
            other platforms there is no X11 source.

    Signals:
        maybe_changed(): look at the tray again (soon, from the event loop: Qt may not have
            updated its own view yet when this is emitted).

    Attributes:
        complete: whether :attr:`maybe_changed` comes for every way a tray host can come or
            go here: on X11 the XCB filter is installed, and with a session bus the watcher's
            owner and its host signals are followed. False when a subscription failed
            (the caller then polls).
    """

    maybe_changed = Signal()

    def __init__(self, session_bus: QDBusConnection | None = None, *,
                 app: QCoreApplication | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app or QCoreApplication.instance()
        self._filter: _XcbTrayEvents | None = None
        self.complete = True
        # Only on xcb: elsewhere every native event would cost a Python call for nothing.
        if isinstance(self._app, QGuiApplication) and self._app.platformName() == "xcb":
            self._filter = _XcbTrayEvents(self.maybe_changed.emit)
            self._app.installNativeEventFilter(self._filter)
        self._watcher: QDBusServiceWatcher | None = None
        self._bus: QDBusConnection | None = None
        if session_bus is not None and session_bus.isConnected():
            self._watcher = QDBusServiceWatcher(
                SNI_WATCHER, session_bus, QDBusServiceWatcher.WatchModeFlag.WatchForOwnerChange,
                self)
            self._watcher.serviceOwnerChanged.connect(self._on_watcher_service_owner_changed)
            self._bus = session_bus
            for name in SNI_HOST_SIGNALS:
                if not session_bus.connect(SNI_WATCHER, SNI_WATCHER_PATH, SNI_WATCHER, name,
                                           self, slot("_on_watcher_host_changed()")):
                    log.info("cannot follow %s.%s: %s", SNI_WATCHER, name,
                             session_bus.lastError().message())
                    self.complete = False

    def close(self) -> None:
        """Stop watching. Safe to call twice."""
        if self._filter is not None and self._app is not None:
            self._app.removeNativeEventFilter(self._filter)
        self._filter = None
        if self._watcher is not None:
            self._watcher.setWatchedServices([])
        self._watcher = None
        if self._bus is not None:
            for name in SNI_HOST_SIGNALS:
                self._bus.disconnect(SNI_WATCHER, SNI_WATCHER_PATH, SNI_WATCHER, name, self,
                                     slot("_on_watcher_host_changed()"))
        self._bus = None

    def _on_watcher_service_owner_changed(self, _name: str, _old: str, _new: str) -> None:
        self.maybe_changed.emit()

    @Slot()
    def _on_watcher_host_changed(self) -> None:
        self.maybe_changed.emit()
