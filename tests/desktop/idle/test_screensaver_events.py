"""org.freedesktop.ScreenSaver with XInput2 events on an X11 session: a ScreenSaver service on
a private bus answers ``GetSessionIdleTime`` with a real Xvfb's MIT-SCREEN-SAVER idle time (as
KDE Plasma on X11 does), XTEST input comes from xdotool, and the source detection builds
fires its watch at input and at the threshold; on a Wayland session it stays polled.
"""

from __future__ import annotations

import select
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from deskbreath.core.idle import IdleSource
from deskbreath.desktop.idle.detect import detect
from deskbreath.desktop.idle.x11_events import X11ActivityEvents
from deskbreath.desktop.idle.x11_input import RawInput
from tests.desktop.conftest import PrivateBus
from tests.support.waits import WAIT_MS
from tests.support.xserver import XServer

pytestmark = pytest.mark.dbus

SCREENSAVER = "org.freedesktop.ScreenSaver"
X11_SESSION = {"XDG_CURRENT_DESKTOP": "KDE", "XDG_SESSION_TYPE": "x11"}


def _move_pointer(server: XServer) -> None:
    """XTEST relative motion: input as a user gives it (an absolute move makes no raw event)."""
    server.run("xdotool", "mousemove_relative", "--sync", "--", "3", "2")


@pytest.fixture
def screensaver_bus(session_bus: PrivateBus, xserver: XServer) -> PrivateBus:
    """A session bus whose ScreenSaver service answers the Xvfb's idle time."""
    session_bus.start_fake_desktop(SCREENSAVER)
    session_bus.control("IdleFromDisplay", xserver.display)
    return session_bus


@pytest.fixture
def source(screensaver_bus: PrivateBus, xserver: XServer) -> Iterator[IdleSource]:
    """The idle source detection picks on that KDE X11 session."""
    chosen, _ = detect(X11_SESSION | {"DISPLAY": xserver.display}, platform="linux",
                       session_bus=screensaver_bus.connect())
    try:
        yield chosen
    finally:
        chosen.close()


def _events(source: IdleSource) -> X11ActivityEvents:
    events = getattr(source, "activity_events", None)
    assert isinstance(events, X11ActivityEvents)
    return events


def test_detection_picks_the_screensaver_and_its_idle_time_is_the_x_servers(
        xserver: XServer, source: IdleSource) -> None:
    """On KDE X11 the ScreenSaver backend wins, with X11 events attached, and its idle time is
    the X server's (it drops after input).
    """
    _move_pointer(xserver)

    idle = source.idle_seconds()

    assert source.name == SCREENSAVER
    assert isinstance(getattr(source, "activity_events", None), X11ActivityEvents)
    assert idle is not None
    assert idle < 5.0


def test_input_fires_the_watch(qtbot: QtBot, xserver: XServer, source: IdleSource) -> None:
    """Armed for input only, the watch fires once the user types (the X11 events' own
    behaviour for each kind of input is in test_x11_events.py).
    """
    fired: list[str] = []
    assert _events(source).watch(None, lambda: fired.append("fired"))

    xserver.run("xdotool", "key", "shift")

    qtbot.waitUntil(lambda: fired == ["fired"], timeout=WAIT_MS)
    assert _events(source).fired_count == 1


def test_the_threshold_fires_with_the_screensaver_idle_time_at_it(
        qtbot: QtBot, xserver: XServer, source: IdleSource) -> None:
    """Without input, a watch for 1.5 s of idle fires by itself, timed from the ScreenSaver's
    idle time, which then reads 1.5 s or more.
    """
    _move_pointer(xserver)
    idle = source.idle_seconds()
    assert idle is not None
    assert idle < 1.5
    fired: list[float | None] = []

    assert _events(source).watch(1.5, lambda: fired.append(source.idle_seconds()))

    qtbot.waitUntil(lambda: len(fired) == 1, timeout=WAIT_MS)
    assert fired[0] is not None
    assert fired[0] >= 1.5


def test_closing_the_source_closes_its_events(
        qtbot: QtBot, xserver: XServer, source: IdleSource) -> None:
    """Closed with the source, an armed watch is dropped and input fires nothing."""
    events = _events(source)
    fired: list[str] = []
    assert events.watch(None, lambda: fired.append("fired"))
    observer = RawInput(xserver.display)
    try:
        assert observer.select()

        source.close()
        _move_pointer(xserver)

        readable, _, _ = select.select([observer.fileno()], [], [], WAIT_MS / 1000)
        assert readable, "the observer got no raw input"  # the input has been sent
        QCoreApplication.processEvents()
        assert (events.armed, fired) == (False, [])
    finally:
        observer.close()


def test_on_a_wayland_session_the_screensaver_stays_polled(
        screensaver_bus: PrivateBus, xserver: XServer) -> None:
    """On a Wayland session XWayland sees no input to Wayland windows: no X11 events there."""
    env = {"XDG_CURRENT_DESKTOP": "KDE", "XDG_SESSION_TYPE": "wayland",
           "WAYLAND_DISPLAY": "wayland-none", "DISPLAY": xserver.display}

    chosen, _ = detect(env, platform="linux", session_bus=screensaver_bus.connect())
    try:
        assert chosen.name == SCREENSAVER
        assert getattr(chosen, "activity_events", None) is None
    finally:
        chosen.close()
