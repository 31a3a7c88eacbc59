"""The appearance portal is read and followed live, against a real D-Bus service."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.desktop.appearance.base import ColorScheme
from deskbreath.desktop.appearance.portal import AppearancePortal
from tests.desktop.appearance.portal_mock import MockPortal, mock_portal
from tests.desktop.conftest import PrivateBus
from tests.support.waits import WAIT_MS

pytestmark = pytest.mark.dbus


@pytest.fixture
def dark_portal(session_bus: PrivateBus) -> Iterator[MockPortal]:
    """A version 2 portal whose color-scheme is "prefer dark"."""
    with mock_portal(session_bus.address, version=2, scheme=1) as portal:
        yield portal


def test_first_read_gives_the_current_preference(qtbot: QtBot, session_bus: PrivateBus,
                                                 dark_portal: MockPortal) -> None:
    """At start the value is read (ReadOne) and announced."""
    portal = AppearancePortal(session_bus.connect())

    with qtbot.waitSignal(portal.changed, timeout=WAIT_MS) as blocker:
        pass

    assert blocker.args == [ColorScheme.DARK]
    assert portal.scheme is ColorScheme.DARK


def test_a_switch_on_the_desktop_arrives_live(qtbot: QtBot, session_bus: PrivateBus,
                                              dark_portal: MockPortal) -> None:
    """SettingChanged for color-scheme updates the value and is announced."""
    portal = AppearancePortal(session_bus.connect())
    qtbot.waitUntil(lambda: portal.scheme is ColorScheme.DARK, timeout=WAIT_MS)

    with qtbot.waitSignal(portal.changed, timeout=WAIT_MS) as blocker:
        dark_portal.set_color_scheme(2)

    assert blocker.args == [ColorScheme.LIGHT]
    assert portal.scheme is ColorScheme.LIGHT


def test_other_settings_are_ignored(qtbot: QtBot, session_bus: PrivateBus,
                                    dark_portal: MockPortal) -> None:
    """A change of another namespace's setting changes nothing (D-Bus keeps one sender's
    signals in order, so once the later color-scheme change is in, the other one was seen).
    """
    portal = AppearancePortal(session_bus.connect())
    qtbot.waitUntil(lambda: portal.scheme is ColorScheme.DARK, timeout=WAIT_MS)
    announced: list[ColorScheme] = []
    portal.changed.connect(announced.append)

    dark_portal.change_other_setting()
    with qtbot.waitSignal(portal.changed, timeout=WAIT_MS):
        dark_portal.set_color_scheme(0)

    assert announced == [ColorScheme.NO_PREFERENCE]


def test_version_1_portal_is_read_with_read(qtbot: QtBot, session_bus: PrivateBus) -> None:
    """A portal without ReadOne answers Read, whose value sits in a second variant."""
    with mock_portal(session_bus.address, version=1, scheme=2):
        portal = AppearancePortal(session_bus.connect())

        with qtbot.waitSignal(portal.changed, timeout=WAIT_MS) as blocker:
            pass

    assert blocker.args == [ColorScheme.LIGHT]


def test_without_a_portal_nothing_is_announced(qtbot: QtBot, session_bus: PrivateBus) -> None:
    """With no portal on the bus the value stays unknown, and the read ends."""
    portal = AppearancePortal(session_bus.connect())

    qtbot.waitUntil(lambda: portal.settled, timeout=WAIT_MS)

    assert portal.scheme is None


def test_a_portal_that_starts_later_is_followed(qtbot: QtBot, session_bus: PrivateBus) -> None:
    """The subscription follows the portal's name, so a portal started later is heard."""
    portal = AppearancePortal(session_bus.connect())
    qtbot.waitUntil(lambda: portal.settled, timeout=WAIT_MS)

    with (mock_portal(session_bus.address, version=2) as late,
          qtbot.waitSignal(portal.changed, timeout=WAIT_MS) as blocker):
        late.set_color_scheme(1)

    assert blocker.args == [ColorScheme.DARK]
