"""The actions menu shared by the tray icon and the status window. It only emits intents.

Each action's words are defined here once, with their access key, and both the menu and the
status window's buttons show them, so an action reads the same wherever it is offered.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from deskbreath.core.command_rules import Command
from deskbreath.core.exercises import Catalogue, packaged_catalogue
from deskbreath.core.policy import Mode
from deskbreath.core.report import Presentation
from deskbreath.core.wording import humanize
from deskbreath.i18n import N_, _

PAUSE_HOUR = 3600.0

START_NOW = N_("&Start now")
SNOOZE = N_("S&nooze")
PAUSE = N_("&Pause")
RESUME = N_("&Resume")
CANCEL_SNOOZE = N_("Cancel s&nooze")
SETTINGS = N_("Se&ttings…")
STATISTICS = N_("Stat&istics…")
ABOUT = N_("&About / diagnostics…")
QUIT = N_("&Quit deskbreath")


def resume_text(mode: Mode) -> str:
    """The words of the resume action: "Cancel snooze" while snoozed, else "Resume"."""
    return _(CANCEL_SNOOZE) if mode is Mode.SNOOZED else _(RESUME)


def plain(text: str) -> str:
    """``text`` as shown, without its access key's ``&`` (``&&`` is a shown ``&``)."""
    return re.sub(r"&(.)", r"\1", text)


class ActionsMenu(QObject):
    """Builds the tray menu and redraws it from each new :class:`Presentation`.

    The entries: status line, Start now ▸, Snooze ▸, Pause ▸ / Resume, Settings…,
    Statistics…, About / diagnostics…, Quit.

    Start now lists every exercise of the ``catalogue`` (the shipped one if not given), in
    its order, by its short name.

    Signals:
        start_requested(str): an exercise id.
        snooze_requested(float): seconds.
        pause_requested(float): seconds.
        pause_until_tomorrow_requested()
        resume_requested()
        settings_requested()
        statistics_requested()
        diagnostics_requested()
        quit_requested()
    """

    start_requested = Signal(str)
    snooze_requested = Signal(float)
    pause_requested = Signal(float)
    pause_until_tomorrow_requested = Signal()
    resume_requested = Signal()
    settings_requested = Signal()
    statistics_requested = Signal()
    diagnostics_requested = Signal()
    quit_requested = Signal()

    def __init__(self, catalogue: Catalogue | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        catalogue = catalogue or packaged_catalogue()
        self.menu = QMenu()
        self.menu.setObjectName("deskbreath-menu")
        self.menu.setTitle("deskbreath")
        self.menu.setToolTipsVisible(True)  # a disabled entry says why
        self.status_action = self.menu.addAction("deskbreath")
        self.status_action.setEnabled(False)
        self.menu.addSeparator()

        self.start_menu = self.menu.addMenu(_(START_NOW))
        self.start_actions: dict[str, QAction] = {}
        for exercise_id in catalogue.ids:
            action = self.start_menu.addAction(catalogue.name(exercise_id))
            action.triggered.connect(lambda _=False, e=exercise_id: self.start_requested.emit(e))
            self.start_actions[exercise_id] = action

        self.snooze_menu = self.menu.addMenu(_(SNOOZE))
        self.pause_menu = self.menu.addMenu(_(PAUSE))
        hour = self.pause_menu.addAction(humanize(PAUSE_HOUR))  # as Snooze ▸ writes durations
        hour.triggered.connect(lambda: self.pause_requested.emit(PAUSE_HOUR))
        tomorrow = self.pause_menu.addAction(_("Until tomorrow"))
        tomorrow.triggered.connect(self.pause_until_tomorrow_requested.emit)
        self.resume_action = self.menu.addAction(_(RESUME))
        self.resume_action.triggered.connect(self.resume_requested.emit)
        self.menu.addSeparator()
        self.settings_action = self.menu.addAction(_(SETTINGS))
        self.settings_action.triggered.connect(self.settings_requested.emit)
        self.statistics_action = self.menu.addAction(_(STATISTICS))
        self.statistics_action.triggered.connect(self.statistics_requested.emit)
        self.diagnostics_action = self.menu.addAction(_(ABOUT))
        self.diagnostics_action.triggered.connect(self.diagnostics_requested.emit)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction(_(QUIT))
        self.quit_action.triggered.connect(self.quit_requested.emit)
        self._snooze_choices: tuple[float, ...] = ()

    def set_snooze_choices(self, choices: tuple[float, ...]) -> None:
        """Rebuild the Snooze submenu when the settings change."""
        if choices == self._snooze_choices:
            return
        self._snooze_choices = choices
        self.snooze_menu.clear()
        for seconds in choices:
            action = self.snooze_menu.addAction(humanize(seconds))
            action.triggered.connect(lambda _=False, s=seconds: self.snooze_requested.emit(s))

    def show_presentation(self, presentation: Presentation) -> None:
        """Redraw from the controller's state.

        Entries for commands the state refuses are disabled, with the reason as their tooltip
        (:mod:`deskbreath.core.command_rules`).
        """
        status = presentation.status
        self.status_action.setText(presentation.line)
        refused = presentation.refusals
        _allow(self.start_menu.menuAction(), refused.get(Command.NOW))
        _allow(self.snooze_menu.menuAction(), refused.get(Command.SNOOZE))
        _allow(self.pause_menu.menuAction(), refused.get(Command.PAUSE))
        _allow(self.resume_action, refused.get(Command.RESUME))
        self.resume_action.setText(resume_text(status.mode))
        if self.menu.isVisible():
            keep_open_menu_on_screen(self.menu)

    def action_texts(self) -> list[str]:
        """The visible top-level entries as shown (no ``&``), for tests and accessibility checks."""
        return [plain(a.text()) for a in self.menu.actions()
                if a.isVisible() and not a.isSeparator()]


def keep_open_menu_on_screen(menu: QMenu) -> None:
    """Move an open ``menu`` back inside its screen's available area after it grew.

    A menu is placed once, when it pops up; a status line that grows while it is open (the
    sitting time ticks on) widens it to the right, and by the tray in a top-right corner that
    pushes its end off the screen. Only as far as needed, flush with the screen's edge.
    """
    menu.resize(menu.sizeHint())
    area = menu.screen().availableGeometry()
    x = max(area.left(), min(menu.x(), area.right() + 1 - menu.width()))
    y = max(area.top(), min(menu.y(), area.bottom() + 1 - menu.height()))
    if (x, y) != (menu.x(), menu.y()):
        menu.move(x, y)


def _allow(action: QAction, reason: str | None) -> None:
    """Enable ``action``, or disable it with ``reason`` as its tooltip and status tip."""
    action.setEnabled(reason is None)
    action.setToolTip(reason or plain(action.text()))
    action.setStatusTip(reason or "")
