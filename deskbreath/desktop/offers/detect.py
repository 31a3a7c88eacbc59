"""Choose how a due prompt is offered in this session so that it never takes keyboard focus.

What each session type allows, measured on KWin 5.27 and Mutter 43 with a native Wayland
text field holding the keyboard (figures in the README, "Prompts on Wayland"):

- **X11**, **Windows**, **macOS**: a window shown without activation (Qt's
  ``WA_ShowWithoutActivating``) leaves focus where it is, and the app may place it.
- **Wayland**: a client can neither refuse focus nor place its window (xdg-shell has no
  request for either); both compositors gave the keyboard to a Wayland offer window the moment
  it appeared. Both honour the X11 focus-stealing-prevention hint for Xwayland clients: Qt's
  xcb platform sets ``_NET_WM_USER_TIME`` to 0 (EWMH: "do not focus this window when it is
  mapped") for windows shown without activation. So in a Wayland session that has Xwayland
  (``DISPLAY`` set), deskbreath runs on Qt's xcb platform; the idle backends do not depend on
  the Qt platform (they talk to the compositor over D-Bus or their own Wayland connection).
- **Wayland without Xwayland** (or Xwayland unreachable): no window can be
  offered without taking focus. This is the fallback: the offer waits in the tray icon and
  tooltip, and its window opens only when the user asks for it.

Qt-free: the Qt platform is requested before the ``QApplication`` exists, and the choice is
made from the platform Qt actually loaded (``QGuiApplication.platformName()``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from deskbreath.desktop.session_type import is_wayland_session
from deskbreath.i18n import _

#: Qt's platform list for a Wayland session with Xwayland: xcb first, Wayland if Xwayland
#: cannot be reached (Qt tries each name in turn).
XWAYLAND_FIRST = "xcb;wayland"


class OfferPath(StrEnum):
    """How offers are shown (the value is the stable id used in the log)."""

    WINDOW = "window"
    XWAYLAND_WINDOW = "xwayland-window"
    TRAY = "tray"


@dataclass(frozen=True)
class OfferChoice:
    """The way offers are shown in this session, and why.

    Attributes:
        path: how offers are shown.
        summary: one translated sentence saying how, for About / diagnostics.
        reason: one translated sentence saying why, for About / diagnostics.
        facts: what the choice was made from, for the log (English, ``key=value``).
    """

    path: OfferPath
    summary: str
    reason: str
    facts: str

    @property
    def waits_in_tray(self) -> bool:
        """True when no window may be shown for an offer (the fallback)."""
        return self.path is OfferPath.TRAY


def qt_platform_request(env: Mapping[str, str]) -> str | None:
    """The ``-platform`` argument to start Qt with, or None to leave Qt its own choice.

    Only a Wayland session with Xwayland gets one (:data:`XWAYLAND_FIRST`); it overrides a
    ``QT_QPA_PLATFORM`` that asks for Wayland, a preference set for every Qt app that would
    cost deskbreath its promise. Any other ``QT_QPA_PLATFORM`` (``xcb``, ``offscreen``, …) is
    respected.
    """
    if env.get("QT_QPA_PLATFORM") and not _asks_for_wayland(env):
        return None
    if is_wayland_session(env) and env.get("DISPLAY"):
        return XWAYLAND_FIRST
    return None


def _asks_for_wayland(env: Mapping[str, str]) -> bool:
    first = env.get("QT_QPA_PLATFORM", "").split(";")[0].strip()
    return first.startswith("wayland")


def detect(env: Mapping[str, str], qt_platform: str) -> OfferChoice:
    """How offers are shown, given the session and the Qt platform plugin that loaded.

    Args:
        env: the environment the session set (``WAYLAND_DISPLAY``, ``XDG_SESSION_TYPE``,
            ``DISPLAY``, ``QT_QPA_PLATFORM``).
        qt_platform: ``QGuiApplication.platformName()``: ``xcb``, ``wayland``, ``windows``,
            ``cocoa``, ``offscreen``, …

    Returns:
        The choice; :attr:`OfferPath.TRAY` (the fallback) whenever Qt runs as a Wayland
        client, because a Wayland window cannot refuse keyboard focus.
    """
    wayland = is_wayland_session(env)
    display = env.get("DISPLAY", "")
    requested = env.get("QT_QPA_PLATFORM", "")
    facts = (f"qt_platform={qt_platform} wayland_session={str(wayland).lower()} "
             f"display={display or '-'} qt_qpa_platform={requested or '-'}")
    if qt_platform.startswith("wayland"):
        if not display:
            reason = _("This Wayland session has no Xwayland (DISPLAY is not set), and a "
                       "Wayland window cannot refuse keyboard focus.")
        else:
            reason = _("Xwayland (%(display)s) could not be reached, and a Wayland window "
                       "cannot refuse keyboard focus.") % {"display": display}
        return OfferChoice(
            OfferPath.TRAY,
            _("Offers wait in the tray icon and its tooltip; click the icon to see one."),
            reason, facts)
    if qt_platform == "xcb" and wayland:
        reason = _("In a Wayland session a window cannot refuse keyboard focus or choose its "
                   "place; KWin and Mutter honour the X11 hint that keeps focus where it is, "
                   "so deskbreath's windows go through Xwayland.")
        if _asks_for_wayland(env):
            reason += " " + _("QT_QPA_PLATFORM=%(value)s is set for every Qt app; deskbreath "
                              "does not follow it, to keep its promise.") % {"value": requested}
        return OfferChoice(
            OfferPath.XWAYLAND_WINDOW,
            _("Offers appear in a corner of the screen, through Xwayland, without taking "
              "keyboard focus."),
            reason, facts)
    if qt_platform == "xcb":
        reason = _("X11: the window manager leaves keyboard focus where it is for a window "
                   "shown without activation.")
    else:
        reason = _("The %(platform)s platform shows a window without activating it when "
                   "asked to.") % {"platform": qt_platform}
    return OfferChoice(
        OfferPath.WINDOW,
        _("Offers appear in a corner of the screen without taking keyboard focus."),
        reason, facts)
