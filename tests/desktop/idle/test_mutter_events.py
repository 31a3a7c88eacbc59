"""Mutter's idle-monitor watches against a real Mutter (headless Wayland, its own session
bus): the user-active watch fires at input, the idle watch at its threshold, and an
unavailable Mutter makes the watch refuse (the caller keeps polling).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from deskbreath.desktop.idle.mutter import MutterActivityEvents, MutterIdleSource
from tests.desktop.conftest import PrivateBus
from tests.support.waits import WAIT_MS
from tests.support.wayland import MutterInput, WaylandSession, wayland_session

pytestmark = [pytest.mark.dbus, pytest.mark.slow]


@pytest.fixture(scope="module")
def mutter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WaylandSession]:
    """A real Mutter, headless, without Xwayland."""
    with wayland_session("mutter", tmp_path_factory.mktemp("mutter"), xwayland=False) as session:
        yield session


@pytest.fixture
def pointer(mutter: WaylandSession) -> Iterator[MutterInput]:
    """Pointer input through Mutter's remote desktop API."""
    device = MutterInput(mutter.bus_address)
    try:
        yield device
    finally:
        device.close()


@pytest.fixture
def events(qtbot: QtBot, mutter: WaylandSession) -> Iterator[MutterActivityEvents]:
    """The watches on the test Mutter's bus."""
    watcher = MutterActivityEvents(mutter.bus_address)
    try:
        yield watcher
    finally:
        watcher.close()


def test_input_fires_the_user_active_watch(qtbot: QtBot, events: MutterActivityEvents,
                                           pointer: MutterInput) -> None:
    """Armed for input only, the watch fires once the pointer moves."""
    fired: list[str] = []
    assert events.watch(None, lambda: fired.append("fired"))
    assert fired == []

    pointer.move_pointer()

    qtbot.waitUntil(lambda: fired == ["fired"], timeout=WAIT_MS)


def test_the_idle_watch_fires_when_idle_reaches_its_threshold(
    qtbot: QtBot, mutter: WaylandSession, events: MutterActivityEvents, pointer: MutterInput,
) -> None:
    """After input, a watch for 1 s of idle time fires by itself, with the idle time (read
    from the same Mutter) at 1 s or more.
    """
    source = MutterIdleSource(QDBusConnection.connectToBus(mutter.bus_address, "mutter-idle"))
    pointer.move_pointer()
    qtbot.waitUntil(lambda: (source.idle_seconds() or 99) < 1.0, timeout=WAIT_MS)
    fired: list[float | None] = []

    assert events.watch(1.0, lambda: fired.append(source.idle_seconds()))

    qtbot.waitUntil(lambda: len(fired) == 1, timeout=WAIT_MS)
    assert fired[0] is not None
    assert fired[0] >= 1.0
    assert events.fired_count == 1


def test_an_unwatched_watch_does_not_fire(qtbot: QtBot, events: MutterActivityEvents,
                                          pointer: MutterInput) -> None:
    """A watch dropped with unwatch() stays silent when the user comes back."""
    fired: list[str] = []
    assert events.watch(None, lambda: fired.append("fired"))
    events.unwatch()

    pointer.move_pointer()
    assert events.watch(None, lambda: fired.append("second"))  # a fresh watch still works
    pointer.move_pointer()

    qtbot.waitUntil(lambda: fired == ["second"], timeout=WAIT_MS)


def test_the_source_offers_events_only_when_given_a_bus(mutter: WaylandSession) -> None:
    """Detection gives the Mutter source a bus for its watches; without one it is polled."""
    connection = QDBusConnection.connectToBus(mutter.bus_address, "mutter-offer")

    with_events = MutterIdleSource(connection, watch_bus=mutter.bus_address)
    polled = MutterIdleSource(connection)

    assert isinstance(with_events.activity_events, MutterActivityEvents)
    assert polled.activity_events is None
    with_events.close()


def test_without_mutter_the_watch_refuses(qtbot: QtBot, session_bus: PrivateBus) -> None:
    """On a bus where no Mutter answers, watch() says False instead of raising."""
    watcher = MutterActivityEvents(session_bus.address)
    try:
        assert not watcher.watch(180.0, lambda: None)
    finally:
        watcher.close()
