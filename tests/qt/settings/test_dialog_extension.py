"""A setting added to a copy of the model shows in the settings dialog without dialog code:
its editor, label, help, range and unit come from its declaration, and it applies live.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from deskbreath.core.settings.schema import Schema
from deskbreath.qt.settings.dialog import SettingsDialog
from deskbreath.qt.settings.editors import CheckedLineEdit, WholeNumberEditor
from tests.core.settings.extended import extended_schema
from tests.qt.settings.conftest import ScriptedConfirm, editor


def _dialog(qtbot: QtBot, schema: Schema, confirm: ScriptedConfirm) -> SettingsDialog:
    dialog = SettingsDialog(schema.defaults(), schema=schema, confirm=confirm)
    qtbot.add_widget(dialog)
    return dialog


def _label_of(dialog: SettingsDialog, widget: QWidget) -> str:
    """The text of the form label beside ``widget``."""
    for form in dialog.findChildren(QFormLayout):
        label = form.labelForField(widget)
        if isinstance(label, QLabel):
            return label.text()
    raise AssertionError("no form label for the editor")


def test_a_new_number_shows_in_its_tables_group_with_its_range_and_unit(
    qtbot: QtBot, confirm: ScriptedConfirm,
) -> None:
    """breathing.sighs gets a spin box in the Breathing group: its label, help, 0 to 3 and
    its unit, showing the default; a change emits settings with it.
    """
    schema = extended_schema()
    dialog = _dialog(qtbot, schema, confirm)
    sighs = editor(dialog, "breathing.sighs", WholeNumberEditor)

    group = sighs.parentWidget()
    assert isinstance(group, QGroupBox)
    assert group.title() == "Breathing"
    assert _label_of(dialog, sighs) == "&Sighs"
    assert (sighs.minimum(), sighs.maximum(), sighs.value()) == (0, 3, 1)
    assert sighs.suffix() == " at the end"
    assert sighs.toolTip() == "Deep sighs at the end of the breathing exercise."
    assert sighs.accessibleName() == "Sighs"

    with qtbot.waitSignal(dialog.settings_edited) as blocker:
        sighs.setValue(2)

    assert schema.fields["breathing.sighs"].get(blocker.args[0]) == 2


def test_a_new_duration_shows_on_the_first_page_and_refuses_what_its_type_refuses(
    qtbot: QtBot, confirm: ScriptedConfirm,
) -> None:
    """The new top-level duration is a checked text field on the Reminders page: it refuses
    a value beyond its limit with the limits, and applies a good one.
    """
    schema = extended_schema()
    dialog = _dialog(qtbot, schema, confirm)
    quiet = editor(dialog, "quiet_after_lunch", CheckedLineEdit)
    first_page = dialog.tabs.widget(0)
    assert first_page is not None
    assert first_page.isAncestorOf(quiet)
    assert quiet.line_edit.text() == "10m"
    assert quiet.line_edit.placeholderText() == "10m"

    with qtbot.assertNotEmitted(dialog.settings_edited):
        quiet.line_edit.setText("2h")
        quiet.revalidate()
    assert "use 0s to 1h" in (quiet.error() or "")

    with qtbot.waitSignal(dialog.settings_edited) as blocker:
        quiet.line_edit.setText("25m")
        quiet.revalidate()

    assert schema.fields["quiet_after_lunch"].get(blocker.args[0]) == 1500.0


def test_the_shipped_dialog_has_no_editor_for_the_new_settings(
    make_dialog: Callable[..., SettingsDialog],
) -> None:
    """The copy's settings stay in the copy: the shipped dialog does not show them."""
    dialog = make_dialog()

    assert "breathing.sighs" not in dialog.editors
    assert "quiet_after_lunch" not in dialog.editors
