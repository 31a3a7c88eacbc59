"""The running settings.

Loaded from settings.toml, saved on every edit, reloaded after hand edits, with every problem
explained and nothing the user wrote lost.

The administrator's defaults and locks are in the settings file's schema
(:mod:`deskbreath.core.settings.layers`): an edit never changes a locked setting, and a hand
edit of one is reported by the reload, not applied.

Edits from the dialog apply at once, even when they cannot be saved (the file is broken,
the disk is full): the message says so, and the running settings stay in effect.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from deskbreath.core.settings.layers import with_locks
from deskbreath.core.settings.model import Settings
from deskbreath.core.settings.schema import Schema
from deskbreath.core.settings.validate import is_locked_problem
from deskbreath.desktop.autostart.base import Autostart, AutostartError
from deskbreath.i18n import _
from deskbreath.qt.settings.watch import SettingsWatcher
from deskbreath.storage.atomic import SaveError
from deskbreath.storage.settings_file import LoadResult, LoadState, SettingsFile
from deskbreath.storage.site_settings import SiteSettings

log = logging.getLogger(__name__)


class RefusedSaveChoice(Enum):
    """What the user chose when the file could not be saved over."""

    OPEN_FILE = "open"
    RESET = "reset"
    CANCEL = "cancel"


AskRefused = Callable[[str], RefusedSaveChoice]


def ask_with_message_box(parent: QWidget | None) -> AskRefused:
    """The real question: a message box offering to open the file or back it up and reset."""

    def ask(message: str) -> RefusedSaveChoice:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("deskbreath settings not saved"))
        box.setText(message)
        box.setInformativeText(_("Your change is in use until deskbreath quits."))
        open_button = box.addButton(_("Open the file"), QMessageBox.ButtonRole.ActionRole)
        reset_button = box.addButton(_("Back up and start fresh"),
                                     QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is open_button:
            return RefusedSaveChoice.OPEN_FILE
        if clicked is reset_button:
            return RefusedSaveChoice.RESET
        return RefusedSaveChoice.CANCEL

    return ask


def open_in_editor(path: Path) -> None:
    """Open ``path`` in the desktop's editor for its type (``QDesktopServices``)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SettingsService(QObject):
    """Owns the running :class:`Settings` and their file.

    Signals:
        settings_changed(Settings): new settings are in effect (edit or reload).
        notice(str, str): a message for the user (title, text), shown once.
    """

    settings_changed = Signal(Settings)  # a Python class: delivered as the same object
    notice = Signal(str, str)

    def __init__(self, file: SettingsFile, *,
                 autostart: Autostart | None, launch_command: list[str],
                 ask_refused: AskRefused, open_file: Callable[[Path], None] = open_in_editor,
                 site: SiteSettings | None = None, debounce_ms: int = 300,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._file = file
        self._site = site
        self._watcher = SettingsWatcher(file.path, file.changed_on_disk, self,
                                        debounce_ms=debounce_ms)
        self._autostart = autostart
        self._launch_command = launch_command
        self._ask_refused = ask_refused
        self._open_file = open_file
        self._settings = file.schema.defaults()
        self._last_message: str | None = None
        self._watcher.changed.connect(self._on_watcher_changed)

    @property
    def settings(self) -> Settings:
        """The settings in force."""
        return self._settings

    @property
    def path(self) -> Path:
        """Where the settings file is."""
        return self._file.path

    @property
    def schema(self) -> Schema:
        """What there is to set (the settings file's schema)."""
        return self._file.schema

    def load(self) -> Settings:
        """Read the file at start-up; report what was wrong with it and the site files.

        The administrator's files (``site``) are read by the caller.
        """
        if self._site is not None:
            self._report_site(self._site)
        self._settings = self._report(self._file.load()).settings
        return self._settings

    def _report_site(self, site: SiteSettings) -> None:
        used = [str(f.path) for f in site.files if f.used]
        if used:
            log.info("administrator's settings in use: %s", ", ".join(used))
        lines = site.problem_lines()
        for line in lines:
            log.warning("%s", line)
        message = site.message()
        if message:
            first = next((line for f in site.files for line in
                          (f"{f.path}: {p}" for p in f.problems)), None)
            if first is not None:
                message += f"\n{first}" + ("\n…" if len(lines) > 1 else "")
            self.notice.emit(_("deskbreath settings"), message)

    def apply_edit(self, settings: Settings) -> None:
        """Put an edit into effect now, then save it (or say why it could not be saved).

        Settings an administrator locked keep their value, whatever the edit says.
        """
        settings = with_locks(self.schema, settings)
        if settings.start_at_login != self._settings.start_at_login:
            settings = self._apply_autostart(settings)
        self._settings = settings
        self.settings_changed.emit(settings)
        try:
            self._file.save(settings)
        except SaveError as error:
            log.warning("settings not saved: %s", error)
            self._on_save_refused(str(error))
        else:
            self._watcher.watch_again()

    def _on_save_refused(self, message: str) -> None:
        state = self._file.load_state
        if state is LoadState.UNPARSEABLE:
            choice = self._ask_refused(message)
            if choice is RefusedSaveChoice.OPEN_FILE:
                self._open_file(self._file.path)
            elif choice is RefusedSaveChoice.RESET:
                self.reset_file()
            return
        self.notice.emit(_("Settings not saved"),
                         _("%(problem)s The change is in use until deskbreath quits.")
                         % {"problem": message})

    def reset_file(self) -> None:
        """Keep the current (broken) file as a backup and write the running settings fresh."""
        try:
            backup = self._file.backup_and_reset(self._settings)
        except SaveError as error:
            self.notice.emit(_("Settings not saved"), str(error))
            return
        self._watcher.watch_again()
        self.notice.emit(_("Settings file replaced"),
                         _("The old file was kept as %(backup)s; %(path)s was written fresh "
                           "with your current settings.")
                         % {"backup": backup, "path": self._file.path})

    def _apply_autostart(self, settings: Settings) -> Settings:
        if self._autostart is None:
            self.notice.emit(_("Start at login"), _("Start at login is not supported here."))
            return replace(settings, start_at_login=self._settings.start_at_login)
        try:
            if settings.start_at_login:
                self._autostart.enable(self._launch_command)
            else:
                self._autostart.disable()
        except AutostartError as error:
            self.notice.emit(_("Start at login"), str(error))
            return replace(settings, start_at_login=self._settings.start_at_login)
        return settings

    def _on_watcher_changed(self) -> None:
        log.info("%s changed on disk; reloading", self._file.path)
        result = self._report(self._file.load())
        if result.state is LoadState.UNPARSEABLE or result.state is LoadState.UNREADABLE:
            return  # keep what runs; the message says why
        new = result.settings
        if new.start_at_login != self._settings.start_at_login:
            new = self._apply_autostart(new)
        self._settings = new
        self.settings_changed.emit(new)

    def _report(self, result: LoadResult) -> LoadResult:
        for problem in result.problems:
            log.warning("%s: %s", self._file.path, problem)
        if result.state is LoadState.MISSING:
            log.info("no settings file at %s; using the defaults", self._file.path)
            self._last_message = None
            return result
        message = result.message
        # The first mistake shows what is meant; keys ignored as locked are named already.
        mistakes = [p for p in result.problems if not is_locked_problem(self.schema, p)]
        if message and mistakes:
            message = f"{message}\n{mistakes[0]}" + ("\n…" if len(mistakes) > 1 else "")
        if message and message != self._last_message:
            log.warning("%s", message)
            self.notice.emit(_("deskbreath settings"), message)
        self._last_message = message
        return result
