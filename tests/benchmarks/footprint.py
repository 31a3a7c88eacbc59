"""Footprint benchmark: deskbreath beside a bare tray icon (the floor), in one run.

Run: ``python -m tests.benchmarks.footprint [--app-command "CMD ..."] [--idle 60]
[--dock-runs 6] [--prompts 50] [--skip-day] [--skip-busy] [--skip-windows] [--gnome] [--away]
[--kwin]``

Each subject runs in a desktop of its own: Xvfb, openbox (so windows can be closed the way a
user closes them, with the window manager's close button), trayer as the tray host, a
private session bus, and a temporary HOME. For each it measures:

- **docked**: from launch to the icon embedded in the tray; besides the launch measured
  below, ``--dock-runs`` more launches of each, alternating floor and deskbreath, each in
  a fresh desktop, and the median of all (one launch varies by 2× on a shared machine);
- **idle**: RSS and PSS 20 s after launch, then, over ``--idle`` seconds, the CPU seconds
  and the wake-ups *per thread* (:mod:`tests.benchmarks.procstat`: context switches of each
  thread, so threads that exit meanwhile cannot make the figure negative);
- **a working day** (deskbreath only), driven through its command line as a user would: the
  first prompt (``deskbreath now``, closed after a few seconds), the settings dialog
  (``deskbreath settings``, closed), the statistics window (``deskbreath stats --window``,
  closed), and ``--prompts`` more prompts; RSS after each step, then idle wake-ups and CPU
  again (a window that leaves a timer behind shows here).

With ``--away`` it also measures deskbreath idle with ``natural_break = "10s"``, so that the
user (nobody touches the Xvfb) counts as away for the whole window. With ``--gnome``
deskbreath is measured idle once more with Mutter as the window manager
(GNOME's idle monitor: the tick rests on its events). With ``--kwin`` it is measured idle on
a headless KWin (``ext-idle-notify-v1``: the tick rests on the compositor's ``resumed`` and
``idled``), at the desk and away; Qt runs offscreen there (no tray host on a bare KWin), so
the figure is deskbreath's own, without Qt's Wayland client. Then it prints what each closed window
leaves, split into Python objects, Qt caches and pages the allocator kept
(:mod:`tests.benchmarks.window_memory`), and times one complete check of every busy signal
(:mod:`tests.benchmarks.busy_check`).
It prints the date, the machine and a table of figures beside their targets; the README
records them. Not a test: it prints numbers, it does not judge them.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

import PySide6

import deskbreath
from tests.benchmarks import busy_check, window_memory
from tests.benchmarks.procstat import Memory, ThreadWatch, WatchResult, memory
from tests.desktop.conftest import private_bus
from tests.desktop.kwin import kwin
from tests.support.xserver import XServer, openbox, running, tray_host, tray_icon_centre, xvfb

REPO = Path(__file__).resolve().parents[2]
SETTLE_S = 20.0
"""Idle figures are taken this long after launch (start-up work is over by then)."""
CLOSE_SETTLE_S = 3.0
"""After a window closes, RSS is read this much later (deferred deletion and clean-up)."""

#: Targets of issue 16, as multiples of the floor or absolute figures.
TARGETS = {"day RSS": 1.4, "idle RSS": 1.3, "docked": 1.5, "wake-ups/s": 0.1,
           "CPU s/idle min": 0.02}


@dataclass
class Figures:
    name: str
    dock_seconds: float
    rss_mib: float
    pss_mib: float
    idle_cpu_seconds: float
    idle_minutes: float
    idle: WatchResult | None = None
    day: list[tuple[str, Memory]] = field(default_factory=list)
    docks: list[float] = field(default_factory=list)
    after_day: WatchResult | None = None


SMAPS_DIR = os.environ.get("DESKBREATH_BENCH_SMAPS")


class Steps(list[tuple[str, Memory]]):
    """The day's steps; with ``DESKBREATH_BENCH_SMAPS=DIR`` each one's smaps is saved too."""

    def __init__(self, pid: int) -> None:
        super().__init__()
        self._pid = pid

    def append(self, step: tuple[str, Memory]) -> None:
        super().append(step)
        if SMAPS_DIR:
            folder = Path(SMAPS_DIR)
            folder.mkdir(parents=True, exist_ok=True)
            text = Path(f"/proc/{self._pid}/smaps").read_text()
            (folder / f"{len(self):02d}-{step[0].replace(' ', '-')}.smaps").write_text(text)


@dataclass
class Desktop:
    server: XServer
    env: dict[str, str]
    home: Path


@contextmanager
def mutter_wm(server: XServer, bus_address: str, home: Path) -> Iterator[None]:
    """Mutter as the X11 window manager of ``server``: it serves GNOME's idle monitor
    (``org.gnome.Mutter.IdleMonitor``, with its watches) on the session bus.
    """
    env = dict(server.env, DBUS_SESSION_BUS_ADDRESS=bus_address, HOME=str(home),
               XDG_RUNTIME_DIR=str(home / "run"))
    with (home / "mutter.log").open("wb") as log, running(
            ["mutter", "--x11", "--replace", "--sm-disable"], env=env, stdout=log,
            stderr=subprocess.STDOUT):
        probe = [sys.executable, "-c", "from PySide6.QtDBus import QDBusConnection as C; "
                 "import sys; sys.exit(not C.sessionBus().interface().isServiceRegistered("
                 "'org.gnome.Mutter.IdleMonitor').value())"]
        _until(lambda: subprocess.run(probe, env=env, check=False).returncode == 0,
               "Mutter's idle monitor on the bus")
        yield


@contextmanager
def desktop(settings: str | None = None, *, gnome: bool = False) -> Iterator[Desktop]:
    """Xvfb + openbox (or Mutter, ``gnome``) + trayer + a private session bus, and the
    environment for a program.
    """
    with ExitStack() as stack:
        home = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        (home / "run").mkdir(mode=0o700)
        server = stack.enter_context(xvfb())
        bus = stack.enter_context(private_bus())
        if gnome:
            stack.enter_context(mutter_wm(server, bus.address, home))
        else:
            stack.enter_context(openbox(server, home))
        stack.enter_context(tray_host(server))
        runtime = home / "run"
        if settings is not None:
            folder = home / ".config" / "deskbreath"
            folder.mkdir(parents=True)
            (folder / "settings.toml").write_text(settings, encoding="utf-8")
        env = dict(server.env, HOME=str(home), XDG_CONFIG_HOME=f"{home}/.config",
                   XDG_STATE_HOME=f"{home}/.state", XDG_DATA_HOME=f"{home}/.data",
                   XDG_RUNTIME_DIR=str(runtime), QT_QPA_PLATFORM="xcb",
                   DBUS_SESSION_BUS_ADDRESS=bus.address, PYTHONPATH=str(REPO))
        for name in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE", "XDG_CURRENT_DESKTOP",
                     "DBUS_SYSTEM_BUS_ADDRESS"):
            env.pop(name, None)
        if gnome:
            env["XDG_CURRENT_DESKTOP"] = "GNOME"
        yield Desktop(server, env, home)


def _cli(place: Desktop, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deskbreath", *args], env=place.env,
                          capture_output=True, text=True, timeout=60, check=False)


def _until(condition: Callable[[], object], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _prompt_open(place: Desktop) -> bool:
    done = _cli(place, "status", "--json")
    return done.returncode == 0 and bool(json.loads(done.stdout)["prompt_open"])


def _windows(place: Desktop, title: str) -> list[str]:
    done = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                          env=place.env, capture_output=True, text=True, check=False)
    return done.stdout.split()


def _close(place: Desktop, title: str) -> None:
    """Close the window called ``title`` as a user would: the window manager's close."""
    _until(lambda: _windows(place, title), f"the window {title!r}")
    for window in _windows(place, title):
        subprocess.run(["wmctrl", "-i", "-c", window], env=place.env, check=False)
    _until(lambda: not _windows(place, title), f"the window {title!r} to close")


