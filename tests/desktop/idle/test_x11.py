"""The X11 backend against a real Xvfb: idle grows while nothing happens, input resets it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from deskbreath.desktop.idle.base import BackendUnavailable
from deskbreath.desktop.idle.x11 import X11IdleSource
from tests.support.waits import WAIT_S
from tests.support.xserver import XServer, wait_for


def test_idle_grows_without_input_and_resets_on_pointer_motion(xserver: XServer) -> None:
    """Idle time rises while nobody touches the display and starts again from 0 at a mouse
    move.
    """
    source = X11IdleSource(xserver.display)
    try:
        first = source.idle_seconds()
        assert first is not None
        wait_for(lambda: (source.idle_seconds() or 0.0) >= first + 0.4, timeout=WAIT_S,
                 what="X11 idle time to grow")

        moved_at = time.monotonic()
        xserver.run("xdotool", "mousemove", "--sync", "123", "77")
        after = source.idle_seconds()
        since_move = time.monotonic() - moved_at

        # However slow the machine, idle no longer than the time since the move means the
        # last input came after it; without the reset it would be 0.4 s longer at least.
        assert after is not None
        assert after <= since_move + 0.05
        assert source.healthy
    finally:
        source.close()


def test_close_twice_is_safe_and_stops_answering(xserver: XServer) -> None:
    """After close() the source answers None and a second close() does nothing."""
    source = X11IdleSource(xserver.display)

    source.close()
    source.close()

    assert source.idle_seconds() is None


def test_missing_display_is_unavailable() -> None:
    """No DISPLAY means the backend is unavailable, with the reason."""
    with pytest.raises(BackendUnavailable, match="DISPLAY is not set"):
        X11IdleSource(None)


def test_unreachable_display_is_unavailable() -> None:
    """A display nobody serves is unavailable, naming the display."""
    with pytest.raises(BackendUnavailable, match="cannot open X display"):
        X11IdleSource(":2999")


def test_server_without_the_extension_is_unavailable(xserver_without_screensaver: str) -> None:
    """An X server without MIT-SCREEN-SAVER is unavailable, naming the extension."""
    started = time.monotonic()
    with pytest.raises(BackendUnavailable, match="no MIT-SCREEN-SAVER extension"):
        X11IdleSource(xserver_without_screensaver)
    assert time.monotonic() - started < WAIT_S, "the check must not hang"


_PROBE = """
import sys
from deskbreath.desktop.idle.x11 import X11IdleSource
source = X11IdleSource(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
print("idle", source.idle_seconds(), "healthy", source.healthy, flush=True)
source.close()
print("closed", flush=True)
"""


def test_a_lost_x_server_fails_the_query_instead_of_ending_the_process(
    xserver: XServer,
) -> None:
    """When the X server goes away, the next query answers None and close() returns: Xlib no
    longer ends the process from inside the call (it called exit(1), and Qt then crashed in
    its exit handlers).
    """
    assert xserver.process is not None
    repo = Path(__file__).resolve().parents[3]
    probe = subprocess.Popen([sys.executable, "-c", _PROBE, xserver.display],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, cwd=repo)
    try:
        assert probe.stdout is not None
        assert probe.stdout.readline().strip() == "ready"
        xserver.process.terminate()
        xserver.process.wait(timeout=WAIT_S)

        output, _ = probe.communicate("go\n", timeout=WAIT_S)
    finally:
        if probe.poll() is None:
            probe.kill()
            probe.wait()

    assert probe.returncode == 0, output
    assert "idle None healthy False" in output
    assert "closed" in output
