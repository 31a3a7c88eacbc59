"""Choose how notifications reach the user.

1. Inside a Flatpak sandbox (``/.flatpak-info`` exists): the notification portal.
2. On Linux and other Unix desktops: ``org.freedesktop.Notifications``; a notification no
   server takes falls back to the tray balloon (checked at each notification, so a server
   that starts later is used).
3. Windows and macOS: the tray balloon (Qt shows it as a native notification there).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject

from deskbreath.desktop.notifications.base import Notifier
from deskbreath.desktop.notifications.freedesktop import FreedesktopNotifier
from deskbreath.desktop.notifications.portal import PortalNotifier

log = logging.getLogger(__name__)

FLATPAK_INFO = Path("/.flatpak-info")


def detect(balloon: Notifier, *, platform: str = sys.platform,
           flatpak_info: Path = FLATPAK_INFO, bus: str = "SESSION",
           parent: QObject | None = None) -> Notifier:
    """The notifier for this session.

    Args:
        balloon: the tray balloon, the fallback of every other notifier.
        platform: ``sys.platform``.
        flatpak_info: the file whose presence means "inside a Flatpak sandbox".
        bus: the session bus: ``"SESSION"`` or an address.
        parent: the Qt parent of a D-Bus notifier.
    """
    notifier: Notifier
    if platform in ("win32", "darwin"):
        notifier = balloon
    elif flatpak_info.exists():
        notifier = PortalNotifier(balloon, bus=bus, parent=parent)
    else:
        notifier = FreedesktopNotifier(balloon, bus=bus, parent=parent)
    log.info("notifications: %s", notifier.name)
    return notifier
