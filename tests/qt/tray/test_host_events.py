"""A tray host that comes or goes is noticed from events, not from the once-a-minute poll."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from deskbreath.qt.tray.host_events import SNI_WATCHER, TrayHostEvents
from deskbreath.qt.tray.icon import TRAY_POLL_PRESENT_MS, TrayAvailability
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


class _Events(QObject):
    maybe_changed = Signal()


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
