"""The macOS lock/sleep watcher, fed by fake notification centres."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.desktop.session.events import MACOS_NOTIFICATION_NAMES
from deskbreath.desktop.session.macos import (
    MISSING_PYOBJC,
    MacSessionWatcher,
    NotificationCenters,
)

QUEUE = object()  # stands in for NSOperationQueue.mainQueue()


class FakeNotification:
    """An NSNotification: only ``name()`` is read."""

    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name


class FakeCenter:
    """Records block observers like an NSNotificationCenter and lets a test post names."""

    def __init__(self) -> None:
        self.observers: dict[object, tuple[str, Callable[[Any], None]]] = {}
        self.queues: list[object] = []

    def addObserverForName_object_queue_usingBlock_(
            self, name: str, sender: object, queue: object,
            block: Callable[[Any], None]) -> object:
        token = object()
        self.observers[token] = (name, block)
        self.queues.append(queue)
        return token

    def removeObserver_(self, token: object) -> None:
        del self.observers[token]

    def post(self, name: str) -> None:
        for observed, block in list(self.observers.values()):
            if observed == name:
                block(FakeNotification(name))

    def names(self) -> set[str]:
        return {name for name, _ in self.observers.values()}


@pytest.fixture
def centers() -> NotificationCenters:
    """A workspace and a distributed fake centre sharing one fake main queue."""
    return NotificationCenters(workspace=FakeCenter(), distributed=FakeCenter(), queue=QUEUE)


def test_each_name_is_observed_on_its_own_centre(centers: NotificationCenters) -> None:
    """Lock-screen names go to the distributed centre, the rest to NSWorkspace's; main queue."""
    watcher = MacSessionWatcher(centers)

    assert centers.distributed.names() == {"com.apple.screenIsLocked",
                                           "com.apple.screenIsUnlocked"}
    assert centers.workspace.names() == set(MACOS_NOTIFICATION_NAMES) - centers.distributed.names()
    assert set(centers.workspace.queues + centers.distributed.queues) == {QUEUE}
    assert watcher.problem == ""
    watcher.close()


def test_lock_and_unlock_become_away_signals(qtbot: QtBot,
                                             centers: NotificationCenters) -> None:
    """The lock screen's notifications emit locked away, then locked back."""
    watcher = MacSessionWatcher(centers)

    with qtbot.waitSignal(watcher.away_changed) as locked:
        centers.distributed.post("com.apple.screenIsLocked")
    with qtbot.waitSignal(watcher.away_changed) as unlocked:
        centers.distributed.post("com.apple.screenIsUnlocked")

    assert locked.args == ["locked", True]
    assert unlocked.args == ["locked", False]
    watcher.close()


def test_sleep_and_wake_become_away_signals(qtbot: QtBot,
                                            centers: NotificationCenters) -> None:
    """Will-sleep and did-wake emit asleep away, then asleep back."""
    watcher = MacSessionWatcher(centers)

    with qtbot.waitSignal(watcher.away_changed) as asleep:
        centers.workspace.post("NSWorkspaceWillSleepNotification")
    with qtbot.waitSignal(watcher.away_changed) as awake:
        centers.workspace.post("NSWorkspaceDidWakeNotification")

    assert asleep.args == ["asleep", True]
    assert awake.args == ["asleep", False]
    watcher.close()


def test_overlapping_lock_sources_end_only_when_both_clear(
        qtbot: QtBot, centers: NotificationCenters) -> None:
    """A session switch plus the lock screen stay "locked" until both say otherwise."""
    watcher = MacSessionWatcher(centers)

    with qtbot.waitSignal(watcher.away_changed) as locked:
        centers.workspace.post("NSWorkspaceSessionDidResignActiveNotification")
    with qtbot.assertNotEmitted(watcher.away_changed):
        centers.distributed.post("com.apple.screenIsLocked")
        centers.workspace.post("NSWorkspaceSessionDidBecomeActiveNotification")
    with qtbot.waitSignal(watcher.away_changed) as unlocked:
        centers.distributed.post("com.apple.screenIsUnlocked")

    assert locked.args == ["locked", True]
    assert unlocked.args == ["locked", False]
    watcher.close()


def test_unknown_names_emit_nothing(qtbot: QtBot) -> None:
    """A notification name outside the mapping is ignored."""
    watcher = MacSessionWatcher(NotificationCenters(FakeCenter(), FakeCenter(), QUEUE))

    with qtbot.assertNotEmitted(watcher.away_changed):
        watcher.handle_notification("NSWorkspaceDidLaunchApplicationNotification")
    watcher.close()


def test_close_removes_every_observer(qtbot: QtBot, centers: NotificationCenters) -> None:
    """After close() no centre holds an observer, so later posts emit nothing; twice is fine."""
    watcher = MacSessionWatcher(centers)

    watcher.close()
    watcher.close()

    assert centers.workspace.observers == {}
    assert centers.distributed.observers == {}
    with qtbot.assertNotEmitted(watcher.away_changed):
        centers.distributed.post("com.apple.screenIsLocked")
        centers.workspace.post("NSWorkspaceWillSleepNotification")


def test_without_pyobjc_the_watcher_says_why_and_stays_silent(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PyObjC the watcher names the extra to install and emits nothing."""
    monkeypatch.setitem(sys.modules, "AppKit", None)  # None in sys.modules makes import fail
    monkeypatch.setitem(sys.modules, "Foundation", None)

    watcher = MacSessionWatcher()
    with qtbot.assertNotEmitted(watcher.away_changed):  # no centre exists to deliver anything
        watcher.close()

    assert watcher.problem == "install deskbreath[macos] for sleep and lock notifications"
    assert watcher.problem == MISSING_PYOBJC
