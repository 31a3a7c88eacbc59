"""The settings dialog's editors for lists and hours.

Which exercises in which order, one day's working hours (all day, set hours or off), and the
week of them with presets.

Each editor emits only valid values. Loading values from outside (``set_value``) never emits.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.settings.types import DayHours
from deskbreath.core.settings.values import DayRanges, TimeRange
from deskbreath.i18n import N_, _
from deskbreath.qt.settings.editors import CheckedLineEdit, ErrorLabel, Loading

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
        self._loading = Loading()
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
        self.message = ErrorLabel(self)
        self.message.setObjectName("exercise-list-message")
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
        """The ids of the ticked exercises, in the list's order."""
        return tuple(
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_value(self, value: Any) -> None:
        """Show the enabled ids first, in order, then the others unchecked (does not emit)."""
        enabled: tuple[str, ...] = tuple(value)
        with self._loading:
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
        self._on_list_current_row_changed(self.list.currentRow())

    def move_current(self, step: int) -> None:
        """Move the selected exercise ``step`` rows (-1 up, +1 down) and emit."""
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        with self._loading:
            item = self.list.takeItem(row)
            self.list.insertItem(target, item)
            self.list.setCurrentRow(target)
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
            with self._loading:
                item.setCheckState(Qt.CheckState.Checked)
            self.message.setText(_(
                "Not saved: at least one exercise must stay on. To stop prompts for a while, "
                "use Pause in the tray menu."
            ))
            self.message.show()
            return
        self.message.hide()
        self.edited.emit(enabled)


class DayMode(Enum):
    """What a day's working hours are, as the dialog offers them."""

    ALL_DAY = "all day"
    HOURS = "hours"
    OFF = "off"


MODE_WORDS = {
    DayMode.ALL_DAY: N_("All day"),
    DayMode.HOURS: N_("Set hours"),
    DayMode.OFF: N_("Off (no prompts)"),
}
"""The words the mode list shows, in its order."""


def mode_of(ranges: DayRanges) -> DayMode:
    """The mode a day's value is shown in: None is all day, ``()`` off, ranges set hours."""
    if ranges is None:
        return DayMode.ALL_DAY
    return DayMode.HOURS if ranges else DayMode.OFF


class DayHoursEditor(QWidget):
    """One day's working hours: all day, set hours, or off, and the hours when set.

    Choosing "Set hours" shows the times field, filled with the day's last hours (08:00-18:00
    at first) and applies them at once; the field takes the file's words too, so typing
    "off" or "always" there chooses that mode. Other modes hide the field but keep its
    place, so the rows do not jump.

    Args:
        day: the day's name, for accessible names.
        value_type: the file's type for a day, whose rules the typed times follow.
        name: the times field's object name (the mode list's is ``<name>-mode``).
        help: the tooltip and accessible description of both controls.
        parent: the owning widget.

    Signals:
        edited(object): the day's new value: ranges, ``()`` for off, None for all day.
    """

    edited = Signal(object)

    def __init__(self, day: str, value_type: DayHours, *, name: str, help: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hours: tuple[TimeRange, ...] = OFFICE_HOURS  # what "Set hours" brings back
        self._loading = Loading()
        self.mode = QComboBox(self)
        self.mode.setObjectName(f"{name}-mode")
        self.mode.setAccessibleName(_("Prompts on %(day)s") % {"day": day})
        for mode, words in MODE_WORDS.items():
            self.mode.addItem(_(words), mode)
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.ranges = CheckedLineEdit(
            value_type.parse_text, value_type.format_text, name=name,
            placeholder=_("08:00-12:00, 13:00-18:00"), help=help, parent=self,
        )
        self.ranges.line_edit.setAccessibleName(_("Prompt times on %(day)s") % {"day": day})
        keep_place = self.ranges.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)
        self.ranges.setSizePolicy(keep_place)
        if help:
            self.mode.setToolTip(help)
            self.mode.setAccessibleDescription(help)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mode, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.ranges, 1)
        self.setFocusProxy(self.mode)
        self.mode.currentIndexChanged.connect(self._on_mode_current_index_changed)
        self.ranges.edited.connect(self._on_ranges_edited)

    def current_mode(self) -> DayMode:
        """The mode the day's list shows."""
        mode = self.mode.currentData()
        assert isinstance(mode, DayMode)
        return mode

    def set_value(self, value: Any) -> None:
        """Show the day's value and clear a refusal (does not emit)."""
        if value:
            self._hours = value
        with self._loading:
            self.mode.setCurrentIndex(list(MODE_WORDS).index(mode_of(value)))
            self.ranges.set_value(self._hours)
            self.ranges.setVisible(mode_of(value) is DayMode.HOURS)

    def _on_mode_current_index_changed(self, _index: int) -> None:
        if self._loading:
            return
        mode = self.current_mode()
        self.ranges.set_value(self._hours)  # the last good hours: a refused text is dropped
        self.ranges.setVisible(mode is DayMode.HOURS)
        values: dict[DayMode, DayRanges] = {
            DayMode.ALL_DAY: None, DayMode.HOURS: self._hours, DayMode.OFF: ()}
        self.edited.emit(values[mode])

    def _on_ranges_edited(self, value: DayRanges) -> None:
        if self._loading:
            return
        self.set_value(value)  # "off" or "always" typed in the field choose that mode
        self.edited.emit(value)


