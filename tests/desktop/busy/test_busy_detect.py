"""Busy detection: one source per backend that fits the session, and a fallback that says
why for every signal nothing reads here.
"""

from __future__ import annotations

from deskbreath.core.holds import HOLD_PRIORITY, HoldReason
from deskbreath.desktop.busy.base import NullBusySource
from deskbreath.desktop.busy.detect import WAYLAND_FULLSCREEN, detect


def _reasons(platform: str, env: dict[str, str]) -> dict[HoldReason, list[str]]:
    sources, lines = detect(idle_seconds=lambda: 0.0, typing_lull=lambda: 3.0, env=env,
                            platform=platform)
    assert len(lines) == len(sources)
    found: dict[HoldReason, list[str]] = {}
    for source in sources:
        found.setdefault(source.reason, []).append(source.name)
    return found


def test_every_signal_has_a_source_on_every_platform() -> None:
    """Linux (X11 and Wayland), Windows and macOS each list all seven signals, in the order
    of the hold priority.
    """
    for platform, env in (("linux", {"XDG_CURRENT_DESKTOP": "GNOME", "DISPLAY": ""}),
                          ("linux", {"WAYLAND_DISPLAY": "wayland-0"}),
                          ("win32", {}), ("darwin", {})):
        found = _reasons(platform, env)
        assert list(found) == list(HOLD_PRIORITY), platform


def test_wayland_says_the_inhibitor_is_the_fullscreen_signal() -> None:
    """On Wayland full screen falls back, saying an idle inhibitor is the signal there."""
    sources, _ = detect(idle_seconds=lambda: 0.0, typing_lull=lambda: 3.0,
                        env={"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"},
                        platform="linux")
    fullscreen = [s for s in sources if s.reason is HoldReason.FULLSCREEN]

    assert len(fullscreen) == 1
    assert isinstance(fullscreen[0], NullBusySource)
    assert fullscreen[0].why == WAYLAND_FULLSCREEN
    assert fullscreen[0].is_busy() is None


def test_gnome_reads_show_banners_and_macos_says_focus_is_unreadable() -> None:
    """GNOME gets its show-banners backend; macOS says plainly that Focus has no API."""
    gnome = _reasons("linux", {"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"})
    mac = _reasons("darwin", {})

    assert any("show-banners" in name for name in gnome[HoldReason.DO_NOT_DISTURB])
    assert mac[HoldReason.DO_NOT_DISTURB] == ["none (macOS: Focus has no public API for other "
                                              "apps)"]
