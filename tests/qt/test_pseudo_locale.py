"""Every window in a pseudo-locale: all visible text translated, none of it clipped.

The pseudo-locale (tests/support/pseudo.py) marks every message «…» and makes it 40 % longer
with accents, as a long German text would be. Each window is built and shown offscreen in
it, at the normal font size and at twice that (a 200 % desktop); then every visible label,
button, tab, group title, list entry, menu entry and window title must carry the marker
(or be data: numbers, times, paths, names of backends), and must fit its widget.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from deskbreath.core.exercises import packaged_catalogue
from deskbreath.core.idle import IdleHealth
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.paths import Paths
from deskbreath.qt.controller import Controller
from deskbreath.qt.settings.dialog import SettingsDialog
from deskbreath.qt.tray.icons import StateIcons
from deskbreath.qt.tray.menu import ActionsMenu
from deskbreath.qt.tray.status_window import StatusWindow
from deskbreath.qt.windows.diagnostics import DiagnosticsDialog
from deskbreath.qt.windows.fit import room
from deskbreath.qt.windows.prompt import PromptWindow
from deskbreath.qt.windows.statistics import StatisticsWindow
from tests.fakes import FakeClock, FakeIdleSource
from tests.support.pseudo import OPEN, pseudo, pseudo_locale

DATA = re.compile(r"^[\W\d_]*$|^[\w.-]*\d[\w.:-]*$|^deskbreath$")
"""Text with no words in it (numbers, times, punctuation) is data, not a message; so is the
app's name."""


@pytest.fixture(params=[1, 2], ids=["100%", "200%"])
def scale(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int]:
    """The application font at its size and at twice it (what a 200 % desktop shows)."""
    original = QFont(qapp.font())
    factor = int(request.param)
    font = QFont(original)
    font.setPointSizeF(original.pointSizeF() * factor)
    qapp.setFont(font)
    try:
        yield factor
    finally:
        qapp.setFont(original)


@pytest.fixture
def pseudo_language(tmp_path: Path) -> Iterator[None]:
    """The pseudo-locale, compiled into ``tmp_path``, active for the test."""
    with pseudo_locale(tmp_path / "locale"):
        yield


def _texts(widget: QWidget) -> list[tuple[QWidget, str, str]]:
    """(widget, what, text) for every visible text in ``widget`` and its children."""
    found: list[tuple[QWidget, str, str]] = []
    if widget.isWindow() and widget.windowTitle():
        found.append((widget, "window title", widget.windowTitle()))
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisible() or child.property("verbatim"):
            continue
        if isinstance(child, QLabel) and child.text():
            found.append((child, "label", re.sub(r"<[^>]+>", " ", child.text())))
        elif isinstance(child, QAbstractButton) and child.text() and not _qt_own(child):
            found.append((child, "button", child.text()))
        elif isinstance(child, QGroupBox) and child.title():
            found.append((child, "group", child.title()))
        elif isinstance(child, QTabWidget):
            found += [(child, "tab", child.tabText(i)) for i in range(child.count())]
        elif isinstance(child, QComboBox):
            found += [(child, "choice", child.itemText(i)) for i in range(child.count())]
        elif isinstance(child, QListWidget):
            found += [(child, "list entry", child.item(i).text()) for i in range(child.count())]
    return found


def _qt_own(button: QAbstractButton) -> bool:
    """A standard button of a button box: Qt's own translations name it (qtbase_*.qm,
    tests/qt/test_language.py), not deskbreath's catalogue.
    """
    box = button.parent()
    return (isinstance(box, QDialogButtonBox) and isinstance(button, QPushButton)
            and box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton)


def _untranslated(widget: QWidget) -> list[str]:
    return [f"{what} {text!r} ({type(owner).__name__} {owner.objectName()!r})"
            for owner, what, text in _texts(widget)
            if OPEN not in text and not DATA.match(text.strip())]


def _clipped(window: QWidget) -> list[str]:
    """Labels and buttons whose text needs more room than they got."""
    clipped = []
    for child in window.findChildren(QWidget):
        if not child.isVisible():
            continue
        if isinstance(child, QLabel) and child.text() and not child.pixmap():
            room = child.contentsRect()
            if child.wordWrap():
                needed_height = child.heightForWidth(child.width())
                if needed_height > child.height() + 1:
                    clipped.append(f"label {child.text()[:50]!r}: needs {needed_height} px "
                                   f"high, has {child.height()}")
            elif child.sizeHint().width() > room.width() + 1 and child.minimumSizeHint(
                    ).width() > child.width() + 1:
                clipped.append(f"label {child.text()[:50]!r}: needs "
                               f"{child.sizeHint().width()} px, has {room.width()}")
        elif (isinstance(child, QAbstractButton) and child.text()
              and child.sizeHint().width() > child.width() + 1):
            clipped.append(f"button {child.text()[:50]!r}: needs "
                           f"{child.sizeHint().width()} px, has {child.width()}")
    return clipped


