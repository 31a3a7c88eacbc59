"""The settings dialog with an administrator's file: locked settings are shown, greyed out,
with a tooltip naming the file, and the dialog never changes them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QFormLayout, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from deskbreath.core.settings.layers import layer_site_document
from deskbreath.core.settings.schema import Schema, packaged_schema
from deskbreath.qt.settings.dialog import SettingsDialog
from deskbreath.qt.settings.editors import CheckedLineEdit
from deskbreath.qt.settings.fields import ExerciseListEditor
from tests.qt.settings.conftest import ScriptedConfirm, editor, emitted_settings, type_into
from tests.support.waits import WAIT_MS

SITE = Path("/etc/xdg/deskbreath/settings.toml")
ADMIN = """\
locked = ["reminder_interval", "start_at_login", "order", "exercises", "breathing.length",
          "working_hours"]
reminder_interval = "20m"
[working_hours]
sat = "off"
sun = "off"
"""


def admin_schema(text: str = ADMIN) -> Schema:
    """The packaged schema under the administrator's file ``text`` at SITE (it must parse clean)."""
    schema, problems = layer_site_document(packaged_schema(), SITE, tomllib.loads(text))
    assert problems == []
    return schema


@pytest.fixture
def locked_dialog(qtbot: QtBot, confirm: ScriptedConfirm) -> SettingsDialog:
    """The dialog over the administrator's schema, showing its defaults."""
    schema = admin_schema()
    dialog = SettingsDialog(schema.defaults(), schema=schema, confirm=confirm)
    qtbot.add_widget(dialog)
    return dialog


def tooltip_shown_over(qtbot: QtBot, widget: QWidget) -> str:
    """Ask ``widget`` for its tooltip as hovering does, and return what the tooltip says."""
    QToolTip.hideText()
    spot = QPoint(4, 4)
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, spot, widget.mapToGlobal(spot)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=WAIT_MS)
    return QToolTip.text()


def test_locked_settings_are_disabled_and_the_others_are_not(
    locked_dialog: SettingsDialog,
) -> None:
    """Each kind of editor of a locked setting is disabled; unlocked ones stay editable."""
    disabled = {key for key, widget in locked_dialog.editors.items() if not widget.isEnabled()}

    assert disabled == {"reminder_interval", "start_at_login", "order", "exercises",
                        "breathing.length",
                        *(f"working_hours.{day}" for day in locked_dialog.hours.days)}


def test_a_locked_field_shows_the_administrators_value(locked_dialog: SettingsDialog) -> None:
    """The locked field holds the value in effect: the administrator's."""
    interval = editor(locked_dialog, "reminder_interval", CheckedLineEdit)

    assert interval.line_edit.text() == "20m"
    assert locked_dialog.hours.ranges["sat"].line_edit.isEnabled() is False


def test_hovering_a_locked_field_names_the_file_that_locks_it(
    qtbot: QtBot, locked_dialog: SettingsDialog
) -> None:
    """The tooltip of a disabled, locked field says the administrator's file locks it, and
    still says what the setting does.
    """
    locked_dialog.show()
    qtbot.waitExposed(locked_dialog)
    field = editor(locked_dialog, "reminder_interval", CheckedLineEdit).line_edit

    text = tooltip_shown_over(qtbot, field)

    assert text == (f"Locked by your administrator in {SITE}; it cannot be changed here.\n"
                    "How long you may sit before a prompt appears.")
    assert field.accessibleDescription() == text


@pytest.mark.parametrize("key", ["start_at_login", "order", "exercises", "working_hours.mon"])
def test_every_kind_of_locked_editor_has_the_tooltip(
    locked_dialog: SettingsDialog, key: str
) -> None:
    """Check box, choice, exercise list and a day's list all name the file in their tooltip
    (for the list and the day, on the part the pointer is over).
    """
    parts: dict[str, Callable[[], QWidget]] = {
        "exercises": lambda: editor(locked_dialog, key, ExerciseListEditor).list,
        "working_hours.mon": lambda: locked_dialog.hours.modes["mon"],
    }

    target = parts.get(key, lambda: locked_dialog.editor(key))()

    assert f"Locked by your administrator in {SITE}" in target.toolTip()