class WeekHoursEditor(QWidget):
    """The week's working hours.

    Presets that set the whole week in one click, then a row per day.

    Args:
        days: each day's editor by day key ("mon"), in order.
        labels: each day's name by day key, for its row.
        parent: the owning widget.

    Signals:
        week_edited(object): a preset set every day: the value (ranges, ``()`` or None) by
            day key.
    """

    week_edited = Signal(object)

    def __init__(self, days: Mapping[str, DayHoursEditor], labels: Mapping[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = dict(days)
        self.modes: dict[str, QComboBox] = {day: e.mode for day, e in self.days.items()}
        self.ranges: dict[str, CheckedLineEdit] = {day: e.ranges for day, e in self.days.items()}
        self.office_preset = QPushButton(_("Weekdays 08:00–18:00, weekends off"), self)
        self.office_preset.setObjectName("hours-preset-office")
        self.office_preset.setAccessibleName(
            _("Preset: prompts Monday to Friday 08:00 to 18:00, none at the weekend")
        )
        self.all_day_preset = QPushButton(_("All day, every day"), self)
        self.all_day_preset.setObjectName("hours-preset-all-day")
        self.all_day_preset.setAccessibleName(_("Preset: prompts at any time on every day"))
        presets = QHBoxLayout()
        presets.addWidget(self.office_preset)
        presets.addWidget(self.all_day_preset)
        presets.addStretch(1)
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for day, editor in self.days.items():
            editor.setParent(self)
            label = QLabel(labels.get(day, day), self)
            label.setBuddy(editor)
            self.labels[day] = label
            form.addRow(label, editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(presets)
        layout.addLayout(form)
        self.office_preset.clicked.connect(self._on_office_preset_clicked)
        self.all_day_preset.clicked.connect(self._on_all_day_preset_clicked)

    def lock_presets(self, reason: str) -> None:
        """Disable the presets (some days are locked), saying why in their tooltips."""
        for preset in (self.office_preset, self.all_day_preset):
            preset.setEnabled(False)
            preset.setToolTip(reason)

    def _set_week(self, week: dict[str, DayRanges]) -> None:
        for day, ranges in week.items():
            self.days[day].set_value(ranges)
        self.week_edited.emit(week)

    def _on_office_preset_clicked(self) -> None:
        self._set_week({day: OFFICE_HOURS if day in WORKDAYS else () for day in self.days})

    def _on_all_day_preset_clicked(self) -> None:
        self._set_week(dict.fromkeys(self.days))
