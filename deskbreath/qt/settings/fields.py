"""Editors the settings dialog is built from: a text field that refuses bad input with the
reason, the exercise list, and the week of working hours.

Each editor emits only valid values. Loading values from outside (``set_*``) never emits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.settings.model import DAY_NAMES, EXERCISE_NAMES, WEEKDAYS, TimeRange
from deskbreath.qt.settings.text import format_day_ranges, parse_day_ranges

ERROR_COLOR = QColor("#c62828")  # readable on light and dark window colours
WORKDAYS = WEEKDAYS[:5]
OFFICE_HOURS = (TimeRange(time(8, 0), time(18, 0)),)


class CheckedLineEdit(QWidget):
    """A line edit whose text is parsed when editing finishes (Enter, Tab, focus lost).

    Bad text stays in the field so it can be corrected; the field gets a warning icon and
    the reason appears below it and as the field's accessible description. Nothing is
    emitted until the text is good.

    Signals:
        accepted(object): the parsed value of good text.
    """

    accepted = Signal(object)

    def __init__(
        self,
        parse: Callable[[str], Any],
        format_value: Callable[[Any], str],
        *,
        name: str,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._parse = parse
        self._format = format_value
        self._error: str | None = None
        self.line_edit = QLineEdit(self)
        self.line_edit.setObjectName(name)
        self.line_edit.setPlaceholderText(placeholder)
        self.error_label = QLabel(self)
        self.error_label.setObjectName(f"{name}-error")
        self.error_label.setWordWrap(True)
        palette = self.error_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOR)
        self.error_label.setPalette(palette)
        self.error_label.hide()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._warning = QAction(icon, "", self.line_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.error_label)
        self.setFocusProxy(self.line_edit)
        self.line_edit.editingFinished.connect(self._on_line_edit_editing_finished)

    def error(self) -> str | None:
        """The reason the current text was refused, or None when it is good."""
        return self._error

    def set_value(self, value: Any) -> None:
        """Show ``value`` and clear any refusal (does not emit)."""
        self.line_edit.setText(self._format(value))
        self._set_error(None)

    def _on_line_edit_editing_finished(self) -> None:
        if not self.line_edit.isEnabled():
            return
        try:
            value = self._parse(self.line_edit.text())
        except ValueError as error:
            self._set_error(str(error))
            return
        self.set_value(value)  # show how the text was understood, e.g. "90m" as "1h30m"
        self.accepted.emit(value)

    def revalidate(self) -> None:
        """Check the current text again, as if editing had just finished."""
        self._on_line_edit_editing_finished()

    def _set_error(self, reason: str | None) -> None:
        self._error = reason
        self.error_label.setText(f"Not saved: {reason}." if reason else "")
        self.error_label.setVisible(reason is not None)
        self.line_edit.setAccessibleDescription(f"Not saved: {reason}" if reason else "")
        self.line_edit.setToolTip(reason or "")
        self.line_edit.removeAction(self._warning)
        if reason:
            self.line_edit.addAction(self._warning, QLineEdit.ActionPosition.TrailingPosition)


class ExerciseListEditor(QWidget):
    """Which exercises are on, and in which order: a checkable list with move buttons.

    Turning off the last exercise is refused (prompts would have nothing to offer); pausing
    is the way to stop prompts.

    Signals:
        exercises_edited(object): the enabled exercise ids, in order (a tuple).
    """

    exercises_edited = Signal(object)

    def __init__(self, all_ids: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all_ids = all_ids
        self._loading = False
        self.list = QListWidget(self)
        self.list.setObjectName("exercise-list")
        self.list.setAccessibleName("Exercises offered, in order")
        self.list.setAccessibleDescription(
            "Checked exercises are offered in this order; space turns one on or off"
        )
        self.up = QPushButton("Move &up", self)
        self.up.setObjectName("exercise-up")
        self.up.setAccessibleName("Move the selected exercise up")
        self.down = QPushButton("Move &down", self)
        self.down.setObjectName("exercise-down")
        self.down.setAccessibleName("Move the selected exercise down")
        self.message = QLabel(self)
        self.message.setObjectName("exercise-list-message")
        self.message.setWordWrap(True)
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOR)
        self.message.setPalette(palette)
        self.message.hide()
        buttons = QVBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.list)
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.up.clicked.connect(self._on_up_clicked)
        self.down.clicked.connect(self._on_down_clicked)

    def enabled_ids(self) -> tuple[str, ...]:
        return tuple(
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_exercises(self, enabled: tuple[str, ...]) -> None:
        """Show ``enabled`` first, in order, then the others unchecked (does not emit)."""
        self._loading = True
        try:
            current = self.list.currentRow()
            self.list.clear()
            rest = [i for i in self._all_ids if i not in enabled]
            for exercise_id in [*enabled, *rest]:
                item = QListWidgetItem(EXERCISE_NAMES.get(exercise_id, exercise_id))
                item.setData(Qt.ItemDataRole.UserRole, exercise_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = exercise_id in enabled
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.list.addItem(item)
            self.list.setCurrentRow(max(0, current))
            self.message.hide()
            frame = 2 * self.list.frameWidth()
            self.list.setFixedHeight(self.list.sizeHintForRow(0) * self.list.count() + frame + 6)
        finally:
            self._loading = False
        self._on_list_current_row_changed(self.list.currentRow())

    def move_current(self, step: int) -> None:
        """Move the selected exercise ``step`` rows (-1 up, +1 down) and emit."""
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self._loading = True
        try:
            item = self.list.takeItem(row)
            self.list.insertItem(target, item)
            self.list.setCurrentRow(target)
        finally:
            self._loading = False
        self.exercises_edited.emit(self.enabled_ids())

    def _on_up_clicked(self) -> None:
        self.move_current(-1)
        self.list.setFocus()

    def _on_down_clicked(self) -> None:
        self.move_current(1)
        self.list.setFocus()

    def _on_list_current_row_changed(self, row: int) -> None:
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < self.list.count() - 1)

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        enabled = self.enabled_ids()
        if not enabled:
            self._loading = True
            item.setCheckState(Qt.CheckState.Checked)
            self._loading = False
            self.message.setText(
                "Not saved: at least one exercise must stay on. To stop prompts for a while, "
                "use Pause in the tray menu."
            )
            self.message.show()
            return
        self.message.hide()
        self.exercises_edited.emit(enabled)


class WeekHoursEditor(QWidget):
    """Working hours for each weekday: a "limit" check box and the times prompts may come.

    Unchecked: no limit that day. Checked: only within the ranges typed, or "off" for no
    prompts that day. Two presets fill the week in one click.

    Signals:
        hours_edited(object): the whole week (a dict like ``Settings.working_hours``).
    """

    hours_edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hours: dict[str, tuple[TimeRange, ...] | None] = dict.fromkeys(WEEKDAYS)
        self._loading = False
        self.limits: dict[str, QCheckBox] = {}
        self.ranges: dict[str, CheckedLineEdit] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, day in enumerate(WEEKDAYS):
            limit = QCheckBox(DAY_NAMES[day], self)
            limit.setObjectName(f"hours-{day}-limit")
            limit.setAccessibleName(f"Limit prompts on {DAY_NAMES[day]}")
            field = CheckedLineEdit(
                parse_day_ranges, format_day_ranges, name=f"hours-{day}",
                placeholder="08:00-12:00, 13:00-18:00, or off", parent=self,
            )
            field.line_edit.setAccessibleName(f"Prompt times on {DAY_NAMES[day]}")
            field.line_edit.setAccessibleDescription("")
            limit.toggled.connect(lambda on, d=day: self._on_limit_toggled(d, on))
            field.accepted.connect(lambda value, d=day: self._on_ranges_accepted(d, value))
            grid.addWidget(limit, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(field, row, 1)
            self.limits[day] = limit
            self.ranges[day] = field
        self.office_preset = QPushButton("Mon–Fri 08:00–18:00", self)
        self.office_preset.setObjectName("hours-preset-office")
        self.office_preset.setAccessibleName(
            "Preset: prompts Monday to Friday 08:00 to 18:00, none at the weekend"
        )
        self.any_time_preset = QPushButton("Any time", self)
        self.any_time_preset.setObjectName("hours-preset-any-time")
        self.any_time_preset.setAccessibleName("Preset: prompts at any time on every day")
        presets = QHBoxLayout()
        presets.addWidget(QLabel("Presets:", self))
        presets.addWidget(self.office_preset)
        presets.addWidget(self.any_time_preset)
        presets.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(presets)
        self.office_preset.clicked.connect(self._on_office_preset_clicked)
        self.any_time_preset.clicked.connect(self._on_any_time_preset_clicked)

    def set_hours(self, hours: dict[str, tuple[TimeRange, ...] | None]) -> None:
        """Show ``hours`` and clear refusals (does not emit)."""
        self._hours = {day: hours.get(day) for day in WEEKDAYS}
        self._loading = True
        try:
            for day in WEEKDAYS:
                ranges = self._hours[day]
                self.limits[day].setChecked(ranges is not None)
                self.ranges[day].set_value(OFFICE_HOURS if ranges is None else ranges)
                self.ranges[day].setEnabled(ranges is not None)
        finally:
            self._loading = False

    def _emit(self, hours: dict[str, tuple[TimeRange, ...] | None]) -> None:
        self.set_hours(hours)
        self.hours_edited.emit(dict(self._hours))

    def _on_office_preset_clicked(self) -> None:
        self._emit({day: OFFICE_HOURS if day in WORKDAYS else () for day in WEEKDAYS})

    def _on_any_time_preset_clicked(self) -> None:
        self._emit(dict.fromkeys(WEEKDAYS))

    def _on_limit_toggled(self, day: str, on: bool) -> None:
        if self._loading:
            return
        field = self.ranges[day]
        field.setEnabled(on)
        if on:
            field.revalidate()  # emits through _on_ranges_accepted when the text is good
            return
        field.set_value(self._hours[day] or OFFICE_HOURS)  # drop a refused text: it is unused
        self._hours[day] = None
        self.hours_edited.emit(dict(self._hours))

    def _on_ranges_accepted(self, day: str, ranges: tuple[TimeRange, ...]) -> None:
        if self._loading or not self.limits[day].isChecked():
            return
        self._hours[day] = ranges
        self.hours_edited.emit(dict(self._hours))
