"""What a window leaves behind once it is closed, and who holds it: a breakdown.

Run: ``python -m tests.benchmarks.window_memory [--rounds 3]``

In a fresh process on Xvfb (the xcb platform, so windows really paint), with everything the
idle app has imported already loaded, each window is opened as the app opens it, shown for
a second, closed as the user closes it (deleted on close, as the app does), and then:

1. **after close**: RSS and its anonymous part, once the deferred deletion has run;
2. **gc.collect()**: what Python's cycle collector still had (the windows leave no cycles
   behind if this changes nothing);
3. **QPixmapCache.clear()**: what Qt's pixmap cache held (icons, styled backgrounds);
4. **malloc_trim(0)**: what glibc's allocator kept of freed memory in its arenas and gave
   back to the system at this call.

Beside that, a second pass with ``tracemalloc`` running tells how many bytes of *Python*
allocations the window left (modules it imported on first use, their code and caches): the
rest of the anonymous growth is Qt and C++ heap. File-backed RSS (the code of Qt's
libraries and the fonts, paged in while painting) is reported apart: the kernel drops those
pages first when memory is short, and they cost no swap.

Rounds after the first show what repeated use adds (it should be nothing). Not a test: it
prints numbers; the README records them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.xserver import xvfb

REPO = Path(__file__).resolve().parents[2]

CHILD = r'''
import ctypes, gc, json, sys, time, tracemalloc
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

TRACE = sys.argv[2] == "trace"
ROUNDS = int(sys.argv[3])

def memory():
    values = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if parts and parts[0] in ("Rss:", "Anonymous:"):
            values[parts[0]] = int(parts[1]) / 1024
    return {"rss": values["Rss:"], "anon": values["Anonymous:"],
            "python": tracemalloc.get_traced_memory()[0] / 2**20 if TRACE else 0.0}

from deskbreath.startup import stop_source_caching
stop_source_caching()
import deskbreath.app  # everything the idle app has imported
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from shiboken6 import isValid

app = QApplication([])
libc = ctypes.CDLL("libc.so.6")

def spin(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        time.sleep(0.01)

warm = QLabel("Sitting 47 min · breathing in 8 min"); warm.show(); spin(0.5); warm.close()
warm.deleteLater(); spin(0.2); del warm

from deskbreath.core.clock import SystemClock
from deskbreath.core.exercises import packaged_catalogue
from deskbreath.core.history import MemoryRecorder
from deskbreath.core.idle import IdleHealth
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.desktop.idle.base import NullIdleSource
from deskbreath.paths import Paths

catalogue = packaged_catalogue()
clock = SystemClock()
settings = Settings()
tracker = SittingTracker(clock, NullIdleSource(), settings.natural_break)
paths = Paths.under(Path(sys.argv[1]).parent)
zone = ZoneInfo("Europe/Berlin")

def prompt(exercise):
    def make():
        from deskbreath.qt.windows.prompt import PromptWindow
        window = PromptWindow(exercise, catalogue, settings, clock, MemoryRecorder())
        window.begin()
        return window
    return make

def settings_dialog():
    from PySide6.QtCore import Qt
    from deskbreath.qt.settings.dialog import SettingsDialog
    dialog = SettingsDialog(settings)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

def statistics():
    from deskbreath.qt.windows.statistics import StatisticsWindow
    window = StatisticsWindow(Path(sys.argv[1]),
                              now=lambda: datetime(2026, 11, 23, 17, tzinfo=zone),
                              tz=zone, flush=lambda: None, clear=lambda: 0, catalogue=catalogue)
    window.show()
    return window

def diagnostics():
    from PySide6.QtCore import Qt
    from deskbreath.qt.windows.diagnostics import DiagnosticsDialog
    dialog = DiagnosticsDialog(tracker, IdleHealth(), paths, ["using none"])
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open_live()
    return dialog

WINDOWS = [("breathing prompt", prompt("breathing")), ("rotation prompt", prompt("rotation")),
           ("posture prompt", prompt("posture")), ("settings dialog", settings_dialog),
           ("statistics window", statistics), ("diagnostics", diagnostics)]

gc.collect(); libc.malloc_trim(0)
if TRACE:
    tracemalloc.start()
results = []
for round_ in range(ROUNDS):
    for name, make in WINDOWS:
        before = memory()
        window = make()
        if name.endswith("prompt"):
            window.setAttribute(__import__("PySide6.QtCore").QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        spin(1.0)
        shown = memory()
        window.close()
        spin(0.3)
        alive = isValid(window)
        del window
        closed = memory()
        gc.collect()
        collected = memory()
        QPixmapCache.clear()
        cleared = memory()
        libc.malloc_trim(0)
        trimmed = memory()
        results.append({"round": round_, "window": name, "before": before, "shown": shown,
                        "closed": closed, "collected": collected, "cleared": cleared,
                        "trimmed": trimmed, "alive_after_close": alive,
                        "widgets": len(QApplication.allWidgets())})
print(json.dumps(results))
'''


def run(database: Path, mode: str, rounds: int) -> list[dict[str, object]]:
    """Run the child on a fresh Xvfb; its measurements, one dict per window and round."""
    with xvfb() as server:
        env = dict(server.env, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(REPO))
        done = subprocess.run([sys.executable, "-c", CHILD, str(database), mode, str(rounds)],
                              env=env, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    result: list[dict[str, object]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _mib(step: object, key: str) -> float:
    assert isinstance(step, dict)
    return float(step[key])


def main(argv: list[str] | None = None) -> int:
    """Print what each window leaves once closed, step by step (MiB)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="times each window opens")
    args = parser.parse_args(argv)
    from datetime import date
    from zoneinfo import ZoneInfo

    from tests.support.health_data import generate

    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "health.sqlite3"
        generate(database, last=date(2026, 11, 23), days=60, tz=ZoneInfo("Europe/Berlin"))
        plain = run(database, "plain", args.rounds)
        traced = run(database, "trace", args.rounds)
    print("MiB; growth over the moment before the window opened, after each step")
    print(f"{'window':18} {'round':>5} {'open':>6} {'closed':>7} {'anon':>6} {'gc':>6} "
          f"{'pixmap':>7} {'trim':>6} {'anon':>6} {'python':>7}  deleted")
    for step, trace in zip(plain, traced, strict=True):
        base = step["before"]
        rss = {key: _mib(step[key], "rss") - _mib(base, "rss")
               for key in ("shown", "closed", "collected", "cleared", "trimmed")}
        anon = {key: _mib(step[key], "anon") - _mib(base, "anon") for key in ("closed", "trimmed")}
        python = _mib(trace["trimmed"], "python") - _mib(trace["before"], "python")
        print(f"{step['window']!s:18} {step['round']!s:>5} {rss['shown']:+6.2f} "
              f"{rss['closed']:+7.2f} {anon['closed']:+6.2f} {rss['collected']:+6.2f} "
              f"{rss['cleared']:+7.2f} {rss['trimmed']:+6.2f} {anon['trimmed']:+6.2f} "
              f"{python:+7.2f}  {'no' if step['alive_after_close'] else 'yes'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
