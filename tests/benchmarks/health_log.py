"""Health log budgets, measured and printed against their limits in one run.

Run: ``python -m tests.benchmarks.health_log [--baseline-repo PATH] [--idle 30]``

1. **Idle RSS** of the tray app (Xvfb + trayer, 20 s after start, as in
   :mod:`tests.benchmarks.footprint`) beside the bare-tray floor, and beside the app built
   from ``--baseline-repo`` (a checkout without the health log, e.g. the main branch) when
   given. Budget: at most 2 MiB over the baseline.
2. **Opening the statistics window** on a year of data (365 days × 30 records, generated): time
   from the first import of the window's code to the chart's first paint, and the RSS it
   adds, in a process that has already loaded everything the idle app loads. Budget: under
   300 ms and at most 15 MiB.
3. **Recording an event** on the Qt thread: one :meth:`HealthLog.add` (one transaction) into
   that year-long database, 2,000 times. Budget: under 5 ms, judged on the 99.9th percentile
   of the wall time and on the worst CPU time of the thread; the worst wall time is printed
   too (on a shared machine it includes waiting for a CPU).

Not a test: it prints numbers and whether each is within its budget; the README records them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from deskbreath.core.health import EventKind, PromptEvent
from deskbreath.storage.health_log import HealthLog
from tests.benchmarks.footprint import measure as measure_footprint
from tests.support.health_data import generate
from tests.support.xserver import xvfb

REPO = Path(__file__).resolve().parents[2]
ZONE = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 23)

IDLE_BUDGET_MIB = 2.0
OPEN_BUDGET_MS = 300.0
OPEN_BUDGET_MIB = 15.0
RECORD_BUDGET_MS = 5.0

WINDOW_CHILD = r'''
import json, sys, time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import deskbreath.app  # everything the idle app has loaded
from PySide6.QtWidgets import QApplication, QLabel
from tests.benchmarks.probe import FirstPaint, rss_mib
app = QApplication([])
warm = QLabel("Sitting 47 min · breathing in 8 min"); warm.show()
for _ in range(20):
    app.processEvents()
warm.close()
zone = ZoneInfo("Europe/Berlin")
now = datetime(2026, 11, 23, 17, 0, tzinfo=zone)
loaded = [name for name in ("deskbreath.qt.windows.statistics", "deskbreath.storage.health_read")
          if name in sys.modules]
before = rss_mib()
start = time.perf_counter()
from deskbreath.qt.windows.statistics import StatisticsWindow
from deskbreath.core.exercises import packaged_catalogue
window = StatisticsWindow(Path(sys.argv[1]), now=lambda: now, tz=zone, flush=lambda: None,
                          clear=lambda: 0, catalogue=packaged_catalogue())
watch = FirstPaint()
window.chart.installEventFilter(watch)
window.show()
while watch.at is None and time.perf_counter() - start < 30:
    app.processEvents()
after = rss_mib()
print(json.dumps({"first_paint_ms": (watch.at - start) * 1000, "rss_mib": after - before,
                  "loaded_at_idle": loaded}))
'''


def year_database(folder: Path) -> Path:
    """Generate a year of records (30 a day) in ``folder``; returns the database's path."""
    path = folder / "health.sqlite3"
    count = generate(path, last=TODAY, days=365, tz=ZONE, events=30, quiet_weekends=False)
    print(f"generated a year of data: {count} records, {path.stat().st_size / 2**20:.1f} MiB")
    return path


