"""SIGTERM, SIGINT and SIGHUP reach the Qt thread at once, and the old handlers come back on
close.
"""

from __future__ import annotations

import os
import signal

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.qt.unix_signals import QuitSignals
from tests.support.waits import WAIT_MS


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
                         ids=lambda n: n.name)
def test_quit_signal_arrives_as_a_qt_signal_and_close_restores_the_handler(
    qtbot: QtBot, number: signal.Signals,
) -> None:
    """A SIGTERM, SIGINT or SIGHUP sent to the process comes out as received(number) without
    waiting for another event; after close() it has its previous handler again.
    """
    before = signal.getsignal(number)
    watcher = QuitSignals()
    try:
        with qtbot.waitSignal(watcher.received, timeout=WAIT_MS) as received:
            os.kill(os.getpid(), number)
    finally:
        watcher.close()

    assert received.args == [number]
    assert signal.getsignal(number) == before


def test_a_signal_it_was_not_given_is_not_reported(qtbot: QtBot) -> None:
    """Only the signals asked for are turned into received(): SIGUSR1 then SIGTERM give
    received(SIGTERM) alone (the wake-up socket carries both, in order).
    """
    watcher = QuitSignals((signal.SIGTERM,))
    previous = signal.signal(signal.SIGUSR1, lambda _n, _f: None)
    seen: list[int] = []
    watcher.received.connect(seen.append)
    try:
        with qtbot.waitSignal(watcher.received, timeout=WAIT_MS):
            os.kill(os.getpid(), signal.SIGUSR1)
            os.kill(os.getpid(), signal.SIGTERM)
    finally:
        signal.signal(signal.SIGUSR1, previous)
        watcher.close()

    assert seen == [signal.SIGTERM]
