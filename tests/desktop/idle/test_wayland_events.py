"""The ext-idle-notify-v1 activity events' own decisions, with the compositor scripted by the
test: the threshold's timeout, an early ``idled`` followed by a notification for the rest,
and the notification destroyed when the watch ends. tests/desktop/idle/test_wayland_kwin.py
checks the same events against a real KWin.
"""

from __future__ import annotations

import os
import select
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from deskbreath.desktop.idle.wayland_events import WaylandActivityEvents
from tests.support.waits import WAIT_MS


class FakeAlarm:
    """A second notification: ``ring()`` is the compositor's ``idled`` for it."""

    def __init__(self, timeout_ms: int, idled: Callable[[], None]) -> None:
        self.timeout_ms = timeout_ms
        self.destroyed = False
        self._idled = idled

    def destroy(self) -> None:
        self.destroyed = True

    def ring(self) -> None:
        if not self.destroyed:
            self._idled()


class ScriptedSource:
    """An ext-idle-notify-v1 source whose compositor the test scripts: an event is queued and
    a byte written to the pipe, as a compositor's message wakes the socket notifier.
    """

    def __init__(self) -> None:
        self.read_end, self.write_end = os.pipe()
        self.on_resumed: Callable[[], None] | None = None
        self.connected = True
        self.idle = True
        self.idle_now = 10.0
        self.alarms: list[FakeAlarm] = []
        self._pending: list[Callable[[], None]] = []

    def fileno(self) -> int:
        return self.read_end

    def pump(self) -> None:
        readable, _, _ = select.select([self.read_end], [], [], 0)
        if readable:
            os.read(self.read_end, 1024)
        pending, self._pending = self._pending, []
        for event in pending:
            event()

    def idle_seconds(self) -> float | None:
        self.pump()
        return self.idle_now

    def notify_after(self, timeout_ms: int, idled: Callable[[], None]) -> FakeAlarm | None:
        alarm = FakeAlarm(timeout_ms, idled)
        self.alarms.append(alarm)
        return alarm

    def send_resumed(self) -> None:
        def resumed() -> None:
            self.idle, self.idle_now = False, 0.0
            if self.on_resumed is not None:
                self.on_resumed()
        self._send(resumed)

    def send_alarm_idled(self, alarm: FakeAlarm, idle_now: float) -> None:
        def idled() -> None:
            self.idle_now = idle_now
            alarm.ring()
        self._send(idled)

    def _send(self, event: Callable[[], None]) -> None:
        self._pending.append(event)
        os.write(self.write_end, b"e")

    def close(self) -> None:
        os.close(self.read_end)
        os.close(self.write_end)


@pytest.fixture
def source() -> Iterator[ScriptedSource]:
    """A scripted source whose seat has been idle 10 s."""
    scripted = ScriptedSource()
    yield scripted
    scripted.close()


@pytest.fixture
def events(qtbot: QtBot, source: ScriptedSource) -> Iterator[WaylandActivityEvents]:
    """The activity events on the scripted source."""
    attached = WaylandActivityEvents(source)
    yield attached
    attached.close()


def test_the_threshold_notification_waits_for_the_time_still_missing(
        source: ScriptedSource, events: WaylandActivityEvents) -> None:
    """Idle 10 s, a watch for 180 s makes a notification of 170 s (counted from now)."""
    assert events.watch(180.0, lambda: None)

    assert [alarm.timeout_ms for alarm in source.alarms] == [170_000]


def test_an_early_idled_is_followed_by_a_notification_for_the_rest(
        qtbot: QtBot, source: ScriptedSource, events: WaylandActivityEvents) -> None:
    """An ``idled`` that comes with the idle time short of the threshold (a coarse compositor
    timer) does not fire: a notification for the rest replaces it, and its ``idled`` fires.
    """
    fired: list[float | None] = []
    assert events.watch(180.0, lambda: fired.append(source.idle_seconds()))

    source.send_alarm_idled(source.alarms[0], idle_now=171.5)
    qtbot.waitUntil(lambda: len(source.alarms) == 2, timeout=WAIT_MS)
    assert (source.alarms[0].destroyed, source.alarms[1].timeout_ms, fired) == (True, 8500, [])
    source.send_alarm_idled(source.alarms[1], idle_now=180.0)

    qtbot.waitUntil(lambda: fired == [180.0], timeout=WAIT_MS)
    assert source.alarms[1].destroyed
    assert events.fired_count == 1


def test_input_fires_once_and_destroys_the_threshold_notification(
        qtbot: QtBot, source: ScriptedSource, events: WaylandActivityEvents) -> None:
    """``resumed`` fires the watch once; the threshold's notification is destroyed with it."""
    fired: list[str] = []
    assert events.watch(180.0, lambda: fired.append("fired"))

    source.send_resumed()

    qtbot.waitUntil(lambda: fired == ["fired"], timeout=WAIT_MS)
    assert source.alarms[0].destroyed
    assert not events.armed
    source.send_resumed()  # more input after the watch fired
    for _ in range(3):  # the socket notifier, then the zero-time settle timer
        QCoreApplication.processEvents()
    assert (fired, events.fired_count) == (["fired"], 1)


def test_input_queued_before_the_watch_fires_it_from_the_event_loop(
        qtbot: QtBot, source: ScriptedSource, events: WaylandActivityEvents) -> None:
    """``resumed`` already on the socket when the watch is armed (input since the caller's
    reading): the watch fires from the event loop, not inside ``watch()``, and makes no
    threshold notification.
    """
    fired: list[str] = []
    source.send_resumed()

    assert events.watch(180.0, lambda: fired.append("fired"))
    assert fired == []  # not inside the caller's refresh

    qtbot.waitUntil(lambda: fired == ["fired"], timeout=WAIT_MS)
    assert source.alarms == []


def test_a_connection_lost_once_refuses_later_watches(
        qtbot: QtBot, source: ScriptedSource, events: WaylandActivityEvents) -> None:
    """Once the connection failed, a new watch says it cannot fire (the caller keeps
    ticking) instead of resting on a socket nobody reads.
    """
    assert events.watch(None, lambda: None)
    source.connected = False
    source._send(lambda: None)  # the socket wakes; the read finds the connection gone
    qtbot.waitUntil(lambda: not events.listening, timeout=WAIT_MS)
    source.connected = True  # a read that would succeed again must not matter

    assert not events.watch(None, lambda: None)


def test_a_threshold_already_reached_fires_without_a_notification(
        qtbot: QtBot, source: ScriptedSource, events: WaylandActivityEvents) -> None:
    """A watch whose threshold the idle time has reached fires at once, making nothing."""
    fired: list[str] = []

    assert events.watch(10.0, lambda: fired.append("fired"))

    qtbot.waitUntil(lambda: fired == ["fired"], timeout=WAIT_MS)
    assert source.alarms == []


def test_a_lost_connection_refuses_the_watch(source: ScriptedSource,
                                              events: WaylandActivityEvents) -> None:
    """When the connection is gone the watch says False, so the caller keeps polling."""
    source.connected = False

    assert not events.watch(180.0, lambda: None)
    assert not events.listening
