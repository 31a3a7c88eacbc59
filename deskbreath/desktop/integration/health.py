"""Whether the menu entry and the autostart entry still start deskbreath, and mending them.

A venv that moved, or a tool that was uninstalled and installed elsewhere, leaves entries
whose program is gone. ``deskbreath desktop check`` reports that; the app, when it starts,
rewrites such entries (and the autostart entry of version 0.1, which had another name and an
icon no theme provides) to launch itself.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from deskbreath.desktop.autostart.base import (
    Autostart,
    AutostartError,
    launch_command,
    program_exists,
)
from deskbreath.desktop.integration.files import shipped_files
from deskbreath.desktop.integration.install import DesktopFiles, DesktopFilesError
from deskbreath.i18n import _
from deskbreath.paths import XdgDirs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EntryState:
    """One entry's state.

    Attributes:
        kind: ``"menu"`` or ``"autostart"`` (for logs and code).
        name: what it is, for people ("menu entry", "start at login").
        installed: whether deskbreath's entry exists.
        command: what it runs (None when not installed or unreadable).
        works: whether that program still exists (False when not installed).
        outdated: whether an older version wrote it (another file name or icon).
    """

    kind: str
    name: str
    installed: bool
    command: tuple[str, ...] | None
    works: bool
    outdated: bool = False

    def describe(self) -> str:
        """One line for ``deskbreath desktop check``."""
        if not self.installed:
            return _("{name}: not installed").format(name=self.name)
        command = " ".join(self.command or ())
        if not self.works:
            return _("{name}: starts {command}, which no longer exists; start deskbreath once "
                     "from where it is installed now, and it mends this").format(
                name=self.name, command=command or _("(nothing readable)"))
        if self.outdated:
            return _("{name}: starts {command}; written by an older version, deskbreath "
                     "renews it when it next starts").format(name=self.name, command=command)
        return _("{name}: starts {command}").format(name=self.name, command=command)

    @property
    def needs_mending(self) -> bool:
        """True when the entry is installed and its program is gone or it is outdated."""
        return self.installed and (not self.works or self.outdated)


def check(autostart: Autostart | None, files: DesktopFiles) -> list[EntryState]:
    """The state of the menu entry and of the start-at-login entry."""
    states = []
    try:
        menu = files.entry_command() if files.is_installed() else None
        states.append(EntryState("menu", _("menu entry"), files.is_installed(),
                                 tuple(menu) if menu else None,
                                 bool(menu) and program_exists(menu or [])))
    except DesktopFilesError as error:
        log.warning("%s", error)
    if autostart is not None:
        command = autostart.installed_command()
        states.append(EntryState("autostart", _("start at login"), autostart.is_enabled(),
                                 tuple(command) if command else None,
                                 bool(command) and program_exists(command or []),
                                 outdated=autostart.is_outdated()))
    return states


def mend(autostart: Autostart | None, files: DesktopFiles, command: Sequence[str]
         ) -> list[str]:
    """Rewrite the entries that need mending to launch ``command`` (this installation).

    Those are entries whose program is gone, or that an older version wrote. Returns a log
    line per entry rewritten or failed.
    """
    if not program_exists(command):
        return []  # this installation cannot be started that way either: change nothing
    lines: list[str] = []
    for state in check(autostart, files):
        if not state.needs_mending:
            continue
        was = " ".join(state.command or ())
        try:
            if state.kind == "menu":
                files.install(command)
            elif autostart is not None:
                autostart.enable(list(command))
        except (DesktopFilesError, AutostartError) as error:
            lines.append(f"could not renew the {state.kind} entry (it starts {was}): {error}")
            continue
        lines.append(f"renewed the {state.kind} entry: it started {was}, now "
                     f"{' '.join(command)}")
    return lines


def mend_installed(autostart: Autostart | None, manifest: Path,
                   env: Mapping[str, str] = os.environ) -> list[str]:
    """:func:`mend` for this user's entries and this installation (the app calls it at start).

    Where nothing was installed (no manifest, no autostart entry) it does nothing.
    """
    files = DesktopFiles(XdgDirs.from_env(env), manifest, shipped_files())
    return mend(autostart, files, launch_command())
