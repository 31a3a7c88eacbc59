"""A tray host that comes or goes is noticed from events, so an idle app does not poll for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from pytestqt.qtbot import QtBot

from deskbreath.qt.tray.host_events import (
    SNI_HOST_SIGNALS,
    SNI_WATCHER,
    SNI_WATCHER_PATH,
    TrayHostEvents,
)
from deskbreath.qt.tray.icon import (
    TRAY_POLL_MISSING_MS,
    TRAY_POLL_PRESENT_MS,
    TRAY_SAFETY_CHECK_MS,
    TrayAvailability,
)
from tests.support.waits import WAIT_MS
from tests.support.xserver import dbus_daemon


@pytest.fixture
def bus_address() -> Iterator[str]:
    """A private dbus-daemon playing the session bus; its address."""
    with dbus_daemon() as address:
        yield address


def test_a_status_notifier_watcher_coming_and_going_is_reported_at_once(
    qtbot: QtBot, bus_address: str,
) -> None:
    """When org.kde.StatusNotifierWatcher gets an owner on the session bus, and when it loses
    it (the tray host quit), maybe_changed comes right away.
    """
    watching = QDBusConnection.connectToBus(bus_address, "deskbreath-test-watching")
    host = QDBusConnection.connectToBus(bus_address, "deskbreath-test-host")
    events = TrayHostEvents(watching)
    # The subscription (AddMatch) travels on its own; one blocking call on the same connection
    # makes sure the bus has it before the host appears.
    assert watching.interface().isServiceRegistered("org.freedesktop.DBus").value()
    try:
        with qtbot.waitSignal(events.maybe_changed, timeout=WAIT_MS):
            assert host.registerService(SNI_WATCHER)
        with qtbot.waitSignal(events.maybe_changed, timeout=WAIT_MS):
            assert host.unregisterService(SNI_WATCHER)
    finally:
        events.close()
        events.close()
        QDBusConnection.disconnectFromBus("deskbreath-test-watching")
        QDBusConnection.disconnectFromBus("deskbreath-test-host")


@pytest.mark.parametrize("signal_name", SNI_HOST_SIGNALS)
def test_a_host_registering_with_the_watcher_or_leaving_it_is_reported_at_once(
    qtbot: QtBot, bus_address: str, signal_name: str,
) -> None:
    """A StatusNotifierHost that registers with a running watcher (Plasma's panel restarting
    while kded keeps the watcher), or leaves it, brings maybe_changed right away.
    """
    watching = QDBusConnection.connectToBus(bus_address, "deskbreath-test-watching")
    host = QDBusConnection.connectToBus(bus_address, "deskbreath-test-host")
    assert host.registerService(SNI_WATCHER)
    events = TrayHostEvents(watching)
    assert watching.interface().isServiceRegistered("org.freedesktop.DBus").value()
    try:
        assert events.complete
        with qtbot.waitSignal(events.maybe_changed, timeout=WAIT_MS):
            assert host.send(QDBusMessage.createSignal(SNI_WATCHER_PATH, SNI_WATCHER,
                                                       signal_name))
    finally:
        events.close()
        QDBusConnection.disconnectFromBus("deskbreath-test-watching")
        QDBusConnection.disconnectFromBus("deskbreath-test-host")


class _Events(QObject):
    maybe_changed = Signal()

    def __init__(self, *, complete: bool = False) -> None:
        super().__init__()
        self.complete = complete


def _watch_interval(availability: TrayAvailability) -> int:
    timer = availability.findChild(QTimer, "deskbreath-tray-watch")
    assert isinstance(timer, QTimer)
    return timer.interval()


def test_with_complete_events_the_watch_checks_only_every_ten_minutes(qtbot: QtBot) -> None:
    """When events report every host coming and going, there is no 3 s or 60 s poll: with a
    tray or without one, the only check between events is the ten-minute safety check.
    """
    present = [False]
    availability = TrayAvailability(lambda: present[0], events=_Events(complete=True))
    availability.start()
    missing_interval = _watch_interval(availability)
    present[0] = True
    availability.poll()

    assert (missing_interval, _watch_interval(availability)) == (
        TRAY_SAFETY_CHECK_MS, TRAY_SAFETY_CHECK_MS)
    assert TRAY_SAFETY_CHECK_MS >= 10 * 60_000


def test_without_complete_events_the_watch_polls_as_before(qtbot: QtBot) -> None:
    """Events that may miss a host (a subscription failed) leave the polls in place."""
    present = [False]
    availability = TrayAvailability(lambda: present[0], events=_Events(complete=False))
    missing_interval = _watch_interval(availability)
    present[0] = True
    availability.poll()

    assert (missing_interval, _watch_interval(availability)) == (
        TRAY_POLL_MISSING_MS, TRAY_POLL_PRESENT_MS)


def test_an_event_makes_the_availability_check_at_once(qtbot: QtBot) -> None:
    """With a tray present (polled once a minute), an event leads to a check and to
    changed(False) long before the next poll.
    """
    present = [True]
    events = _Events()
    availability = TrayAvailability(lambda: present[0], events=events)
    availability.start()
    present[0] = False

    with qtbot.waitSignal(availability.changed, timeout=TRAY_POLL_PRESENT_MS // 10) as changed:
        events.maybe_changed.emit()

    assert changed.args == [False]
    assert availability.available is False
