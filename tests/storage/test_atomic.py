"""Claims about atomic writes: all or nothing, no temporary files left, clear errors."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from deskbreath.storage.atomic import (
    STALE_TEMP_AGE,
    AtomicSteps,
    SaveError,
    atomic_write,
    remove_stale_temporaries,
)


def _fail(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def _raiser(error: BaseException) -> Callable[..., None]:
    """A step that fails with ``error``."""

    def step(*_args: object) -> None:
        raise error

    return step


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    """A settings file with old content."""
    path = tmp_path / "settings.toml"
    path.write_bytes(b"old = 1\n")
    return path


def test_writes_new_file_and_creates_its_folder(tmp_path: Path) -> None:
    """A file in a folder that does not exist yet is written, folder and all."""
    path = tmp_path / "a" / "b" / "settings.toml"

    atomic_write(path, b"new = 1\n")

    assert path.read_bytes() == b"new = 1\n"
    assert _names(path.parent) == ["settings.toml"]


def test_replaces_existing_file_and_keeps_its_permissions(existing: Path) -> None:
    """The new content replaces the old and the file keeps its mode."""
    existing.chmod(0o600)

    atomic_write(existing, b"new = 2\n")

    assert existing.read_bytes() == b"new = 2\n"
    assert existing.stat().st_mode & 0o777 == 0o600


def test_new_file_is_readable_by_others_like_an_editor_would_make_it(tmp_path: Path) -> None:
    """A new file gets 0644, not mkstemp's private 0600."""
    path = tmp_path / "settings.toml"

    atomic_write(path, b"x = 1\n")

    assert path.stat().st_mode & 0o777 == 0o644


def test_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    """Writing through a symlink changes the target and keeps the link."""
    target = tmp_path / "dotfiles" / "settings.toml"
    target.parent.mkdir()
    target.write_bytes(b"old\n")
    link = tmp_path / "settings.toml"
    link.symlink_to(target)

    atomic_write(link, b"new\n")

    assert link.is_symlink()
    assert target.read_bytes() == b"new\n"


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_failure_at_any_step_leaves_old_file_and_no_temp_file(existing: Path, step: str) -> None:
    """If write, fsync or replace fails, the old file is intact and the temp file is gone."""
    steps = AtomicSteps(**{step: _raiser(_fail(errno.EIO))})

    with pytest.raises(SaveError) as caught:
        atomic_write(existing, b"new = 1\n", steps=steps)

    assert existing.read_bytes() == b"old = 1\n"
    assert _names(existing.parent) == ["settings.toml"]
    assert "The file on disk was not changed" in str(caught.value)
    assert caught.value.errno == errno.EIO


def test_interrupt_during_write_removes_temp_file_and_propagates(existing: Path) -> None:
    """Ctrl-C in the middle of a write still cleans up and is not turned into a SaveError."""
    steps = AtomicSteps(write=_raiser(KeyboardInterrupt()))

    with pytest.raises(KeyboardInterrupt):
        atomic_write(existing, b"new\n", steps=steps)

    assert _names(existing.parent) == ["settings.toml"]


def test_failed_directory_fsync_still_counts_as_saved(existing: Path) -> None:
    """Some file systems refuse a folder fsync; the new file is in place, so no error."""
    steps = AtomicSteps(fsync_dir=_raiser(_fail(errno.EINVAL)))

    atomic_write(existing, b"new\n", steps=steps)

    assert existing.read_bytes() == b"new\n"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.EROFS, "the file system is read-only"),
    ],
)
def test_errors_are_explained_in_words(existing: Path, code: int, words: str) -> None:
    """Disk full, permission denied and read-only give a sentence naming the file."""
    steps = AtomicSteps(write=_raiser(_fail(code)))

    with pytest.raises(SaveError) as caught:
        atomic_write(existing, b"new\n", steps=steps)

    assert str(caught.value) == (
        f"Could not save {existing}: {words}. The file on disk was not changed."
    )


def test_permission_denied_on_replace_is_explained(existing: Path) -> None:
    """A PermissionError from the rename reads 'permission denied'."""
    steps = AtomicSteps(replace=_raiser(PermissionError(errno.EACCES, "Permission denied")))

    with pytest.raises(SaveError, match="permission denied"):
        atomic_write(existing, b"new\n", steps=steps)

    assert existing.read_bytes() == b"old = 1\n"


def test_path_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    """Saving onto a folder says it is a folder and leaves the folder alone."""
    folder = tmp_path / "settings.toml"
    folder.mkdir()

    with pytest.raises(SaveError, match="is a folder, not a file"):
        atomic_write(folder, b"x\n")

    assert folder.is_dir()


@pytest.mark.parametrize("depth", [1, 2])
def test_parent_that_is_a_file_is_refused(tmp_path: Path, depth: int) -> None:
    """A regular file where a folder should be gives 'a part of the path is a file'."""
    blocker = tmp_path / "config"
    blocker.write_bytes(b"not a folder")
    path = blocker / "sub" / "settings.toml" if depth == 2 else blocker / "settings.toml"

    with pytest.raises(SaveError, match="a part of the path is a file, not a folder"):
        atomic_write(path, b"x\n")

    assert blocker.read_bytes() == b"not a folder"


def test_save_error_is_an_os_error() -> None:
    """Callers that catch OSError also catch SaveError."""
    assert issubclass(SaveError, OSError)
    assert str(SaveError("Could not save x: reasons.")) == "Could not save x: reasons."


_KILLED_MID_SAVE = """
import os, signal, sys
from pathlib import Path
from deskbreath.storage.atomic import AtomicSteps, atomic_write
kill = AtomicSteps(fsync=lambda fd: os.kill(os.getpid(), signal.SIGKILL))
atomic_write(Path(sys.argv[1]), b"new = 2\\n", steps=kill)
"""


def _leftover_from_a_kill(path: Path) -> Path:
    """Run a save in a process that is killed with SIGKILL before its rename."""
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", _KILLED_MID_SAVE, str(path)], cwd=repo,
                          check=False, timeout=60)
    assert done.returncode == -9
    (leftover,) = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    return leftover


def test_a_save_killed_midway_leaves_a_temporary_file_that_the_next_start_removes(
    existing: Path,
) -> None:
    """A save killed before its rename leaves ``.settings.toml.*.tmp``; once it is old enough
    not to belong to a save under way, it is removed, and the settings file and anything else
    in the folder stay.
    """
    leftover = _leftover_from_a_kill(existing)
    others = [existing.parent / name for name in
              (".settings.toml.bak", "settings.toml.bak", ".other.toml.abcdefgh.tmp",
               ".settings.toml.toolongname.tmp")]
    for other in others:
        other.write_text("keep")
    old = leftover.stat().st_mtime - STALE_TEMP_AGE - 1
    for path in [leftover, *others]:
        os.utime(path, (old, old))

    removed = remove_stale_temporaries(existing)

    assert removed == [leftover]
    assert not leftover.exists()
    assert existing.read_bytes() == b"old = 1\n"
    assert all(other.exists() for other in others)


def test_a_recent_temporary_file_is_left_for_the_save_that_owns_it(existing: Path) -> None:
    """A temporary file written moments ago may belong to a save under way: it stays."""
    leftover = _leftover_from_a_kill(existing)

    removed = remove_stale_temporaries(existing)

    assert removed == []
    assert leftover.exists()


def test_no_folder_means_nothing_to_remove(tmp_path: Path) -> None:
    """Before anything was ever saved, the cleanup finds nothing and says nothing."""
    assert remove_stale_temporaries(tmp_path / "missing" / "settings.toml") == []
