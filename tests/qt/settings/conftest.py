"""Fixtures for the settings dialog tests: a dialog whose confirmation the test answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from deskbreath.core.settings.model import Settings
from deskbreath.qt.settings.dialog import SettingsDialog
from deskbreath.qt.settings.editors import CheckedLineEdit

W = TypeVar("W", bound=QWidget)


def editor(dialog: SettingsDialog, key: str, kind: type[W]) -> W:
    """The dialog's editor for the setting ``key``, checked to be a ``kind``."""
    widget = dialog.editor(key)
    assert isinstance(widget, kind), f"{key}: {type(widget).__name__}, not {kind.__name__}"
    return widget


def type_into(qtbot: QtBot, field: CheckedLineEdit, text: str) -> None:
    """Replace the field's text by typing, then press Enter (which finishes editing)."""
    field.line_edit.selectAll()
    QTest.keyClick(field.line_edit, Qt.Key.Key_Backspace)
    if text.isascii():
        QTest.keyClicks(field.line_edit, text)
    else:
        field.line_edit.insert(text)  # QTest.keyClicks aborts on characters beyond ASCII
    QTest.keyClick(field.line_edit, Qt.Key.Key_Return)


def emitted_settings(qtbot: QtBot, dialog: SettingsDialog, action: Callable[[], None]) -> Settings:
    """Run ``action`` and return the Settings the dialog emitted for it."""
    with qtbot.waitSignal(dialog.settings_edited, timeout=1000) as blocker:
        action()
    (settings,) = blocker.args
    assert isinstance(settings, Settings)
    return settings


class ScriptedConfirm:
    """Answers the dialog's yes/no questions as the test says and records them."""

    def __init__(self) -> None:
        self.answer = True
        self.questions: list[str] = []

    def __call__(self, question: str) -> bool:
        self.questions.append(question)
        return self.answer


@pytest.fixture
def confirm() -> ScriptedConfirm:
    """A confirmation that answers yes unless the test says otherwise."""
    return ScriptedConfirm()


@pytest.fixture
def make_dialog(qtbot: QtBot, confirm: ScriptedConfirm) -> Callable[..., SettingsDialog]:
    """Build a settings dialog over the given settings (defaults if none), registered."""

    def make(settings: Settings | None = None) -> SettingsDialog:
        dialog = SettingsDialog(settings or Settings(), confirm=confirm)
        qtbot.add_widget(dialog)
        return dialog

    return make


@pytest.fixture
def dialog(make_dialog: Callable[..., SettingsDialog]) -> SettingsDialog:
    """A settings dialog showing the default settings."""
    return make_dialog()