def _prompt(place: Desktop, seconds: float) -> None:
    """One prompt: ``deskbreath now``, the exercise runs ``seconds``, then it is closed."""
    done = _cli(place, "now")
    if done.returncode != 0:
        raise RuntimeError(f"deskbreath now: {done.stderr.strip()}")
    _until(lambda: _prompt_open(place), "the prompt to open")
    time.sleep(seconds)
    _close(place, "^deskbreath: ")
    _until(lambda: not _prompt_open(place), "the prompt to end")


def working_day(place: Desktop, pid: int, prompts: int) -> list[tuple[str, Memory]]:
    """The day scenario of the module docstring; RSS after each step."""
    steps = Steps(pid)
    steps.append(("idle", memory(pid)))
    _prompt(place, 5.0)
    time.sleep(CLOSE_SETTLE_S)
    steps.append(("after the first prompt", memory(pid)))
    for label, title, command in (("settings dialog", "settings", ("settings",)),
                                  ("statistics window", "statistics", ("stats", "--window"))):
        _cli(place, *command)
        pattern = f"^deskbreath {title}$"
        _until(partial(_windows, place, pattern), f"the {label}")
        time.sleep(1.0)
        steps.append((f"{label} open", memory(pid)))
        _close(place, pattern)
        time.sleep(CLOSE_SETTLE_S)
        steps.append((f"{label} closed", memory(pid)))
    for index in range(prompts):
        _prompt(place, 0.5)
        if index == 9:
            time.sleep(CLOSE_SETTLE_S)
            steps.append(("after 10 more prompts", memory(pid)))
    time.sleep(CLOSE_SETTLE_S)
    steps.append((f"after {prompts} more prompts", memory(pid)))
    return steps


