"""The system packages deskbreath and its tests use, under each family's package names.

Debian's names are the keys: ``.ci/system-packages.txt`` lists Debian packages, and CI runs
on Debian. A library package also names one shared object (its soname) that tells whether it
is installed on any distro, whatever the package is called there: Ubuntu 24.04 renamed
several libraries (``libglib2.0-0`` became ``libglib2.0-0t64``), and the soname did not change.

Sources: the Qt xcb platform plugin's needs are what ``ldd`` lists for
``PySide6/Qt/plugins/platforms/libqxcb.so`` (PySide6 6.11) plus what the offscreen plugin
loads; the package names are those of Debian 12, Fedora 41, Arch Linux and openSUSE
Tumbleweed as of 2026. A name that could not be confirmed for a family is left out, and the
set-up says so instead of guessing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from deskbreath.sysdeps.distro import Family


@dataclass(frozen=True)
class Package:
    """One Debian package and its counterparts.

    Attributes:
        debian: the Debian (and Ubuntu) name.
        soname: a shared library the package installs; None for programs and data.
        names: the names in the other families; a family that is missing has no known
            counterpart.
    """

    debian: str
    soname: str | None = None
    names: dict[Family, tuple[str, ...]] = field(default_factory=dict)

    def name_in(self, family: Family) -> tuple[str, ...]:
        """This package's names in ``family`` (empty when not known there)."""
        if family is Family.DEBIAN:
            return (self.debian,)
        return self.names.get(family, ())


def _package(debian: str, soname: str | None = None, *, fedora: str = "", arch: str = "",
             opensuse: str = "") -> Package:
    """A catalogue entry; several names for one family are separated by spaces."""
    names = {family: tuple(value.split()) for family, value in
             ((Family.FEDORA, fedora), (Family.ARCH, arch), (Family.OPENSUSE, opensuse))
             if value}
    return Package(debian, soname, names)


#: What Qt's xcb and offscreen platform plugins load (the libraries, by Debian package).
QT_RUNTIME = (
    _package("libegl1", "libEGL.so.1",
             fedora="libglvnd-egl", arch="libglvnd", opensuse="libEGL1"),
    _package("libgl1", "libGL.so.1",
             fedora="libglvnd-glx", arch="libglvnd", opensuse="libGL1"),
    _package("libx11-6", "libX11.so.6", fedora="libX11", arch="libx11", opensuse="libX11-6"),
    _package("libx11-xcb1", "libX11-xcb.so.1",
             fedora="libX11-xcb", arch="libx11", opensuse="libX11-xcb1"),
    _package("libdbus-1-3", "libdbus-1.so.3",
             fedora="dbus-libs", arch="dbus", opensuse="libdbus-1-3"),
    _package("libfontconfig1", "libfontconfig.so.1",
             fedora="fontconfig", arch="fontconfig", opensuse="libfontconfig1"),
    _package("libfreetype6", "libfreetype.so.6",
             fedora="freetype", arch="freetype2", opensuse="libfreetype6"),
    _package("libglib2.0-0", "libglib-2.0.so.0",
             fedora="glib2", arch="glib2", opensuse="libglib-2_0-0"),
    _package("libxkbcommon0", "libxkbcommon.so.0",
             fedora="libxkbcommon", arch="libxkbcommon", opensuse="libxkbcommon0"),
    _package("libxkbcommon-x11-0", "libxkbcommon-x11.so.0",
             fedora="libxkbcommon-x11", arch="libxkbcommon-x11", opensuse="libxkbcommon-x11-0"),
    _package("libxcb1", "libxcb.so.1", fedora="libxcb", arch="libxcb", opensuse="libxcb1"),
    _package("libxcb-cursor0", "libxcb-cursor.so.0",
             fedora="xcb-util-cursor", arch="xcb-util-cursor", opensuse="libxcb-cursor0"),
    _package("libxcb-icccm4", "libxcb-icccm.so.4",
             fedora="xcb-util-wm", arch="xcb-util-wm", opensuse="libxcb-icccm4"),
    _package("libxcb-image0", "libxcb-image.so.0",
             fedora="xcb-util-image", arch="xcb-util-image", opensuse="libxcb-image0"),
    _package("libxcb-keysyms1", "libxcb-keysyms.so.1",
             fedora="xcb-util-keysyms", arch="xcb-util-keysyms", opensuse="libxcb-keysyms1"),
    _package("libxcb-randr0", "libxcb-randr.so.0",
             fedora="libxcb", arch="libxcb", opensuse="libxcb-randr0"),
    _package("libxcb-render0", "libxcb-render.so.0",
             fedora="libxcb", arch="libxcb", opensuse="libxcb-render0"),
    _package("libxcb-render-util0", "libxcb-render-util.so.0",
             fedora="xcb-util-renderutil", arch="xcb-util-renderutil",
             opensuse="libxcb-render-util0"),
    _package("libxcb-shape0", "libxcb-shape.so.0",
             fedora="libxcb", arch="libxcb", opensuse="libxcb-shape0"),
    _package("libxcb-shm0", "libxcb-shm.so.0",
             fedora="libxcb", arch="libxcb", opensuse="libxcb-shm0"),
    _package("libxcb-sync1", "libxcb-sync.so.1",
             fedora="libxcb", arch="libxcb", opensuse="libxcb-sync1"),
    _package("libxcb-util1", "libxcb-util.so.1",
             fedora="xcb-util", arch="xcb-util", opensuse="libxcb-util1"),
    _package("libxcb-xfixes0", "libxcb-xfixes.so.0",
             fedora="libxcb", arch="libxcb", opensuse="libxcb-xfixes0"),
    _package("libxcb-xkb1", "libxcb-xkb.so.1",
             fedora="libxcb", arch="libxcb", opensuse="libxcb-xkb1"),
)

