"""Notifications for real: dunst on Xvfb under a private session bus (actions invoked with
``dunstctl``), the notification portal as a python-dbusmock service, and the fallback.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from deskbreath.core.history import MemoryRecorder
from deskbreath.core.idle import IdleHealth
from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.desktop.notifications.base import Action, BalloonNotifier, Delivery, Notification
from deskbreath.desktop.notifications.detect import detect
from deskbreath.desktop.notifications.freedesktop import FreedesktopNotifier
from deskbreath.desktop.notifications.portal import PortalNotifier
from deskbreath.paths import Paths
from deskbreath.qt.controller import Controller
from deskbreath.qt.windows.diagnostics import DiagnosticsDialog
from tests.desktop.conftest import PrivateBus
from tests.fakes import FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.qt.test_controller import sit
from tests.support.dbusmock import dbusmock, has_owner, mock_call
from tests.support.services import require_tools
from tests.support.waits import WAIT_MS, WAIT_S
from tests.support.xserver import running, wait_for, xvfb

pytestmark = pytest.mark.dbus

ACTIONS = (Action("start", "Start now"), Action("snooze", "Snooze"))
PICK_SNOOZE = """#!/bin/sh
# dunst's context menu: dunst pipes one line per action; this "menu" picks Snooze.
grep -i snooze | head -n 1
"""


class Balloons:
    """Records what would have gone to the tray balloon."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> None:
        self.shown.append((title, text))


