"""What kind of graphical session this is, read from the environment the session sets."""

from __future__ import annotations

from collections.abc import Mapping


def is_wayland_session(env: Mapping[str, str]) -> bool:
    """Whether the session is Wayland.

    True when ``WAYLAND_DISPLAY`` is set or ``XDG_SESSION_TYPE`` is ``wayland`` (set by the
    display manager through pam_systemd).
    """
    return bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE", "") == "wayland"
