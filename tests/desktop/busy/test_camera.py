"""Camera in use: another process holds a video device open. The real /proc is read; the
"device" is a file the test names as the device pattern (no camera on a test machine).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.camera import CameraSource
from tests.support.waits import WAIT_S
from tests.support.xserver import stop_process

HOLD_OPEN = ("import sys, time\nf = open(sys.argv[1], 'rb')\nprint('open', flush=True)\n"
             "time.sleep(600)\n")


def test_another_process_holding_the_device_is_busy(tmp_path: Path) -> None:
    """A process with video0 open makes the camera busy; when it ends, not busy."""
    device = tmp_path / "video0"
    device.write_bytes(b"")
    source = CameraSource(devices=str(tmp_path / "video*"))
    assert source.reason is HoldReason.CAMERA
    assert source.is_busy() is False

    holder = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(device)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        assert source.is_busy() is True
    finally:
        stop_process(holder)
    holder.wait(timeout=WAIT_S)
    assert source.is_busy() is False


def test_this_process_holding_the_device_does_not_count(tmp_path: Path) -> None:
    """Deskbreath's own open files are not a camera in use."""
    device = tmp_path / "video0"
    device.write_bytes(b"")
    with device.open("rb"):
        assert CameraSource(devices=str(tmp_path / "video*")).is_busy() is False


def test_no_video_device_is_never_busy(tmp_path: Path) -> None:
    """Without any video device nothing is scanned and the answer is no."""
    source = CameraSource(devices=str(tmp_path / "video*"), proc=tmp_path / "no-proc")

    assert source.is_busy() is False


def test_a_fake_proc_tree_is_read_through_the_seam(tmp_path: Path) -> None:
    """A process directory whose fd link points at the device counts; other links, other
    users' unreadable directories and non-process entries do not.
    """
    device = tmp_path / "dev" / "video2"
    device.parent.mkdir()
    device.write_bytes(b"")
    proc = tmp_path / "proc"
    (proc / "42" / "fd").mkdir(parents=True)
    (proc / "42" / "fd" / "0").symlink_to("/dev/null")
    (proc / "self").mkdir()
    (proc / "77").mkdir()  # no fd directory: another user's process or one that ended
    source = CameraSource(devices=str(tmp_path / "dev" / "video*"), proc=proc, own_pid=1)
    assert source.is_busy() is False

    (proc / "42" / "fd" / "5").symlink_to(device)

    assert source.is_busy() is True


def test_an_unreadable_proc_cannot_tell(tmp_path: Path) -> None:
    """When /proc cannot be listed, the source cannot tell, and says why."""
    device = tmp_path / "video0"
    device.write_bytes(b"")
    source = CameraSource(devices=str(tmp_path / "video*"), proc=tmp_path / "missing")

    assert source.is_busy() is None
    assert source.problem is not None
    assert os.fspath(tmp_path / "missing") in source.problem
