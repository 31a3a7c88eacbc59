"""One rule for tests that need a real service (an X server, a tray host, D-Bus, a compositor).

When a tool, file or library such a test needs is missing, the test fails in CI
(``CI=true``, which ``.ci/run`` exports: CI installs every package in
``.ci/system-packages.txt``, so a missing one is a broken setup) and is skipped elsewhere,
with a reason that names the Debian package to install.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import pytest

#: The Debian 12 package that provides each tool the tests run.
DEBIAN_PACKAGES = {
    "Xvfb": "xvfb",
    "trayer": "trayer",
    "xdotool": "xdotool",
    "xwininfo": "x11-utils",
    "xprop": "x11-utils",
    "import": "imagemagick",
    "identify": "imagemagick",
    "dbus-daemon": "dbus",
    "xrandr": "x11-xserver-utils",
    "dbus-run-session": "dbus",
    "kwin_wayland": "kwin-wayland",
    "mutter": "mutter",
    "Xwayland": "xwayland",
    "status-notifier-watcher": "haskell-status-notifier-item-utils",
    "gdbus": "libglib2.0-bin",
    "openbox": "openbox",
    "wmctrl": "wmctrl",
    "pulseaudio": "pulseaudio",
    "paplay": "pulseaudio-utils",
    "dunst": "dunst",
    "dunstctl": "dunst",
    "parecord": "pulseaudio-utils",
    "pactl": "pulseaudio-utils",
    "gsettings": "libglib2.0-bin",
    "xfconf-query": "xfconf",
    "dbus-send": "dbus",
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
}


def in_ci() -> bool:
    """True when running in CI, where a missing test dependency is a failure."""
    return os.environ.get("CI", "").strip().lower() == "true"


def unavailable(what: str, packages: Iterable[str]) -> NoReturn:
    """Fail (in CI) or skip (elsewhere) the running test: ``what`` is missing.

    Args:
        what: what is missing, e.g. ``"Xvfb"``.
        packages: the Debian packages that provide it.
    """
    names = " ".join(sorted(set(packages)))
    message = (f"this test needs {what}: install the Debian package {names} "
               f"(apt-get install --no-install-recommends {names}; every package the tests "
               "need is in .ci/system-packages.txt)")
    if in_ci():
        pytest.fail(f"{message}. CI=true, so a missing dependency is a failure", pytrace=False)
    pytest.skip(message)


def require_tools(*tools: str) -> None:
    """Make sure each program in ``tools`` is on PATH, or fail/skip the test (see module)."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        unavailable(", ".join(missing), (DEBIAN_PACKAGES.get(tool, tool) for tool in missing))


def require_file(path: Path, package: str) -> None:
    """Make sure ``path`` exists (data a package installs), or fail/skip the test."""
    if not path.exists():
        unavailable(str(path), [package])


def require_library(name: str, package: str) -> None:
    """Make sure the shared library ``name`` (as for ``ctypes.util.find_library``, e.g.
    ``"Xss"``) can be found, or fail/skip the test.
    """
    if ctypes.util.find_library(name) is None:
        unavailable(f"lib{name}", [package])
