"""Before Qt starts: can its X11 platform plugin load?

If not, say which libraries are missing and which packages provide them.

Qt's own message misleads: with ``libxcb-icccm4`` or ``libxcb-keysyms1`` missing it says
"xcb-cursor0 or libxcb-cursor0 is needed", even when that one is installed, and then aborts.
The check costs nearly nothing when all is well: it runs only when Qt would pick the xcb
plugin, and it loads the plugin's file (which Qt loads next anyway). Only when that fails
does it read the plugin's dependencies, as ``ldd`` resolves them.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from deskbreath.i18n import _, ngettext
from deskbreath.sysdeps.catalogue import by_soname
from deskbreath.sysdeps.distro import Distro, Family
from deskbreath.sysdeps.probe import DependencyReader

#: Tries to load a shared object; returns the loader's error, or None when it loaded.
Probe = Callable[[Path], str | None]


def would_use_xcb(env: Mapping[str, str]) -> bool:
    """Whether Qt 6 will try the xcb plugin first for this environment.

    ``QT_QPA_PLATFORM`` decides when set (its first entry, as in ``"xcb;wayland"``);
    otherwise Qt picks Wayland in a Wayland session and xcb everywhere else on Linux.
    """
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0].strip() == "xcb"
    wayland = env.get("XDG_SESSION_TYPE") == "wayland" and bool(env.get("WAYLAND_DISPLAY"))
    return not wayland


def xcb_plugin() -> Path | None:
    """PySide6's ``libqxcb.so``, found without importing PySide6; None when not there."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def dlopen(path: Path) -> str | None:
    """:data:`Probe` for real: the dynamic loader's error for ``path``, or None."""
    try:
        ctypes.CDLL(str(path), mode=os.RTLD_LAZY | os.RTLD_LOCAL)
    except OSError as error:
        return str(error)
    return None


def xcb_problem(env: Mapping[str, str], distro: Callable[[], Distro], *,
                plugin: Callable[[], Path | None] = xcb_plugin, probe: Probe = dlopen,
                reader: DependencyReader) -> str | None:
    """One message saying why Qt's xcb plugin cannot load and what to install, or None.

    Args:
        env: the environment Qt will see.
        distro: gives this machine's distribution (called only when something is missing).
        plugin: finds the plugin file.
        probe: tries to load it.
        reader: lists what the plugin needs that cannot be found.
    """
    if not would_use_xcb(env) or env.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        return None
    path = plugin()
    if path is None:
        return None  # not our business: Qt will say it has no xcb plugin
    error = probe(path)
    if error is None:
        return None
    missing = reader.missing(path)
    if not missing:
        return _("Qt's X11 platform plugin cannot be loaded ({error}), so deskbreath cannot "
                 "start.").format(error=error)
    return _missing_message(missing, distro())


def _missing_message(missing: list[str], distro: Distro) -> str:
    packages, unknown = by_soname(missing)
    text = ngettext(
        "Qt's X11 platform plugin needs {libraries}, which is not installed, so deskbreath "
        "cannot start.",
        "Qt's X11 platform plugin needs {libraries}, which are not installed, so deskbreath "
        "cannot start.", len(missing)).format(libraries=", ".join(missing))
    names = list(dict.fromkeys(name for package in packages
                               for name in package.name_in(distro.family)))
    if names and distro.family is not Family.UNKNOWN:
        text += " " + _("Install them with: {command}").format(
            command=distro.install_line(names))
        if unknown:
            text += " " + _("(and whatever provides {libraries})").format(
                libraries=", ".join(unknown))
    elif packages:
        text += " " + _("Install the packages that provide them (on Debian: {names}).").format(
            names=" ".join(p.debian for p in packages))
    else:
        text += " " + _("Install the packages that provide them.")
    return text
