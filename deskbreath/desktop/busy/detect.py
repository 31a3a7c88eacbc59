"""Choose the busy backends that fit this session.

A signal no backend can read here gets a :class:`~deskbreath.desktop.busy.base.NullBusySource`
that says why.

Detection is cheap (the environment, at most one ``NameHasOwner`` call, opening an X
connection): every real question is asked later, only while a prompt is due.

Linux:
  * do not disturb: GNOME's ``show-banners`` (on GNOME), KDE Plasma's ``Inhibited`` and
    dunst's ``paused`` (whichever notification server runs), XFCE's xfconf key (on XFCE, or
    when xfconfd runs);
  * full screen: the X11 active window (not on Wayland: no API tells there);
  * idle inhibitors: logind ``BlockInhibited``, GNOME's session manager;
  * microphone: PulseAudio/PipeWire source outputs; camera: ``/dev/video*`` held open;
  * screen sharing: no desktop says so (see :data:`SCREEN_SHARING_UNKNOWN`);
  * typing: the idle source.
Windows and macOS: see :mod:`.windows` and :mod:`.macos`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping

from PySide6.QtDBus import QDBusConnection

from deskbreath.core.holds import HOLD_PRIORITY, HoldReason
from deskbreath.desktop.busy import dbus_sources, macos, windows
from deskbreath.desktop.busy.base import BusySource, NullBusySource
from deskbreath.desktop.busy.camera import CameraSource
from deskbreath.desktop.busy.gnome_banners import GnomeBannersSource
from deskbreath.desktop.busy.pulse import PulseMicrophoneSource
from deskbreath.desktop.busy.typing import TypingSource
from deskbreath.desktop.busy.x11_fullscreen import X11FullscreenSource
from deskbreath.desktop.dbus import name_has_owner
from deskbreath.desktop.idle.base import BackendUnavailable
from deskbreath.desktop.session_type import is_wayland_session
from deskbreath.i18n import N_

log = logging.getLogger(__name__)

SCREEN_SHARING_UNKNOWN = N_(
    "no desktop API tells whether the screen is being shared (GNOME shows its indicator from "
    "inside the shell, KDE and wlroots desktops have none); a shared screen comes with a "
    "call, which the microphone and camera signals catch")
WAYLAND_FULLSCREEN = N_(
    "Wayland: no API tells whether the active window is full screen; a full-screen video or "
    "presentation holds an idle inhibitor, which is the signal here")
NO_DND = N_("no do-not-disturb switch known on this desktop")
NO_INHIBITORS = N_("neither logind (system bus) nor GNOME's session manager is reachable, so "
                 "idle inhibitors cannot be read")
_MISSING = {HoldReason.DO_NOT_DISTURB: NO_DND, HoldReason.IDLE_INHIBITED: NO_INHIBITORS}


def _desktops(env: Mapping[str, str]) -> list[str]:
    return [d.lower() for d in env.get("XDG_CURRENT_DESKTOP", "").split(":") if d]


def _linux(env: Mapping[str, str], session_bus: QDBusConnection | None,
           system_bus: QDBusConnection | None) -> list[BusySource]:
    desktops = _desktops(env)
    sources: list[BusySource] = []
    session = session_bus if session_bus is not None and session_bus.isConnected() else None
    if any("gnome" in d for d in desktops):
        sources.append(GnomeBannersSource(env))
    if session is not None:
        sources += [dbus_sources.kde_inhibited(session), dbus_sources.dunst_paused(session)]
        if "xfce" in desktops or name_has_owner(session, dbus_sources.XFCONF):
            sources.append(dbus_sources.xfce_do_not_disturb(session))
    if is_wayland_session(env):
        sources.append(NullBusySource(HoldReason.FULLSCREEN, WAYLAND_FULLSCREEN))
    else:
        try:
            sources.append(X11FullscreenSource(env.get("DISPLAY")))
        except BackendUnavailable as error:
            sources.append(NullBusySource(HoldReason.FULLSCREEN, error.reason))
    if system_bus is not None and system_bus.isConnected():
        sources.append(dbus_sources.logind_idle_inhibited(system_bus))
    if session is not None and (any("gnome" in d for d in desktops)
                                or name_has_owner(session, dbus_sources.GNOME_SESSION)):
        sources.append(dbus_sources.gnome_idle_inhibited(session))
    sources += [PulseMicrophoneSource(), CameraSource(),
                NullBusySource(HoldReason.SCREEN_SHARING, SCREEN_SHARING_UNKNOWN)]
    return sources


def _windows() -> list[BusySource]:
    return [
        windows.NotificationStateSource(HoldReason.FULLSCREEN, windows.FULLSCREEN_STATES),
        windows.NotificationStateSource(HoldReason.DO_NOT_DISTURB, windows.QUIET_STATES),
        NullBusySource(HoldReason.IDLE_INHIBITED, N_("Windows: power requests of other "
                       "apps can only be read with administrator rights")),
        windows.ConsentStoreSource(HoldReason.MICROPHONE),
        windows.ConsentStoreSource(HoldReason.CAMERA),
        NullBusySource(HoldReason.SCREEN_SHARING, N_("Windows: no API tells whether the "
                       "screen is shared; a shared screen comes with a call, which the "
                       "microphone and camera signals catch")),
    ]


def _macos() -> list[BusySource]:
    return [
        NullBusySource(HoldReason.DO_NOT_DISTURB, N_("macOS: Focus has no public API for other "
                       "apps")),
        NullBusySource(HoldReason.FULLSCREEN, N_("macOS: no public API tells whether the "
                       "frontmost window is full screen")),
        NullBusySource(HoldReason.IDLE_INHIBITED, N_("macOS: display-sleep assertions are not "
                       "read yet")),
        macos.DeviceInUseSource(HoldReason.MICROPHONE),
        macos.DeviceInUseSource(HoldReason.CAMERA),
        NullBusySource(HoldReason.SCREEN_SHARING, N_("macOS: no public API tells whether the "
                       "screen is shared")),
    ]


def detect(*, idle_seconds: Callable[[], float | None], typing_lull: Callable[[], float],
           env: Mapping[str, str] = os.environ, platform: str = sys.platform,
           session_bus: QDBusConnection | None = None,
           system_bus: QDBusConnection | None = None) -> tuple[list[BusySource], list[str]]:
    """The busy sources for this session, in :data:`HOLD_PRIORITY` order of their reasons.

    Args:
        idle_seconds: the idle time in use (for typing).
        typing_lull: the ``typing_lull`` setting, read at each question.
        env: the environment to judge the session by.
        platform: ``sys.platform``.
        session_bus: the session bus (None: no session-bus backends).
        system_bus: the system bus (None: no logind).

    Returns:
        The sources (one :class:`NullBusySource` saying why for each signal nothing reads
        here) and one log line per source.
    """
    if platform == "win32":
        sources = _windows()
    elif platform == "darwin":
        sources = _macos()
    else:
        sources = _linux(env, session_bus, system_bus)
    for reason, why in _MISSING.items():
        if not any(s.reason is reason for s in sources):
            sources.append(NullBusySource(reason, why))
    sources.append(TypingSource(idle_seconds, typing_lull))
    order = {reason: i for i, reason in enumerate(HOLD_PRIORITY)}
    sources.sort(key=lambda s: order[s.reason])
    lines = [f"{s.reason.value}: {s.name}" for s in sources]
    for line in lines:
        log.info("busy detection: %s", line)
    return sources, lines
