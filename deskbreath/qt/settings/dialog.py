"""The settings dialog: every change that is valid applies at once, bad input is refused.

The dialog owns no settings: it shows a :class:`Settings`, and each valid edit emits a
complete new one for the controller to apply and save. There is no OK button, because
nothing waits for one. Text fields apply when editing finishes (Enter, Tab, leaving the
field), so half-typed values are never applied.

The dialog decides only the layout (:data:`PAGES`): which settings go on which tab and in
which group. Each setting's editor, label, tooltip, range, suffix and checks come from the
schema (:mod:`deskbreath.qt.settings.factory`). A setting the layout does not place still
shows: in its table's group, or a new group for a new table, or at the end of the first
page for a top-level key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.breathing import BreathPattern
from deskbreath.core.settings.model import Settings
from deskbreath.core.settings.schema import Schema, packaged_schema
from deskbreath.core.settings.types import durations_hint
from deskbreath.core.wording import breathing_rhythm, breaths_a_minute
from deskbreath.i18n import N_, _, ngettext
from deskbreath.qt.language import QtFormats
from deskbreath.qt.settings.editors import FieldEditor, Loading
from deskbreath.qt.settings.factory import create_editor, locked_note
from deskbreath.qt.settings.fields import DayHoursEditor, WeekHoursEditor
from deskbreath.qt.windows.exercises.parts import FittingScrollArea
from deskbreath.qt.windows.fit import at_least, fit_height, keep_on_screen, room

RESTORE_QUESTION = N_(
    "Restore all settings to their defaults?\n\n"
    "Reminder interval, exercises, snooze choices, working hours and start at login "
    "go back to their defaults. This cannot be undone."
)
HOURS_INTRO = N_(
    "Prompts come only during your working hours. Choose for each day: all day, set hours "
    "(for example 08:00-12:00, 13:00-18:00), or off for no prompts that day."
)
DURATIONS_HINT = "<durations hint>"
"""A row in :data:`PAGES` that shows how durations are written, not a setting."""
BREATHING_RHYTHM = "<breathing rhythm>"
"""A row in :data:`PAGES` that shows the breath the breathing settings make, not a setting."""


@dataclass(frozen=True)
class Section:
    """A form on a tab.

    A table's group box (all its settings, then ``keys``), or, with no table, a plain form of
    ``keys``.
    """

    table: str | None
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """A tab: its title, and either forms of settings or the week of working hours."""

    title: str
    sections: tuple[Section, ...] = ()
    week: str | None = None  # the table whose days the week editor shows


PAGES: tuple[Page, ...] = (
    Page(N_("&Reminders"), (Section(None, (
        "reminder_interval", "natural_break", "snooze_choices", DURATIONS_HINT, "day_start",
        "pre_prompt_notification", "start_at_login", "history_days", "language")),)),
    Page(N_("&Exercises"), (
        Section(None, ("exercises", "order", "stand_up_suggestion", "stand_up_after")),
        Section("breathing", ("reduced_motion", BREATHING_RHYTHM)),
        Section("rotation"),
    )),
    Page(N_("&Working hours"), week="working_hours"),
    Page(N_("While &busy"), (Section("busy"),)),
)
"""The dialog's layout; a table without a section of its own gets a group on :data:`EXTRA`."""
EXTRA = 1
"""The page that takes the group of a table :data:`PAGES` does not place."""


