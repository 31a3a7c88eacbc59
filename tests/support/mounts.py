"""A tiny tmpfs for disk-full and read-only tests, where this machine allows mounts (root with
CAP_SYS_ADMIN, as on CI); tests fall back to an injected write error elsewhere.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Tmpfs:
    """A mounted tmpfs at ``path``; :meth:`read_only` and :meth:`writable` remount it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read_only(self) -> None:
        _mount("-o", "remount,ro", str(self.path))

    def writable(self) -> None:
        _mount("-o", "remount,rw", str(self.path))


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=True,
                          timeout=20)


@contextmanager
def tiny_tmpfs(path: Path, size: str = "64k") -> Iterator[Tmpfs | None]:
    """Mount a tmpfs of ``size`` at ``path`` (made if missing) for the block; None when mounts
    are not allowed here. Unmounted afterwards, whatever happened.
    """
    path.mkdir(parents=True, exist_ok=True)
    try:
        _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path))
    except (OSError, subprocess.CalledProcessError):
        yield None
        return
    try:
        yield Tmpfs(path)
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False,
                       timeout=20)
