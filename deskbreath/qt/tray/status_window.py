"""A small window with the status and every tray action, for desktops without a tray."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.command_rules import Command
from deskbreath.core.policy import Mode
from deskbreath.core.report import Presentation
from deskbreath.i18n import N_, _
from deskbreath.qt.tray.icons import StateIcons, icon_state
from deskbreath.qt.tray.menu import ActionsMenu
from deskbreath.qt.windows.fit import at_least, fit_height

NO_TRAY_TEXT = N_("No system tray was found, so deskbreath shows this window instead. "
                  "It moves into the tray as soon as one appears.")


class StatusWindow(QWidget):
    """Status line, an explanation when there is no tray, warnings, and the actions.

    The buttons reuse the tray's submenus, so both places always offer the same choices.

    Signals:
        reveal_requested(): the user wants to see the offer that is waiting.
    """

    reveal_requested = Signal()

    def __init__(self, menu: ActionsMenu, icons: StateIcons, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deskbreath-status-window")
        self.setWindowTitle("deskbreath")
        self.setWindowIcon(icons.app_icon)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self._icons = icons
        self._menu = menu
        self._state: Mode | str | None = None

        self.icon_label = QLabel()
        self.status_label = QLabel("deskbreath")
        self.status_label.setAccessibleName(_("Status"))
        self.status_label.setWordWrap(True)
        font = self.status_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.status_label.setFont(font)
        self.explanation_label = QLabel(_(NO_TRAY_TEXT))
        self.explanation_label.setWordWrap(True)
        self.explanation_label.setAccessibleName(_("Why this window"))
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setAccessibleName(_("Notice"))
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.hide()
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setAccessibleName(_("Warning"))
        self.warning_label.hide()
        self.waiting_label = QLabel()
        self.waiting_label.setWordWrap(True)
        self.waiting_label.setAccessibleName(_("Waiting offer"))
        self.reveal_button = QPushButton(_("S&how it"))
        self.reveal_button.setAccessibleName(_("Show the waiting offer"))
        self.reveal_button.clicked.connect(self.reveal_requested.emit)
        waiting = QHBoxLayout()
        waiting.addWidget(self.waiting_label, 1)
        waiting.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignTop)
        self.waiting_row = QWidget()
        self.waiting_row.setLayout(waiting)
        self.waiting_row.hide()

        self.start_button = self._menu_button(_("&Start now"), menu.start_menu)
        self.snooze_button = self._menu_button(_("S&nooze"), menu.snooze_menu)
        self.pause_button = self._menu_button(_("&Pause"), menu.pause_menu)
        self.resume_button = QPushButton(_("&Resume"))
        self.resume_button.clicked.connect(menu.resume_requested.emit)
        self.settings_button = QPushButton(_("Se&ttings…"))
        self.settings_button.clicked.connect(menu.settings_requested.emit)
        self.statistics_button = QPushButton(_("Stat&istics…"))
        self.statistics_button.clicked.connect(menu.statistics_requested.emit)
        self.about_button = QPushButton(_("&About…"))
        self.about_button.clicked.connect(menu.diagnostics_requested.emit)
        self.quit_button = QPushButton(_("&Quit"))
        self.quit_button.clicked.connect(menu.quit_requested.emit)

        head = QHBoxLayout()
        head.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.status_label, 1)
        actions = QHBoxLayout()
        for button in (self.start_button, self.snooze_button, self.pause_button,
                       self.resume_button):
            actions.addWidget(button)
        actions.addStretch(1)
        tail = QHBoxLayout()
        tail.addWidget(self.settings_button)
        tail.addWidget(self.statistics_button)
        tail.addWidget(self.about_button)
        tail.addStretch(1)
        tail.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.explanation_label)
        layout.addWidget(self.waiting_row)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.warning_label)
        layout.addLayout(actions)
        layout.addLayout(tail)

    @staticmethod
    def _menu_button(text: str, menu: QMenu) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.setMenu(menu)
        return button

    def set_tray_missing(self, missing: bool) -> None:
        """Show or hide the "no tray" explanation."""
        self.explanation_label.setVisible(missing)
        self._refit()

    def show_notice(self, text: str) -> None:
        """Show a message (a settings problem, a warning) until replaced."""
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))
        self._refit()

    def show_waiting(self, text: str | None) -> None:
        """Show that an offer waits, with a button to see it; None hides both.

        The window is not raised: that could take keyboard focus.
        """
        self.waiting_label.setText(text or "")
        self.waiting_row.setVisible(text is not None)
        self._refit()

    def sizeHint(self) -> QSize:
        """The layout's wish, at least 460 px wide."""
        return at_least(super().sizeHint(), 460)

    def showEvent(self, event: QShowEvent) -> None:
        """Grow to the height the wrapped text needs in this language."""
        super().showEvent(event)
        fit_height(self)  # wrapped text that is long in this language keeps all its lines

    def _refit(self) -> None:
        if self.isVisible():
            fit_height(self)

    def show_presentation(self, presentation: Presentation) -> None:
        """Show the status line, icon and warning; disable the buttons the state refuses."""
        status = presentation.status
        state = icon_state(status)
        if state != self._state:  # render the SVG only when the state changes
            self._state = state
            self.icon_label.setPixmap(self._icons.for_state(state).pixmap(32, 32))
        self.status_label.setText(presentation.line)
        refused = presentation.refusals
        _allow(self.start_button, refused.get(Command.NOW))
        _allow(self.snooze_button, refused.get(Command.SNOOZE))
        _allow(self.pause_button, refused.get(Command.PAUSE))
        _allow(self.resume_button, refused.get(Command.RESUME))
        self.resume_button.setText(_("Cancel s&nooze") if status.mode is Mode.SNOOZED
                                   else _("&Resume"))
        warning = presentation.warning or ""
        if warning != self.warning_label.text():
            self.warning_label.setText(warning)
            self.warning_label.setVisible(bool(warning))
        self._refit()


def _allow(button: QPushButton, reason: str | None) -> None:
    """Enable ``button``, or disable it with ``reason`` as its tooltip and description.

    ``reason`` becomes the tooltip and the accessible description (the same sentence the
    command line prints).
    """
    button.setEnabled(reason is None)
    button.setToolTip(reason or "")
    button.setAccessibleDescription(reason or "")
