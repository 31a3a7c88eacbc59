"""What ``deskbreath desktop install`` puts where, from the files shipped in ``resources/``.

- ``resources/desktop/<id>.desktop`` → ``$XDG_DATA_HOME/applications/`` (Desktop Menu
  Specification), its ``Exec`` and ``TryExec`` pointed at this installation;
- ``resources/desktop/<id>.metainfo.xml`` → ``$XDG_DATA_HOME/metainfo/`` (AppStream);
- ``resources/icons/hicolor/**`` → ``$XDG_DATA_HOME/icons/hicolor/**`` (Icon Theme
  Specification: a scalable SVG, PNGs in :data:`PNG_SIZES`, a ``-symbolic`` SVG).

The shipped desktop entry says ``Exec=deskbreath``, as a distribution package needs; a user
installation names the program by its path instead, because a desktop session's ``PATH``
often lacks ``~/.local/bin``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from deskbreath import APP_ID
from deskbreath.desktop.desktop_entry import replace_program
from deskbreath.paths import XdgDirs, resources_dir

DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
#: The PNG sizes of the app icon (pixels): the hicolor theme's fixed-size folders that
#: menus, docks, task switchers and panels still ask for.
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


@dataclass(frozen=True)
class ShippedFile:
    """One file to install.

    Attributes:
        source: the shipped file.
        target: where it goes, relative to ``$XDG_DATA_HOME``.
    """

    source: Path
    target: Path


def shipped_files(resources: Path | None = None) -> list[ShippedFile]:
    """Every file ``desktop install`` writes, the desktop entry first."""
    resources = resources or resources_dir()
    desktop = resources / "desktop"
    hicolor = resources / "icons" / "hicolor"
    files = [ShippedFile(desktop / DESKTOP_FILE, Path("applications") / DESKTOP_FILE),
             ShippedFile(desktop / METAINFO_FILE, Path("metainfo") / METAINFO_FILE)]
    files += [ShippedFile(path, Path("icons") / "hicolor" / path.relative_to(hicolor))
              for path in sorted(hicolor.rglob("*")) if path.is_file()]
    return files


def app_icon_svg(resources: Path | None = None) -> Path:
    """The shipped scalable app icon."""
    resources = resources or resources_dir()
    return resources / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"


def content_for(file: ShippedFile, command: Sequence[str]) -> bytes:
    """The bytes to write for ``file``: the desktop entry launching ``command``, else as shipped.

    Raises:
        OSError: the shipped file cannot be read.
    """
    data = file.source.read_bytes()
    if file.source.name != DESKTOP_FILE:
        return data
    return replace_program(data.decode("utf-8"), command).encode("utf-8")


def icon_value(xdg: XdgDirs, resources: Path | None = None) -> str:
    """What an entry written now should say in ``Icon``: the app id, or the shipped SVG's path.

    The id when the icon is installed in a hicolor folder (``desktop install``, or a
    distribution package), else the shipped SVG's path, which needs no icon theme.
    """
    return APP_ID if xdg.app_icon_installed() else str(app_icon_svg(resources))