def test_the_label_of_a_locked_field_is_greyed_with_the_tooltip(
    locked_dialog: SettingsDialog,
) -> None:
    """The row's label is greyed out too and explains why."""
    field = locked_dialog.editor("reminder_interval")

    (label,) = [form.labelForField(field) for form in locked_dialog.findChildren(QFormLayout)
                if form.labelForField(field) is not None]

    assert not label.isEnabled()
    assert str(SITE) in label.toolTip()


def test_the_dialog_says_that_some_settings_are_locked(
    locked_dialog: SettingsDialog, dialog: SettingsDialog
) -> None:
    """A note above the tabs names the administrator's file; without locks there is none."""
    assert locked_dialog.locked_note.text() == (
        f"Your administrator set some settings in the file {SITE}; they are greyed out and "
        "cannot be changed here.")
    assert not locked_dialog.locked_note.isHidden()
    assert dialog.locked_note.isHidden()


def test_a_locked_day_disables_the_week_presets(locked_dialog: SettingsDialog) -> None:
    """A preset would change locked days, so it is disabled, saying why."""
    presets = (locked_dialog.hours.office_preset, locked_dialog.hours.all_day_preset)

    assert [p.isEnabled() for p in presets] == [False, False]
    assert str(SITE) in presets[0].toolTip()


def test_unlocked_settings_still_apply(qtbot: QtBot, locked_dialog: SettingsDialog) -> None:
    """Next to locked fields, an unlocked one applies as usual."""
    field = editor(locked_dialog, "natural_break", CheckedLineEdit)

    settings = emitted_settings(qtbot, locked_dialog, lambda: type_into(qtbot, field, "5m"))

    assert settings.natural_break == 300.0
    assert settings.reminder_interval == 1200.0


def test_typing_into_a_locked_field_changes_nothing(
    qtbot: QtBot, locked_dialog: SettingsDialog
) -> None:
    """Even if text reached a locked field, finishing the edit emits nothing."""
    field = editor(locked_dialog, "reminder_interval", CheckedLineEdit)
    field.line_edit.setText("5m")

    with qtbot.assertNotEmitted(locked_dialog.settings_edited):
        field.revalidate()

    assert locked_dialog.settings().reminder_interval == 1200.0


def test_restore_defaults_restores_the_administrators_defaults(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog], confirm: ScriptedConfirm
) -> None:
    """Restore defaults goes back to the defaults in effect, the administrator's included."""
    schema = admin_schema('natural_break = "5m"\n')
    dialog = SettingsDialog(schema.replace(schema.defaults(), {"natural_break": 60.0}),
                            schema=schema, confirm=confirm)
    qtbot.add_widget(dialog)

    with qtbot.waitSignal(dialog.defaults_restored, timeout=1000):
        dialog.restore_button.click()

    assert dialog.settings().natural_break == 300.0


def test_restore_defaults_leaves_locked_settings_and_says_so(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog], confirm: ScriptedConfirm
) -> None:
    """Locked settings are not among those restored, and the question says they keep
    their values.
    """
    schema = admin_schema('locked = ["order", "rotation"]\n')
    dialog = SettingsDialog(schema.defaults(), schema=schema, confirm=confirm)
    qtbot.add_widget(dialog)

    with qtbot.waitSignal(dialog.defaults_restored, timeout=1000) as restored:
        dialog.restore_button.click()

    locked = {"order", "rotation.repetitions", "rotation.hold"}
    assert locked.isdisjoint(restored.args[0])
    assert "The 3 settings your administrator locked keep their values." in confirm.questions[0]
