"""Busy-check benchmark: how long one complete check of every busy signal takes, and what the
lazily loaded libraries cost in memory.

Run: ``python -m tests.benchmarks.busy_check`` (``footprint`` runs it too).

It builds the real Linux sources the app would use on an X11 desktop, against real services:
Xvfb with openbox (full screen), a private session bus with dunst (do not disturb), a
private PulseAudio with a null microphone, and a ``/proc`` scan for a video device (a
temporary file stands in for ``/dev/video0``, so the whole scan runs). The first check
includes importing ``pulsectl``; later ones are what each check while a prompt is held back
costs. Not a test: it prints numbers, it does not judge them.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection

from deskbreath.desktop.busy import dbus_sources
from deskbreath.desktop.busy.base import BusySource
from deskbreath.desktop.busy.camera import CameraSource
from deskbreath.desktop.busy.pulse import PulseMicrophoneSource
from deskbreath.desktop.busy.typing import TypingSource
from deskbreath.desktop.busy.x11_fullscreen import X11FullscreenSource
from tests.support.xserver import dbus_daemon, openbox, running, xvfb

ROUNDS = 20
RSS_PROBE = """
import sys
from pathlib import Path
def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
before = rss()
from deskbreath.desktop.busy.pulse import PulseMicrophoneSource
PulseMicrophoneSource(sys.argv[1]).is_busy()
import jeepney.io.blocking
print(f"{rss() - before:.1f}")
"""


@contextmanager
def _pulse(home: Path) -> Iterator[str]:
    runtime = home / "pulse-run"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), HOME=str(home))
    argv = ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n", "--disable-shm",
            "--load=module-native-protocol-unix", "--load=module-null-source source_name=mic"]
    with running(argv, env=env):
        deadline = time.monotonic() + 30
        while subprocess.run(["pactl", "info"], env=env, capture_output=True,
                             check=False).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError("PulseAudio did not start")
            time.sleep(0.05)
        yield f"unix:{runtime / 'pulse' / 'native'}"


def measure() -> tuple[float, float, float, float]:
    """One full check: (first, median, slowest) in milliseconds, and the MiB the lazily
    loaded libraries add.
    """
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder, xvfb() as server, \
            openbox(server, Path(folder)), dbus_daemon(server.env) as address, \
            running(["dunst"], env=dict(server.env, DBUS_SESSION_BUS_ADDRESS=address,
                                        HOME=folder)), _pulse(Path(folder)) as pulse:
        home = Path(folder)
        (home / "video0").write_bytes(b"")
        bus = QDBusConnection.connectToBus(address, "busy-benchmark")
        time.sleep(1.0)  # let dunst take its name
        fullscreen = X11FullscreenSource(server.display)
        sources: list[BusySource] = [
            dbus_sources.kde_inhibited(bus), dbus_sources.dunst_paused(bus),
            dbus_sources.xfce_do_not_disturb(bus), dbus_sources.gnome_idle_inhibited(bus),
            fullscreen, PulseMicrophoneSource(pulse),
            CameraSource(devices=str(home / "video*")),
            TypingSource(lambda: 10.0, lambda: 3.0)]
        timings = []
        for _ in range(ROUNDS + 1):
            start = time.perf_counter()
            for source in sources:
                source.is_busy()
            timings.append((time.perf_counter() - start) * 1000)
        fullscreen.close()
        probe = subprocess.run([sys.executable, "-c", RSS_PROBE, pulse], capture_output=True,
                               text=True, check=True)
        del app
        return timings[0], statistics.median(timings[1:]), max(timings[1:]), float(
            probe.stdout.strip())


def main() -> int:
    """Measure one check of every busy signal and print the timings and the memory it adds."""
    first, median, slowest, mib = measure()
    print(f"one check of every busy signal: first {first:.1f} ms (imports pulsectl), then "
          f"median {median:.1f} ms, slowest {slowest:.1f} ms over {ROUNDS}")
    print(f"pulsectl + libpulse + jeepney loaded on first use: +{mib:.1f} MiB RSS")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
