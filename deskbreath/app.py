"""The composition root: builds every object around the tray icon and starts the controller.

The tray icon is the one :mod:`deskbreath.launch` has shown.

No decisions are made here: the controller decides, widgets emit intents, and each adapter
(APScheduler, D-Bus, the settings file, the local socket) lives in its own module.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtDBus import QDBusConnection

from deskbreath.core.clock import SystemClock
from deskbreath.core.commands import CommandError
from deskbreath.core.exercises import VariantTurns, packaged_catalogue
from deskbreath.core.health import Journal
from deskbreath.core.idle import IdleSource
from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.settings.schema import settings_schema
from deskbreath.core.sitting import SittingTracker
from deskbreath.desktop.appearance.portal import AppearancePortal
from deskbreath.desktop.autostart.base import launch_command
from deskbreath.desktop.autostart.detect import detect as detect_autostart
from deskbreath.desktop.busy.detect import detect as detect_busy_sources
from deskbreath.desktop.idle.detect import detect as detect_idle_source
from deskbreath.desktop.integration.health import mend_installed
from deskbreath.desktop.notifications.base import BalloonNotifier, Notification
from deskbreath.desktop.notifications.detect import detect as detect_notifier
from deskbreath.desktop.offers.detect import detect as detect_offers
from deskbreath.desktop.session.detect import detect as detect_session_watcher
from deskbreath.desktop.session.events import ASLEEP, LOCKED
from deskbreath.i18n import _
from deskbreath.qt.activation import WindowActivator
from deskbreath.qt.controller import Controller, PromptView
from deskbreath.qt.health import HealthLogKeeper
from deskbreath.qt.ipc.server import IpcError
from deskbreath.qt.language import apply_language
from deskbreath.qt.memory import SETTLED_MS, MemoryTrim
from deskbreath.qt.scheduler import QtJobScheduler
from deskbreath.qt.settings.service import SettingsService, ask_with_message_box
from deskbreath.qt.theme import ThemeFollower
from deskbreath.qt.tray.host_events import TrayHostEvents
from deskbreath.qt.tray.icon import TrayAvailability, TrayIcon
from deskbreath.qt.tray.icons import StateIcons, style_for_desktop
from deskbreath.qt.tray.menu import ActionsMenu
from deskbreath.qt.tray.shell import Shell
from deskbreath.qt.windows.manager import WindowManager
from deskbreath.storage.atomic import remove_stale_temporaries
from deskbreath.storage.health_log import HealthLog
from deskbreath.storage.language import language_setting
from deskbreath.storage.settings_file import SettingsFile
from deskbreath.storage.site_settings import read_site_settings
from deskbreath.storage.state_file import StateFile

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from deskbreath.launch import Early
    from deskbreath.qt.sound import BreathCues
    from deskbreath.qt.tray.status_window import StatusWindow
    from deskbreath.qt.windows.prompt import PromptWindow

log = logging.getLogger(__name__)


def _perform(shell: Shell, command: Callable[[], str]) -> None:
    """Run a menu command; a refusal becomes a message, never an exception in a slot."""
    try:
        log.info("%s", command())
    except CommandError as error:
        shell.notify("deskbreath", str(error))


def compose(early: Early) -> None:
    """Build the rest of the app around the tray icon :mod:`deskbreath.launch` has shown.

    Then start it: the controller's first decision runs last, with everything below in place.

    Runs from the event loop's first turn. It replaces ``early.quit_app`` and
    ``early.last_words`` with the app's clean quit and last words.
    """
    app, instance, paths, display_loss = early.app, early.instance, early.paths, early.display_loss
    catalogue = packaged_catalogue()  # the exercises there are; everything below asks it
    # The language first: every sentence below is made in it (qt/language.py).
    language_at_start = language_setting(paths, catalogue)
    apply_language(language_at_start, os.environ, app=app)
    icons = StateIcons(style_for_desktop())
    menu = ActionsMenu(catalogue)
    tray = TrayIcon(menu, icons, icon=early.icon)  # the icon the user already sees
    offers = detect_offers(os.environ, app.platformName())
    log.info("offers: %s (%s)", offers.path.value, offers.facts)

    session_bus = QDBusConnection.sessionBus()
    theme = ThemeFollower(app, AppearancePortal(session_bus, app), app)  # live dark mode
    log.info("colour scheme: %s", "dark" if theme.dark else "light")
    clock = SystemClock()
    try:  # so hand edits are noticed even before deskbreath first writes the file
        paths.config_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.warning("cannot create %s: %s", paths.config_dir, error)
    autostart = detect_autostart()
    for line in mend_installed(autostart, paths.desktop_manifest):  # their program moved?
        log.info("%s", line)
    # A save cut short by a kill leaves its temporary file; this process holds the
    # single-instance lock, so no other deskbreath is saving now.
    remove_stale_temporaries(paths.settings_file)
    # The administrator's files are read once; their defaults and locks ride in the schema.
    site = read_site_settings(paths.site_settings_files, settings_schema(catalogue))
    service = SettingsService(
        SettingsFile(paths.settings_file, schema=site.schema),
        autostart=autostart, launch_command=launch_command(),
        ask_refused=ask_with_message_box(None), site=site,
    )

    def make_status_window() -> StatusWindow:
        from deskbreath.qt.tray.status_window import StatusWindow  # noqa: PLC0415  (see Shell)

        return StatusWindow(menu, icons)

    def balloon(title: str, text: str) -> None:
        shell.balloon(title, text)  # the shell is built next: looked up when used

    notifier = detect_notifier(BalloonNotifier(balloon), parent=app)
    tray_events = TrayHostEvents(session_bus, app=app)  # a host that quits is noticed at once
    app.aboutToQuit.connect(tray_events.close)
    shell = Shell(tray, make_status_window, TrayAvailability(events=tray_events),
                  notify=lambda title, text: notifier.notify(Notification(title, text)))
    service.notice.connect(shell.notify)  # shown once the shell starts
    settings = service.load()
    menu.set_snooze_choices(settings.snooze_choices)

    # Idle events (Mutter's watches) go through jeepney, which finds the same session bus in
    # the environment.
    idle, detection_log = detect_idle_source(session_bus=session_bus, events_bus="SESSION")
    tracker = SittingTracker(clock, idle, settings.natural_break)
    health = HealthLogKeeper(HealthLog(paths.health_log, jsonl=paths.history_file,
                                       keep_days=settings.history_days or None, now=clock.now),
                             parent=app)
    health.store.set_notice(health.tell)
    health.notice.connect(shell.notify)  # shown once the shell starts
    health.open()  # migrations and the one-time import of history.jsonl
    journal = Journal(health, lambda: service.settings, zone=clock.zone())

    variants = VariantTurns(catalogue)  # an exercise's variants take turns, for variety

    # Made when first needed, so sound loads nothing while it is off; None once no player was
    # found (the user is told once).
    cues: list[BreathCues | None] = []

    def follow_with_sound(window: PromptWindow) -> None:
        if not service.settings.sound.enabled or window.exercise_widget is None:
            return
        if not cues:
            from deskbreath.qt import sound as tones  # noqa: PLC0415 - only with sound on

            command = tones.find_player()
            if command is None:
                cues.append(None)
                shell.notify("deskbreath", _(
                    "Tones are on, but nothing here can play them: install paplay "
                    "(pulseaudio-utils) or pw-play (pipewire-bin)."))
                return
            player = tones.TonePlayer(paths.runtime_dir / "tones", command, app)
            cues.append(tones.BreathCues(player, lambda: service.settings.sound,
                                         controller.busy_reasons, clock, app))
        if cues[0] is not None:
            cues[0].follow(window.exercise_widget)

    trim = MemoryTrim(parent=app)  # gives back what the allocator kept once a window is gone

    def make_prompt(exercise: str) -> PromptView:
        from deskbreath.qt.windows.prompt import PromptWindow  # noqa: PLC0415  (see WindowManager)

        window = PromptWindow(exercise, catalogue, service.settings, clock, journal,
                              waiting=shell if offers.waits_in_tray else None,
                              variant=variants.next(exercise).variant,
                              sitting_seconds=tracker.snapshot().bout_seconds)
        window.started.connect(lambda: follow_with_sound(window))
        trim.watch(window)  # the controller deletes it once it has finished
        return window

    def make_statistics() -> QWidget:
        from deskbreath.qt.windows.statistics import StatisticsWindow  # noqa: PLC0415

        def flush() -> None:  # the window shows the bout under way and what waits
            journal.save_progress()
            health.flush()

        return StatisticsWindow(paths.health_log, now=clock.now, tz=clock.zone(),
                                flush=flush, clear=health.clear, catalogue=catalogue)

    failed_backends: set[str] = set()

    def replace_idle(failed: IdleSource) -> IdleSource:
        failed.close()
        failed_backends.add(failed.name)  # never go back to one that failed
        source, lines = detect_idle_source(session_bus=session_bus, exclude=failed_backends,
                                           events_bus="SESSION")
        detection_log.extend(lines)
        return source

    def idle_seconds() -> float | None:
        return tracker.idle_source.idle_seconds()  # the one in use now: it may be replaced

    busy_sources, _busy_lines = detect_busy_sources(  # detect() logs how it chose
        idle_seconds=idle_seconds,
        typing_lull=lambda: service.settings.busy.typing_lull,
        session_bus=session_bus, system_bus=QDBusConnection.systemBus())
    scheduler = QtJobScheduler(app)
    controller = Controller(clock=clock, tracker=tracker, policy=ReminderPolicy(settings),
                            scheduler=scheduler, prompt_factory=make_prompt,
                            catalogue=catalogue, replace_idle=replace_idle,
                            busy_sources=busy_sources, notifier=notifier, journal=journal,
                            state_store=StateFile(paths.state_file),
                            activate_window=WindowActivator(app.platformName()))


    def quit_app() -> None:
        # Before app.quit(): Qt closes every window on quit, and a prompt closed that way
        # would count as skipped. The controller records it as interrupted.
        controller.stop()
        app.quit()

    def restart() -> None:
        log.info("restarting (asked in the settings dialog)")
        early.restart = True
        quit_app()

    windows = WindowManager(service, tracker, controller, paths, detection_log,
                            offers=offers, make_statistics=make_statistics,
                            busy_sources=busy_sources, notifier_name=notifier.name,
                            language_at_start=language_at_start, restart=restart,
                            trim=trim)

    def last_words() -> None:  # the process ends right after (display_loss's docstring)
        controller.stop(display_gone=True)
        health.close()  # the interrupted prompt and the bout reach the health log
        instance.release()

    early.quit_app = quit_app
    early.last_words = last_words

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
    menu.statistics_requested.connect(windows.open_statistics)
    menu.quit_requested.connect(quit_app)
    tray.activated.connect(shell.toggle_window)

    controller.status_changed.connect(shell.show_presentation)
    controller.status_changed.connect(menu.show_presentation)
    controller.notice.connect(shell.notify)
    controller.show_requested.connect(shell.show_window)
    controller.settings_requested.connect(windows.open_settings)
    controller.diagnostics_requested.connect(windows.open_diagnostics)
    controller.statistics_requested.connect(windows.open_statistics)
    controller.quit_requested.connect(quit_app)

    def on_settings_changed(new: Settings) -> None:
        controller.configure(new)
        health.set_keep_days(new.history_days or None)
        menu.set_snooze_choices(new.snooze_choices)

    service.settings_changed.connect(on_settings_changed)

    session_watch = detect_session_watcher(
        session_bus=session_bus, system_bus=QDBusConnection.systemBus(),
        window_id=lambda: int(shell.ensure_window().winId()), parent=app)
    session_watch.away_changed.connect(controller.set_away)
    app.aboutToQuit.connect(session_watch.close)
    for reason in (LOCKED, ASLEEP):
        if session_watch.is_away(reason):
            controller.set_away(reason, True)

    try:
        instance.serve(controller, clock=clock, catalogue=catalogue, parent=app)
    except IpcError as error:  # the app still works; only the command line cannot reach it
        log.warning("no command socket: %s", error)
        shell.notify("deskbreath", _("Commands from the command line cannot reach this "
                                     "deskbreath: %(error)s") % {"error": error})
    # Also when Qt ends the loop because the X server went away: then leave the windows be.
    # It ends the bout under way in the journal too.
    app.aboutToQuit.connect(lambda: controller.stop(display_gone=display_loss.lost))
    app.aboutToQuit.connect(health.close)  # after it: writes what waits, then closes
    app.aboutToQuit.connect(scheduler.shutdown)

    def close_idle_source() -> None:
        tracker.idle_source.close()  # the one in use now: it may have been replaced

    app.aboutToQuit.connect(close_idle_source)

    def close_busy_sources() -> None:
        for source in busy_sources:
            source.close()

    app.aboutToQuit.connect(close_busy_sources)
    app.aboutToQuit.connect(notifier.close)

    # Held for the app's lifetime: this function returns to the event loop, and Python would
    # free every object here that no Qt parent or connection keeps.
    early.running = (theme, service, tray, shell, tray_events, notifier, health, journal,
                     scheduler, controller, windows, session_watch, busy_sources)
    controller.start()
    trim.request(SETTLED_MS)  # what start-up left in the pixmap cache and the allocator
    shell.start()
    log.info("deskbreath started, %.0f ms after the tray icon was shown",
             (time.monotonic() - early.icon_shown_at) * 1000)