def _check(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    untranslated = _untranslated(window)
    clipped = _clipped(window)
    assert untranslated == [], "text that did not pass through translation"
    assert clipped == [], "text that does not fit"


def test_the_pseudo_locale_marks_keeps_placeholders_and_lengthens() -> None:
    """The transformation the checks below rely on."""
    text = pseudo("Snooze for %(duration)s")

    assert text.startswith(OPEN)
    assert "%(duration)s" in text
    assert len(text) >= 1.4 * len("Snooze for %(duration)s")
    assert "~" * 11 not in pseudo("A long sentence, " * 10)  # padding in word-sized pieces


def test_the_check_notices_english_and_clipping(qtbot: QtBot, pseudo_language: None) -> None:
    """A label set to plain English is reported, and so is one squeezed below its text."""
    window = QWidget()
    qtbot.add_widget(window)
    label = QLabel("Plain English", window)
    label.setFixedWidth(20)
    window.show()
    qtbot.waitExposed(window)

    assert _untranslated(window) == ["label 'Plain English' (QLabel '')"]
    assert len(_clipped(window)) == 1


def test_tray_menu_and_status_window(pseudo_language: None, qtbot: QtBot,
                                     controller: Controller, scale: int) -> None:
    """The tray menu's entries and the status window (the tray's stand-in)."""
    controller.refresh()  # the status line in the pseudo-locale
    menu = ActionsMenu(packaged_catalogue())
    menu.set_snooze_choices(controller.settings.snooze_choices)
    menu.show_presentation(controller.presentation)
    texts = [action.text() for sub in (menu.menu, menu.start_menu, menu.snooze_menu,
                                       menu.pause_menu)
             for action in sub.actions() if not action.isSeparator() and action.isVisible()]
    assert [text for text in texts if OPEN not in text] == []
    assert all(isinstance(sub, QMenu) for sub in (menu.menu, menu.start_menu))
    window = StatusWindow(menu, StateIcons())
    qtbot.add_widget(window)
    window.show_presentation(controller.presentation)
    _check(qtbot, window)


@pytest.mark.parametrize(("exercise_id", "variant"), [
    (variant.id, variant.variant) for exercise_id in packaged_catalogue().ids
    for variant in packaged_catalogue().variants_of(exercise_id)])
def test_prompt_and_every_step(qtbot: QtBot, clock: FakeClock, scale: int, exercise_id: str,
                               variant: str, pseudo_language: None) -> None:
    """The offer, then each step of each variant of the exercise, then its end."""
    from deskbreath.core.history import MemoryRecorder

    window = PromptWindow(exercise_id, packaged_catalogue(), Settings(), clock,
                          MemoryRecorder(), variant=variant, sitting_seconds=3 * 3600)
    qtbot.add_widget(window)
    window.present()
    _check(qtbot, window)
    window.start_button.click()
    assert window.exercise_widget is not None
    for at in (0, 11, 15, 20, 25, 28, 900):
        clock.advance(max(0.0, at - window.exercise_widget.elapsed()))
        window.exercise_widget.sync()
        _check(qtbot, window)


def test_settings_dialog_every_tab(qtbot: QtBot, scale: int, pseudo_language: None) -> None:
    """Every tab of the settings dialog, its refusals included.

    The dialog fits its screen: a longer page scrolls.
    """
    dialog = SettingsDialog(Settings(), confirm=lambda _question: False)
    qtbot.add_widget(dialog)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        _check(qtbot, dialog)
        assert dialog.height() <= room(dialog).height(), "the dialog is taller than its screen"


def test_diagnostics(qtbot: QtBot, clock: FakeClock, idle: FakeIdleSource, paths: Paths,
                     scale: int, pseudo_language: None) -> None:
    """About / diagnostics: its words translated; backend names and paths are data."""
    dialog = DiagnosticsDialog(SittingTracker(clock, idle, 180), IdleHealth(), paths,
                               ["using fake"])
    qtbot.add_widget(dialog)
    _check(qtbot, dialog)


def test_statistics_window(qtbot: QtBot, paths: Paths, scale: int,
                           pseudo_language: None) -> None:
    """The statistics window on an empty health log."""
    from datetime import UTC, datetime

    window = StatisticsWindow(paths.health_log, now=lambda: datetime(2026, 3, 2, 12, tzinfo=UTC),
                              tz=UTC, flush=lambda: None, clear=lambda: 0,
                              catalogue=packaged_catalogue())
    qtbot.add_widget(window)
    _check(qtbot, window)
