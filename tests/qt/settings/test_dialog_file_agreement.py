"""The dialog and settings.toml agree: a typed text is accepted by one iff by the other,
and the dialog shows an accepted value as the file would write it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from deskbreath.core.settings.model import WEEKDAYS, Settings, TimeRange
from deskbreath.core.settings.schema import packaged_schema
from deskbreath.core.settings.types import DayHours
from deskbreath.core.settings.values import Invalid
from deskbreath.qt.settings.dialog import SettingsDialog
from deskbreath.qt.settings.editors import CheckedLineEdit
from deskbreath.qt.settings.fields import DayMode, mode_of
from tests.qt.settings.conftest import editor

REFUSED = object()
FIELDS = packaged_schema().fields

DURATION_FIELDS = [
    "reminder_interval",
    "natural_break",
    "breathing.hold_after_inhale",
    "breathing.hold_after_exhale",
    "breathing.length",
    "rotation.hold",
]
DURATION_TEXTS = [
    "45m", "90s", "1h30m", " 5m ", "1H", "5 m", "0s", "1s", "9s", "10s", "30s", "31s", "1m",
    "5m", "6m", "24h", "25h", "1.5s", "2.5s", "1.5m", "0.5h", "45", "", "m", "1m1h", "-5m",
    "1e3s", "10s5m",
]
HOURS_TEXTS = [
    "off", "OFF", " off ", "none", "no", "", "08:00-18:00", "8:00-12:00, 13:00-18:00",
    "13:00-18:00, 08:00-12:00", "08:00-24:00", "00:00-24:00", "23:59-24:00", "24:00-24:00",
    "08:00 - 18:00", "08:00–18:00", "08:00—18:00", "08:00-18:00; 19:00-20:00",
    "09:00-12:00, 11:00-13:00", "12:00-13:00, 13:00-14:00", "18:00-08:00", "08:00-08:00",
    "9-17", "07:60-08:00", "8:5-9:00", "25:00-26:00", "08:00-18:00,",
]
CLOCK_TEXTS = ["7:30", "07:30", " 08:00 ", "00:00", "23:59", "24:00", "25:00", "8am", "", "8:5"]


def file_reads(key: str, value: Any) -> Any:
    """What the file's converter makes of ``value``, or REFUSED."""
    try:
        return FIELDS[key].parse(value)
    except Invalid:
        return REFUSED


def finish(field: CheckedLineEdit, text: str) -> None:
    """Put ``text`` in the field and finish editing, as Enter or leaving the field does."""
    field.line_edit.setText(text)
    field.revalidate()


def assert_agrees(
    dialog: SettingsDialog, field: CheckedLineEdit, key: str, text: str, file_value: Any,
    file_text: Callable[[Any], str],
) -> None:
    """Assert the field refuses ``text`` iff the file does, else takes and shows the file value."""
    if file_value is REFUSED:
        assert field.error() is not None, f"dialog accepted {text!r}, the file refuses it"
        return
    assert field.error() is None, f"dialog refused {text!r} ({field.error()}), the file takes it"
    assert FIELDS[key].get(dialog.settings()) == file_value
    assert field.line_edit.text() == file_text(FIELDS[key].to_toml(file_value))


@pytest.fixture
def hours_dialog(make_dialog: Callable[..., SettingsDialog]) -> SettingsDialog:
    """A dialog with every day on set hours, so each day's times field shows."""
    hours = (TimeRange(time(9), time(17)),)
    return make_dialog(Settings(working_hours=dict.fromkeys(WEEKDAYS, hours)))


@pytest.mark.parametrize("text", DURATION_TEXTS)
@pytest.mark.parametrize("key", DURATION_FIELDS)
def test_duration_fields_accept_what_the_file_accepts(
    qtbot: QtBot, dialog: SettingsDialog, key: str, text: str
) -> None:
    """Each duration field takes a text iff the file does, and shows it as the file writes it."""
    field = editor(dialog, key, CheckedLineEdit)

    finish(field, text)

    assert_agrees(dialog, field, key, text, file_reads(key, text), str)


@pytest.mark.parametrize("text", HOURS_TEXTS)
def test_hours_fields_accept_what_the_file_accepts(
    qtbot: QtBot, hours_dialog: SettingsDialog, text: str
) -> None:
    """Each day's times take a text iff the file's day does; times read back as in the file,
    and "off" chooses the day's Off mode.
    """
    for day in WEEKDAYS:
        key = f"working_hours.{day}"
        field = hours_dialog.hours.ranges[day]
        file_value = file_reads(key, text)

        finish(field, text)

        if file_value is REFUSED or file_value:
            assert_agrees(hours_dialog, field, key, text, file_value, str)
        else:
            assert field.error() is None
            assert hours_dialog.settings().working_hours[day] == file_value
            assert hours_dialog.hours.days[day].current_mode() is mode_of(file_value)


def test_always_typed_in_the_times_chooses_all_day(
    qtbot: QtBot, hours_dialog: SettingsDialog
) -> None:
    """The word "always" means no limit in the file; typed in a day's times it chooses All day."""
    field = hours_dialog.hours.ranges["mon"]

    finish(field, "always")

    assert file_reads("working_hours.mon", "always") is None
    assert hours_dialog.settings().working_hours["mon"] is None
    assert hours_dialog.hours.days["mon"].current_mode() is DayMode.ALL_DAY
    assert not field.isVisible()


@pytest.mark.parametrize("text", CLOCK_TEXTS)
def test_day_start_accepts_what_the_file_accepts(
    qtbot: QtBot, dialog: SettingsDialog, text: str
) -> None:
    """The field "Pause until tomorrow ends at" takes a time iff day_start in the file does."""
    day_start = editor(dialog, "day_start", CheckedLineEdit)

    finish(day_start, text)

    assert_agrees(dialog, day_start, "day_start", text, file_reads("day_start", text), str)


@pytest.mark.parametrize(
    "text", ["5m, 15m", "10m; 20m,2h", "5m, 5m", "5m, 300s", "1.5m", "1.5s, 5m", "5m, 3s",
             "1m,2m,3m,4m,5m,6m", "1m,2m,3m,4m,5m,6m,7m", " , ", ""],
)
def test_snooze_choices_accept_what_the_file_accepts(
    qtbot: QtBot, dialog: SettingsDialog, text: str
) -> None:
    """The snooze line takes a list iff the file's snooze_choices list does."""
    items = [item.strip() for item in text.replace(";", ",").split(",") if item.strip()]

    snooze_choices = editor(dialog, "snooze_choices", CheckedLineEdit)

    finish(snooze_choices, text)

    assert_agrees(
        dialog, snooze_choices, "snooze_choices", text,
        file_reads("snooze_choices", items), ", ".join,
    )


@given(st.text(alphabet="0123456789hms.: ", max_size=8))
def test_any_duration_text_gets_the_files_verdict(text: str) -> None:
    """For arbitrary typed text, the dialog's duration parser and the file's converter agree."""
    for key in DURATION_FIELDS:
        try:
            dialog_value: Any = FIELDS[key].type.parse_text(text)
        except ValueError:
            dialog_value = REFUSED
        assert dialog_value == file_reads(key, text)


@given(st.text(alphabet="0124689:-–, of", max_size=14))
def test_any_hours_text_gets_the_files_verdict(text: str) -> None:
    """For arbitrary typed text, the dialog's hours parser and the file's converter agree."""
    day = FIELDS["working_hours.mon"].type
    assert isinstance(day, DayHours)
    try:
        dialog_value: Any = day.parse_text(text)
    except ValueError:
        dialog_value = REFUSED
    assert dialog_value == file_reads("working_hours.mon", text)
