"""GNOME's do not disturb: ``org.gnome.desktop.notifications show-banners`` is false.

Read with ``gsettings get`` at decision time (a few milliseconds, only while a prompt is
due): GSettings lives in dconf, which has no read API on D-Bus, and loading GIO into the
process would cost more memory all day than a short subprocess costs now and then. The
subprocess inherits the environment, so ``GSETTINGS_BACKEND`` and ``XDG_CONFIG_HOME`` apply
(the tests use the keyfile backend).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.base import BusySourceBase

NAME = "GNOME do not disturb (show-banners)"
SCHEMA = "org.gnome.desktop.notifications"
KEY = "show-banners"
TIMEOUT_S = 2.0


class GnomeBannersSource(BusySourceBase):
    """Busy while GNOME shows no notification banners (its do-not-disturb switch).

    Args:
        env: the environment the ``gsettings`` subprocess runs in.
        gsettings: the ``gsettings`` program (None: look it up on PATH).
    """

    def __init__(self, env: Mapping[str, str] = os.environ,
                 gsettings: str | None = None) -> None:
        super().__init__(HoldReason.DO_NOT_DISTURB, NAME)
        self._env = dict(env)
        self._gsettings = gsettings or shutil.which("gsettings", path=env.get("PATH"))

    def is_busy(self) -> bool | None:
        """True while ``show-banners`` is false; None when ``gsettings`` fails or is missing."""
        if self._gsettings is None:
            return self._answer.cannot_tell("gsettings is not installed")
        try:
            done = subprocess.run([self._gsettings, "get", SCHEMA, KEY], env=self._env,
                                  capture_output=True, text=True, timeout=TIMEOUT_S,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return self._answer.cannot_tell(f"gsettings failed: {error}")
        value = done.stdout.strip()
        if done.returncode != 0 or value not in ("true", "false"):
            detail = done.stderr.strip().splitlines()[:1] or [value or "no output"]
            return self._answer.cannot_tell(f"gsettings cannot read {SCHEMA} {KEY}: "
                                            f"{detail[0]}")
        return self._answer.tells(value == "false")

    def close(self) -> None:
        """Nothing to release: each question runs its own ``gsettings``."""
