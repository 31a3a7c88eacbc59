"""The settings dialog's editors for lists and hours: which exercises in which order, one
day's working hours, and the week of them with presets.

Each editor emits only valid values. Loading values from outside (``set_value``) never emits.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.settings.types import DayHours
from deskbreath.core.settings.values import DayRanges, Invalid, TimeRange
from deskbreath.i18n import _
from deskbreath.qt.settings.editors import CheckedLineEdit, error_palette

WORKDAYS = ("mon", "tue", "wed", "thu", "fri")
OFFICE_HOURS = (TimeRange(time(8, 0), time(18, 0)),)


class ExerciseListEditor(QWidget):
    """Which exercises are on, and in which order: a checkable list with move buttons.

    Turning off the last exercise is refused (prompts would have nothing to offer); pausing
    is the way to stop prompts.

    Args:
        names: every exercise there is (id → name people see), in the catalogue's order.
        parent: the owning widget.

    Signals:
        edited(object): the enabled exercise ids, in order (a tuple).
    """

    edited = Signal(object)

    def __init__(self, names: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = dict(names)
        self._loading = False
        self.list = QListWidget(self)
        self.list.setObjectName("exercise-list")
        self.list.setAccessibleName(_("Exercises offered, in order"))
        self.list.setAccessibleDescription(
            _("Checked exercises are offered in this order; space turns one on or off")
        )
        self.up = QPushButton(_("Move &up"), self)
        self.up.setObjectName("exercise-up")
        self.up.setAccessibleName(_("Move the selected exercise up"))
        self.down = QPushButton(_("Move &down"), self)
        self.down.setObjectName("exercise-down")
        self.down.setAccessibleName(_("Move the selected exercise down"))
        self.message = QLabel(self)
        self.message.setObjectName("exercise-list-message")
        self.message.setWordWrap(True)
        error_palette(self.message)
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

    def set_value(self, value: Any) -> None:
        """Show the enabled ids first, in order, then the others unchecked (does not emit)."""
        enabled: tuple[str, ...] = tuple(value)
        self._loading = True
        try:
            current = self.list.currentRow()
            self.list.clear()
            rest = [i for i in self._names if i not in enabled]
            for exercise_id in [*enabled, *rest]:
                item = QListWidgetItem(self._names.get(exercise_id, exercise_id))
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
        self.edited.emit(self.enabled_ids())

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
            self.message.setText(_(
                "Not saved: at least one exercise must stay on. To stop prompts for a while, "
                "use Pause in the tray menu."
            ))
            self.message.show()
            return
        self.message.hide()
        self.edited.emit(enabled)


def parse_limited_day(value_type: DayHours, text: str) -> tuple[TimeRange, ...]:
    """Typed times for a day whose limit is ticked: the file's rules for a day, except
    ``"always"``, which in the dialog is the unticked box.

    Raises:
        Invalid: the file's refusal, with advice on how to write times, or the advice to
            untick the day for "always".
    """
    ranges = value_type.parse_text(text)
    if ranges is None:
        raise Invalid(_('"always" means no limit: untick the day instead'))
    return ranges


class DayHoursEditor(QWidget):
    """One day's working hours: a "limit" check box and the times prompts may come.

    Unchecked: no limit that day (None). Checked: only within the ranges typed, or "off" for
    no prompts that day (``()``).

    Args:
        day: the day's name, as the check box shows it.
        value_type: the file's type for a day, whose rules the typed times follow.
        parent: the owning widget.

    Signals:
        edited(object): the day's new ranges, or None for no limit.
    """

    edited = Signal(object)

    def __init__(self, day: str, value_type: DayHours, *, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._type = value_type
        self._value: DayRanges = None
        self._loading = False
        self.limit = QCheckBox(day, self)
        self.limit.setObjectName(f"{name}-limit")
        self.limit.setAccessibleName(_("Limit prompts on %(day)s") % {"day": day})
        self.ranges = CheckedLineEdit(
            self._parse, value_type.format_text, name=name,
            placeholder=_("08:00-12:00, 13:00-18:00, or off"), parent=self,
        )
        self.ranges.line_edit.setAccessibleName(_("Prompt times on %(day)s") % {"day": day})
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.limit, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.ranges, 1)
        self.setFocusProxy(self.limit)
        self.limit.toggled.connect(self._on_limit_toggled)
        self.ranges.edited.connect(self._on_ranges_edited)

    def _parse(self, text: str) -> tuple[TimeRange, ...]:
        return parse_limited_day(self._type, text)

    def set_value(self, value: Any) -> None:
        """Show the day's ranges and clear a refusal (does not emit)."""
        self._value = value
        self._loading = True
        try:
            self.limit.setChecked(value is not None)
            self.ranges.set_value(OFFICE_HOURS if value is None else value)
            self.ranges.setEnabled(value is not None)
        finally:
            self._loading = False

    def _on_limit_toggled(self, on: bool) -> None:
        if self._loading:
            return
        self.ranges.setEnabled(on)
        if on:
            self.ranges.revalidate()  # emits through _on_ranges_edited when the text is good
            return
        self.ranges.set_value(self._value or OFFICE_HOURS)  # drop a refused text: it is unused
        self._value = None
        self.edited.emit(None)

    def _on_ranges_edited(self, ranges: tuple[TimeRange, ...]) -> None:
        if self._loading or not self.limit.isChecked():
            return
        self._value = ranges
        self.edited.emit(ranges)


class WeekHoursEditor(QWidget):
    """The days' editors in a column, and two presets that fill the week in one click.

    Args:
        days: each day's editor by day key ("mon"), in order.
        parent: the owning widget.

    Signals:
        week_edited(object): a preset set every day: the ranges (or None) by day key.
    """

    week_edited = Signal(object)

    def __init__(self, days: Mapping[str, DayHoursEditor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = dict(days)
        self.limits: dict[str, QCheckBox] = {day: e.limit for day, e in self.days.items()}
        self.ranges: dict[str, CheckedLineEdit] = {day: e.ranges for day, e in self.days.items()}
        column = QVBoxLayout()
        widest = max((box.sizeHint().width() for box in self.limits.values()), default=0)
        for editor in self.days.values():
            editor.setParent(self)
            editor.limit.setMinimumWidth(widest)  # the times line up in one column
            column.addWidget(editor)
        self.office_preset = QPushButton(_("Mon–Fri 08:00–18:00"), self)
        self.office_preset.setObjectName("hours-preset-office")
        self.office_preset.setAccessibleName(
            _("Preset: prompts Monday to Friday 08:00 to 18:00, none at the weekend")
        )
        self.any_time_preset = QPushButton(_("Any time"), self)
        self.any_time_preset.setObjectName("hours-preset-any-time")
        self.any_time_preset.setAccessibleName(_("Preset: prompts at any time on every day"))
        presets = QHBoxLayout()
        presets.addWidget(QLabel(_("Presets:"), self))
        presets.addWidget(self.office_preset)
        presets.addWidget(self.any_time_preset)
        presets.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(column)
        layout.addLayout(presets)
        self.office_preset.clicked.connect(self._on_office_preset_clicked)
        self.any_time_preset.clicked.connect(self._on_any_time_preset_clicked)

    def _set_week(self, week: dict[str, DayRanges]) -> None:
        for day, ranges in week.items():
            self.days[day].set_value(ranges)
        self.week_edited.emit(week)

    def _on_office_preset_clicked(self) -> None:
        self._set_week({day: OFFICE_HOURS if day in WORKDAYS else () for day in self.days})

    def _on_any_time_preset_clicked(self) -> None:
        self._set_week(dict.fromkeys(self.days))
