"""The composition root: builds every object, connects signals, runs the event loop.

No decisions are made here: the controller decides, widgets emit intents, and each adapter
(APScheduler, D-Bus, the settings file, the local socket) lives in its own module.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication

from deskbreath import __version__
from deskbreath.autostart import autostart_for_platform, launch_command
from deskbreath.commands import CommandError
from deskbreath.core.clock import SystemClock
from deskbreath.core.exercises import load_catalogue
from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.idle.base import IdleSource
from deskbreath.paths import Paths, resources_dir
from deskbreath.qt.controller import Controller, PromptView
from deskbreath.qt.dbus.session_watch import SessionWatcher
from deskbreath.qt.icons import StateIcons
from deskbreath.qt.idle_detect import detect
from deskbreath.qt.ipc import IpcError
from deskbreath.qt.menu import ActionsMenu
from deskbreath.qt.scheduler import QtJobScheduler
from deskbreath.qt.settings_service import SettingsService, ask_with_message_box
from deskbreath.qt.shell import Shell
from deskbreath.qt.tray import TrayAvailability, TrayIcon
from deskbreath.qt.unix_signals import QuitSignals
from deskbreath.storage.history import HistoryFile
from deskbreath.storage.settings_file import SettingsFile

if TYPE_CHECKING:
    from deskbreath.qt.diagnostics import DiagnosticsDialog
    from deskbreath.qt.ipc import SingleInstance
    from deskbreath.qt.settings_dialog import SettingsDialog
    from deskbreath.qt.status_window import StatusWindow

log = logging.getLogger(__name__)


def _perform(shell: Shell, command: Callable[[], str]) -> None:
    """Run a menu command; a refusal becomes a message, never an exception in a slot."""
    try:
        log.info("%s", command())
    except CommandError as error:
        shell.notify("deskbreath", str(error))


class _Windows(QObject):
    """Opens the settings and diagnostics dialogs once, and raises them when asked again."""

    def __init__(self, service: SettingsService, tracker: SittingTracker,
                 controller: Controller, paths: Paths, detection_log: list[str]) -> None:
        super().__init__()
        self._service = service
        self._tracker = tracker
        self._controller = controller
        self._paths = paths
        self._detection_log = detection_log
        self._settings: SettingsDialog | None = None
        self._diagnostics: DiagnosticsDialog | None = None

    def open_settings(self) -> None:
        if self._settings is None:
            # Imported on first use, like the prompt and diagnostics windows: an idle tray
            # app should not carry modules it may not need today.
            from deskbreath.qt.settings_dialog import SettingsDialog  # noqa: PLC0415

            self._settings = SettingsDialog(self._service.settings)
            self._settings.settings_edited.connect(self._service.apply_edit)
            self._service.settings_changed.connect(self._settings.set_settings)
        elif not self._settings.isVisible():
            self._settings.reload()
        self._settings.show()
        self._settings.raise_()
        self._settings.activateWindow()  # the user asked for it: focus belongs here

    def open_diagnostics(self) -> None:
        if self._diagnostics is None:
            from deskbreath.qt.diagnostics import DiagnosticsDialog  # noqa: PLC0415

            self._diagnostics = DiagnosticsDialog(self._tracker, self._controller.idle_health,
                                                  self._paths, self._detection_log)
        self._diagnostics.open_live()


def run(instance: SingleInstance, paths: Paths) -> int:
    """Build the app and run it until Quit. Returns the exit code.

    Logging is set up by the caller (the command line), before the single-instance check.
    """
    app = QApplication(sys.argv[:1])
    app.setApplicationName("deskbreath")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("deskbreath")
    app.setQuitOnLastWindowClosed(False)
    log.info("deskbreath %s starting (pid %d)", __version__, os.getpid())
    if sys.platform != "win32":  # logout, `kill` and Ctrl+C quit the way Quit does
        quit_signals = QuitSignals(parent=app)
        quit_signals.received.connect(app.quit)
        app.aboutToQuit.connect(quit_signals.close)

    clock = SystemClock()
    icons = StateIcons()
    app.setWindowIcon(icons.app_icon)
    try:  # so hand edits are noticed even before deskbreath first writes the file
        paths.config_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.warning("cannot create %s: %s", paths.config_dir, error)
    service = SettingsService(
        SettingsFile(paths.settings_file),
        autostart=autostart_for_platform(), launch_command=launch_command(),
        ask_refused=ask_with_message_box(None),
    )
    menu = ActionsMenu()
    tray = TrayIcon(menu, icons)

    def make_status_window() -> StatusWindow:
        from deskbreath.qt.status_window import StatusWindow  # noqa: PLC0415  (see Shell)

        return StatusWindow(menu, icons)

    shell = Shell(tray, make_status_window, TrayAvailability())
    service.notice.connect(shell.notify)  # shown once the shell starts
    settings = service.load()
    menu.set_snooze_choices(settings.snooze_choices)

    session_bus = QDBusConnection.sessionBus()
    idle, detection_log = detect(session_bus=session_bus)
    tracker = SittingTracker(clock, idle, settings.natural_break)
    catalogue = load_catalogue(resources_dir() / "exercises.toml")
    history = HistoryFile(paths.history_file)

    def make_prompt(exercise: str) -> PromptView:
        from deskbreath.qt.prompt import PromptWindow  # noqa: PLC0415  (see _Windows)

        return PromptWindow(exercise, catalogue, service.settings, clock, history)

    failed_backends: set[str] = set()

    def replace_idle(failed: IdleSource) -> IdleSource:
        failed.close()
        failed_backends.add(failed.name)  # never go back to one that failed
        source, lines = detect(session_bus=session_bus, exclude=failed_backends)
        detection_log.extend(lines)
        return source

    scheduler = QtJobScheduler(app)
    controller = Controller(clock=clock, tracker=tracker, policy=ReminderPolicy(settings),
                            scheduler=scheduler, prompt_factory=make_prompt,
                            replace_idle=replace_idle)

    windows = _Windows(service, tracker, controller, paths, detection_log)

    def perform(command: Callable[[], str]) -> None:
        _perform(shell, command)

    menu.start_requested.connect(lambda exercise: perform(lambda: controller.start_now(exercise)))
    menu.snooze_requested.connect(lambda seconds: perform(lambda: controller.snooze(seconds)))
    menu.pause_requested.connect(lambda seconds: perform(lambda: controller.pause(seconds=seconds)))
    menu.pause_until_tomorrow_requested.connect(
        lambda: perform(lambda: controller.pause(until_tomorrow=True)))
    menu.resume_requested.connect(lambda: perform(controller.resume))
    menu.settings_requested.connect(windows.open_settings)
    menu.diagnostics_requested.connect(windows.open_diagnostics)
    menu.quit_requested.connect(app.quit)
    tray.activated.connect(shell.toggle_window)

    controller.status_changed.connect(shell.show_presentation)
    controller.status_changed.connect(menu.show_presentation)
    controller.notice.connect(shell.notify)
    controller.show_requested.connect(shell.show_window)
    controller.settings_requested.connect(windows.open_settings)
    controller.diagnostics_requested.connect(windows.open_diagnostics)
    controller.quit_requested.connect(app.quit)

    def on_settings_changed(new: Settings) -> None:
        controller.configure(new)
        menu.set_snooze_choices(new.snooze_choices)

    service.settings_changed.connect(on_settings_changed)

    system_bus = QDBusConnection.systemBus()
    session_watch = SessionWatcher(session_bus if session_bus.isConnected() else None,
                                   system_bus if system_bus.isConnected() else None)
    session_watch.away_changed.connect(controller.set_away)
    for reason in ("locked", "asleep"):
        if session_watch.is_away(reason):
            controller.set_away(reason, True)
    if sys.platform == "win32":  # lock and sleep arrive as window messages there
        from deskbreath.qt.platform_watch_windows import (  # noqa: PLC0415
            WindowsSessionWatcher,
        )

        windows_watch = WindowsSessionWatcher(int(shell.ensure_window().winId()), parent=app)
        windows_watch.away_changed.connect(controller.set_away)
        app.aboutToQuit.connect(windows_watch.close)
    elif sys.platform == "darwin":  # NSWorkspace and lock-screen notifications, via PyObjC
        from deskbreath.qt.platform_watch_macos import MacSessionWatcher  # noqa: PLC0415

        mac_watch = MacSessionWatcher(parent=app)
        mac_watch.away_changed.connect(controller.set_away)
        if mac_watch.problem:
            log.warning("%s", mac_watch.problem)
        app.aboutToQuit.connect(mac_watch.close)

    try:
        instance.serve(controller, parent=app)
    except IpcError as error:  # the app still works; only the command line cannot reach it
        log.warning("no command socket: %s", error)
        shell.notify("deskbreath", f"Commands from the command line cannot reach this "
                     f"deskbreath: {error}")
    app.aboutToQuit.connect(controller.stop)
    app.aboutToQuit.connect(scheduler.shutdown)
    def close_idle_source() -> None:
        tracker.idle_source.close()  # the one in use now: it may have been replaced

    app.aboutToQuit.connect(close_idle_source)

    controller.start()
    shell.start()
    return app.exec()