def measure_window(database: Path, runs: int) -> list[dict[str, object]]:
    """First paint (ms), added RSS (MiB) and modules loaded at idle, per fresh window opening."""
    results = []
    with xvfb() as server:
        env = dict(server.env, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(REPO))
        for _ in range(runs):
            done = subprocess.run([sys.executable, "-c", WINDOW_CHILD, str(database)],
                                  env=env, capture_output=True, text=True, check=True,
                                  timeout=120)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def measure_recording(database: Path, count: int) -> tuple[list[float], list[float]]:
    """Wall and thread CPU milliseconds of each of ``count`` single-event writes to ``database``."""
    store = HealthLog(database, now=lambda: datetime(2026, 11, 23, 17, tzinfo=ZONE))
    store.open()
    times = []
    cpu = []
    at = datetime(2026, 11, 23, 17, tzinfo=ZONE)
    for index in range(count):
        event = PromptEvent(EventKind.DONE, at + timedelta(seconds=index), "breathing", 120.0,
                            details={"belly_moved_more": "yes", "minutes": 2.0})
        start = time.perf_counter()
        start_cpu = time.thread_time()
        store.add(event)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
    store.close()
    return times, cpu


def verdict(ok: bool) -> str:
    """The words printed after a figure: within budget or OVER BUDGET."""
    return "within budget" if ok else "OVER BUDGET"


def main() -> int:
    """Print each budget's figures and verdict; returns 1 if any is over its budget, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-repo", type=Path,
                        help="a checkout without the health log to compare idle RSS with")
    parser.add_argument("--idle", type=float, default=30.0, help="idle seconds for CPU")
    parser.add_argument("--runs", type=int, default=3, help="window openings to measure")
    parser.add_argument("--skip-idle", action="store_true", help="skip the idle RSS part")
    args = parser.parse_args()
    ok = True
    if not args.skip_idle:
        floor = measure_footprint("bare PySide6 tray", "bare-tray",
                                  [sys.executable, "-m", "tests.benchmarks.bare_tray"],
                                  args.idle)
        app = measure_footprint("deskbreath", "deskbreath",
                                [sys.executable, "-m", "deskbreath"], args.idle)
        print(f"idle RSS: floor {floor.rss_mib:.1f} MiB, deskbreath {app.rss_mib:.1f} MiB "
              f"({app.rss_mib / floor.rss_mib:.2f}× the floor)")
        if args.baseline_repo is not None:
            base = measure_footprint("baseline", "deskbreath",
                                     ["env", f"PYTHONPATH={args.baseline_repo.resolve()}",
                                      sys.executable, "-m", "deskbreath"], args.idle)
            grown = app.rss_mib - base.rss_mib
            ok &= grown <= IDLE_BUDGET_MIB
            print(f"idle RSS: baseline {base.rss_mib:.1f} MiB; the health log adds "
                  f"{grown:+.1f} MiB (budget {IDLE_BUDGET_MIB:.0f} MiB): "
                  f"{verdict(grown <= IDLE_BUDGET_MIB)}")
    with tempfile.TemporaryDirectory() as folder:
        database = year_database(Path(folder))
        results = measure_window(database, args.runs)
        paint = statistics.median(float(str(r["first_paint_ms"])) for r in results)
        grown_mib = statistics.median(float(str(r["rss_mib"])) for r in results)
        loaded = results[0]["loaded_at_idle"]
        within = paint < OPEN_BUDGET_MS and grown_mib <= OPEN_BUDGET_MIB
        ok &= within
        print(f"open the statistics window: first paint {paint:.0f} ms (budget "
              f"{OPEN_BUDGET_MS:.0f}), +{grown_mib:.1f} MiB RSS (budget {OPEN_BUDGET_MIB:.0f}): "
              f"{verdict(within)}; runs: "
              + ", ".join(f"{float(str(r['first_paint_ms'])):.0f} ms" for r in results))
        print(f"  window modules loaded before the first open: {loaded or 'none'}")
        times, cpu = measure_recording(database, 2000)
        times.sort()
        p99 = times[int(len(times) * 0.99)]
        p999 = times[int(len(times) * 0.999)]
        within = p999 < RECORD_BUDGET_MS and max(cpu) < RECORD_BUDGET_MS
        ok &= within
        print(f"record an event: median {statistics.median(times):.2f} ms, 99th percentile "
              f"{p99:.2f} ms, 99.9th {p999:.2f} ms, worst {times[-1]:.2f} ms wall / "
              f"{max(cpu):.2f} ms CPU (budget {RECORD_BUDGET_MS:.0f} ms): {verdict(within)}")
    os.sync()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
