"""Windows and macOS idle logic and native lock/sleep mappings, with fake OS calls."""

from __future__ import annotations

import sys

import pytest

from deskbreath.core.idle import is_healthy
from deskbreath.desktop.idle.base import BackendUnavailable
from deskbreath.desktop.idle.macos import MacIdleSource
from deskbreath.desktop.idle.windows import WindowsIdleSource, idle_milliseconds
from deskbreath.desktop.session import events as pe


def test_windows_idle_is_tick_difference_in_seconds() -> None:
    """Idle is GetTickCount minus the last input tick, in seconds."""
    source = WindowsIdleSource(last_input_tick=lambda: 10_000, tick_count=lambda: 12_500)

    assert source.idle_seconds() == 2.5


def test_windows_idle_survives_the_49_day_tick_wrap() -> None:
    """Input just before the 32-bit tick counter wrapped still gives a small idle time."""
    source = WindowsIdleSource(last_input_tick=lambda: 0xFFFFFF00, tick_count=lambda: 0x100)

    assert source.idle_seconds() == pytest.approx(0.512)
    assert idle_milliseconds(5, 5) == 0


def test_windows_failures_answer_none_then_turn_unhealthy() -> None:
    """A failing GetLastInputInfo gives None, and three in a row make the source unhealthy."""

    def broken() -> int:
        raise OSError("access denied")

    source = WindowsIdleSource(last_input_tick=broken, tick_count=lambda: 1)

    answers = [source.idle_seconds() for _ in range(3)]

    assert answers == [None, None, None]
    assert not is_healthy(source)


@pytest.mark.skipif(sys.platform == "win32", reason="checks the non-Windows path")
def test_windows_backend_is_unavailable_elsewhere() -> None:
    """Without injected calls the Windows backend refuses to start on other systems."""
    with pytest.raises(BackendUnavailable, match="only on Windows"):
        WindowsIdleSource()


def test_macos_idle_passes_seconds_through() -> None:
    """The macOS backend returns CGEventSource's seconds unchanged."""
    source = MacIdleSource(seconds_since_last_event=lambda: 42.25)

    assert source.idle_seconds() == 42.25
    assert is_healthy(source)


def test_macos_nonsense_answers_are_unknown() -> None:
    """NaN or negative answers count as failures, not as idle time."""
    values = iter([float("nan"), -1.0, float("inf")])
    source = MacIdleSource(seconds_since_last_event=lambda: next(values))

    answers = [source.idle_seconds() for _ in range(3)]

    assert answers == [None, None, None]
    assert not source.healthy


@pytest.mark.skipif(sys.platform == "darwin", reason="checks the non-macOS path")
def test_macos_backend_is_unavailable_elsewhere() -> None:
    """Without an injected call the macOS backend refuses to start on other systems."""
    with pytest.raises(BackendUnavailable, match="only on macOS"):
        MacIdleSource()


@pytest.mark.parametrize(
    ("message", "wparam", "expected"),
    [
        (pe.WM_POWERBROADCAST, pe.PBT_APMSUSPEND, ("asleep", True)),
        (pe.WM_POWERBROADCAST, pe.PBT_APMRESUMESUSPEND, ("asleep", False)),
        (pe.WM_POWERBROADCAST, pe.PBT_APMRESUMEAUTOMATIC, ("asleep", False)),
        (pe.WM_WTSSESSION_CHANGE, pe.WTS_SESSION_LOCK, ("locked", True)),
        (pe.WM_WTSSESSION_CHANGE, pe.WTS_SESSION_UNLOCK, ("locked", False)),
        (pe.WM_POWERBROADCAST, 0x000A, None),  # PBT_APMPOWERSTATUSCHANGE
        (pe.WM_WTSSESSION_CHANGE, 0x1, None),  # WTS_CONSOLE_CONNECT
        (0x0010, 0, None),  # WM_CLOSE
    ],
)
def test_windows_messages_map_to_away_changes(
        message: int, wparam: int, expected: tuple[str, bool] | None) -> None:
    """Suspend/resume and lock/unlock become away changes; other messages are ignored."""
    event = pe.windows_message_to_event(message, wparam)

    assert (None if event is None else (event.reason, event.away)) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("NSWorkspaceWillSleepNotification", ("asleep", True)),
        ("NSWorkspaceDidWakeNotification", ("asleep", False)),
        ("com.apple.screenIsLocked", ("locked", True)),
        ("com.apple.screenIsUnlocked", ("locked", False)),
        ("NSWorkspaceSessionDidResignActiveNotification", ("locked", True)),
        ("NSWorkspaceScreensDidSleepNotification", None),
    ],
)
def test_macos_notifications_map_to_away_changes(
        name: str, expected: tuple[str, bool] | None) -> None:
    """Sleep/wake and lock/unlock notifications become away changes; others are ignored."""
    event = pe.macos_notification_to_event(name)

    assert (None if event is None else (event.reason, event.away)) == expected


def test_aggregator_reports_unlock_only_when_every_source_agrees() -> None:
    """Two lock sources: the reason ends only when the last one says unlocked."""
    aggregator = pe.AwayAggregator()

    changes = [
        aggregator.apply(pe.AwayEvent("lock-screen", "locked", True)),
        aggregator.apply(pe.AwayEvent("user-switch", "locked", True)),
        aggregator.apply(pe.AwayEvent("lock-screen", "locked", False)),
        aggregator.apply(pe.AwayEvent("user-switch", "locked", False)),
        aggregator.apply(pe.AwayEvent("user-switch", "locked", False)),
    ]

    assert changes == [("locked", True), None, None, ("locked", False), None]


def test_aggregator_keeps_reasons_apart() -> None:
    """Sleeping does not change the locked answer."""
    aggregator = pe.AwayAggregator()
    aggregator.apply(pe.AwayEvent("lock-screen", "locked", True))

    change = aggregator.apply(pe.AwayEvent("power", "asleep", True))

    assert change == ("asleep", True)
    assert aggregator.away("locked")
