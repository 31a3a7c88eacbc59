"""Atomic file replacement: readers see the old file or the new one, never half of either.

The steps (write, fsync, replace, fsync of the directory) are fields of
:class:`AtomicSteps` so tests can make any one of them fail and check that the old file
survives and no temporary file is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from deskbreath.i18n import _

log = logging.getLogger(__name__)

NEW_FILE_MODE = 0o644
#: A temporary file this old is not part of a save still under way: a save takes
#: milliseconds, even with a slow fsync.
STALE_TEMP_AGE = 600.0
#: What :func:`tempfile.mkstemp` adds between our prefix and suffix (``_RandomNameSequence``:
#: eight characters of ``[a-z0-9_]``).
_TEMP_RANDOM = r"[a-z0-9_]{8}"


class SaveError(OSError):
    """A file could not be saved. ``str()`` is one sentence for people, naming the file.

    It is an :class:`OSError` so callers that already handle I/O errors keep working;
    ``errno`` is kept from the underlying error when there was one.
    """

    def __init__(self, message: str, *, code: int | None = None, path: Path | None = None):
        super().__init__(message)
        self.errno = code
        self.filename = str(path) if path is not None else None

    def __str__(self) -> str:
        return str(self.args[0])


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable. Windows cannot open directories; it is skipped there."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class AtomicSteps:
    """The system calls :func:`atomic_write` makes, replaceable one by one in tests."""

    write: Callable[[int, bytes], None] = _write_all
    fsync: Callable[[int], None] = os.fsync
    replace: Callable[[str, str], None] = os.replace
    fsync_dir: Callable[[Path], None] = _fsync_dir


DEFAULT_STEPS = AtomicSteps()


def reason_for(error: OSError, path: Path) -> str:
    """What went wrong, in words: "permission denied", "the disk is full", ..."""
    reasons = {
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.EROFS: _("the file system is read-only"),
        errno.EISDIR: _("%(path)s is a folder, not a file") % {"path": path},
        errno.ENOTDIR: _("a part of the path is a file, not a folder"),
        errno.ENAMETOOLONG: _("the name is too long"),
    }
    if error.errno in reasons:
        return reasons[error.errno]
    return (error.strerror or str(error)).rstrip(".").lower()


def save_error(error: OSError, path: Path) -> SaveError:
    """A :class:`SaveError` for ``error`` that says the file on disk was not changed."""
    message = _("Could not save %(path)s: %(reason)s. The file on disk was not changed.") % {
        "path": path, "reason": reason_for(error, path)}
    return SaveError(message, code=error.errno, path=path)


def atomic_write(path: Path, data: bytes, *, steps: AtomicSteps = DEFAULT_STEPS) -> None:
    """Replace ``path`` with ``data`` atomically, creating its folder if needed.

    Writes a temporary file in the same folder, flushes and fsyncs it, renames it over
    ``path`` and fsyncs the folder. A symlink at ``path`` is followed, so a settings file
    linked from a dotfiles repository stays a link. The file keeps its permissions.

    Raises:
        SaveError: nothing was replaced; the temporary file is gone and ``path`` is as it was.
    """
    target = path.resolve() if path.is_symlink() else path
    if target.is_dir():
        raise save_error(IsADirectoryError(errno.EISDIR, "is a directory"), target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:  # a file where a folder should be
        raise save_error(NotADirectoryError(errno.ENOTDIR, str(error)), target) from error
    except OSError as error:
        raise save_error(error, target) from error
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = NEW_FILE_MODE
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=_temp_prefix(target), suffix=_TEMP_SUFFIX, dir=target.parent
        )
    except OSError as error:
        raise save_error(error, target) from error
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            steps.write(fd, data)
            steps.fsync(fd)
        finally:
            os.close(fd)
        steps.replace(temp_name, str(target))
    except BaseException as error:
        with contextlib.suppress(OSError):
            Path(temp_name).unlink()
        if isinstance(error, OSError):
            raise save_error(error, target) from error
        raise
    # The new file is in place. A folder fsync that fails (some file systems refuse it)
    # only weakens durability after a power cut; reporting "not saved" would be untrue.
    with contextlib.suppress(OSError):
        steps.fsync_dir(target.parent)


_TEMP_SUFFIX = ".tmp"


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def remove_stale_temporaries(path: Path, *, min_age: float = STALE_TEMP_AGE,
                             now: float | None = None) -> list[Path]:
    """Remove the temporary files that saves killed mid-way left beside ``path``.

    They are what :func:`atomic_write` leaves when the process is killed mid-save
    (``.settings.toml.k3j_x9a2.tmp``).

    Only files of exactly that pattern go, only regular files owned by this user, and only
    when older than ``min_age`` seconds, so a save under way in another process keeps its
    file. Anything else in the folder is left alone; a file that cannot be removed is logged.

    Args:
        path: the file that is saved atomically (its folder is searched).
        min_age: seconds since the temporary file was last written.
        now: the wall time to compare modification times with (``time.time()``).

    Returns:
        The files removed.
    """
    folder = path.parent
    pattern = re.compile(re.escape(_temp_prefix(path)) + _TEMP_RANDOM
                         + re.escape(_TEMP_SUFFIX))
    current = time.time() if now is None else now
    removed: list[Path] = []
    try:
        candidates = [entry for entry in folder.iterdir() if pattern.fullmatch(entry.name)]
    except OSError:
        return removed  # no folder yet: nothing was ever saved there
    for candidate in candidates:
        try:
            info = candidate.lstat()
            if (not stat.S_ISREG(info.st_mode) or current - info.st_mtime < min_age
                    or (hasattr(os, "getuid") and info.st_uid != os.getuid())):
                continue
            candidate.unlink()
        except OSError as error:
            log.warning("could not remove the leftover %s: %s", candidate,
                        reason_for(error, candidate))
            continue
        log.info("removed %s, left by a save that was cut short", candidate)
        removed.append(candidate)
    return removed
