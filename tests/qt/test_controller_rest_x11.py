"""The controller resting on a real X11 display (Xvfb, XTEST input from xdotool): the tick
stops while the user is idle, input ends the rest at once with the sitting time a tick would
count, and the natural break arrives by its timer.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.sitting import tick_interval_for
from deskbreath.desktop.idle.x11 import X11IdleSource
from deskbreath.desktop.idle.x11_events import X11ActivityEvents
from deskbreath.qt.controller import REST_CHECK_S
from tests.fakes import FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.qt.rest_support import rest, started_controller, tick_ms, work
from tests.support.waits import WAIT_MS
from tests.support.x11_idle import x11_idle_with_events, xvfb_for_idle
from tests.support.xserver import XServer

pytestmark = pytest.mark.slow


@pytest.fixture
def xserver() -> Iterator[XServer]:
    """A fresh Xvfb, and libXss for the X11 idle source that reads it."""
    with xvfb_for_idle() as server:
        yield server


@pytest.fixture
def source(xserver: XServer) -> Iterator[X11IdleSource]:
    """The X11 idle source with its activity events, as detection builds it."""
    with x11_idle_with_events(xserver.display) as idle:
        yield idle


def _move_pointer(server: XServer) -> None:
    server.run("xdotool", "mousemove_relative", "--sync", "--", "3", "2")


def test_input_ends_the_rest_at_once_and_the_pause_is_not_sitting(
    qtbot: QtBot, xserver: XServer, source: X11IdleSource, fake_scheduler: FakeScheduler,
    prompts: PromptLog,
) -> None:
    """Idle on X11, the 15 s tick gives way to the rare safety check and an armed XInput2
    watch; the user's next input ends the rest at once, the tick comes back, and the pause
    adds no sitting time and keeps the bout, as the ticks count a pause.
    """
    controller = started_controller(source, 180.0, fake_scheduler, prompts)
    events = source.activity_events
    assert isinstance(events, X11ActivityEvents)
    work(qtbot, lambda: _move_pointer(xserver), controller)
    rest(qtbot, source, controller)
    before = controller.presentation.status

    assert controller._tracker.resting
    assert tick_ms(controller) == REST_CHECK_S * 1000
    assert events.armed
    assert not controller._presence.polling
    assert before.bout_seconds > 1.0

    _move_pointer(xserver)

    qtbot.waitUntil(lambda: not controller._tracker.resting, timeout=WAIT_MS)
    after = controller.presentation.status
    assert tick_ms(controller) == tick_interval_for(180.0) * 1000
    assert after.bout_seconds == before.bout_seconds
    assert after.present
    assert controller._tracker.snapshot().bout_id == 0
    assert events.fired_count == 1
    controller.stop()


def test_the_natural_break_ends_the_bout_by_its_timer_and_then_waits_for_input(
    qtbot: QtBot, xserver: XServer, source: X11IdleSource, fake_scheduler: FakeScheduler,
    prompts: PromptLog,
) -> None:
    """With an 8 s natural break, the rest's timer fires when the idle time reaches it: the
    bout ends, and the next watch is for the user's return alone (no poll while away).
    """
    controller = started_controller(source, 8.0, fake_scheduler, prompts)
    events = source.activity_events
    assert isinstance(events, X11ActivityEvents)
    work(qtbot, lambda: _move_pointer(xserver), controller)
    rest(qtbot, source, controller)
    assert controller._tracker.resting
    assert controller.presentation.status.bout_seconds > 1.0

    qtbot.waitUntil(lambda: not controller.presentation.status.present, timeout=WAIT_MS)

    assert (source.idle_seconds() or 0.0) >= 8.0
    assert controller.presentation.status.bout_seconds == 0
    assert controller._tracker.resting
    assert events.armed
    assert not controller._presence.polling
    _move_pointer(xserver)
    qtbot.waitUntil(lambda: controller.presentation.status.present, timeout=WAIT_MS)
    assert controller._tracker.snapshot().bout_id == 1
    controller.stop()