@pytest.fixture
def dunst(session_bus: PrivateBus, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A real dunst on Xvfb, its context menu answered by a script that picks Snooze; yields
    the environment for ``dunstctl``.
    """
    require_tools("dunst", "dunstctl")
    menu = tmp_path / "pick-snooze.sh"
    menu.write_text(PICK_SNOOZE, encoding="utf-8")
    menu.chmod(0o755)
    config = tmp_path / "dunstrc"
    config.write_text(f"[global]\ndmenu = {menu}\n", encoding="utf-8")
    with xvfb() as server:
        env = dict(server.env, DBUS_SESSION_BUS_ADDRESS=session_bus.address, HOME=str(tmp_path))
        with running(["dunst", "-config", str(config)], env=env):
            wait_for(lambda: has_owner(session_bus.address, "org.freedesktop.Notifications"),
                     timeout=WAIT_S, what="dunst on the bus")
            yield env


def dunstctl(env: dict[str, str], *args: str) -> str:
    """What ``dunstctl ARGS`` prints, run in ``env``."""
    return subprocess.run(["dunstctl", *args], env=env, capture_output=True, text=True,
                          timeout=WAIT_S, check=True).stdout


def test_dunst_shows_the_notification_with_actions(
        qtbot: QtBot, session_bus: PrivateBus, dunst: dict[str, str]) -> None:
    """Dunst lists ``actions``; the notification shows, and ``dunstctl action 0`` (a click)
    reaches the handler as the first action, Start now.
    """
    balloons = Balloons()
    notifier = FreedesktopNotifier(BalloonNotifier(balloons), bus=session_bus.address)
    chosen: list[str] = []
    try:
        assert "actions" in notifier.capabilities()
        notifier.notify(Notification("deskbreath", "Breathing in about a minute", ACTIONS),
                        chosen.append)
        wait_for(lambda: dunstctl(dunst, "count", "displayed").strip() == "1",
                 timeout=WAIT_S, what="dunst to display the notification")

        dunstctl(dunst, "action", "0")

        qtbot.waitUntil(lambda: chosen == ["start"], timeout=WAIT_MS)
        assert balloons.shown == []
    finally:
        notifier.close()


def test_dunst_context_menu_snooze_reaches_the_handler(
        qtbot: QtBot, session_bus: PrivateBus, dunst: dict[str, str]) -> None:
    """Picking Snooze from dunst's context menu arrives as ActionInvoked "snooze"."""
    notifier = FreedesktopNotifier(BalloonNotifier(Balloons()), bus=session_bus.address)
    chosen: list[str] = []
    try:
        notifier.notify(Notification("deskbreath", "Breathing is waiting", ACTIONS),
                        chosen.append)
        wait_for(lambda: dunstctl(dunst, "count", "displayed").strip() == "1",
                 timeout=WAIT_S, what="dunst to display the notification")

        dunstctl(dunst, "context")

        qtbot.waitUntil(lambda: chosen == ["snooze"], timeout=WAIT_MS)
    finally:
        notifier.close()


def test_a_newer_notification_with_the_same_key_replaces_the_older(
        session_bus: PrivateBus, dunst: dict[str, str]) -> None:
    """Two nudges with one key show as one notification, not a stack."""
    notifier = FreedesktopNotifier(BalloonNotifier(Balloons()), bus=session_bus.address)
    try:
        notifier.notify(Notification("deskbreath", "first", key="nudge"))
        notifier.notify(Notification("deskbreath", "second", key="nudge"))
        wait_for(lambda: dunstctl(dunst, "count", "displayed").strip() == "1",
                 timeout=WAIT_S, what="dunst to display the notification")

        assert dunstctl(dunst, "count", "history").strip() == "0"
    finally:
        notifier.close()


def test_the_controllers_pre_prompt_action_starts_the_exercise(
        qtbot: QtBot, session_bus: PrivateBus, dunst: dict[str, str], clock: FakeClock,
        idle: FakeIdleSource, fake_scheduler: FakeScheduler) -> None:
    """Through dunst: a click on the pre-prompt notification starts the exercise."""
    prompts = PromptLog(clock, MemoryRecorder())
    notifier = FreedesktopNotifier(BalloonNotifier(Balloons()), bus=session_bus.address)
    settings = Settings(reminder_interval=45 * 60.0, pre_prompt_notification=True)
    controller = Controller(clock=clock, tracker=SittingTracker(clock, idle, 180.0),
                            policy=ReminderPolicy(settings), scheduler=fake_scheduler,
                            prompt_factory=prompts, notifier=notifier)
    try:
        controller.refresh()
        sit(controller, clock, idle, fake_scheduler, 45 * 60 - 45)
        wait_for(lambda: dunstctl(dunst, "count", "displayed").strip() == "1",
                 timeout=WAIT_S, what="the pre-prompt notification")

        dunstctl(dunst, "action", "0")

        qtbot.waitUntil(lambda: bool(prompts.views), timeout=WAIT_MS)
        assert prompts.views[0].begun
    finally:
        notifier.close()


def test_no_server_falls_back_to_the_balloon(session_bus: PrivateBus) -> None:
    """With no notification server on the bus the balloon shows the text instead."""
    balloons = Balloons()
    notifier = FreedesktopNotifier(BalloonNotifier(balloons), bus=session_bus.address)
    try:
        notifier.notify(Notification("deskbreath", "Breathing in about a minute", ACTIONS))
    finally:
        notifier.close()

    assert balloons.shown == [("deskbreath", "Breathing in about a minute")]


def test_diagnostics_name_the_balloon_when_no_server_answers(
        qtbot: QtBot, session_bus: PrivateBus, paths: Paths) -> None:
    """With no notification server on the bus, diagnostics say the tray balloon takes the
    notifications instead of org.freedesktop.Notifications (as the log does), not the server.
    """
    notifier = FreedesktopNotifier(BalloonNotifier(Balloons()), bus=session_bus.address)
    clock = FakeClock()
    try:
        dialog = DiagnosticsDialog(SittingTracker(clock, FakeIdleSource(clock), 180),
                                   IdleHealth(), paths, [], notifier=notifier)
        qtbot.add_widget(dialog)
        assert dialog.notifications_label is not None
        shown = dialog.notifications_label.text()
    finally:
        notifier.close()

    assert shown.startswith("tray balloon (org.freedesktop.Notifications does not answer: ")
    assert "org.freedesktop.DBus.Error" in shown  # the bus says why, as in the log


def test_delivery_names_the_server_that_answers(
        dunst: dict[str, str], session_bus: PrivateBus) -> None:
    """With dunst on the bus, notifications go to it, and the delivery names it."""
    notifier = FreedesktopNotifier(BalloonNotifier(Balloons()), bus=session_bus.address)
    try:
        delivery = notifier.delivery()
    finally:
        notifier.close()

    assert delivery == Delivery("org.freedesktop.Notifications (dunst)")


PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_IFACE = "org.freedesktop.portal.Notification"


def test_the_portal_gets_buttons_and_its_action_reaches_the_handler(
        qtbot: QtBot, session_bus: PrivateBus) -> None:
    """Inside a sandbox the portal receives the notification with Start now / Snooze
    buttons; its ActionInvoked reaches the handler.
    """
    with dbusmock(session_bus.address, PORTAL, PORTAL_PATH, PORTAL_IFACE, name=PORTAL):
        mock_call(session_bus.address, PORTAL, PORTAL_PATH, "AddMethod", PORTAL_IFACE,
                  "AddNotification", "sa{sv}", "", "")
        notifier = PortalNotifier(BalloonNotifier(Balloons()), bus=session_bus.address)
        chosen: list[str] = []
        try:
            notifier.notify(Notification("deskbreath", "Breathing is waiting", ACTIONS,
                                         key="waiting"), chosen.append)
            calls = mock_call(session_bus.address, PORTAL, PORTAL_PATH, "GetMethodCalls",
                              "AddNotification")
            assert "'waiting'" in calls
            assert "Start now" in calls
            assert "'snooze'" in calls

            mock_call(session_bus.address, PORTAL, PORTAL_PATH, "EmitSignal", PORTAL_IFACE,
                      "ActionInvoked", "ssav", "[<'waiting'>, <'snooze'>, <@av []>]")

            qtbot.waitUntil(lambda: chosen == ["snooze"], timeout=WAIT_MS)
        finally:
            notifier.close()


def test_detect_picks_the_portal_inside_flatpak(tmp_path: Path, qapp: QCoreApplication) -> None:
    """With /.flatpak-info present the portal is used; without it the notification server;
    on Windows and macOS the balloon.
    """
    balloon = BalloonNotifier(Balloons())
    info = tmp_path / ".flatpak-info"
    info.write_text("[Application]\n", encoding="utf-8")

    assert detect(balloon, platform="linux", flatpak_info=info).name == "notification portal"
    assert detect(balloon, platform="linux", flatpak_info=tmp_path / "none").name == \
        "org.freedesktop.Notifications"
    assert detect(balloon, platform="win32") is balloon


