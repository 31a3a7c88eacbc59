"""The Mutter and org.freedesktop.ScreenSaver backends against a fake desktop on a private bus."""

from __future__ import annotations

import time

import pytest

from deskbreath.core.idle import is_healthy
from deskbreath.desktop.idle.base import BackendUnavailable
from deskbreath.desktop.idle.mutter import MutterIdleSource
from deskbreath.desktop.idle.screensaver import ScreenSaverIdleSource
from tests.desktop.conftest import PrivateBus

pytestmark = pytest.mark.dbus

MUTTER = "org.gnome.Mutter.IdleMonitor"
SCREENSAVER = "org.freedesktop.ScreenSaver"


def test_mutter_idle_time_flows_through_in_seconds(session_bus: PrivateBus) -> None:
    """GetIdletime's milliseconds arrive as seconds, and follow the service's changes."""
    session_bus.start_fake_desktop(MUTTER)
    source = MutterIdleSource(session_bus.connect())

    first = source.idle_seconds()
    session_bus.control("SetIdle", 90_500)
    second = source.idle_seconds()

    assert (first, second) == (1.234, 90.5)
    assert source.name == "GNOME Mutter IdleMonitor"


def test_screensaver_idle_time_flows_through_in_seconds(session_bus: PrivateBus) -> None:
    """GetSessionIdleTime's milliseconds arrive as seconds."""
    session_bus.start_fake_desktop(SCREENSAVER)
    source = ScreenSaverIdleSource(session_bus.connect())

    session_bus.control("SetIdle", 2_000)

    assert source.idle_seconds() == 2.0


def test_missing_services_are_unavailable(session_bus: PrivateBus) -> None:
    """Nobody owning the names means unavailable, naming the D-Bus error."""
    connection = session_bus.connect()

    with pytest.raises(BackendUnavailable, match="ServiceUnknown"):
        MutterIdleSource(connection)
    with pytest.raises(BackendUnavailable, match="ServiceUnknown"):
        ScreenSaverIdleSource(connection)


@pytest.mark.parametrize("mode", ["notsupported", "error"])
def test_error_replies_mean_unavailable_not_zero_idle(session_bus: PrivateBus, mode: str) -> None:
    """A NotSupported (KWin on Wayland) or any other error reply makes the backend unavailable."""
    session_bus.start_fake_desktop(MUTTER, SCREENSAVER)
    session_bus.control("SetMode", mode)
    connection = session_bus.connect()

    with pytest.raises(BackendUnavailable, match="GetIdletime failed"):
        MutterIdleSource(connection)
    with pytest.raises(BackendUnavailable, match="GetSessionIdleTime failed"):
        ScreenSaverIdleSource(connection)


def test_hung_service_costs_one_short_timeout_per_call(session_bus: PrivateBus) -> None:
    """A service that stops answering gives None within the timeout, then turns unhealthy."""
    session_bus.start_fake_desktop(MUTTER)
    source = MutterIdleSource(session_bus.connect(), timeout_ms=100)
    session_bus.control("SetMode", "hang")

    started = time.monotonic()
    answers = [source.idle_seconds() for _ in range(3)]
    elapsed = time.monotonic() - started

    assert answers == [None, None, None]
    assert elapsed < 1.0
    assert not is_healthy(source)


def test_one_failure_is_transient(session_bus: PrivateBus) -> None:
    """A single failed query answers None but keeps the backend healthy; success resets it."""
    session_bus.start_fake_desktop(SCREENSAVER)
    source = ScreenSaverIdleSource(session_bus.connect())

    session_bus.control("SetMode", "error")
    failed = source.idle_seconds()
    session_bus.control("SetMode", "ok")
    recovered = source.idle_seconds()

    assert failed is None
    assert recovered == 1.234
    assert source.healthy


def test_closed_source_answers_none(session_bus: PrivateBus) -> None:
    """After close() the backend no longer queries the bus."""
    session_bus.start_fake_desktop(MUTTER)
    source = MutterIdleSource(session_bus.connect())

    source.close()
    source.close()

    assert source.idle_seconds() is None
