"""Choose the idle backend that fits this session, falling back to one that says it cannot tell.

Order on Linux (and other Unix desktops):
  1. GNOME Mutter IdleMonitor, when ``XDG_CURRENT_DESKTOP`` names GNOME or Mutter's name is
     on the session bus (works on GNOME X11 and Wayland).
  2. ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (KDE on X11, …; NotSupported elsewhere).
  3. ``ext-idle-notify-v1`` when the session is Wayland (KWin, sway 1.8+, Hyprland, …).
  4. X11 MIT-SCREEN-SAVER when ``DISPLAY`` is set and the session is not Wayland. Never on
     Wayland: XScreenSaver under XWayland does not see input to Wayland windows, so the
     user would look idle while typing.
Windows and macOS each have one backend.

Events (:class:`~deskbreath.core.idle.ActivityEvents`, so an idle user is not polled) come
with the real backends: Mutter's watches (when given ``events_bus``), ext-idle-notify-v1's
``idled``/``resumed`` (:class:`~deskbreath.desktop.idle.wayland_events.WaylandActivityEvents`),
and on an X11 session XInput2 raw input
(:class:`~deskbreath.desktop.idle.x11_events.X11ActivityEvents`) for both MIT-SCREEN-SAVER
and ``org.freedesktop.ScreenSaver`` (whose D-Bus API has no input event, but whose desktops,
KDE Plasma on X11 and Xfce, run on an X server that has them). ``org.freedesktop.ScreenSaver``
on a session that is not X11 is polled. Windows and macOS are polled.

Falling back later: backends answer ``None`` on a transient error and expose ``healthy``
(see :mod:`deskbreath.desktop.idle.base`). When
:func:`~deskbreath.desktop.idle.base.is_healthy` turns False, close the source and call
``detect(exclude={source.name})`` to get the next one.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from PySide6.QtDBus import QDBusConnection

from deskbreath.core.idle import IdleSource
from deskbreath.desktop.dbus import name_has_owner
from deskbreath.desktop.idle import macos, mutter, screensaver, wayland, windows, x11
from deskbreath.desktop.idle.base import BackendUnavailable, NullIdleSource
from deskbreath.desktop.idle.wayland_events import WaylandActivityEvents
from deskbreath.desktop.idle.x11_events import X11ActivityEvents
from deskbreath.desktop.session_type import is_wayland_session

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackendFactories:
    """How each backend is built and how Mutter's presence is checked; tests pass fakes.

    Every factory either returns a working IdleSource or raises BackendUnavailable. The
    ``screensaver`` one takes the X display whose input events to attach (None: on a
    Wayland session, or without ``DISPLAY``), ``wayland`` the Wayland display, ``x11`` the
    X display.
    """

    windows: Callable[[], IdleSource]
    macos: Callable[[], IdleSource]
    mutter: Callable[[], IdleSource]
    screensaver: Callable[[str | None], IdleSource]
    wayland: Callable[[str | None], IdleSource]
    x11: Callable[[str], IdleSource]
    mutter_on_bus: Callable[[], bool]


def real_factories(session_bus: QDBusConnection | None = None,
                   events_bus: str | None = None) -> BackendFactories:
    """The real backends.

    D-Bus ones use ``session_bus`` (default: the session bus), and Mutter's watches
    ``events_bus`` (``"SESSION"`` or an address; None: no watches, the idle time is only
    polled). The X11 one comes with its input events (XInput2, opened at the first watch),
    and so does ``org.freedesktop.ScreenSaver`` when given an X display; ext-idle-notify-v1
    comes with its ``idled``/``resumed`` events.
    """

    def bus() -> QDBusConnection:
        connection = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        if not connection.isConnected():
            raise BackendUnavailable(
                f"no session bus: {connection.lastError().message() or 'not connected'}")
        return connection

    def x11_with_events(display: str) -> IdleSource:
        source = x11.X11IdleSource(display)
        source.activity_events = X11ActivityEvents(display, source.idle_seconds)
        return source

    def screensaver_with_events(x_display: str | None) -> IdleSource:
        source = screensaver.ScreenSaverIdleSource(bus())
        if x_display is not None:  # its threshold timer reads the ScreenSaver idle time
            source.activity_events = X11ActivityEvents(x_display, source.idle_seconds)
        return source

    def wayland_with_events(display: str | None) -> IdleSource:
        source = wayland.WaylandIdleSource(display)
        source.activity_events = WaylandActivityEvents(source)
        return source

    def mutter_on_bus() -> bool:
        try:
            return name_has_owner(bus(), mutter.SERVICE)
        except BackendUnavailable:
            return False

    return BackendFactories(
        windows=windows.WindowsIdleSource,
        macos=macos.MacIdleSource,
        mutter=lambda: mutter.MutterIdleSource(bus(), watch_bus=events_bus),
        screensaver=screensaver_with_events,
        wayland=wayland_with_events,
        x11=x11_with_events,
        mutter_on_bus=mutter_on_bus,
    )


def _is_gnome(env: Mapping[str, str]) -> bool:
    desktops = env.get("XDG_CURRENT_DESKTOP", "").lower().split(":")
    return any("gnome" in desktop for desktop in desktops)


def _plan(env: Mapping[str, str], platform: str, factories: BackendFactories,
          lines: list[str]) -> list[tuple[str, Callable[[], IdleSource]]]:
    """The backends worth trying, in order; lines explain the ones skipped."""
    if platform == "win32":
        return [(windows.NAME, factories.windows)]
    if platform == "darwin":
        return [(macos.NAME, factories.macos)]
    plan: list[tuple[str, Callable[[], IdleSource]]] = []
    if _is_gnome(env) or factories.mutter_on_bus():
        plan.append((mutter.NAME, factories.mutter))
    else:
        lines.append(f"skipped {mutter.NAME}: not GNOME and "
                     f"{mutter.SERVICE} is not on the session bus")
    wayland_session = is_wayland_session(env)
    display = env.get("DISPLAY", "")
    x_display = display if display and not wayland_session else None
    plan.append((screensaver.NAME, lambda: factories.screensaver(x_display)))
    if wayland_session:
        wayland_display = env.get("WAYLAND_DISPLAY") or None
        plan.append((wayland.NAME, lambda: factories.wayland(wayland_display)))
    else:
        lines.append(f"skipped {wayland.NAME}: not a Wayland session")
    if wayland_session:
        lines.append(f"skipped {x11.NAME}: Wayland session (XWayland does not see "
                     "input to Wayland windows)")
    elif not display:
        lines.append(f"skipped {x11.NAME}: DISPLAY is not set")
    else:
        plan.append((x11.NAME, lambda: factories.x11(display)))
    return plan


def detect(env: Mapping[str, str] = os.environ, *, platform: str = sys.platform,
           exclude: Collection[str] = (), session_bus: QDBusConnection | None = None,
           events_bus: str | None = None,
           factories: BackendFactories | None = None) -> tuple[IdleSource, list[str]]:
    """Try the backends that fit this session and return the first that works.

    Args:
        env: the environment to judge the session by.
        platform: ``sys.platform`` of the system.
        exclude: backend names not to try (e.g. one that turned unhealthy).
        session_bus: the session bus for the D-Bus backends (default: the real one).
        events_bus: the bus address for Mutter's watches (``"SESSION"``: the one in the
            environment), None for none (see :func:`real_factories`).
        factories: how to build backends; tests pass fakes.

    Returns:
        The chosen source (a :class:`NullIdleSource` carrying the reason if none works) and
        one log line per backend considered, ending with the choice.
    """
    factories = (factories if factories is not None
                 else real_factories(session_bus, events_bus))
    lines: list[str] = []
    failed: list[str] = []
    for name, factory in _plan(env, platform, factories, lines):
        if name in exclude:
            lines.append(f"skipped {name}: excluded (it failed before)")
            failed.append(name)
            continue
        try:
            source = factory()
        except BackendUnavailable as error:
            lines.append(f"tried {name}: {error.reason}")
            failed.append(name)
            continue
        lines.append(f"using {name}")
        for line in lines:
            log.info("idle detection: %s", line)
        return source, lines
    reason = ("no idle backend worked (tried " + ", ".join(failed) + ")" if failed
              else "no idle backend fits this session")
    lines.append(f"using the fallback: {reason}; sitting time counts while the session runs")
    for line in lines:
        log.warning("idle detection: %s", line)
    return NullIdleSource(reason), lines