def measure(name: str, window_name: str, command: list[str], idle: float,
            settings: str | None = None, *, prompts: int | None = None,
            gnome: bool = False) -> Figures:
    """Launch ``command`` in a fresh desktop and measure it (see the module docstring).

    ``prompts`` runs the working day afterwards (deskbreath only); ``gnome`` uses Mutter as
    the window manager (idle events instead of polling).
    """
    with desktop(settings, gnome=gnome) as place:
        start = time.monotonic()
        process = subprocess.Popen(command, env=place.env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            docked = _until_docked(place, process, name, window_name, start)
            time.sleep(max(0.0, SETTLE_S - (time.monotonic() - start)))
            idle_memory = memory(process.pid)
            with ThreadWatch(process.pid) as watch:
                time.sleep(idle)
            figures = Figures(name, docked, idle_memory.rss, idle_memory.pss,
                              watch.result.process_cpu_seconds, idle / 60, idle=watch.result)
            if prompts is not None:
                figures.day = working_day(place, process.pid, prompts)
                with ThreadWatch(process.pid) as watch:
                    time.sleep(idle)
                figures.after_day = watch.result
        finally:
            process.terminate()
            process.wait(timeout=10)
    return figures


def measure_kwin(command: list[str], idle: float, settings: str | None = None) -> WatchResult:
    """Launch ``command`` with a headless KWin as its Wayland session and watch it idle.

    Raises:
        RuntimeError: the app did not choose the ext-idle-notify-v1 backend.
    """
    with ExitStack() as stack:
        root = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        compositor = stack.enter_context(kwin(root))
        bus = stack.enter_context(private_bus())
        if settings is not None:
            folder = root / ".config" / "deskbreath"
            folder.mkdir(parents=True)
            (folder / "settings.toml").write_text(settings, encoding="utf-8")
        env = {key: value for key, value in os.environ.items()
               if key not in ("DISPLAY", "XDG_CURRENT_DESKTOP", "DBUS_SYSTEM_BUS_ADDRESS")}
        env |= {"HOME": str(root), "XDG_CONFIG_HOME": f"{root}/.config",
                "XDG_STATE_HOME": f"{root}/.state", "XDG_DATA_HOME": f"{root}/.data",
                "XDG_RUNTIME_DIR": str(compositor.runtime_dir),
                "WAYLAND_DISPLAY": compositor.socket, "XDG_SESSION_TYPE": "wayland",
                "QT_QPA_PLATFORM": "offscreen", "DBUS_SESSION_BUS_ADDRESS": bus.address,
                "PYTHONPATH": str(REPO)}
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            time.sleep(SETTLE_S)
            log = root / ".state" / "deskbreath" / "log" / "deskbreath.log"
            text = log.read_text(encoding="utf-8") if log.exists() else ""
            if "using Wayland ext-idle-notify-v1" not in text:
                raise RuntimeError(f"deskbreath on KWin did not use ext-idle-notify-v1:\n"
                                   f"{text[-2000:]}")
            with ThreadWatch(process.pid) as watch:
                time.sleep(idle)
        finally:
            process.terminate()
            process.wait(timeout=10)
    return watch.result


def _until_docked(place: Desktop, process: subprocess.Popen[bytes], name: str,
                  window_name: str, start: float) -> float:
    """Seconds from ``start`` until the icon called ``window_name`` is embedded in the tray."""
    while tray_icon_centre(place.server, window_name) is None:
        if time.monotonic() - start > 30 or process.poll() is not None:
            raise RuntimeError(f"{name}: the tray icon never embedded")
        time.sleep(0.01)
    return time.monotonic() - start


def dock_seconds(name: str, window_name: str, command: list[str]) -> float:
    """Launch ``command`` in a fresh desktop; seconds until its icon is embedded."""
    with desktop() as place:
        start = time.monotonic()
        process = subprocess.Popen(command, env=place.env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            return _until_docked(place, process, name, window_name, start)
        finally:
            process.terminate()
            process.wait(timeout=10)


def machine() -> str:
    """The CPU model, cores, kernel, Python, PySide6 and load average, for the report."""
    model = next((line.split(":", 1)[1].strip()
                  for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.machine())
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return (f"{model}, {os.cpu_count()} cores, Linux {platform.release()}, Python "
            f"{platform.python_version()}, PySide6 {PySide6.__version__}; load average {load}")


def _threads(label: str, result: WatchResult) -> None:
    print(f"  {label}: {result.wakeups_per_second:.3f} wake-ups/s, "
          f"{result.cpu_per_minute:.3f} CPU s/min over {result.seconds:.0f} s")
    for figure in sorted(result.by_name().values(), key=lambda f: -f.switches):
        note = " (started)" if figure.started else ""
        note += " (exited)" if figure.exited else ""
        print(f"    {figure.name:18} {figure.switches / result.seconds:7.3f}/s "
              f"{figure.switches:5d} wake-ups {figure.cpu_ticks:3d} ticks{note}")


def report(floor: Figures, app: Figures) -> None:
    """Print the figures of the floor and of deskbreath beside their targets."""
    print(f"\n{datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {machine()}")
    print("Xvfb + openbox + trayer + a private session bus\n")
    rows = [
        ("docked (s, median)", statistics.median(floor.docks),
         statistics.median(app.docks), "docked"),
        ("idle RSS (MiB)", floor.rss_mib, app.rss_mib, "idle RSS"),
    ]
    if app.day:
        rows.append(("day RSS (MiB)", floor.rss_mib, app.day[-1][1].rss, "day RSS"))
    print(f"{'':22} {'floor':>8} {'deskbreath':>11} {'ratio':>6} {'target':>7}")
    for label, low, high, target in rows:
        print(f"{label:22} {low:8.2f} {high:11.2f} {high / low:6.2f} "
              f"{'≤ ' + str(TARGETS[target]) + '×':>7}")
    for label, attribute in (("idle", "idle"), ("idle after the day", "after_day")):
        floor_result = floor.idle
        app_result: WatchResult | None = getattr(app, attribute)
        if app_result is None or floor_result is None:
            continue
        print(f"{'wake-ups/s, ' + label:34} {floor_result.wakeups_per_second:8.3f} "
              f"{app_result.wakeups_per_second:11.3f}        ≤ {TARGETS['wake-ups/s']}")
        print(f"{'CPU s/idle min, ' + label:34} {floor_result.cpu_per_minute:8.3f} "
              f"{app_result.cpu_per_minute:11.3f}        < {TARGETS['CPU s/idle min']}")
    print("\nper thread:")
    for figures in (floor, app):
        if figures.idle is not None:
            _threads(f"{figures.name}, idle", figures.idle)
        if figures.after_day is not None:
            _threads(f"{figures.name}, idle after the day", figures.after_day)
    print(f"\ndocked, {len(app.docks)} launches each (s): floor "
          f"{' '.join(f'{t:.2f}' for t in floor.docks)}; deskbreath "
          f"{' '.join(f'{t:.2f}' for t in app.docks)}")
    if app.day:
        print("\nthe working day, RSS / anonymous (MiB):")
        for step, mem in app.day:
            print(f"  {step:28} {mem.rss:6.1f} {mem.anonymous:6.1f}")


def main() -> int:
    """Print the figures of the bare tray and of deskbreath, then time the busy check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app-command", default=f"{sys.executable} -m deskbreath",
                        help="how to start deskbreath (default: %(default)s)")
    parser.add_argument("--idle", type=float, default=60.0, help="idle seconds to measure")
    parser.add_argument("--dock-runs", type=int, default=6,
                        help="more launches of each, alternating, for the docking median")
    parser.add_argument("--prompts", type=int, default=50,
                        help="prompts after the first in the working day")
    parser.add_argument("--skip-day", action="store_true", help="no working day")
    parser.add_argument("--skip-busy", action="store_true", help="no busy-check timing")
    parser.add_argument("--skip-windows", action="store_true",
                        help="no breakdown of what closed windows leave")
    parser.add_argument("--gnome", action="store_true",
                        help="also measure deskbreath idle under Mutter (GNOME's idle events)")
    parser.add_argument("--away", action="store_true",
                        help="also measure deskbreath while the user counts as away")
    parser.add_argument("--kwin", action="store_true",
                        help="also measure deskbreath idle on a headless KWin "
                             "(ext-idle-notify-v1), at the desk and away")
    args = parser.parse_args()
    # pip compiles an installed wheel's bytecode; a checkout may have none (or stale), and
    # compiling at launch would be measured as start-up time and memory.
    compileall.compile_dir(Path(deskbreath.__file__).parent, quiet=1)
    floor_command = [sys.executable, "-m", "tests.benchmarks.bare_tray"]
    floor = measure("bare PySide6 tray", "bare-tray", floor_command, args.idle)
    app = measure("deskbreath", "deskbreath", shlex.split(args.app_command), args.idle,
                  prompts=None if args.skip_day else args.prompts)
    floor.docks.append(floor.dock_seconds)
    app.docks.append(app.dock_seconds)
    for _ in range(args.dock_runs):
        floor.docks.append(dock_seconds("bare PySide6 tray", "bare-tray", floor_command))
        app.docks.append(dock_seconds("deskbreath", "deskbreath",
                                      shlex.split(args.app_command)))
    report(floor, app)
    if args.away:
        away = measure("deskbreath, away", "deskbreath", shlex.split(args.app_command),
                       args.idle, settings='natural_break = "10s"\n')
        assert away.idle is not None
        _threads("deskbreath, away (natural_break 10 s), idle", away.idle)
    if args.gnome:
        gnome = measure("deskbreath on Mutter", "deskbreath", shlex.split(args.app_command),
                        args.idle, gnome=True)
        assert gnome.idle is not None
        print(f"\nwith Mutter as window manager (idle events): docked {gnome.dock_seconds:.2f} s,"
              f" idle RSS {gnome.rss_mib:.1f} MiB")
        _threads("deskbreath on Mutter, idle", gnome.idle)
    if args.kwin:
        print()
        command = shlex.split(args.app_command)
        _threads("deskbreath on KWin (ext-idle-notify-v1), idle",
                 measure_kwin(command, args.idle))
        _threads("deskbreath on KWin, away (natural_break 10 s), idle",
                 measure_kwin(command, args.idle, 'natural_break = "10s"\n'))
    if not args.skip_windows:
        print("\nwhat a closed window leaves (python -m tests.benchmarks.window_memory):")
        window_memory.main([])
    if not args.skip_busy:
        print()
        busy_check.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
