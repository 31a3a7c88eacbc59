"""Choosing another language in the dialog says it applies after a restart and offers one."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel
from pytestqt.qtbot import QtBot

from deskbreath import i18n
from deskbreath.core.settings.model import Language, Settings
from deskbreath.paths import locale_dir
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


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_access_keys_are_unique_on_each_page_in_every_shipped_language(
        qtbot: QtBot, language: str) -> None:
    """In English, German and Spanish, no two labels of a page, nor a label and a tab, share
    a key.

    Alt and the access key then reach one field at once, not the first of several.
    """
    i18n.install([] if language == "en" else [language], locale_dir())
    try:
        dialog = SettingsDialog(Settings())
    finally:
        i18n.install([], locale_dir())
    qtbot.add_widget(dialog)
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    clashes: dict[str, dict[str, list[str]]] = {}
    for index in range(dialog.tabs.count()):
        page = dialog.tabs.widget(index)
        assert page is not None
        texts = [*tabs, *(w.text() for w in page.findChildren(QLabel)),
                 *(w.text() for w in page.findChildren(QAbstractButton)),
                 *(w.title() for w in page.findChildren(QGroupBox))]
        by_key: dict[str, list[str]] = defaultdict(list)
        for text in texts:
            if (found := re.search(r"&([^&])", text)) is not None:
                by_key[found.group(1).lower()].append(text)
        clashes[tabs[index]] = {key: found for key, found in by_key.items() if len(found) > 1}

    assert all(not found for found in clashes.values()), clashes