class SettingsDialog(QDialog):
    """Edits a :class:`Settings` live.

    Args:
        settings: what to show first.
        parent: the owning widget, if any.
        schema: what there is to set; the shipped catalogue's schema if not given.
        confirm: asks the user a yes/no question (the text) and returns the answer; used
            before restoring defaults. Defaults to a message box; tests pass their own.

    Attributes:
        editors: each setting's editor by dotted key (``"breathing.length"``).
        hours: the week of working hours.

        language_at_start: the ``language`` setting this process started with; while the
            shown setting differs, a note says the change applies after a restart and offers
            to restart now (the language is chosen once per process: README, Languages).
            None: the setting of ``settings``.

    Signals:
        settings_edited(Settings): a complete new ``Settings`` after each valid change.
        restart_requested(): the user asked to restart deskbreath now (to change language).
    """

    settings_edited = Signal(Settings)  # a Python class: delivered as the same object
    restart_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        schema: Schema | None = None,
        confirm: Callable[[str], bool] | None = None,
        language_at_start: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings-dialog")
        self.setWindowTitle(_("deskbreath settings"))
        self._schema = schema or packaged_schema()
        self._settings = settings
        self._language_at_start = (str(settings.language) if language_at_start is None
                                   else language_at_start)
        self._loading = Loading()
        self._confirm = confirm or self._ask
        self.editors: dict[str, QWidget] = {}
        self.rhythm: QLabel | None = None
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settings-tabs")
        self._build_pages()
        self.tabs.currentChanged.connect(lambda _tab: fit_height(self, room(self)))
        self.locked_note = QLabel(self._locked_text(), self)
        self.locked_note.setObjectName("settings-locked-note")
        self.locked_note.setWordWrap(True)
        self.locked_note.setVisible(bool(self.locked_note.text()))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.RestoreDefaults | QDialogButtonBox.StandardButton.Close,
            self,
        )
        self.restore_button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore_button.setObjectName("restore-defaults")
        self.restore_button.setAccessibleName(_("Restore defaults (asks first)"))
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        for button in (self.restore_button, close):
            # Enter in a text field applies that field; it must not also close the dialog.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        buttons.rejected.connect(self.reject)
        note = QLabel(_("Changes apply and are saved as soon as you make them."), self)
        note.setObjectName("settings-note")
        note.setEnabled(False)  # the disabled palette gives a quiet secondary text colour
        layout = QVBoxLayout(self)
        layout.addWidget(self.locked_note)
        layout.addWidget(self.tabs)
        layout.addWidget(self._build_restart_bar())
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._load()

    def sizeHint(self) -> QSize:
        """The layout's wish, at least 540 px wide, but never more than fits on the screen."""
        return at_least(super().sizeHint(), 540).boundedTo(room(self))

    def showEvent(self, event: QShowEvent) -> None:
        """Grow to the height the wrapped text needs in this language, as the screen allows."""
        super().showEvent(event)
        fit_height(self, room(self))
        keep_on_screen(self)  # wrapped text that is long in this language keeps all its lines

    @property
    def schema(self) -> Schema:
        """What the dialog edits."""
        return self._schema

    def _locked_text(self) -> str:
        """The note above the tabs when an administrator locked settings; "" otherwise."""
        files = dict.fromkeys(str(field.locked_by) for field in self._schema.fields.values()
                              if field.locked_by is not None and field.spec.label)
        if not files:
            return ""
        return ngettext(
            "Your administrator set some settings in the file %(files)s; they are greyed "
            "out and cannot be changed here.",
            "Your administrator set some settings in the files %(files)s; they are greyed "
            "out and cannot be changed here.", len(files)) % {"files": ", ".join(files)}

    def editor(self, key: str) -> QWidget:
        """The editor of the setting ``key``; a KeyError names an unknown key."""
        try:
            return self.editors[key]
        except KeyError:
            raise KeyError(f"the dialog has no editor for {key!r}") from None

    # --- building -----------------------------------------------------------------------

    def _build_pages(self) -> None:
        shown = self._shown_keys()
        placed = {key for page in PAGES for section in page.sections for key in section.keys}
        placed |= {key for key in shown if self._schema.fields[key].table in self._tables_placed()}
        leftover = [key for key in shown if key not in placed]
        pages: list[QWidget] = []
        for page in PAGES:
            widget = QWidget(self)
            layout = QVBoxLayout(widget)
            if page.week is not None:
                self._build_week(widget, layout, page.week)
            for number, section in enumerate(page.sections):
                keys = list(section.keys)
                if section.table is not None:
                    keys = [k for k in shown if self._schema.fields[k].table == section.table]
                    keys += section.keys
                elif page is PAGES[0] and number == 0:
                    keys += [k for k in leftover if "." not in k]
                self._build_section(widget, layout, section.table, keys)
            pages.append(widget)
            # A page longer than the screen (a small screen at 200 %) scrolls, its tab and the
            # dialog's buttons stay in view.
            self.tabs.addTab(FittingScrollArea(widget, self.tabs), _(page.title))
        extra = pages[EXTRA].layout()
        assert isinstance(extra, QVBoxLayout)
        for table in dict.fromkeys(self._schema.fields[k].table for k in leftover if "." in k):
            keys = [k for k in leftover if self._schema.fields[k].table == table]
            self._build_section(pages[EXTRA], extra, table, keys)
        for page_widget in pages:
            page_layout = page_widget.layout()
            assert isinstance(page_layout, QVBoxLayout)
            page_layout.addStretch(1)

    def _shown_keys(self) -> list[str]:
        """The settings the dialog edits: those with a label, in declaration order."""
        return [key for key, field in self._schema.fields.items() if field.spec.label]

    def _tables_placed(self) -> set[str]:
        tables = {s.table for page in PAGES for s in page.sections if s.table is not None}
        return tables | {page.week for page in PAGES if page.week is not None}

    def _build_section(self, page: QWidget, layout: QVBoxLayout, table: str | None,
                       keys: list[str]) -> None:
        holder: QWidget = page
        if table is not None:
            holder = QGroupBox(_(self._schema.tables[table].title), page)
            holder.setObjectName(f"{table.replace('_', '-')}-group")
        form = QFormLayout(holder) if table is not None else QFormLayout()
        for key in keys:
            if key == DURATIONS_HINT:
                hint = QLabel(durations_hint(), holder)
                hint.setEnabled(False)
                hint.setWordWrap(True)
                form.addRow("", hint)
                continue
            if key == BREATHING_RHYTHM:
                self.rhythm = QLabel(holder)
                self.rhythm.setObjectName("breathing-rhythm")
                self.rhythm.setWordWrap(True)
                self.rhythm.setTextFormat(Qt.TextFormat.PlainText)
                form.addRow(_("Each breath"), self.rhythm)
                continue
            editor = self._make_editor(key, holder)
            if isinstance(editor, QCheckBox):
                form.addRow(editor)
                continue
            form.addRow(_(self._schema.fields[key].spec.label), editor)
            note = locked_note(self._schema.fields[key])
            label = form.labelForField(editor)
            if note and label is not None:
                label.setToolTip(note)
                label.setEnabled(False)
        if table is not None:
            layout.addWidget(holder)
        else:
            layout.addLayout(form)

    def _build_week(self, page: QWidget, layout: QVBoxLayout, table: str) -> None:
        intro = QLabel(_(HOURS_INTRO), page)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        days: dict[str, DayHoursEditor] = {}
        labels: dict[str, str] = {}
        locked: list[str] = []
        for key, field in self._schema.fields.items():
            if field.table == table:
                editor = self._make_editor(key, page)
                assert isinstance(editor, DayHoursEditor), f"{key} is not a day of hours"
                days[field.name] = editor
                labels[field.name] = _(field.spec.label)
                if field.locked_by is not None:
                    locked.append(field.name)
        self.hours = WeekHoursEditor(days, labels, page)
        for day in locked:
            note = locked_note(self._schema.fields[f"{table}.{day}"])
            self.hours.labels[day].setToolTip(note)
            self.hours.labels[day].setEnabled(False)
            self.hours.lock_presets(note)
        self.hours.week_edited.connect(
            lambda week: self._apply(self._schema.replace(
                self._settings, {f"{table}.{day}": ranges for day, ranges in week.items()}))
        )
        layout.addWidget(self.hours)

    def _make_editor(self, key: str, parent: QWidget) -> QWidget:
        editor = create_editor(self._schema.fields[key], parent)
        cast(FieldEditor, editor).edited.connect(
            lambda value, key=key: self._apply(self._schema.replace(self._settings, {key: value}))
        )
        self.editors[key] = editor
        return editor

    # --- state --------------------------------------------------------------------------

    def settings(self) -> Settings:
        """The settings as last shown or edited."""
        return self._settings

    def set_settings(self, settings: Settings) -> None:
        """Show ``settings`` (say, after a hand edit was reloaded) without emitting.

        Text that was refused and not yet corrected is replaced by the new values; the echo
        of the dialog's own edit changes nothing, so such text stays for the user to fix.
        """
        if settings == self._settings:
            return
        self._settings = settings
        self._load()

    def reload(self) -> None:
        """Show the current settings again, dropping refused text (when the dialog reopens)."""
        self._load()

    def _apply(self, settings: Settings) -> None:
        if self._loading or settings == self._settings:
            return
        self._settings = settings
        self._show_restart_bar()
        self._show_rhythm()
        self.settings_edited.emit(settings)

    def _load(self) -> None:
        with self._loading:
            for key, editor in self.editors.items():
                cast(FieldEditor, editor).set_value(self._schema.fields[key].get(self._settings))
        self._show_restart_bar()
        self._show_rhythm()

    # --- a new language applies after a restart -------------------------------------------

    def _build_restart_bar(self) -> QWidget:
        self.restart_bar = QWidget(self)
        self.restart_bar.setObjectName("settings-restart-bar")
        self.restart_note = QLabel(
            _("The new language applies when deskbreath restarts."), self.restart_bar)
        self.restart_note.setWordWrap(True)
        self.restart_button = QPushButton(_("&Restart now"), self.restart_bar)
        self.restart_button.setObjectName("settings-restart")
        self.restart_button.setAutoDefault(False)
        self.restart_button.clicked.connect(self.restart_requested)
        row = QHBoxLayout(self.restart_bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.restart_note, 1)
        row.addWidget(self.restart_button)
        self.restart_bar.setVisible(False)
        return self.restart_bar

    def _show_restart_bar(self) -> None:
        language = getattr(self._settings, "language", self._language_at_start)
        self.restart_bar.setVisible(str(language) != self._language_at_start)

    def _show_rhythm(self) -> None:
        """The breath the breathing settings make: what the pacer will show.

        Holds are added, never taken from the breathing.
        """
        if self.rhythm is None:
            return
        formats = QtFormats()
        pattern = BreathPattern.from_settings(self._settings.breathing)
        self.rhythm.setText(_("%(rhythm)s (%(per_minute)s)") % {
            "rhythm": breathing_rhythm(pattern, formats),
            "per_minute": breaths_a_minute(pattern, formats)})

    # --- restore defaults ---------------------------------------------------------------

    def _on_restore_button_clicked(self) -> None:
        if not self._confirm(_(RESTORE_QUESTION)):
            return
        defaults = self._schema.defaults()
        changed = defaults != self._settings
        self.set_settings(defaults)
        if changed:
            self.settings_edited.emit(defaults)

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(
            self, _("Restore defaults"), question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

