"""The desktop shell: tray icon when there is a tray, the status window when there is not."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject

from deskbreath.core.report import Presentation
from deskbreath.qt.tray.icon import TrayAvailability

if TYPE_CHECKING:
    from deskbreath.qt.tray.status_window import StatusWindow

log = logging.getLogger(__name__)


class Tray(Protocol):
    """What the shell needs from a tray icon (the real :class:`TrayIcon` or a test double)."""

    def show(self) -> None:
        """Show the icon (it docks once a tray host appears)."""
        ...

    def hide(self) -> None:
        """Take the icon out of the tray."""
        ...

    def show_presentation(self, presentation: Presentation) -> None:
        """Show the new status (icon and tooltip)."""
        ...

    def show_waiting(self, text: str | None) -> None:
        """Mark the icon while an offer waits, with ``text``; None ends it."""
        ...

    def message(self, title: str, text: str) -> None:
        """Show a passive notification bubble."""
        ...


class Shell(QObject):
    """Keeps the tray icon and the status window in step with the tray host's presence.

    With a tray: the icon shows, the status window only on request. Without one (GNOME without
    the AppIndicator extension, a bare X session): the status window shows with a one-line
    explanation, and the icon moves into the tray once a host appears.

    The status window is built on first need, from ``make_window``: with a tray most people
    never open it, and its widgets would cost memory all day. It starts out with the latest
    presentation and notice.

    Where a window would take keyboard focus, an offer waits here instead (the shell is the
    prompt's :class:`~deskbreath.qt.windows.offer.WaitingIndicator`): the icon and tooltip
    show it, one passive notification says it, and a click on the icon (or the status
    window's Show button) reveals the offer.
    """

    def __init__(self, tray: Tray, make_window: Callable[[], StatusWindow],
                 availability: TrayAvailability, parent: QObject | None = None, *,
                 notify: Callable[[str, str], None] | None = None) -> None:
        super().__init__(parent)
        self._tray = tray
        self._send = notify
        self._make_window = make_window
        self._window: StatusWindow | None = None
        self._availability = availability
        self._started = False
        self._pending: list[tuple[str, str]] = []
        self._presentation: Presentation | None = None
        self._notice: str | None = None
        self._reveal: Callable[[], None] | None = None
        self._waiting_text = ""
        availability.changed.connect(self._on_availability_changed)

    @property
    def window(self) -> StatusWindow | None:
        """The status window, or None while nothing has needed it yet."""
        return self._window

    def start(self) -> None:
        """Show the icon or the status window, watch the tray, send the messages kept until now."""
        self._tray.show()  # Qt docks the icon by itself once a host appears.
        self._apply(self._availability.available, initial=True)
        self._availability.start()
        self._started = True
        for title, text in self._pending:
            self.notify(title, text)
        self._pending.clear()

    def show_presentation(self, presentation: Presentation) -> None:
        """Pass the new status on to the icon and, if built, the status window."""
        self._presentation = presentation
        self._tray.show_presentation(presentation)
        if self._window is not None:
            self._window.show_presentation(presentation)

    def show_window(self) -> None:
        """Show the status window (a click on the icon, a second launch, `deskbreath show`)."""
        window = self.ensure_window()
        window.show()
        window.raise_()

    def toggle_window(self) -> None:
        """A click on the icon: reveal a waiting offer, else show or hide the status window."""
        if self._reveal is not None:
            self._reveal()
            return
        if self._window is not None and self._window.isVisible():
            self._window.hide()
        else:
            self.show_window()

    def notify(self, title: str, text: str) -> None:
        """A passive message: a notification or tray bubble, and the status window's notice.

        A desktop notification (``notify``; else a tray bubble), and the status window's
        notice line.

        Messages sent before :meth:`start` (settings problems found at start-up) are kept
        and shown once the views are up.
        """
        if not self._started:
            self._pending.append((title, text))
            return
        if self._send is not None:
            self._send(title, text)
        else:
            self.balloon(title, text)
        self._notice = text
        if self._window is not None:
            self._window.show_notice(text)

    def balloon(self, title: str, text: str) -> None:
        """A tray bubble, when a tray is there (the notifiers' last resort)."""
        if self._availability.available:
            self._tray.message(title, text)

    def show_waiting(self, text: str, reveal: Callable[[], None]) -> None:
        """An offer waits: mark the icon and say ``text`` once as a notification.

        A click on the icon then calls ``reveal``.
        """
        self._reveal = reveal
        self._waiting_text = text
        self._tray.show_waiting(text)
        if self._window is not None:
            self._window.show_waiting(text)
        if self._send is not None:  # through the notifier, as every notification
            self._send("deskbreath", text)
        else:
            self.balloon("deskbreath", text)  # without a tray the status window shows it

    def clear_waiting(self) -> None:
        """The waiting offer was answered or closed."""
        if self._reveal is None:
            return
        self._reveal = None
        self._tray.show_waiting(None)
        if self._window is not None:
            self._window.show_waiting(None)

    def _on_window_reveal_requested(self) -> None:
        if self._reveal is not None:
            self._reveal()

    def ensure_window(self) -> StatusWindow:
        """The status window, built now if nothing has needed it yet (it stays hidden)."""
        if self._window is None:
            window = self._make_window()
            window.set_tray_missing(not self._availability.available)
            if self._presentation is not None:
                window.show_presentation(self._presentation)
            if self._notice is not None:
                window.show_notice(self._notice)
            if self._reveal is not None:
                window.show_waiting(self._waiting_text)
            window.reveal_requested.connect(self._on_window_reveal_requested)
            self._window = window
        return self._window

    def _on_availability_changed(self, available: bool) -> None:
        self._apply(available, initial=False)

    def _apply(self, available: bool, *, initial: bool) -> None:
        if available:
            log.info("system tray available: using the tray icon")
            if self._window is not None:
                self._window.set_tray_missing(False)
                if not initial:
                    self._window.hide()
        else:
            log.warning("no system tray: showing the status window")
            window = self.ensure_window()
            window.set_tray_missing(True)
            window.show()
