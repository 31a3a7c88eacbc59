"""Choose the lock/sleep watcher that fits this platform, falling back to one that says why.

- Linux and other Unix desktops: logind (system bus) and the screensavers' ``ActiveChanged``
  (session bus), see :mod:`deskbreath.desktop.session.freedesktop`.
- Windows: ``WM_WTSSESSION_CHANGE`` and ``WM_POWERBROADCAST``, see
  :mod:`deskbreath.desktop.session.windows`.
- macOS: NSWorkspace and lock-screen notifications through the optional PyObjC extra, see
  :mod:`deskbreath.desktop.session.macos`.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection

from deskbreath.desktop.session.base import NullSessionWatcher, SessionWatcher

log = logging.getLogger(__name__)


def detect(*, platform: str = sys.platform, session_bus: QDBusConnection | None = None,
           system_bus: QDBusConnection | None = None,
           window_id: Callable[[], int] = lambda: 0,
           parent: QObject | None = None) -> SessionWatcher:
    """The watcher for ``platform`` (a ``sys.platform`` value).

    Args:
        platform: the system to watch.
        session_bus: the session bus (Unix); None or a disconnected bus skips screensavers.
        system_bus: the system bus (Unix); None or a disconnected bus skips logind.
        window_id: gives a top-level window handle; called on Windows only, where session
            changes are sent to a registered window.
        parent: the Qt parent of the watcher.

    Returns:
        A working watcher, or a :class:`NullSessionWatcher` carrying the reason none works.
    """
    if platform == "win32":
        from deskbreath.desktop.session.windows import WindowsSessionWatcher  # noqa: PLC0415

        return WindowsSessionWatcher(window_id(), parent=parent)
    if platform == "darwin":
        from deskbreath.desktop.session.macos import MacSessionWatcher  # noqa: PLC0415

        mac = MacSessionWatcher(parent=parent)
        if mac.problem:
            log.warning("%s", mac.problem)
            mac.close()
            return NullSessionWatcher(mac.problem, parent)
        return mac
    from deskbreath.desktop.session.freedesktop import FreedesktopSessionWatcher  # noqa: PLC0415

    session = session_bus if session_bus is not None and session_bus.isConnected() else None
    system = system_bus if system_bus is not None and system_bus.isConnected() else None
    if session is None and system is None:
        return NullSessionWatcher("no D-Bus session or system bus", parent)
    return FreedesktopSessionWatcher(session, system, parent=parent)
