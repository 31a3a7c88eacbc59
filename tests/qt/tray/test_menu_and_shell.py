"""The tray menu emits intents and redraws from state; the shell falls back to the status
window without a tray and moves into the tray when one appears.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from deskbreath.qt.controller import Controller
from deskbreath.qt.tray.icon import TRAY_POLL_MISSING_MS, TRAY_POLL_PRESENT_MS, TrayAvailability
from deskbreath.qt.tray.icons import StateIcons
from deskbreath.qt.tray.menu import ActionsMenu
from deskbreath.qt.tray.shell import Shell
from deskbreath.qt.tray.status_window import StatusWindow
from tests.qt.fakes_qt import FakeTray, PromptLog


def _menu(controller: Controller) -> ActionsMenu:
    menu = ActionsMenu()
    menu.set_snooze_choices(controller.settings.snooze_choices)
    menu.show_presentation(controller.presentation)
    return menu


def _texts(actions_menu: ActionsMenu, submenu: str) -> list[str]:
    menu = {"start": actions_menu.start_menu, "snooze": actions_menu.snooze_menu,
            "pause": actions_menu.pause_menu}[submenu]
    return [a.text() for a in menu.actions()]


def test_menu_offers_the_documented_entries(qtbot: QtBot, controller: Controller) -> None:
    """Status line, Start now ▸ three exercises, Snooze ▸ 5/15/30/60 min, Pause ▸ 1 h /
    Until tomorrow, Resume (disabled while running), Settings…, Statistics…, About, Quit.
    """
    menu = _menu(controller)
    texts = menu.action_texts()
    assert texts[0].startswith("Sitting 0 s · breathing in 45 min")
    assert texts[1:] == ["Start now", "Snooze", "Pause", "Resume", "Settings…", "Statistics…",
                         "About / diagnostics…", "Quit deskbreath"]
    assert not menu.resume_action.isEnabled()
    assert menu.resume_action.toolTip() == (
        "deskbreath is neither paused nor snoozed, so there is nothing to resume.")
    assert _texts(menu, "start") == ["Breathing", "Thoracic rotation", "Posture check"]
    assert _texts(menu, "snooze") == ["5 min", "15 min", "30 min", "1 h"]
    assert _texts(menu, "pause") == ["1 h", "Until tomorrow"]  # as Snooze ▸ writes an hour


def test_an_open_menu_that_grows_stays_on_its_screen(qtbot: QtBot,
                                                     controller: Controller) -> None:
    """A status line that lengthens while the menu is open does not push the menu's end off
    the screen (opened at the right edge, as from a tray in the top-right corner).
    """
    menu = _menu(controller)
    qtbot.add_widget(menu.menu)
    area = menu.menu.screen().availableGeometry()
    menu.menu.popup(area.topRight())
    qtbot.waitUntil(menu.menu.isVisible)
    assert menu.menu.geometry().right() <= area.right()

    longer = replace(controller.presentation,
                     line=controller.presentation.line + " · a much longer status line" * 2)
    menu.show_presentation(longer)

    assert menu.menu.width() >= menu.menu.sizeHint().width()
    assert area.contains(menu.menu.geometry()), (menu.menu.geometry(), area)


def test_menu_actions_emit_intents(qtbot: QtBot, controller: Controller) -> None:
    """Each menu entry emits its intent with the right argument."""
    menu = _menu(controller)
    with qtbot.waitSignal(menu.start_requested) as start:
        menu.start_menu.actions()[1].trigger()
    assert start.args == ["rotation"]
    with qtbot.waitSignal(menu.snooze_requested) as snooze:
        menu.snooze_menu.actions()[1].trigger()
    assert snooze.args == [900.0]
    with qtbot.waitSignal(menu.pause_requested) as pause:
        menu.pause_menu.actions()[0].trigger()
    assert pause.args == [3600.0]
    with qtbot.waitSignal(menu.pause_until_tomorrow_requested):
        menu.pause_menu.actions()[1].trigger()
    with qtbot.waitSignal(menu.settings_requested):
        menu.settings_action.trigger()
    with qtbot.waitSignal(menu.quit_requested):
        menu.quit_action.trigger()


def test_paused_menu_offers_resume(qtbot: QtBot, controller: Controller) -> None:
    """While paused, Resume is enabled, Pause ▸ can change the pause, Snooze ▸ is disabled
    saying why, and the status line says until when.
    """
    menu = _menu(controller)
    controller.pause(until_tomorrow=True)
    menu.show_presentation(controller.presentation)
    texts = menu.action_texts()
    assert menu.resume_action.isEnabled()
    assert menu.pause_menu.menuAction().isEnabled()
    assert not menu.snooze_menu.menuAction().isEnabled()
    assert menu.snooze_menu.menuAction().toolTip().startswith(
        "deskbreath is paused until Tue 08:00, so no prompt is coming to snooze")
    assert "paused until Tue 08:00" in texts[0]
    with qtbot.waitSignal(menu.resume_requested):
        menu.resume_action.trigger()


def test_menu_is_disabled_for_start_while_an_exercise_is_open(
    qtbot: QtBot, controller: Controller, prompts: PromptLog
) -> None:
    """No second exercise can be started from the menu while one is on screen."""
    menu = _menu(controller)
    controller.start_now("breathing")
    menu.show_presentation(controller.presentation)
    assert not menu.start_menu.menuAction().isEnabled()
    assert menu.start_menu.menuAction().toolTip() == (
        "Breathing is already on screen; finish or close it first.")
    assert "exercise on screen" in menu.action_texts()[0]


def _shell(qtbot: QtBot, available: list[bool]) -> tuple[Shell, FakeTray, StatusWindow,
                                                          TrayAvailability]:
    menu = ActionsMenu()
    window = StatusWindow(menu, StateIcons())
    qtbot.add_widget(window)
    tray = FakeTray()
    availability = TrayAvailability(check=lambda: available[0])
    shell = Shell(tray, lambda: window, availability)
    shell.start()
    return shell, tray, window, availability


def test_no_tray_shows_status_window_with_explanation(qtbot: QtBot) -> None:
    """Without a tray host the status window appears and says why."""
    _shell_obj, tray, window, _ = _shell(qtbot, [False])
    assert window.isVisible()
    assert window.explanation_label.isVisibleTo(window)
    assert "No system tray" in window.explanation_label.text()
    assert tray.visible  # kept shown so Qt docks it as soon as a host appears


def test_tray_appearing_later_moves_app_into_tray(qtbot: QtBot) -> None:
    """When a tray host appears, the status window goes away and the icon takes over."""
    available = [False]
    _shell_obj, _tray, window, availability = _shell(qtbot, available)
    available[0] = True
    with qtbot.waitSignal(availability.changed) as changed:
        availability.poll()
    assert changed.args == [True]
    assert not window.isVisible()


def test_with_tray_status_window_stays_hidden(qtbot: QtBot) -> None:
    """With a tray the status window shows only on request."""
    shell, _tray, window, _ = _shell(qtbot, [True])
    assert not window.isVisible()
    shell.toggle_window()
    assert window.isVisible()
    assert not window.explanation_label.isVisibleTo(window)


def test_status_window_is_built_on_first_need_with_the_latest_state(
    qtbot: QtBot, controller: Controller
) -> None:
    """With a tray no status window exists until asked for; it then shows what happened."""
    menu = ActionsMenu()
    built: list[StatusWindow] = []

    def make_window() -> StatusWindow:
        built.append(StatusWindow(menu, StateIcons()))
        qtbot.add_widget(built[-1])
        return built[-1]

    shell = Shell(FakeTray(), make_window, TrayAvailability(check=lambda: True))
    shell.start()
    shell.show_presentation(controller.presentation)
    shell.notify("deskbreath", "settings.toml: reminder_interval kept its default")
    assert built == []
    assert shell.window is None
    shell.toggle_window()
    assert len(built) == 1
    assert shell.ensure_window() is built[0]  # built once, not again
    assert built[0].isVisible()
    assert controller.presentation.line in built[0].status_label.text()
    assert "kept its default" in built[0].notice_label.text()


def test_status_window_buttons_reach_every_action(qtbot: QtBot, controller: Controller) -> None:
    """The status window's buttons carry the same menus and intents as the tray."""
    menu = ActionsMenu()
    menu.set_snooze_choices(controller.settings.snooze_choices)
    window = StatusWindow(menu, StateIcons())
    qtbot.add_widget(window)
    window.show_presentation(controller.presentation)
    assert window.snooze_button.menu() is menu.snooze_menu
    assert window.start_button.menu() is menu.start_menu
    names = {b.accessibleName() or b.text().replace("&", "")
             for b in window.findChildren(QPushButton)}
    assert {"Start now", "Snooze", "Pause", "Settings…", "Statistics…", "Quit deskbreath"} <= names
    with qtbot.waitSignal(menu.settings_requested):
        window.settings_button.click()
    with qtbot.waitSignal(menu.statistics_requested):
        window.statistics_button.click()


