"""A waiting offer in the shell: the tray shows it, one notification says it, and a click on
the icon (or the status window's Show button) reveals it.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from deskbreath.core.policy import Mode
from deskbreath.qt.tray.icon import TrayAvailability
from deskbreath.qt.tray.icons import WAITING_DOT, StateIcons
from deskbreath.qt.tray.menu import ActionsMenu
from deskbreath.qt.tray.shell import Shell
from deskbreath.qt.tray.status_window import StatusWindow
from tests.qt.fakes_qt import FakeTray

TEXT = "Paced belly breathing is waiting: click the deskbreath icon to see it."


def _shell(qtbot: QtBot, *, tray_available: bool) -> tuple[Shell, FakeTray, StatusWindow]:
    window = StatusWindow(ActionsMenu(), StateIcons())
    qtbot.add_widget(window)
    tray = FakeTray()
    shell = Shell(tray, lambda: window, TrayAvailability(check=lambda: tray_available))
    shell.start()
    return shell, tray, window


def _waiting(tray: FakeTray) -> str | None:
    return tray.waiting


def test_waiting_offer_marks_the_tray_and_notifies_once(qtbot: QtBot) -> None:
    """The tray gets the waiting text and one passive message; clearing ends the state."""
    shell, tray, _window = _shell(qtbot, tray_available=True)

    shell.show_waiting(TEXT, lambda: None)

    assert tray.waiting == TEXT
    assert tray.messages == [("deskbreath", TEXT)]
    shell.clear_waiting()
    assert _waiting(tray) is None
    assert tray.messages == [("deskbreath", TEXT)]


def test_icon_click_reveals_the_waiting_offer_instead_of_the_status_window(
        qtbot: QtBot) -> None:
    """While an offer waits, a click on the icon reveals it; afterwards it toggles the status
    window again.
    """
    shell, _tray, window = _shell(qtbot, tray_available=True)
    revealed: list[bool] = []
    shell.show_waiting(TEXT, lambda: revealed.append(True))

    shell.toggle_window()

    assert revealed == [True]
    assert not window.isVisible()
    shell.clear_waiting()
    shell.toggle_window()
    assert window.isVisible()


def test_without_a_tray_the_status_window_shows_the_offer_and_a_show_button(
        qtbot: QtBot) -> None:
    """No tray: the status window says the offer waits, its Show button reveals it, and no
    tray message is sent.
    """
    shell, tray, window = _shell(qtbot, tray_available=False)
    revealed: list[bool] = []

    shell.show_waiting(TEXT, lambda: revealed.append(True))

    assert window.waiting_row.isVisibleTo(window)
    assert window.waiting_label.text() == TEXT
    assert tray.messages == []
    window.reveal_button.click()
    assert revealed == [True]
    shell.clear_waiting()
    assert not window.waiting_row.isVisibleTo(window)


def test_waiting_icon_carries_a_dot_on_the_state_icon(qtbot: QtBot) -> None:
    """The waiting icon is the state's icon with the orange dot in its lower right corner."""
    icons = StateIcons()

    plain = icons.for_mode(Mode.RUNNING).pixmap(64, 64).toImage()
    waiting = icons.waiting(Mode.RUNNING).pixmap(64, 64).toImage()

    assert icons.waiting(Mode.RUNNING) is icons.waiting(Mode.RUNNING)
    corner = waiting.pixelColor(50, 50)
    assert corner.name() == WAITING_DOT.name()
    assert plain.pixelColor(50, 50) != corner
    assert waiting.pixelColor(32, 32) == plain.pixelColor(32, 32)
