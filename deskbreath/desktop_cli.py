"""``deskbreath desktop install|remove|check``: the menu entry, icons and AppStream metadata.

Qt-free, so these commands work without a display. Each function prints for people and
returns the process exit code (0 done, 1 failed or something needs attention).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from deskbreath.desktop.autostart.base import Autostart
from deskbreath.desktop.integration.files import shipped_files
from deskbreath.desktop.integration.health import check
from deskbreath.desktop.integration.install import DesktopFiles, DesktopFilesError
from deskbreath.i18n import _, ngettext
from deskbreath.paths import Paths, XdgDirs


def desktop_files(paths: Paths, xdg: XdgDirs) -> DesktopFiles:
    """The user's desktop files, as installed from this package's resources."""
    return DesktopFiles(xdg, paths.desktop_manifest, shipped_files())


def desktop_install(files: DesktopFiles, xdg: XdgDirs, command: Sequence[str]) -> int:
    """Install (or renew) the menu entry, icons and metainfo, launching ``command``."""
    try:
        outcome = files.install(command)
    except DesktopFilesError as error:
        print(_("deskbreath: {error}").format(error=error), file=sys.stderr)
        return 1
    print(_("Installed the menu entry {entry}, which starts {command}, with the app icon and "
            "the AppStream metadata ({count} files in {folder}).").format(
        entry=files.entry_path, command=" ".join(command), count=len(outcome.changed),
        folder=xdg.data_home))
    for path in outcome.kept:
        print(_("Left {path} as it is: deskbreath did not write it.").format(path=path),
              file=sys.stderr)
    print(_("deskbreath now appears in the applications menu; `deskbreath desktop remove` "
            "takes these files away again."))
    return 0


def desktop_remove(files: DesktopFiles, autostart: Autostart | None) -> int:
    """Remove exactly what :func:`desktop_install` wrote."""
    try:
        outcome = files.remove()
    except DesktopFilesError as error:
        print(_("deskbreath: {error}").format(error=error), file=sys.stderr)
        return 1
    if outcome.changed:
        print(ngettext("Removed {count} file deskbreath desktop install had written.",
                       "Removed {count} files deskbreath desktop install had written.",
                       len(outcome.changed)).format(count=len(outcome.changed)))
    else:
        print(_("Nothing to remove: deskbreath desktop install has not installed anything "
                "for this user."))
    if autostart is not None and autostart.is_enabled():
        print(_("Start at login is still on; if you are uninstalling deskbreath, turn it off "
                "in Settings first."))
    return 0


def desktop_check(files: DesktopFiles, autostart: Autostart | None) -> int:
    """Say what the menu and autostart entries start; exit 1 when one no longer works."""
    states = check(autostart, files)
    for state in states:
        print(state.describe())
    return 1 if any(s.installed and not s.works for s in states) else 0
