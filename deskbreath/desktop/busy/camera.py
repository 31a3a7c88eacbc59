"""A camera in use on Linux: another process holds a video device (``/dev/video*``) open.

The answer comes from the symbolic links in ``/proc/PID/fd``: only the user's own processes
can be read, which is what matters (a meeting app runs as the user). Nothing is read from
the device: deskbreath never opens it. Cheap when no camera exists (one glob); with one, one
``readlink`` per open file of the user's processes, only while a prompt is due.

Both the device pattern and the ``/proc`` root are parameters, so tests use a fake tree.
"""

# The scan makes thousands of calls with a camera present; os functions on strings cost a
# fraction of pathlib objects here.
# ruff: noqa: PTH115, PTH118, PTH207, PTH208

from __future__ import annotations

import glob
import os
from pathlib import Path

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.base import BusySourceBase

NAME = "camera open (/proc/*/fd → /dev/video*)"


class CameraSource(BusySourceBase):
    """Busy while a process other than this one has a video device open.

    Args:
        devices: a glob of the video devices.
        proc: the proc file system's root.
        own_pid: the process to ignore (this one).
    """

    def __init__(self, devices: str = "/dev/video*", proc: Path = Path("/proc"),
                 own_pid: int | None = None) -> None:
        super().__init__(HoldReason.CAMERA, NAME)
        self._devices = devices
        self._proc = proc
        self._own_pid = os.getpid() if own_pid is None else own_pid

    def is_busy(self) -> bool | None:
        """True while another process holds a video device open; None if ``/proc`` is unreadable."""
        devices = set(glob.glob(self._devices))
        if not devices:
            return self._answer.tells(False)  # no camera: none can be in use
        try:
            entries = os.scandir(self._proc)
        except OSError as error:
            return self._answer.cannot_tell(f"cannot read {self._proc}: {error}")
        with entries:
            for entry in entries:
                if entry.name.isdigit() and int(entry.name) != self._own_pid \
                        and self._holds(entry.path, devices):
                    return self._answer.tells(True)
        return self._answer.tells(False)

    def close(self) -> None:
        """Nothing to release: each question is a fresh scan."""

    @staticmethod
    def _holds(process: str, devices: set[str]) -> bool:
        fd_dir = os.path.join(process, "fd")
        try:
            names = os.listdir(fd_dir)
        except OSError:  # another user's process, or one that just ended
            return False
        for name in names:
            try:
                target = os.readlink(os.path.join(fd_dir, name))
            except OSError:
                continue
            if target in devices:
                return True
        return False
