"""The Working hours tab: each day is all day, set hours or off; a preset sets the usual
office week in one click; the file keeps its format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from deskbreath.core.settings.model import WEEKDAYS, Settings, TimeRange
from deskbreath.core.settings.schema import packaged_schema
from deskbreath.core.settings.values import END_OF_DAY
from deskbreath.qt.settings.dialog import SettingsDialog
from deskbreath.qt.settings.fields import MODE_WORDS, DayMode
from deskbreath.qt.theme import dark_palette, is_dark
from deskbreath.storage.settings_file import SettingsFile
from tests.qt.contrast import contrast_ratio
from tests.qt.settings.conftest import emitted_settings, type_into
from tests.support.waits import WAIT_MS

OFFICE = (TimeRange(time(8), time(18)),)
NINE_TO_FIVE = (TimeRange(time(9), time(17)),)


def choose(dialog: SettingsDialog, day: str, mode: DayMode) -> None:
    """Pick ``mode`` in the day's list, as a click on it in the open list does."""
    dialog.hours.modes[day].setCurrentIndex(list(MODE_WORDS).index(mode))


def test_arrow_keys_in_a_days_list_change_its_mode(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """The keyboard works the list: Down from All day is Set hours, once more is Off."""
    combo = dialog.hours.modes["sat"]

    emitted_settings(qtbot, dialog, lambda: QTest.keyClick(combo, Qt.Key.Key_Down))
    settings = emitted_settings(qtbot, dialog, lambda: QTest.keyClick(combo, Qt.Key.Key_Down))

    assert settings.working_hours["sat"] == ()
    assert combo.currentText() == "Off (no prompts)"


def shown(dialog: SettingsDialog, qtbot: QtBot) -> SettingsDialog:
    """The dialog on screen at the Working hours tab (visibility claims need it shown)."""
    dialog.tabs.setCurrentIndex(2)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_office_preset_sets_weekdays_and_turns_the_weekend_off(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    """One click gives Monday to Friday 08:00–18:00 and no prompts on Saturday or Sunday."""
    shown(dialog, qtbot)

    settings = emitted_settings(qtbot, dialog, dialog.hours.office_preset.click)

    assert settings.working_hours == {
        "mon": OFFICE, "tue": OFFICE, "wed": OFFICE, "thu": OFFICE, "fri": OFFICE,
        "sat": (), "sun": (),
    }
    modes = {day: editor.current_mode() for day, editor in dialog.hours.days.items()}
    assert modes == {**dict.fromkeys(WEEKDAYS[:5], DayMode.HOURS),
                     "sat": DayMode.OFF, "sun": DayMode.OFF}
    assert dialog.hours.ranges["mon"].line_edit.text() == "08:00-18:00"
    assert dialog.hours.ranges["mon"].isVisible()
    assert not dialog.hours.ranges["sat"].isVisible()


def test_the_preset_says_what_it_does(dialog: SettingsDialog) -> None:
    """The preset's words name the weekdays' hours and the weekend, not only a day range."""
    text = dialog.hours.office_preset.text()

    assert "08:00–18:00" in text
    assert "weekends off" in text


def test_the_all_day_preset_lifts_every_limit(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog]
) -> None:
    """"All day, every day" makes every day unlimited again."""
    dialog = make_dialog(Settings(working_hours=dict.fromkeys(WEEKDAYS, ())))

    settings = emitted_settings(qtbot, dialog, dialog.hours.all_day_preset.click)

    assert settings.working_hours == Settings().working_hours
    assert {e.current_mode() for e in dialog.hours.days.values()} == {DayMode.ALL_DAY}


def test_choosing_off_turns_only_that_day_off(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Off in Sunday's list means no prompts on Sunday; the other days keep theirs."""
    settings = emitted_settings(qtbot, dialog, lambda: choose(dialog, "sun", DayMode.OFF))

    assert settings.working_hours["sun"] == ()
    assert all(settings.working_hours[day] is None for day in WEEKDAYS[:6])


def test_choosing_set_hours_applies_office_hours_and_shows_them(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    """Set hours on an all-day Monday applies 08:00-18:00 at once, ready to change."""
    shown(dialog, qtbot)
    assert not dialog.hours.ranges["mon"].isVisible()

    settings = emitted_settings(qtbot, dialog, lambda: choose(dialog, "mon", DayMode.HOURS))

    assert settings.working_hours["mon"] == OFFICE
    assert dialog.hours.ranges["mon"].isVisible()
    assert dialog.hours.ranges["mon"].line_edit.text() == "08:00-18:00"


def test_typed_hours_apply_sorted_and_as_the_file_writes_them(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    """Two ranges typed in any order, with an en dash, apply sorted and read back cleanly."""
    emitted_settings(qtbot, dialog, lambda: choose(dialog, "mon", DayMode.HOURS))
    field = dialog.hours.ranges["mon"]

    settings = emitted_settings(
        qtbot, dialog, lambda: type_into(qtbot, field, "13:00-18:00, 8:00–12:00"))

    assert settings.working_hours["mon"] == (
        TimeRange(time(8), time(12)), TimeRange(time(13), time(18)))
    assert settings.working_hours["tue"] is None
    assert field.line_edit.text() == "08:00-12:00, 13:00-18:00"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("09:00-12:00, 11:00-13:00", "overlap"),
        ("18:00-08:00", "ends before it starts"),
        ("9-17", "not a time"),
        ("", "or \"off\""),
    ],
)
def test_bad_hours_are_refused_with_the_reason(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog], text: str, reason: str
) -> None:
    """Bad times emit nothing, say why, and the day keeps its hours."""
    dialog = make_dialog(Settings(working_hours={**Settings().working_hours, "wed": OFFICE}))
    field = dialog.hours.ranges["wed"]

    with qtbot.assertNotEmitted(dialog.settings_edited):
        type_into(qtbot, field, text)

    assert reason in (field.error() or "")
    assert dialog.settings().working_hours["wed"] == OFFICE
    assert dialog.hours.days["wed"].current_mode() is DayMode.HOURS


def test_off_typed_in_the_times_chooses_off(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog]
) -> None:
    """The file's word "off" works in the times field too, and the list follows."""
    dialog = make_dialog(Settings(working_hours={**Settings().working_hours, "fri": OFFICE}))

    settings = emitted_settings(
        qtbot, dialog, lambda: type_into(qtbot, dialog.hours.ranges["fri"], "off"))

    assert settings.working_hours["fri"] == ()
    assert dialog.hours.days["fri"].current_mode() is DayMode.OFF


