"""The settings dialog: every change that is valid applies at once, bad input is refused.

The dialog owns no settings: it shows a :class:`Settings`, and each valid edit emits a
complete new one for the controller to apply and save. There is no OK button, because
nothing waits for one. Text fields apply when editing finishes (Enter, Tab, leaving the
field), so half-typed values are never applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.settings.model import (
    EXERCISE_IDS,
    EXERCISE_NAMES,
    Order,
    ReducedMotion,
    Settings,
)
from deskbreath.qt.settings.fields import CheckedLineEdit, ExerciseListEditor, WeekHoursEditor
from deskbreath.qt.settings.text import (
    BREATHS_PER_MINUTE,
    INHALE_RATIO,
    ROTATION_REPETITIONS,
    duration_parser,
    format_clock,
    format_duration,
    format_snooze_choices,
    parse_day_start,
    parse_snooze_choices,
)

RESTORE_QUESTION = (
    "Restore all settings to their defaults?\n\n"
    "Reminder interval, exercises, snooze choices, working hours and start at login "
    "go back to how deskbreath comes. This cannot be undone."
)


class SettingsDialog(QDialog):
    """Edits a :class:`Settings` live.

    Args:
        settings: what to show first.
        parent: the owning widget, if any.
        confirm: asks the user a yes/no question (the text) and returns the answer; used
            before restoring defaults. Defaults to a message box; tests pass their own.

    Signals:
        settings_edited(Settings): a complete new ``Settings`` after each valid change.
    """

    settings_edited = Signal(Settings)  # a Python class: delivered as the same object

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        confirm: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings-dialog")
        self.setWindowTitle("deskbreath settings")
        self._settings = settings
        self._loading = False
        self._confirm = confirm or self._ask
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settings-tabs")
        self.tabs.addTab(self._build_reminders(), "&Reminders")
        self.tabs.addTab(self._build_exercises(), "&Exercises")
        self.tabs.addTab(self._build_hours(), "&Working hours")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.RestoreDefaults | QDialogButtonBox.StandardButton.Close,
            self,
        )
        self.restore_button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore_button.setObjectName("restore-defaults")
        self.restore_button.setAccessibleName("Restore defaults (asks first)")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        for button in (self.restore_button, close):
            # Enter in a text field applies that field; it must not also close the dialog.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        buttons.rejected.connect(self.reject)
        note = QLabel("Changes apply and are saved as soon as you make them.", self)
        note.setObjectName("settings-note")
        note.setEnabled(False)  # the disabled palette gives a quiet secondary text colour
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(540)
        self._load()

    # --- building -----------------------------------------------------------------------

    def _text_field(
        self, name: str, parse: Callable[[str], Any], format_value: Callable[[Any], str],
        apply: Callable[[Settings, Any], Settings], *, accessible: str, placeholder: str,
    ) -> CheckedLineEdit:
        field = CheckedLineEdit(parse, format_value, name=name, placeholder=placeholder,
                                parent=self)
        field.line_edit.setAccessibleName(accessible)
        field.accepted.connect(lambda value: self._apply(apply(self._settings, value)))
        return field

    def _build_reminders(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.reminder_interval = self._text_field(
            "reminder-interval",
            duration_parser("reminder_interval"), format_duration,
            lambda s, v: replace(s, reminder_interval=v),
            accessible="Remind me after sitting for", placeholder="45m",
        )
        form.addRow("Remind me after sitting &for", self.reminder_interval)
        self.natural_break = self._text_field(
            "natural-break",
            duration_parser("natural_break"), format_duration,
            lambda s, v: replace(s, natural_break=v),
            accessible="Time away that counts as a break", placeholder="3m",
        )
        form.addRow("Time away that counts as a &break", self.natural_break)
        self.snooze_choices = self._text_field(
            "snooze-choices", parse_snooze_choices, format_snooze_choices,
            lambda s, v: replace(s, snooze_choices=v),
            accessible="Snooze choices", placeholder="5m, 15m, 30m, 1h",
        )
        form.addRow("&Snooze choices", self.snooze_choices)
        hint = QLabel('Durations are written like "45m", "90s" or "1h30m".', page)
        hint.setEnabled(False)
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.day_start = self._text_field(
            "day-start", parse_day_start, format_clock,
            lambda s, v: replace(s, day_start=v),
            accessible="Pause until tomorrow ends at", placeholder="08:00",
        )
        form.addRow("“Pause until tomorrow” ends &at", self.day_start)
        self.pre_prompt = QCheckBox("Show a quiet &notification a minute before each prompt", page)
        self.pre_prompt.setObjectName("pre-prompt-notification")
        self.pre_prompt.setAccessibleName("Notification a minute before each prompt")
        self.pre_prompt.toggled.connect(
            lambda on: self._apply(replace(self._settings, pre_prompt_notification=on))
        )
        form.addRow(self.pre_prompt)
        self.start_at_login = QCheckBox("Start deskbreath when I &log in", page)
        self.start_at_login.setObjectName("start-at-login")
        self.start_at_login.setAccessibleName("Start deskbreath at login")
        self.start_at_login.toggled.connect(
            lambda on: self._apply(replace(self._settings, start_at_login=on))
        )
        form.addRow(self.start_at_login)
        return page

    def _build_exercises(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        top = QFormLayout()
        self.exercise_list = ExerciseListEditor(EXERCISE_IDS, page)
        self.exercise_list.exercises_edited.connect(
            lambda ids: self._apply(replace(self._settings, exercises=ids))
        )
        top.addRow("E&xercises", self.exercise_list)
        self.order = QComboBox(page)
        self.order.setObjectName("exercise-order")
        self.order.setAccessibleName("Order of exercises")
        self.order.addItem("In turn, as listed", Order.IN_TURN.value)
        self.order.addItem("Random", Order.RANDOM.value)
        self.order.currentIndexChanged.connect(
            lambda _i: self._apply(replace(self._settings, order=Order(self.order.currentData())))
        )
        top.addRow("&Order", self.order)
        layout.addLayout(top)

        breathing = QGroupBox(EXERCISE_NAMES["breathing"], page)
        form = QFormLayout(breathing)
        self.pace = QDoubleSpinBox(breathing)
        self.pace.setObjectName("breathing-pace")
        self.pace.setAccessibleName("Breathing pace in breaths per minute")
        self.pace.setRange(*BREATHS_PER_MINUTE)
        self.pace.setSingleStep(0.5)
        self.pace.setDecimals(1)
        self.pace.setSuffix(" breaths/min")
        self.pace.setKeyboardTracking(False)
        self.pace.valueChanged.connect(
            lambda v: self._apply_breathing(breaths_per_minute=float(v))
        )
        form.addRow("&Pace", self.pace)
        self.inhale = QSpinBox(breathing)
        self.inhale.setObjectName("breathing-inhale-share")
        self.inhale.setAccessibleName("Share of each breath spent breathing in, in percent")
        self.inhale.setRange(round(INHALE_RATIO[0] * 100), round(INHALE_RATIO[1] * 100))
        self.inhale.setSingleStep(5)
        self.inhale.setSuffix(" % of each breath")
        self.inhale.setKeyboardTracking(False)
        self.inhale.valueChanged.connect(lambda v: self._apply_breathing(inhale_ratio=v / 100))
        form.addRow("Breathing &in", self.inhale)
        self.hold_in = self._text_field(
            "breathing-hold-in", duration_parser("breathing.hold_after_inhale"),
            format_duration,
            lambda s, v: replace(s, breathing=replace(s.breathing, hold_after_inhale=v)),
            accessible="Hold after breathing in", placeholder="0s",
        )
        form.addRow("&Hold after breathing in", self.hold_in)
        self.hold_out = self._text_field(
            "breathing-hold-out", duration_parser("breathing.hold_after_exhale"),
            format_duration,
            lambda s, v: replace(s, breathing=replace(s.breathing, hold_after_exhale=v)),
            accessible="Hold after breathing out", placeholder="0s",
        )
        form.addRow("Hold after breathing o&ut", self.hold_out)
        self.breathing_length = self._text_field(
            "breathing-length",
            duration_parser("breathing.length"), format_duration,
            lambda s, v: replace(s, breathing=replace(s.breathing, length=v)),
            accessible="Length of the breathing exercise", placeholder="2m",
        )
        form.addRow("Len&gth", self.breathing_length)
        self.motion = QComboBox(breathing)
        self.motion.setObjectName("reduced-motion")
        self.motion.setAccessibleName("Pacer motion")
        self.motion.addItem("As the system says", ReducedMotion.SYSTEM.value)
        self.motion.addItem("Reduced: a bar that fills", ReducedMotion.ON.value)
        self.motion.addItem("Full: a shape that grows", ReducedMotion.OFF.value)
        self.motion.currentIndexChanged.connect(
            lambda _i: self._apply(
                replace(self._settings, reduced_motion=ReducedMotion(self.motion.currentData()))
            )
        )
        form.addRow("Pacer &motion", self.motion)
        layout.addWidget(breathing)

        rotation = QGroupBox(EXERCISE_NAMES["rotation"], page)
        form = QFormLayout(rotation)
        self.repetitions = QSpinBox(rotation)
        self.repetitions.setObjectName("rotation-repetitions")
        self.repetitions.setAccessibleName("Turns to each side")
        self.repetitions.setRange(*ROTATION_REPETITIONS)
        self.repetitions.setSuffix(" per side")
        self.repetitions.setKeyboardTracking(False)
        self.repetitions.valueChanged.connect(
            lambda v: self._apply(
                replace(self._settings, rotation=replace(self._settings.rotation, repetitions=v))
            )
        )
        form.addRow("&Turns", self.repetitions)
        self.rotation_hold = self._text_field(
            "rotation-hold", duration_parser("rotation.hold"),
            format_duration, lambda s, v: replace(s, rotation=replace(s.rotation, hold=v)),
            accessible="Hold at the end of each turn", placeholder="5s",
        )
        form.addRow("Hold &each turn", self.rotation_hold)
        layout.addWidget(rotation)
        layout.addStretch(1)
        return page

    def _build_hours(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        intro = QLabel(
            "Prompts come only within these times. Tick a day to limit it, then write its "
            "times, for example 08:00-12:00, 13:00-18:00; write “off” for no prompts that day. "
            "Days not ticked have no limit.",
            page,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.hours = WeekHoursEditor(page)
        self.hours.hours_edited.connect(
            lambda hours: self._apply(replace(self._settings, working_hours=hours))
        )
        layout.addWidget(self.hours)
        layout.addStretch(1)
        return page

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
        self.settings_edited.emit(settings)

    def _apply_breathing(self, **changes: float) -> None:
        breathing = replace(self._settings.breathing, **changes)
        self._apply(replace(self._settings, breathing=breathing))

    def _load(self) -> None:
        s = self._settings
        self._loading = True
        try:
            self.reminder_interval.set_value(s.reminder_interval)
            self.natural_break.set_value(s.natural_break)
            self.snooze_choices.set_value(s.snooze_choices)
            self.day_start.set_value(s.day_start)
            self.pre_prompt.setChecked(s.pre_prompt_notification)
            self.start_at_login.setChecked(s.start_at_login)
            self.exercise_list.set_exercises(s.exercises)
            self.order.setCurrentIndex(max(0, self.order.findData(s.order.value)))
            self.pace.setValue(s.breathing.breaths_per_minute)
            self.inhale.setValue(round(s.breathing.inhale_ratio * 100))
            self.hold_in.set_value(s.breathing.hold_after_inhale)
            self.hold_out.set_value(s.breathing.hold_after_exhale)
            self.breathing_length.set_value(s.breathing.length)
            self.motion.setCurrentIndex(max(0, self.motion.findData(s.reduced_motion.value)))
            self.repetitions.setValue(s.rotation.repetitions)
            self.rotation_hold.set_value(s.rotation.hold)
            self.hours.set_hours(s.working_hours)
        finally:
            self._loading = False

    # --- restore defaults ---------------------------------------------------------------

    def _on_restore_button_clicked(self) -> None:
        if not self._confirm(RESTORE_QUESTION):
            return
        defaults = Settings()
        changed = defaults != self._settings
        self.set_settings(defaults)
        if changed:
            self.settings_edited.emit(defaults)

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(
            self, "Restore defaults", question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes
