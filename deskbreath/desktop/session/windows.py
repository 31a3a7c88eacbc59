"""Lock and sleep on Windows: ``WM_WTSSESSION_CHANGE`` and ``WM_POWERBROADCAST`` as signals.

A thin native hook-up around :func:`deskbreath.desktop.session.events.windows_message_to_event`,
which holds the logic and is tested. This module itself has never run in deskbreath's test
suite (CI is Linux); the fake-able part is :meth:`WindowsSessionWatcher.handle_message`.

Session-change messages go only to windows registered with
``WTSRegisterSessionNotification``; power broadcasts go to every top-level window. So the
watcher needs the handle of one of the application's top-level windows (any hidden
``QWidget``'s ``winId()``).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject

from deskbreath.desktop.session.base import AggregatingWatcher
from deskbreath.desktop.session.events import windows_message_to_event

_NOTIFY_FOR_THIS_SESSION = 0
DESCRIPTION = "WM_WTSSESSION_CHANGE (lock) and WM_POWERBROADCAST (sleep)"


class WindowsSessionWatcher(AggregatingWatcher):
    """Tells when the Windows session locks or the machine suspends.

    Args:
        window_id: a top-level window handle (``int(widget.winId())``); 0 skips the
            session-change registration (then only power broadcasts arrive, and only if some
            top-level window exists).
        install: install the native event filter on the running QCoreApplication.
        parent: the Qt parent.

    Signals:
        away_changed(str reason, bool away): ``"locked"`` or ``"asleep"`` began or ended.
    """

    def __init__(self, window_id: int = 0, *, install: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(DESCRIPTION, parent)
        self.setObjectName("deskbreath-windows-session-watcher")
        self._window_id = window_id
        self._filter: _MessageFilter | None = None
        if install and sys.platform == "win32":
            self._filter = _MessageFilter(self)
            app = QCoreApplication.instance()
            if app is not None:
                app.installNativeEventFilter(self._filter)
            if window_id:
                ctypes.WinDLL("wtsapi32").WTSRegisterSessionNotification(
                    ctypes.c_void_p(window_id), _NOTIFY_FOR_THIS_SESSION)

    def handle_message(self, message: int, wparam: int) -> None:
        """Interpret one window message (called by the native filter, or by tests)."""
        self.apply(windows_message_to_event(message, wparam))

    def close(self) -> None:
        """Unregister the session notification and remove the filter. Safe to call twice."""
        if sys.platform == "win32" and self._filter is not None:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeNativeEventFilter(self._filter)
            if self._window_id:
                ctypes.WinDLL("wtsapi32").WTSUnRegisterSessionNotification(
                    ctypes.c_void_p(self._window_id))
            self._filter = None


class _MessageFilter(QAbstractNativeEventFilter):
    """Reads ``MSG.message`` and ``MSG.wParam`` from Qt's Windows native events."""

    def __init__(self, watcher: WindowsSessionWatcher) -> None:
        super().__init__()
        self._watcher = watcher

    def nativeEventFilter(self, event_type: QByteArray | bytes | bytearray | memoryview,
                          message: int) -> object:
        kind = event_type.data() if isinstance(event_type, QByteArray) else bytes(event_type)
        if kind == b"windows_generic_MSG" and sys.platform == "win32":
            from ctypes import wintypes  # noqa: PLC0415  # only exists usefully on Windows

            msg = wintypes.MSG.from_address(int(message))
            self._watcher.handle_message(int(msg.message), int(msg.wParam or 0))
        return False, 0
