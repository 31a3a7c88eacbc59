"""X11 activity events against a real Xvfb, with XTEST input from xdotool: input fires the
watch at once, the natural-break timer fires without input, and nothing is selected (or
fires) while no watch is armed.
"""

from __future__ import annotations

import logging
import select
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.desktop.idle.x11 import X11IdleSource
from deskbreath.desktop.idle.x11_events import X11ActivityEvents
from deskbreath.desktop.idle.x11_input import RawInput
from tests.support.waits import WAIT_MS
from tests.support.x11_idle import x11_idle_with_events
from tests.support.xserver import XServer


def _move_pointer(server: XServer) -> None:
    """Input as a user gives it: XTEST relative motion (an absolute ``mousemove`` is a warp,
    which is no input and makes no raw event).
    """
    server.run("xdotool", "mousemove_relative", "--sync", "--", "3", "2")


@pytest.fixture
def source(xserver: XServer) -> Iterator[X11IdleSource]:
    """The X11 idle source of the test display, with its activity events attached."""
    with x11_idle_with_events(xserver.display) as idle:
        yield idle


def _events(source: X11IdleSource) -> X11ActivityEvents:
    events = source.activity_events
    assert isinstance(events, X11ActivityEvents)
    return events


@pytest.mark.parametrize("give_input", [
    pytest.param(_move_pointer, id="pointer"),
    pytest.param(lambda server: server.run("xdotool", "key", "shift"), id="key"),
    pytest.param(lambda server: server.run("xdotool", "click", "1"), id="button"),
])
def test_input_fires_the_watch(qtbot: QtBot, xserver: XServer, source: X11IdleSource,
                               give_input: object) -> None:
    """Armed for input only, the watch fires once the user moves, types or clicks."""
    fired: list[str] = []
    assert _events(source).watch(None, lambda: fired.append("fired"))
    assert fired == []

    assert callable(give_input)
    give_input(xserver)

    qtbot.waitUntil(lambda: fired == ["fired"], timeout=WAIT_MS)
    assert not _events(source).armed


def test_the_threshold_fires_when_idle_reaches_it(qtbot: QtBot, xserver: XServer,
                                                  source: X11IdleSource) -> None:
    """Without input, a watch for 1 s of idle time fires by itself, with the idle time (read
    from the same display) at 1 s or more.
    """
    _move_pointer(xserver)
    idle = source.idle_seconds()
    assert idle is not None
    assert idle < 1.0
    fired: list[float | None] = []

    assert _events(source).watch(1.0, lambda: fired.append(source.idle_seconds()))

    qtbot.waitUntil(lambda: len(fired) == 1, timeout=WAIT_MS)
    assert fired[0] is not None
    assert fired[0] >= 1.0
    assert _events(source).fired_count == 1


def test_input_before_the_threshold_fires_once(qtbot: QtBot, xserver: XServer,
                                               source: X11IdleSource) -> None:
    """Input ends a watch that also waits for a threshold: it fires once, at the input."""
    fired: list[float | None] = []
    assert _events(source).watch(3600.0, lambda: fired.append(source.idle_seconds()))

    _move_pointer(xserver)

    qtbot.waitUntil(lambda: len(fired) == 1, timeout=WAIT_MS)
    assert fired[0] is not None
    assert fired[0] < 3600.0
    assert _events(source).fired_count == 1


def test_an_unwatched_source_does_not_fire_on_input(qtbot: QtBot, xserver: XServer,
                                                    source: X11IdleSource) -> None:
    """A watch dropped with unwatch() stays silent when the user comes back; a fresh watch
    then fires at the next input.
    """
    fired: list[str] = []
    assert _events(source).watch(None, lambda: fired.append("first"))
    _events(source).unwatch()

    _move_pointer(xserver)
    assert _events(source).watch(None, lambda: fired.append("second"))
    _move_pointer(xserver)

    qtbot.waitUntil(lambda: fired == ["second"], timeout=WAIT_MS)


def test_deselected_raw_input_sends_nothing(xserver: XServer) -> None:
    """After deselect(), input sends the connection nothing (an active user costs no
    wake-up), while another client that selected raw input gets it.
    """
    watched, observer = RawInput(xserver.display), RawInput(xserver.display)
    try:
        assert watched.select()
        watched.deselect()
        assert observer.select()

        _move_pointer(xserver)

        readable, _, _ = select.select([observer.fileno()], [], [], WAIT_MS / 1000)
        assert readable, "the observer got no raw input"
        assert observer.drain()
        assert observer.select()  # a round trip: the server has flushed that input to all
        readable, _, _ = select.select([watched.fileno()], [], [], 0)
        assert readable == []
    finally:
        watched.close()
        observer.close()


def test_without_xinput_the_watch_refuses_and_says_why_once(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture,
) -> None:
    """When XInput2 cannot be reached, watch() says False (the caller keeps polling) and the
    reason is logged once, not at every watch.
    """
    events = X11ActivityEvents(":2999", lambda: 10.0)
    with caplog.at_level(logging.INFO, logger="deskbreath.desktop.idle.x11_events"):
        first = events.watch(180.0, lambda: None)
        second = events.watch(None, lambda: None)

    assert (first, second) == (False, False)
    reasons = [r.getMessage() for r in caplog.records if "no X11 input events" in r.getMessage()]
    assert len(reasons) == 1
    assert "':2999'" in reasons[0]


def test_a_lost_x_server_fires_the_watch(qtbot: QtBot, xserver: XServer,
                                         source: X11IdleSource) -> None:
    """When the X server goes away, an armed watch fires (the caller refreshes and finds the
    idle source unhealthy) instead of waiting for input that cannot come.
    """
    assert xserver.process is not None
    fired: list[str] = []
    assert _events(source).watch(None, lambda: fired.append("fired"))

    xserver.process.terminate()

    qtbot.waitUntil(lambda: fired == ["fired"], timeout=WAIT_MS)
    assert not _events(source).watch(None, lambda: None)


def test_a_server_lost_between_watches_makes_the_next_watch_refuse(
    xserver: XServer, source: X11IdleSource,
) -> None:
    """When the X server went away while no watch was armed, the next watch says False (the
    caller keeps polling, and finds the idle source unhealthy) instead of raising.
    """
    assert xserver.process is not None
    assert _events(source).watch(None, lambda: None)
    _events(source).unwatch()

    xserver.process.terminate()
    xserver.process.wait(timeout=WAIT_MS / 1000)

    assert not _events(source).watch(None, lambda: None)