def test_tray_and_status_window_word_each_action_alike(qtbot: QtBot,
                                                      controller: Controller) -> None:
    """Every action reads the same in the tray menu and on the status window's button, the
    resume action while snoozed too, with a real ellipsis where it opens a window.
    """
    menu = _menu(controller)
    window = StatusWindow(menu, StateIcons())
    qtbot.add_widget(window)
    pairs = {"start": (menu.start_menu.menuAction(), window.start_button),
             "snooze": (menu.snooze_menu.menuAction(), window.snooze_button),
             "pause": (menu.pause_menu.menuAction(), window.pause_button),
             "resume": (menu.resume_action, window.resume_button),
             "settings": (menu.settings_action, window.settings_button),
             "statistics": (menu.statistics_action, window.statistics_button),
             "about": (menu.diagnostics_action, window.about_button),
             "quit": (menu.quit_action, window.quit_button)}

    for state in ("running", "snoozed"):
        window.show_presentation(controller.presentation)
        menu.show_presentation(controller.presentation)
        for name, (action, button) in pairs.items():
            assert action.text() == button.text(), f"{state} {name}"
        controller.snooze(600)
    assert window.resume_button.text().replace("&", "") == "Cancel snooze"
    assert window.about_button.text().replace("&", "") == "About / diagnostics…"
    assert window.quit_button.text().replace("&", "") == "Quit deskbreath"
    assert not any("..." in button.text() for _action, button in pairs.values())


def test_tray_watch_polls_rarely_once_a_tray_exists(qtbot: QtBot) -> None:
    """Looking for a tray host is frequent only while there is none."""
    available = [False]
    watch = TrayAvailability(check=lambda: available[0])
    timer = watch.findChild(QTimer, "deskbreath-tray-watch")
    assert isinstance(timer, QTimer)
    assert timer.interval() == TRAY_POLL_MISSING_MS
    available[0] = True
    watch.poll()
    assert timer.interval() == TRAY_POLL_PRESENT_MS
