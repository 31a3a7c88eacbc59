"""detect() picks the backend that fits the session, and says why it skipped the others."""

from __future__ import annotations

import pytest

from deskbreath.core.idle import IdleSource
from deskbreath.desktop.idle.base import BackendUnavailable, NullIdleSource
from deskbreath.desktop.idle.detect import BackendFactories, detect
from tests.desktop.conftest import PrivateBus
from tests.support.xserver import XServer


class NamedSource:
    """A stand-in backend that only has a name."""

    def __init__(self, name: str) -> None:
        self.name = name

    def idle_seconds(self) -> float | None:
        return 0.0

    def close(self) -> None:
        return None


class FakeBackends:
    """Factories whose availability the test sets; records what was tried, in order."""

    def __init__(self, *working: str, mutter_on_bus: bool = False) -> None:
        self.working = set(working)
        self.tried: list[str] = []
        self.args: dict[str, object] = {}
        self._mutter_on_bus = mutter_on_bus

    def _make(self, key: str, arg: object = None) -> IdleSource:
        self.tried.append(key)
        self.args[key] = arg
        if key not in self.working:
            raise BackendUnavailable(f"{key} is not here")
        return NamedSource(key)

    def factories(self) -> BackendFactories:
        return BackendFactories(
            windows=lambda: self._make("windows"),
            macos=lambda: self._make("macos"),
            mutter=lambda: self._make("mutter"),
            screensaver=lambda x_display: self._make("screensaver", x_display),
            wayland=lambda display: self._make("wayland", display),
            x11=lambda display: self._make("x11", display),
            mutter_on_bus=lambda: self._mutter_on_bus,
        )



