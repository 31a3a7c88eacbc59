"""Footprint benchmark: start-up to tray icon, memory, idle CPU, against a bare tray floor.

Run: ``python -m tests.benchmarks.footprint [--app-command "CMD ..."] [--idle 60] [--away]``

For each subject it starts Xvfb and trayer, launches the program with a temporary HOME,
measures the time until its icon is embedded in the tray, RSS and PSS of the process after
20 s, and the CPU seconds it uses over the following idle minute. With ``--away`` it also
measures deskbreath with ``natural_break = "10s"``, so that the user (nobody touches the
Xvfb) counts as away for the whole minute: the away watch polls then. Then it times one
complete check of every busy signal (:mod:`tests.benchmarks.busy_check`). It prints a table;
the README records the figures. Not a test: it prints numbers, it does not judge them.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import deskbreath
from tests.benchmarks import busy_check
from tests.support.xserver import tray_host, tray_icon_centre, xvfb

REPO = Path(__file__).resolve().parents[2]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Figures:
    name: str
    dock_seconds: float
    rss_mib: float
    pss_mib: float
    idle_cpu_seconds: float
    idle_minutes: float


def _memory(pid: int) -> tuple[float, float]:
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if parts and parts[0] in ("Rss:", "Pss:"):
            values[parts[0]] = int(parts[1]) / 1024
    return values["Rss:"], values["Pss:"]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def measure(name: str, window_name: str, command: list[str], idle: float,
            settings: str | None = None) -> Figures:
    """Dock time (s), RSS and PSS (MiB) after 20 s, and CPU (s) over ``idle`` s, under trayer."""
    with tempfile.TemporaryDirectory() as home, xvfb() as server, tray_host(server):
        runtime = Path(home) / "run"
        runtime.mkdir(mode=0o700)
        if settings is not None:
            folder = Path(home) / ".config" / "deskbreath"
            folder.mkdir(parents=True)
            (folder / "settings.toml").write_text(settings, encoding="utf-8")
        env = dict(server.env, HOME=home, XDG_CONFIG_HOME=f"{home}/.config",
                   XDG_STATE_HOME=f"{home}/.state", XDG_DATA_HOME=f"{home}/.data",
                   XDG_RUNTIME_DIR=str(runtime), QT_QPA_PLATFORM="xcb",
                   PYTHONPATH=str(REPO))
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        start = time.monotonic()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            while tray_icon_centre(server, window_name) is None:
                if time.monotonic() - start > 30 or process.poll() is not None:
                    raise RuntimeError(f"{name}: the tray icon never embedded")
                time.sleep(0.02)
            docked = time.monotonic() - start
            time.sleep(max(0.0, 20 - (time.monotonic() - start)))
            rss, pss = _memory(process.pid)
            cpu_before = _cpu_seconds(process.pid)
            time.sleep(idle)
            cpu = _cpu_seconds(process.pid) - cpu_before
        finally:
            process.terminate()
            process.wait(timeout=10)
    return Figures(name, docked, rss, pss, cpu, idle / 60)


def main() -> int:
    """Print the figures of the bare tray and of deskbreath, then time the busy check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app-command", default=f"{sys.executable} -m deskbreath",
                        help="how to start deskbreath (default: %(default)s)")
    parser.add_argument("--idle", type=float, default=60.0, help="idle seconds to measure")
    parser.add_argument("--away", action="store_true",
                        help="also measure deskbreath while the user counts as away")
    args = parser.parse_args()
    # pip compiles an installed wheel's bytecode; a checkout may have none (or stale), and
    # compiling at launch would be measured as start-up time and memory.
    compileall.compile_dir(Path(deskbreath.__file__).parent, quiet=1)
    floor = measure("bare PySide6 tray", "bare-tray",
                    [sys.executable, "-m", "tests.benchmarks.bare_tray"], args.idle)
    app = measure("deskbreath", "deskbreath", shlex.split(args.app_command), args.idle)
    subjects = [floor, app]
    if args.away:
        subjects.append(measure("deskbreath, away", "deskbreath", shlex.split(args.app_command),
                                args.idle, settings='natural_break = "10s"\n'))
    print(f"{'':20} {'dock s':>7} {'RSS MiB':>8} {'PSS MiB':>8} {'CPU s/idle min':>15}")
    for figures in subjects:
        per_minute = figures.idle_cpu_seconds / figures.idle_minutes
        print(f"{figures.name:20} {figures.dock_seconds:7.2f} {figures.rss_mib:8.1f} "
              f"{figures.pss_mib:8.1f} {per_minute:15.3f}")
    print(f"RSS ratio deskbreath / floor: {app.rss_mib / floor.rss_mib:.2f}")
    busy_check.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
