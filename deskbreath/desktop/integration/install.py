"""``deskbreath desktop install`` / ``remove``: the menu entry, icons and metainfo of one user.

What was written is recorded in a manifest (one ``file`` or ``dir`` line per path), so that
``remove`` takes away exactly those files, and the folders ``install`` created once they are
empty, and nothing else. A file at a target path that deskbreath did not write (and whose
content differs) is the user's: it is left as it is and reported.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deskbreath.desktop.desktop_entry import read_group, split_exec
from deskbreath.desktop.integration.files import DESKTOP_FILE, ShippedFile, content_for
from deskbreath.i18n import _
from deskbreath.paths import XdgDirs
from deskbreath.storage.atomic import SaveError, atomic_write, reason_for

log = logging.getLogger(__name__)


class DesktopFilesError(Exception):
    """Installing or removing failed part-way; the message says what and what is left."""


@dataclass
class Outcome:
    """What an install or remove did.

    Attributes:
        changed: files written (install) or removed (remove), in order.
        kept: files left as they were because deskbreath did not write them.
    """

    changed: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Manifest:
    """The files and the folders an install created, read from / written to one file."""

    files: tuple[Path, ...] = ()
    dirs: tuple[Path, ...] = ()

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """The manifest at ``path``; empty when there is none. Unknown lines are skipped."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as error:
            raise DesktopFilesError(_("cannot read %(path)s (%(error)s), so deskbreath does "
                                      "not know which desktop files it installed")
                                    % {"path": path, "error": error}) from error
        files: list[Path] = []
        dirs: list[Path] = []
        for line in text.splitlines():
            kind, _tab, value = line.partition("\t")
            if kind in ("file", "dir") and value:
                (files if kind == "file" else dirs).append(Path(value))
        return cls(tuple(files), tuple(dirs))

    def text(self) -> str:
        """The manifest's text: a comment, then one tab-separated ``file``/``dir`` line per path."""
        lines = ["# Files written by `deskbreath desktop install`; `desktop remove` reads this."]
        lines += [f"file\t{path}" for path in self.files]
        lines += [f"dir\t{path}" for path in self.dirs]
        return "\n".join(lines) + "\n"


class DesktopFiles:
    """The desktop entry, icons and metainfo ``desktop install`` writes for this user.

    Args:
        xdg: where the files go (``data_home``).
        manifest: where the list of written files is kept.
        shipped: the files to install (:func:`files.shipped_files`).
    """

    def __init__(self, xdg: XdgDirs, manifest: Path, shipped: Sequence[ShippedFile]) -> None:
        self._xdg = xdg
        self._manifest_path = manifest
        self._shipped = list(shipped)

    @property
    def entry_path(self) -> Path:
        """Where the menu entry goes."""
        return self._xdg.applications_dir / DESKTOP_FILE

    def installed(self) -> Manifest:
        """What the last install wrote (empty if never installed or removed since)."""
        return Manifest.read(self._manifest_path)

    def is_installed(self) -> bool:
        """True when the manifest lists the menu entry."""
        return self.entry_path in self.installed().files

    def entry_command(self) -> list[str] | None:
        """The command the installed menu entry runs; None when it is not installed."""
        if not self.is_installed():
            return None
        try:
            keys = read_group(self.entry_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None
        return split_exec(keys.get("Exec", "")) or None

    def install(self, command: Sequence[str]) -> Outcome:
        """Write every shipped file, the entry launching ``command``; replace our older ones.

        Raises:
            DesktopFilesError: a file could not be written (those written so far are
                recorded, so ``remove`` still finds them).
        """
        before = self.installed()
        ours = set(before.files)
        outcome = Outcome()
        files = list(before.files)
        dirs = list(before.dirs)
        try:
            for item in self._shipped:
                target = self._xdg.data_home / item.target
                data = content_for(item, command)
                if target not in ours and _differs(target, data):
                    outcome.kept.append(target)
                    continue
                dirs += [d for d in _missing_parents(target, self._xdg.data_home)
                         if d not in dirs]
                atomic_write(target, data)
                outcome.changed.append(target)
                if target not in files:
                    files.append(target)
        except (OSError, SaveError) as error:
            raise DesktopFilesError(_("%(error)s; the files written before it stay installed "
                                      "(`deskbreath desktop remove` removes them)")
                                    % {"error": error}) from error
        finally:
            self._save(Manifest(tuple(files), tuple(dirs)))
        self._drop_unshipped(before)
        return outcome

    def remove(self) -> Outcome:
        """Remove exactly what the manifest lists, then the manifest.

        First the files it lists, then the folders install created that are now empty, then
        the manifest.

        Raises:
            DesktopFilesError: a file could not be removed (the manifest keeps it listed).
        """
        manifest = self.installed()
        outcome = Outcome()
        left: list[Path] = []
        for path in manifest.files:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as error:
                log.warning("cannot remove %s: %s", path, error)
                left.append(path)
                continue
            outcome.changed.append(path)
        for folder in sorted(manifest.dirs, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):  # not empty (someone else's files), or gone
                folder.rmdir()
        if left:
            self._save(Manifest(tuple(left), manifest.dirs))
            raise DesktopFilesError(
                _("could not remove %(files)s (see the log); they are still listed for the "
                  "next `deskbreath desktop remove`") % {"files": ", ".join(map(str, left))})
        with contextlib.suppress(FileNotFoundError):
            self._manifest_path.unlink()
        return outcome

    def _drop_unshipped(self, before: Manifest) -> None:
        """Files an older version installed that this one no longer ships are ours: remove."""
        shipped = {self._xdg.data_home / item.target for item in self._shipped}
        stale = [path for path in before.files if path not in shipped]
        if not stale:
            return
        for path in stale:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        manifest = self.installed()
        self._save(Manifest(tuple(p for p in manifest.files if p not in stale), manifest.dirs))

    def _save(self, manifest: Manifest) -> None:
        try:
            atomic_write(self._manifest_path, manifest.text().encode("utf-8"))
        except SaveError as error:
            raise DesktopFilesError(
                _("could not record the installed files in %(path)s (%(reason)s); remove "
                  "them by hand if needed: %(files)s") % {
                    "path": self._manifest_path,
                    "reason": reason_for(error, self._manifest_path),
                    "files": ", ".join(str(p) for p in manifest.files)}) from error


def _differs(target: Path, data: bytes) -> bool:
    """Whether a file exists at ``target`` with other content than ``data``."""
    try:
        return target.read_bytes() != data
    except (FileNotFoundError, NotADirectoryError):
        return False  # nothing there (writing will say why the folder is not one)
    except OSError:
        return True


def _missing_parents(target: Path, root: Path) -> list[Path]:
    """The folders below ``root`` and above ``target`` that do not exist yet, outermost first.

    ``root`` itself (``~/.local/share``) is never counted as ours.
    """
    missing: list[Path] = []
    folder = target.parent
    while folder != root and folder.is_relative_to(root) and not folder.exists():
        missing.append(folder)
        folder = folder.parent
    return list(reversed(missing))
