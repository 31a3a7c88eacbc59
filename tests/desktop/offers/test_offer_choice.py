"""How offers are shown is chosen from the session type and the Qt platform that loaded."""

from __future__ import annotations

import pytest

from deskbreath.desktop.offers.detect import (
    XWAYLAND_FIRST,
    OfferPath,
    detect,
    qt_platform_request,
)

WAYLAND_WITH_XWAYLAND = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":1",
                         "XDG_SESSION_TYPE": "wayland"}


@pytest.mark.parametrize("env", [
    WAYLAND_WITH_XWAYLAND,
    {"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"},
    WAYLAND_WITH_XWAYLAND | {"QT_QPA_PLATFORM": "wayland"},
    WAYLAND_WITH_XWAYLAND | {"QT_QPA_PLATFORM": "wayland;xcb"},
])
def test_wayland_session_with_xwayland_asks_qt_for_xcb_first(env: dict[str, str]) -> None:
    """With Xwayland, Qt is asked for xcb (Wayland if Xwayland fails), even over a
    QT_QPA_PLATFORM that names Wayland for every Qt app.
    """
    assert qt_platform_request(env) == XWAYLAND_FIRST == "xcb;wayland"


@pytest.mark.parametrize("env", [
    {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"},
    {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"},
    WAYLAND_WITH_XWAYLAND | {"QT_QPA_PLATFORM": "offscreen"},
    WAYLAND_WITH_XWAYLAND | {"QT_QPA_PLATFORM": "xcb"},
    {},
])
def test_other_sessions_leave_qt_its_own_choice(env: dict[str, str]) -> None:
    """X11, Wayland without Xwayland, and an explicit non-Wayland QT_QPA_PLATFORM get no
    platform request.
    """
    assert qt_platform_request(env) is None


def test_xcb_in_a_wayland_session_shows_windows_through_xwayland() -> None:
    """Qt on xcb in a Wayland session: offer windows go through Xwayland, and diagnostics say
    why.
    """
    choice = detect(WAYLAND_WITH_XWAYLAND, "xcb")

    assert choice.path is OfferPath.XWAYLAND_WINDOW
    assert not choice.waits_in_tray
    assert "Xwayland" in choice.summary
    assert "cannot refuse keyboard focus" in choice.reason
    assert choice.facts == ("qt_platform=xcb wayland_session=true display=:1 "
                            "qt_qpa_platform=-")


def test_overridden_wayland_preference_is_named_in_the_reason() -> None:
    """When QT_QPA_PLATFORM asked for Wayland, the reason says deskbreath did not follow it."""
    choice = detect(WAYLAND_WITH_XWAYLAND | {"QT_QPA_PLATFORM": "wayland"}, "xcb")

    assert choice.path is OfferPath.XWAYLAND_WINDOW
    assert "QT_QPA_PLATFORM=wayland" in choice.reason


@pytest.mark.parametrize(("env", "why"), [
    ({"WAYLAND_DISPLAY": "wayland-0"}, "no Xwayland (DISPLAY is not set)"),
    (WAYLAND_WITH_XWAYLAND, "Xwayland (:1) could not be reached"),
])
def test_qt_on_wayland_makes_offers_wait_in_the_tray(env: dict[str, str], why: str) -> None:
    """A Wayland window cannot refuse focus: offers wait in the tray, and the reason says what
    was missing.
    """
    choice = detect(env, "wayland")

    assert choice.path is OfferPath.TRAY
    assert choice.waits_in_tray
    assert "tray" in choice.summary
    assert why in choice.reason


@pytest.mark.parametrize(("env", "platform", "why"), [
    ({"DISPLAY": ":0"}, "xcb", "X11"),
    ({}, "windows", "windows platform"),
    ({}, "cocoa", "cocoa platform"),
    ({}, "offscreen", "offscreen platform"),
])
def test_elsewhere_offers_are_windows_that_do_not_take_focus(
        env: dict[str, str], platform: str, why: str) -> None:
    """X11, Windows, macOS (and the test platform) show offer windows without activation."""
    choice = detect(env, platform)

    assert choice.path is OfferPath.WINDOW
    assert why in choice.reason