def test_set_hours_brings_back_the_days_last_hours(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog]
) -> None:
    """Turning a 09:00–17:00 day off and back to set hours restores 09:00–17:00."""
    dialog = make_dialog(Settings(working_hours={**Settings().working_hours, "thu": NINE_TO_FIVE}))
    emitted_settings(qtbot, dialog, lambda: choose(dialog, "thu", DayMode.OFF))

    settings = emitted_settings(qtbot, dialog, lambda: choose(dialog, "thu", DayMode.HOURS))

    assert settings.working_hours["thu"] == NINE_TO_FIVE
    assert dialog.hours.ranges["thu"].line_edit.text() == "09:00-17:00"


def test_leaving_set_hours_drops_a_refused_text(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog]
) -> None:
    """A refused text is not kept when the day turns all day: nothing waits to be fixed."""
    dialog = make_dialog(Settings(working_hours={**Settings().working_hours, "tue": OFFICE}))
    field = dialog.hours.ranges["tue"]
    type_into(qtbot, field, "9-17")
    assert field.error() is not None

    settings = emitted_settings(qtbot, dialog, lambda: choose(dialog, "tue", DayMode.ALL_DAY))

    assert settings.working_hours["tue"] is None
    assert field.error() is None
    assert field.line_edit.text() == "08:00-18:00"


