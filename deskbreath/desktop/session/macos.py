"""Lock and sleep on macOS: NSWorkspace and lock-screen notifications as signals.

A thin native hook-up around :func:`deskbreath.desktop.session.events.macos_notification_to_event`,
which holds the logic. Two notification centres say what we need:

* the NSWorkspace centre (``NSWorkspace.sharedWorkspace().notificationCenter()``) posts
  will-sleep/did-wake and session resign/become-active (fast user switching);
* the distributed centre (``NSDistributedNotificationCenter.defaultCenter()``) carries the
  lock screen's ``com.apple.screenIsLocked`` / ``com.apple.screenIsUnlocked``.

Observers use the block-based ``addObserverForName:object:queue:usingBlock:``, so no
NSObject subclass is needed, with ``NSOperationQueue.mainQueue()`` as the queue: blocks run
on the main thread, and since Qt's event loop on macOS runs the Cocoa run loop, main-queue
blocks are delivered while ``app.exec()`` runs, on the Qt GUI thread.

PyObjC (``pyobjc-framework-Cocoa``, the ``deskbreath[macos]`` extra) is optional and imported
only when a watcher is built without injected centres. Without it the watcher stays silent and
says why in :attr:`MacSessionWatcher.problem`; the idle time after waking still shows a sleep.
The Cocoa part has never run in deskbreath's test suite (CI is Linux); tests inject fake
centres and exercise everything else.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject

from deskbreath.desktop.session.base import AggregatingWatcher
from deskbreath.desktop.session.events import (
    MACOS_NOTIFICATION_NAMES,
    macos_notification_to_event,
)

MISSING_PYOBJC = "install deskbreath[macos] for sleep and lock notifications"
DESCRIPTION = "NSWorkspace sleep/wake and session notifications, com.apple.screenIsLocked"

# Names posted on the distributed centre; every other mapped name is an NSWorkspace one.
_DISTRIBUTED_PREFIX = "com.apple."


@dataclass(frozen=True)
class NotificationCenters:
    """The Cocoa objects the watcher observes; PyObjC proxies in the app, fakes in tests.

    Attributes:
        workspace: ``NSWorkspace.sharedWorkspace().notificationCenter()``.
        distributed: ``NSDistributedNotificationCenter.defaultCenter()``.
        queue: the queue blocks run on, ``NSOperationQueue.mainQueue()``.
    """

    workspace: Any  # PyObjC ships no type information.
    distributed: Any
    queue: Any


def cocoa_centers() -> NotificationCenters:
    """The real notification centres. Raises ImportError without PyObjC."""
    appkit = importlib.import_module("AppKit")
    foundation = importlib.import_module("Foundation")
    return NotificationCenters(
        workspace=appkit.NSWorkspace.sharedWorkspace().notificationCenter(),
        distributed=foundation.NSDistributedNotificationCenter.defaultCenter(),
        queue=foundation.NSOperationQueue.mainQueue(),
    )


class MacSessionWatcher(AggregatingWatcher):
    """Tells when the macOS screen locks, the session is switched away, or the Mac sleeps.

    Args:
        centers: the notification centres to observe; None means the real ones through
            PyObjC (if PyObjC is missing, :attr:`problem` says so and nothing is observed).
        parent: the Qt parent.

    Attributes:
        problem: why the watcher is silent (PyObjC missing), or "" when it observes.

    Signals:
        away_changed(str reason, bool away): ``"locked"`` or ``"asleep"`` began or ended.
    """

    def __init__(self, centers: NotificationCenters | None = None, *,
                 parent: QObject | None = None) -> None:
        super().__init__(DESCRIPTION, parent)
        self.setObjectName("deskbreath-macos-session-watcher")
        self._observers: list[tuple[Any, Any]] = []  # (centre, token) for removeObserver_
        self.problem = ""
        if centers is None:
            try:
                centers = cocoa_centers()
            except ImportError:
                self.problem = MISSING_PYOBJC
                return
        for name in MACOS_NOTIFICATION_NAMES:
            centre = (centers.distributed if name.startswith(_DISTRIBUTED_PREFIX)
                      else centers.workspace)
            token = centre.addObserverForName_object_queue_usingBlock_(
                name, None, centers.queue, self._on_center_notification)
            self._observers.append((centre, token))

    def _on_center_notification(self, notification: Any) -> None:
        """Block called by a notification centre with an NSNotification."""
        self.handle_notification(str(notification.name()))

    def handle_notification(self, name: str) -> None:
        """Interpret one notification name (called by the observer blocks, or by tests)."""
        self.apply(macos_notification_to_event(name))

    def close(self) -> None:
        """Remove every observer. Safe to call twice."""
        observers, self._observers = self._observers, []
        for centre, token in observers:
            centre.removeObserver_(token)
