"""FreedesktopSessionWatcher against a fake logind on a private "system" bus and screensavers on a
private session bus.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.desktop.session.freedesktop import FreedesktopSessionWatcher
from tests.desktop.conftest import PrivateBus
from tests.support.waits import WAIT_MS

pytestmark = pytest.mark.dbus

LOGIND = "org.freedesktop.login1"
SCREENSAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")


@pytest.fixture
def watcher(session_bus: PrivateBus, system_bus: PrivateBus) -> FreedesktopSessionWatcher:
    """A watcher on both private buses, each with its fake services running."""
    system_bus.start_fake_desktop(LOGIND)
    session_bus.start_fake_desktop(*SCREENSAVERS)
    return FreedesktopSessionWatcher(session_bus.connect(), system_bus.connect(), env={})


def test_prepare_for_sleep_reports_asleep_and_awake(
        watcher: FreedesktopSessionWatcher, system_bus: PrivateBus, qtbot: QtBot) -> None:
    """PrepareForSleep(true) then (false) gives asleep=True then asleep=False."""
    args = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep")

    with qtbot.waitSignal(watcher.away_changed, timeout=WAIT_MS) as going:
        system_bus.control("EmitBool", *args, True)
    with qtbot.waitSignal(watcher.away_changed, timeout=WAIT_MS) as back:
        system_bus.control("EmitBool", *args, False)

    assert going.args == ["asleep", True]
    assert back.args == ["asleep", False]


def test_locked_hint_change_reports_locked(
        watcher: FreedesktopSessionWatcher, system_bus: PrivateBus, qtbot: QtBot) -> None:
    """LockedHint turning true and false on the resolved session gives locked True/False."""
    with qtbot.waitSignal(watcher.away_changed, timeout=WAIT_MS) as locking:
        system_bus.control("SetLocked", True)
    with qtbot.waitSignal(watcher.away_changed, timeout=WAIT_MS) as unlocking:
        system_bus.control("SetLocked", False)

    assert locking.args == ["locked", True]
    assert unlocking.args == ["locked", False]
    assert "logind LockedHint of /org/freedesktop/login1/session/_3 (system bus)" in (
        watcher.sources)


@pytest.mark.parametrize(
    ("path", "interface"),
    [("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
     ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver")],
)
def test_screensaver_active_changed_reports_locked(
        watcher: FreedesktopSessionWatcher, session_bus: PrivateBus, qtbot: QtBot,
        path: str, interface: str) -> None:
    """ActiveChanged(true/false) of either screensaver gives locked True/False."""
    with qtbot.waitSignal(watcher.away_changed, timeout=WAIT_MS) as on:
        session_bus.control("EmitBool", path, interface, "ActiveChanged", True)
    with qtbot.waitSignal(watcher.away_changed, timeout=WAIT_MS) as off:
        session_bus.control("EmitBool", path, interface, "ActiveChanged", False)

    assert on.args == ["locked", True]
    assert off.args == ["locked", False]


def test_lock_ends_only_when_every_source_says_unlocked(
        watcher: FreedesktopSessionWatcher, session_bus: PrivateBus, system_bus: PrivateBus,
        qtbot: QtBot) -> None:
    """Logind unlocking while the GNOME screensaver is still active keeps the user away."""
    gnome = ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged")
    sleep = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep")
    with qtbot.waitSignal(watcher.away_changed, timeout=WAIT_MS):
        system_bus.control("SetLocked", True)
    session_bus.control("EmitBool", *gnome, True)
    seen: list[tuple[str, bool]] = []
    watcher.away_changed.connect(lambda reason, away: seen.append((reason, away)))

    # PrepareForSleep comes from the same logind connection right after the unlock, so by the
    # time it arrives the unlock has been handled: a barrier instead of a guessed wait.
    with qtbot.waitSignal(watcher.away_changed, timeout=WAIT_MS,
                          check_params_cb=lambda reason, _away: reason == "asleep"):
        system_bus.control("SetLocked", False)
        system_bus.control("EmitBool", *sleep, True)
    with qtbot.waitSignal(watcher.away_changed, timeout=WAIT_MS) as unlocked:
        session_bus.control("EmitBool", *gnome, False)

    assert seen == [("asleep", True), ("locked", False)]
    assert unlocked.args == ["locked", False]


def test_already_locked_session_is_away_at_start(
        session_bus: PrivateBus, system_bus: PrivateBus) -> None:
    """A session locked before the watcher starts counts as locked right away."""
    system_bus.start_fake_desktop(LOGIND)
    system_bus.control("SetLocked", True)

    watcher = FreedesktopSessionWatcher(None, system_bus.connect(), env={"XDG_SESSION_ID": "3"})

    assert watcher.is_away("locked")
    assert not watcher.is_away("asleep")


def test_missing_buses_and_services_stay_silent_and_say_so(
        session_bus: PrivateBus, system_bus: PrivateBus, qtbot: QtBot) -> None:
    """Without logind the watcher reports why it cannot watch the lock; without buses, too."""
    watcher = FreedesktopSessionWatcher(None, system_bus.connect(), env={}, timeout_ms=WAIT_MS)
    nothing = FreedesktopSessionWatcher(None, None)

    assert watcher.sources == ["logind PrepareForSleep (system bus)"]
    assert any("no logind session" in line and "ServiceUnknown" in line
               for line in watcher.problems)
    assert nothing.sources == []
    assert len(nothing.problems) == 2