@pytest.mark.parametrize(
    ("platform", "env", "expected_order"),
    [
        ("win32", {}, ["windows"]),
        ("darwin", {}, ["macos"]),
        ("linux", {"XDG_CURRENT_DESKTOP": "ubuntu:GNOME", "WAYLAND_DISPLAY": "wayland-0",
                   "DISPLAY": ":0"}, ["mutter", "screensaver", "wayland"]),
        ("linux", {"XDG_CURRENT_DESKTOP": "KDE", "WAYLAND_DISPLAY": "wayland-0",
                   "DISPLAY": ":1"}, ["screensaver", "wayland"]),
        ("linux", {"XDG_CURRENT_DESKTOP": "KDE", "XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"},
         ["screensaver", "x11"]),
        ("linux", {"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, ["screensaver", "wayland"]),
        ("linux", {}, ["screensaver"]),
    ],
)
def test_backends_are_tried_in_the_order_that_fits_the_session(
        platform: str, env: dict[str, str], expected_order: list[str]) -> None:
    """Each session gets its own order; X11 is never tried on Wayland."""
    backends = FakeBackends()

    source, _ = detect(env, platform=platform, factories=backends.factories())

    assert backends.tried == expected_order
    assert isinstance(source, NullIdleSource)


def test_first_working_backend_wins_and_the_log_explains() -> None:
    """On a KDE X11 session with a broken ScreenSaver service, X11 wins and lines say why."""
    backends = FakeBackends("x11", "wayland")
    env = {"XDG_CURRENT_DESKTOP": "KDE", "DISPLAY": ":5"}

    source, lines = detect(env, platform="linux", factories=backends.factories())

    assert source.name == "x11"
    assert backends.args["x11"] == ":5"
    assert lines == [
        "skipped GNOME Mutter IdleMonitor: not GNOME and org.gnome.Mutter.IdleMonitor is not "
        "on the session bus",
        "skipped Wayland ext-idle-notify-v1: not a Wayland session",
        "tried org.freedesktop.ScreenSaver: screensaver is not here",
        "using X11 MIT-SCREEN-SAVER",
    ]


def test_mutter_on_the_bus_is_tried_even_without_gnome_in_the_desktop_name() -> None:
    """A GNOME-based desktop with another name still gets Mutter when it is on the bus."""
    backends = FakeBackends("mutter", mutter_on_bus=True)

    source, _ = detect({"XDG_CURRENT_DESKTOP": "Budgie"}, platform="linux",
                       factories=backends.factories())

    assert source.name == "mutter"


def test_wayland_backend_gets_the_wayland_display() -> None:
    """The ext-idle-notify backend connects to WAYLAND_DISPLAY."""
    backends = FakeBackends("wayland")

    detect({"WAYLAND_DISPLAY": "wayland-7"}, platform="linux", factories=backends.factories())

    assert backends.args["wayland"] == "wayland-7"


@pytest.mark.parametrize(
    ("env", "x_display"),
    [
        ({"XDG_CURRENT_DESKTOP": "KDE", "XDG_SESSION_TYPE": "x11", "DISPLAY": ":3"}, ":3"),
        ({"XDG_CURRENT_DESKTOP": "XFCE", "DISPLAY": ":4"}, ":4"),
        ({"XDG_CURRENT_DESKTOP": "KDE", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":1"}, None),
        ({"XDG_CURRENT_DESKTOP": "KDE"}, None),
    ],
)
def test_screensaver_backend_gets_the_x_display_for_input_events_only_off_wayland(
        env: dict[str, str], x_display: str | None) -> None:
    """On an X11 session the ScreenSaver backend is given DISPLAY for XInput2 events; on a
    Wayland session (XWayland sees no input to Wayland windows) or without DISPLAY, none.
    """
    backends = FakeBackends("screensaver")

    detect(env, platform="linux", factories=backends.factories())

    assert backends.args["screensaver"] == x_display


def test_excluded_backend_is_skipped_for_the_next_one() -> None:
    """After a backend turned unhealthy, detect(exclude=...) moves on to the next."""
    backends = FakeBackends("mutter", "screensaver")

    source, lines = detect({"XDG_CURRENT_DESKTOP": "GNOME"}, platform="linux",
                           exclude={"GNOME Mutter IdleMonitor"}, factories=backends.factories())

    assert source.name == "screensaver"
    assert "skipped GNOME Mutter IdleMonitor: excluded (it failed before)" in lines


def test_fallback_carries_the_reason_and_says_it_is_a_fallback() -> None:
    """With nothing working the fallback names what was tried."""
    backends = FakeBackends()

    source, lines = detect({"DISPLAY": ":0"}, platform="linux", factories=backends.factories())

    assert isinstance(source, NullIdleSource)
    assert source.reason == ("no idle backend worked (tried org.freedesktop.ScreenSaver, "
                             "X11 MIT-SCREEN-SAVER)")
    assert lines[-1].startswith("using the fallback: no idle backend worked")
    assert source.idle_seconds() is None


@pytest.mark.dbus
def test_real_detection_finds_mutter_by_its_bus_name(session_bus: PrivateBus) -> None:
    """With the real factories, Mutter's name on the session bus is enough to choose it."""
    session_bus.start_fake_desktop("org.gnome.Mutter.IdleMonitor")

    source, _ = detect({"XDG_CURRENT_DESKTOP": "X-Generic"}, platform="linux",
                       session_bus=session_bus.connect())

    assert source.name == "GNOME Mutter IdleMonitor"
    assert source.idle_seconds() == 1.234


@pytest.mark.dbus
def test_real_detection_uses_x11_when_the_bus_offers_nothing(
        session_bus: PrivateBus, xserver: XServer) -> None:
    """An X11 session whose bus has no idle service ends up on the real X11 backend."""
    source, lines = detect({"DISPLAY": xserver.display, "XDG_SESSION_TYPE": "x11"},
                           platform="linux", session_bus=session_bus.connect())
    try:
        assert source.name == "X11 MIT-SCREEN-SAVER"
        assert source.idle_seconds() is not None
        assert any("org.freedesktop.ScreenSaver" in line and "ServiceUnknown" in line
                   for line in lines)
    finally:
        source.close()
