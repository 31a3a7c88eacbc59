"""Choosing another language in the dialog says it applies after a restart and offers one."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from deskbreath.core.settings.model import Language, Settings
from deskbreath.qt.settings.dialog import SettingsDialog
from deskbreath.qt.settings.editors import ChoiceEditor


def test_a_new_language_shows_the_restart_note_and_restart_now_asks_for_it(
        qtbot: QtBot) -> None:
    """No note while the language is the one deskbreath started with; after a change the
    note and Restart now appear, and the button asks for the restart (the app does it).
    """
    dialog = SettingsDialog(Settings(), language_at_start="system")
    qtbot.add_widget(dialog)
    dialog.show()
    assert not dialog.restart_bar.isVisible()
    editor = dialog.editors["language"]
    assert isinstance(editor, ChoiceEditor)

    with qtbot.waitSignal(dialog.settings_edited) as edited:
        editor.setCurrentIndex(editor.findText("Deutsch (German)"))
    assert edited.args is not None
    assert edited.args[0].language is Language.GERMAN
    assert dialog.restart_bar.isVisible()
    with qtbot.waitSignal(dialog.restart_requested):
        dialog.restart_button.click()

    dialog.set_settings(replace(Settings(), language=Language.SYSTEM))
    assert not dialog.restart_bar.isVisible()
