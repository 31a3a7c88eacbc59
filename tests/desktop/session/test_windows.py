"""The Windows lock/sleep watcher's message handling, fed fake window messages."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from deskbreath.desktop.session import events as pe
from deskbreath.desktop.session.windows import WindowsSessionWatcher


def test_lock_and_suspend_messages_become_away_signals(qtbot: QtBot) -> None:
    """WTS lock and power suspend messages emit away_changed; unrelated messages do not."""
    watcher = WindowsSessionWatcher(install=False)

    with qtbot.waitSignal(watcher.away_changed) as locked:
        watcher.handle_message(pe.WM_WTSSESSION_CHANGE, pe.WTS_SESSION_LOCK)
    with qtbot.waitSignal(watcher.away_changed) as asleep:
        watcher.handle_message(pe.WM_POWERBROADCAST, pe.PBT_APMSUSPEND)
    with qtbot.assertNotEmitted(watcher.away_changed):
        watcher.handle_message(pe.WM_POWERBROADCAST, 0x000A)
        watcher.handle_message(pe.WM_WTSSESSION_CHANGE, pe.WTS_SESSION_LOCK)

    assert locked.args == ["locked", True]
    assert asleep.args == ["asleep", True]
    watcher.close()