def test_end_of_day_is_accepted_and_shown_as_24_00(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog]
) -> None:
    """A range ending at 24:00 applies as the end of the day and reads back as 24:00."""
    dialog = make_dialog(Settings(working_hours={**Settings().working_hours, "wed": OFFICE}))
    field = dialog.hours.ranges["wed"]

    settings = emitted_settings(qtbot, dialog, lambda: type_into(qtbot, field, "08:00-24:00"))

    assert settings.working_hours["wed"] == (TimeRange(time(8), END_OF_DAY),)
    assert field.line_edit.text() == "08:00-24:00"


def test_the_times_field_keeps_its_place_while_hidden(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    """Turning a day off hides its times without moving the rows below it."""
    shown(dialog, qtbot)
    emitted_settings(qtbot, dialog, lambda: choose(dialog, "mon", DayMode.HOURS))
    below = dialog.hours.days["tue"].geometry()

    emitted_settings(qtbot, dialog, lambda: choose(dialog, "mon", DayMode.OFF))

    assert not dialog.hours.ranges["mon"].isVisible()
    assert dialog.hours.days["tue"].geometry() == below


def test_each_day_is_labelled_for_screen_readers(dialog: SettingsDialog) -> None:
    """Every day's list and times field have names that say which day they are for."""
    names = [(dialog.hours.modes[day].accessibleName(),
              dialog.hours.ranges[day].line_edit.accessibleName()) for day in ("mon", "sun")]

    assert names == [("Prompts on Monday", "Prompt times on Monday"),
                     ("Prompts on Sunday", "Prompt times on Sunday")]
    assert dialog.hours.labels["mon"].buddy() is dialog.hours.days["mon"]


def test_the_file_format_is_unchanged(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog], tmp_path: Path
) -> None:
    """A file written before the rework shows its days in the right modes, and the preset
    saves the same words a hand-written file uses ("08:00-18:00", "off", no "always").
    """
    schema = packaged_schema()
    file = SettingsFile(tmp_path / "settings.toml", schema=schema)
    file.path.write_text('[working_hours]\nmon = "09:00-17:00"\nsat = "off"\nsun = "always"\n',
                         encoding="utf-8")
    dialog = make_dialog(file.load().settings)
    modes = {day: e.current_mode() for day, e in dialog.hours.days.items()}
    assert (modes["mon"], modes["tue"], modes["sat"], modes["sun"]) == (
        DayMode.HOURS, DayMode.ALL_DAY, DayMode.OFF, DayMode.ALL_DAY)

    file.save(emitted_settings(qtbot, dialog, dialog.hours.office_preset.click))

    text = file.path.read_text(encoding="utf-8")
    assert 'mon = "08:00-18:00"' in text
    assert 'fri = "08:00-18:00"' in text
    assert 'sat = "off"' in text
    assert 'sun = "off"' in text
    assert file.load().settings.working_hours == {
        **dict.fromkeys(WEEKDAYS[:5], OFFICE), "sat": (), "sun": ()}


@pytest.fixture
def app_palette(qapp: QApplication) -> Iterator[QApplication]:
    """The application, with the theme's palette given back afterwards."""
    yield qapp
    qapp.setPalette(QPalette())


def test_a_refusal_stays_readable_when_dark_mode_switches(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog], app_palette: QApplication
) -> None:
    """The reason under refused times has 4.5:1 contrast on the light window and, after the
    palette turns dark while the dialog is open, on the dark one (WCAG 2.2, 1.4.3).
    """
    dialog = make_dialog(Settings(working_hours={**Settings().working_hours, "thu": OFFICE}))
    type_into(qtbot, dialog.hours.ranges["thu"], "9-17")
    label = dialog.hours.ranges["thu"].error_label

    def contrast() -> float:
        palette = label.palette()
        return contrast_ratio(palette.color(QPalette.ColorRole.WindowText),
                              palette.color(QPalette.ColorRole.Window))

    light = contrast()
    app_palette.setPalette(dark_palette())
    qtbot.waitUntil(lambda: is_dark(label.palette()), timeout=WAIT_MS)

    assert light >= 4.5
    assert contrast() >= 4.5
