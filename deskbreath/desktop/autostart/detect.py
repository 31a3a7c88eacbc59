"""Choose the start-at-login backend for this platform."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from deskbreath.desktop.autostart.base import Autostart


def detect(platform: str = sys.platform, env: Mapping[str, str] = os.environ) -> Autostart:
    """The backend for ``platform`` (a ``sys.platform`` value).

    Every platform deskbreath runs on has one, so there is no fallback: Windows gets the Run
    key, macOS a LaunchAgent, everything else an XDG autostart entry in
    ``$XDG_CONFIG_HOME/autostart`` (see :class:`deskbreath.paths.XdgDirs`).
    """
    home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
    if platform == "win32":
        from deskbreath.desktop.autostart.windows import (  # noqa: PLC0415
            WindowsRunKey,
            WinregRegistry,
        )

        return WindowsRunKey(WinregRegistry())
    if platform == "darwin":
        from deskbreath.desktop.autostart.macos import MacLaunchAgent  # noqa: PLC0415

        return MacLaunchAgent(home)
    from deskbreath.desktop.autostart.xdg import XdgAutostart  # noqa: PLC0415
    from deskbreath.desktop.integration.files import icon_value  # noqa: PLC0415
    from deskbreath.paths import XdgDirs  # noqa: PLC0415

    xdg = XdgDirs.from_env(env)
    return XdgAutostart(xdg.autostart_dir, icon=lambda: icon_value(xdg))
