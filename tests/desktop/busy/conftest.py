"""Fixtures for the busy backends: a window manager that sets EWMH full-screen state, and a
real PulseAudio server with a null microphone in a private runtime directory.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.services import require_library, require_tools
from tests.support.waits import WAIT_S
from tests.support.xserver import XServer, focus_holder, running, wait_for, xvfb
from tests.support.xserver import openbox as window_manager


@pytest.fixture
def openbox(tmp_path: Path) -> Iterator[XServer]:
    """Xvfb with openbox managing windows (it sets _NET_ACTIVE_WINDOW and full screen)."""
    require_tools("openbox", "wmctrl", "xprop", "xdotool")
    require_library("xcb", "libxcb1")
    with xvfb() as server, window_manager(server, tmp_path):
        yield server


@dataclass
class Window:
    """A window of another app, by its X id."""

    id: str
    server: XServer

    def fullscreen(self, on: bool) -> None:
        """Ask the window manager (wmctrl) to add or remove the full-screen state."""
        self.server.run("wmctrl", "-i", "-r", self.id, "-b",
                        f"{'add' if on else 'remove'},fullscreen")

    def is_fullscreen(self) -> bool:
        return "_NET_WM_STATE_FULLSCREEN" in self.server.run(
            "xprop", "-id", self.id, "_NET_WM_STATE", check=False)


@pytest.fixture
def other_window(openbox: XServer, tmp_path: Path) -> Iterator[Window]:
    """A text field of another app, shown and active under openbox."""
    with focus_holder(openbox, tmp_path / "typed.txt") as window_id:
        window = Window(window_id, openbox)
        openbox.run("xdotool", "windowactivate", "--sync", window.id, check=False)
        wait_for(lambda: str(int(window.id)) in str(int(openbox.run(
            "xdotool", "getactivewindow", check=False).strip() or "0")),
            timeout=WAIT_S, what="the other app's window to be active")
        yield window


@dataclass
class Pulse:
    """A private PulseAudio server: ``env`` reaches it (``XDG_RUNTIME_DIR``), ``server`` is
    its address for clients that take one.
    """

    env: dict[str, str]
    server: str

    def record(self, source: str) -> subprocess.Popen[bytes]:
        """Start ``parecord`` recording from ``source`` (stop it with terminate())."""
        return subprocess.Popen(["parecord", f"--device={source}", "/dev/null"], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def source_outputs(self) -> str:
        return subprocess.run(["pactl", "list", "short", "source-outputs"], env=self.env,
                              capture_output=True, text=True, timeout=WAIT_S,
                              check=False).stdout


@pytest.fixture
def pulse(tmp_path: Path) -> Iterator[Pulse]:
    """PulseAudio as an ordinary daemon in a private runtime directory, with a null source
    ``mic`` and a null sink ``speakers`` (whose ``speakers.monitor`` is not a microphone).
    """
    require_tools("pulseaudio", "parecord", "pactl")
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), HOME=str(tmp_path),
               PULSE_RUNTIME_PATH=str(runtime / "pulse"))
    env.pop("PULSE_SERVER", None)
    argv = ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n", "--disable-shm",
            "--load=module-native-protocol-unix",
            "--load=module-null-source source_name=mic",
            "--load=module-null-sink sink_name=speakers"]
    with running(argv, env=env):
        socket = runtime / "pulse" / "native"
        wait_for(lambda: subprocess.run(["pactl", "info"], env=env, capture_output=True,
                                        timeout=WAIT_S, check=False).returncode == 0,
                 timeout=WAIT_S, what="PulseAudio to answer")
        yield Pulse(env, f"unix:{socket}")
