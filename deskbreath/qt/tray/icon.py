"""The system tray icon, and the watch for a tray host that comes and goes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QSystemTrayIcon

from deskbreath.core.policy import Mode
from deskbreath.core.report import Presentation
from deskbreath.qt.tray.icons import StateIcons, icon_state
from deskbreath.qt.tray.menu import ActionsMenu

#: Without events: how often to look for a tray host while there is none (the user is waiting
#: for the icon).
TRAY_POLL_MISSING_MS = 3_000
#: Without events: how often to check that the tray host is still there.
TRAY_POLL_PRESENT_MS = 60_000
#: With events that report every host coming and going
#: (:attr:`~deskbreath.qt.tray.host_events.TrayHostEvents.complete`): a check this rarely
#: still runs, so an event lost on the way costs at most this long, never a missing icon.
TRAY_SAFETY_CHECK_MS = 600_000


class TrayIcon(QObject):
    """The icon in the tray: state icon, tooltip, and the actions menu on right click.

    The menu is set as the context menu, so hosts that show only the menu (GNOME's
    AppIndicator extension opens it on left click) reach every action. A left click where the
    host reports it asks for the status window.

    Args:
        menu: the actions menu.
        icons: the state icons.
        parent: the Qt parent.
        icon: a tray icon shown already (with the app icon), adopted instead of a new one.

    Signals:
        activated(): the icon was clicked (left click / Trigger).
    """

    activated = Signal()

    def __init__(self, menu: ActionsMenu, icons: StateIcons, parent: QObject | None = None, *,
                 icon: QSystemTrayIcon | None = None) -> None:
        super().__init__(parent)
        self._icons = icons
        self._state: Mode | str | None = None  # icon_state(): the mode, held or waiting
        self._line: str | None = None
        self._waiting: str | None = None
        self._shown_icon: tuple[Mode | str, bool] | None = None
        self._mode: Mode | None = None
        self._tooltip = "deskbreath"
        if icon is None:
            icon = QSystemTrayIcon(icons.app_icon, self)
        else:  # shown already, before the rest of the app was built (deskbreath/launch.py)
            icon.setParent(self)
        self.icon = icon
        self.icon.setContextMenu(menu.menu)
        self.icon.setToolTip("deskbreath")
        self.icon.activated.connect(self._on_icon_activated)

    def show(self) -> None:
        """Show the icon (Qt docks it once a tray host appears)."""
        self.icon.show()

    def hide(self) -> None:
        """Take the icon out of the tray."""
        self.icon.hide()

    def show_presentation(self, presentation: Presentation) -> None:
        """Redraw the icon and tooltip for the new status."""
        self._state = icon_state(presentation.status)
        self._mode = presentation.status.mode
        self._line = presentation.line
        self._redraw()

    def show_waiting(self, text: str | None) -> None:
        """Mark the icon and lead the tooltip with ``text`` while an offer waits; None ends it."""
        self._waiting = text
        self._redraw()

    def _redraw(self) -> None:
        if self._mode is not None and self._state is not None:
            shown = (self._state, self._waiting is not None)
            if shown != self._shown_icon:  # re-sending an unchanged icon costs the host work
                self._shown_icon = shown
                self.icon.setIcon(self._icons.waiting(self._mode) if self._waiting is not None
                                  else self._icons.for_state(self._state))
        lines = ["deskbreath", self._waiting, self._line]
        tooltip = "\n".join(line for line in lines if line)
        if tooltip != self._tooltip:
            self._tooltip = tooltip
            self.icon.setToolTip(tooltip)

    def message(self, title: str, text: str) -> None:
        """A passive notification bubble (never takes keyboard focus)."""
        self.icon.showMessage(title, text, self._icons.app_icon, 8000)

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.activated.emit()


class TrayAvailability(QObject):
    """Tells when a tray host appears or goes away.

    Qt has no signal for this. Events from ``events`` (a host quit or arrived) trigger a
    check at once. When those events report every way a host can come or go here
    (``events.complete``), the watch only checks every :data:`TRAY_SAFETY_CHECK_MS` besides,
    so an idle app does not wake for it. Otherwise it polls: every few seconds while there
    is no tray (cheap: Qt's answer, or one X round trip), once a minute while there is. A
    check on a StatusNotifierItem desktop costs a D-Bus round trip, which also wakes Qt's
    D-Bus thread. The check is injectable for tests.

    Args:
        check: whether a tray host is there now (Qt's answer by default).
        events: an object whose ``maybe_changed`` signal means "look again", e.g.
            :class:`~deskbreath.qt.tray.host_events.TrayHostEvents`.

    Signals:
        changed(bool): the tray became available (True) or went away (False).
    """

    changed = Signal(bool)

    def __init__(self, check: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
                 events: TrayEvents | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._complete = events is not None and events.complete
        self.available = check()
        self._timer = QTimer(self)
        self._timer.setObjectName("deskbreath-tray-watch")
        self._timer.setInterval(self._interval())
        self._timer.timeout.connect(self._on_timer_timeout)
        # One check after a burst of events, from the event loop: Qt's own tray tracker
        # handles the same X event right after the filter that reported it.
        self._soon = QTimer(self)
        self._soon.setObjectName("deskbreath-tray-recheck")
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self._on_soon_timeout)
        if events is not None:
            events.maybe_changed.connect(self._soon.start)

    def start(self) -> None:
        """Start the checks between events (see the class docstring for how often)."""
        self._timer.start()

    def poll(self) -> None:
        """Check now."""
        available = self._check()
        if available != self.available:
            self.available = available
            self._timer.setInterval(self._interval())
            self.changed.emit(available)

    def _interval(self) -> int:
        if self._complete:
            return TRAY_SAFETY_CHECK_MS
        return TRAY_POLL_PRESENT_MS if self.available else TRAY_POLL_MISSING_MS

    def _on_timer_timeout(self) -> None:
        self.poll()

    def _on_soon_timeout(self) -> None:
        self.poll()


class TrayEvents(Protocol):
    """Something that says when to look at the tray again."""

    @property
    def maybe_changed(self) -> SignalInstance:
        """Emitted when the tray may have come or gone: look again."""
        ...

    @property
    def complete(self) -> bool:
        """Whether :attr:`maybe_changed` comes for every way a tray host can come or go."""
        ...