#: The X11 screensaver extension's client library: idle time on X11
#: (:mod:`deskbreath.desktop.idle.x11`); without it sitting time cannot tell a break.
X11_IDLE = _package("libxss1", "libXss.so.1",
                    fedora="libXScrnSaver", arch="libxss", opensuse="libXss1")

#: ``python3 -m venv`` on Debian and Ubuntu needs this (the other families ship venv and
#: ensurepip with python3); checked by importing ``ensurepip``, not by a soname.
PYTHON_VENV = _package("python3-venv")

#: Programs, data and libraries the test suite uses beyond :data:`QT_RUNTIME`.
TEST_TOOLS = (
    _package("xvfb", fedora="xorg-x11-server-Xvfb", arch="xorg-server-xvfb",
             opensuse="xorg-x11-server-Xvfb"),
    _package("xdotool", fedora="xdotool", arch="xdotool", opensuse="xdotool"),
    _package("trayer"),
    _package("x11-utils", fedora="xwininfo xprop", arch="xorg-xwininfo xorg-xprop",
             opensuse="xwininfo xprop"),
    _package("imagemagick", fedora="ImageMagick", arch="imagemagick", opensuse="ImageMagick"),
    _package("dbus", fedora="dbus-daemon", arch="dbus", opensuse="dbus-1"),
    _package("kwin-wayland", fedora="kwin-wayland", arch="kwin"),
    _package("plasma-wayland-protocols", fedora="plasma-wayland-protocols-devel",
             arch="plasma-wayland-protocols", opensuse="plasma-wayland-protocols"),
    _package("fonts-dejavu-core", fedora="dejavu-sans-fonts", arch="ttf-dejavu",
             opensuse="dejavu-fonts"),
    _package("desktop-file-utils", fedora="desktop-file-utils", arch="desktop-file-utils",
             opensuse="desktop-file-utils"),
    _package("appstream", fedora="appstream", arch="appstream", opensuse="AppStream"),
    _package("openbox", fedora="openbox", arch="openbox", opensuse="openbox"),
    _package("python3-dbusmock", fedora="python3-dbusmock", arch="python-dbusmock",
             opensuse="python3-python-dbusmock"),
    _package("wmctrl", fedora="wmctrl", arch="wmctrl", opensuse="wmctrl"),
)

#: What running the app needs (the run command's set-up).
APP_NEEDS = (*QT_RUNTIME, X11_IDLE, PYTHON_VENV)

_BY_DEBIAN_NAME = {package.debian: package for package in (*APP_NEEDS, *TEST_TOOLS)}


def lookup(debian_names: Iterable[str]) -> list[Package]:
    """The catalogue entries for ``debian_names``, in order, without repeats.

    A name the catalogue does not know becomes an entry with no counterparts (it is still a
    Debian package, and it is reported as having no known name elsewhere).
    """
    seen: dict[str, Package] = {}
    for name in debian_names:
        if name not in seen:
            seen[name] = _BY_DEBIAN_NAME.get(name) or Package(name)
    return list(seen.values())


def by_soname(sonames: Iterable[str]) -> tuple[list[Package], list[str]]:
    """The library packages that install ``sonames``, and the sonames no entry knows."""
    packages: dict[str, Package] = {}
    unknown: list[str] = []
    index = {package.soname: package for package in _BY_DEBIAN_NAME.values()
             if package.soname}
    for soname in sonames:
        package = index.get(soname)
        if package is None:
            unknown.append(soname)
        else:
            packages.setdefault(package.debian, package)
    return list(packages.values()), unknown


def read_package_list(text: str) -> list[str]:
    """The package names in a list such as ``.ci/system-packages.txt``.

    One name per line; ``#`` starts a comment.
    """
    names: list[str] = []
    for line in text.splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.append(name)
    return names
