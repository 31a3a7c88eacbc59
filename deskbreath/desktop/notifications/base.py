"""The :class:`Notifier` protocol: one passive desktop notification, with optional actions.

Every notification deskbreath gives (the pre-prompt notice, the nudge after a long hold, an
ignored prompt's reminder, messages about settings or the command socket) goes through one
notifier, chosen by :func:`deskbreath.desktop.notifications.detect.detect`. A notification
never takes keyboard focus and never covers the screen.

Threading contract: every method is called on the Qt thread, and action handlers are called
there too. ``notify()`` never raises: a notifier that cannot deliver falls back to the next
one (ultimately the tray balloon) and logs why once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

#: Called with the id of the action the user chose (e.g. ``"start"``).
ActionHandler = Callable[[str], None]


@dataclass(frozen=True)
class Action:
    """A button on a notification.

    Attributes:
        id: a stable identifier handed back to the handler, e.g. ``"snooze"``.
        label: the button's text, already translated.
    """

    id: str
    label: str


@dataclass(frozen=True)
class Notification:
    """One notification.

    Attributes:
        title: the summary line.
        body: the text below it.
        actions: buttons, shown where the notification server supports them; the first one is
            also what a click on the notification does.
        key: notifications with the same key replace each other (a newer nudge replaces the
            older one instead of stacking).
    """

    title: str
    body: str
    actions: tuple[Action, ...] = ()
    key: str = field(default="deskbreath")


@dataclass(frozen=True)
class Delivery:
    """What delivers notifications now, for diagnostics.

    Attributes:
        name: the backend that takes them now, e.g. ``"tray balloon"`` or
            ``"org.freedesktop.Notifications (dunst)"``.
        instead_of: the backend chosen for this session when it does not answer now and
            ``name`` (its fallback) takes them instead; None when the chosen one answers.
        why: what went wrong asking ``instead_of`` (the D-Bus error), when it is set.
    """

    name: str
    instead_of: str | None = None
    why: str | None = None


class Notifier(Protocol):
    """Gives desktop notifications."""

    @property
    def name(self) -> str:
        """The backend chosen, for the log, e.g. ``"org.freedesktop.Notifications"``."""
        ...

    def delivery(self) -> Delivery:
        """What takes notifications now: this backend, or its fallback and why.

        Asked when diagnostics open: one D-Bus round trip at most.
        """
        ...

    def notify(self, notification: Notification, on_action: ActionHandler | None = None) -> None:
        """Show ``notification``; call ``on_action`` with an action's id when the user picks one.

        ``on_action`` is never called where the backend has no actions.
        """
        ...

    def close(self) -> None:
        """Release connections. Safe to call twice."""
        ...


class BalloonNotifier:
    """The last resort: the tray icon's balloon message (``QSystemTrayIcon.showMessage``).

    It is handed in as a callable so this module stays Qt-free. It has no actions.

    Args:
        show: shows a title and a text.
    """

    name = "tray balloon"

    def __init__(self, show: Callable[[str, str], None]) -> None:
        self._show = show

    def notify(self, notification: Notification,
               on_action: ActionHandler | None = None) -> None:  # noqa: ARG002  (no buttons)
        """Show the title and body as a balloon; the actions are dropped."""
        self._show(notification.title, notification.body)

    def delivery(self) -> Delivery:
        """Always the balloon itself: it has nothing to fall back to."""
        return Delivery(self.name)

    def close(self) -> None:
        """Nothing to release."""
