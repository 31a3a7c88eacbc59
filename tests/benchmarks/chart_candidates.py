"""Chart candidates for the statistics window, measured the same way: time from the import
of the chart code to the first paint of a 30-day chart of two bar series, and the RSS it adds
to a running QtWidgets app.

Run: ``python -m tests.benchmarks.chart_candidates [--python PY]`` (``--python``: an
interpreter that has PySide6-Addons and pyqtgraph, to measure those too; each candidate runs
in a fresh process, on the offscreen platform). Prints one line per candidate; a candidate
whose library is missing says so. The README records the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CANDIDATES = ("qpainter", "qtcharts", "pyqtgraph")

CHILD = r'''
import json, sys, time

from PySide6.QtWidgets import QApplication, QLabel
import deskbreath.i18n
from tests.benchmarks.probe import FirstPaint, rss_mib
app = QApplication([])
# The running app has drawn text before: fonts are loaded in the baseline.
warm = QLabel("Sitting 47 min · breathing in 8 min 0123456789"); warm.show()
for _ in range(5): app.processEvents()
warm.close()
candidate = sys.argv[1]
hours = [((i * 37) % 9) + 0.5 for i in range(30)]
counts = [(i * 5) % 8 for i in range(30)]
before = rss_mib()
start = time.perf_counter()
watch = FirstPaint()
if candidate == "qpainter":
    from datetime import date, timedelta
    from deskbreath.qt.windows.day_chart import ChartDay, DayChart
    widget = DayChart()
    widget.set_days([ChartDay(date(2026, 1, 1) + timedelta(days=i), hours[i], counts[i])
                     for i in range(30)], "description")
    target = widget
elif candidate == "qtcharts":
    try:
        from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QChart,
                                      QChartView, QValueAxis)
    except ImportError as error:
        print(json.dumps({"missing": str(error)})); sys.exit(0)
    sitting = QBarSet("Sitting (h)"); sitting.append(hours)
    done = QBarSet("Exercises"); done.append([float(c) for c in counts])
    series = QBarSeries(); series.append(sitting); series.append(done)
    chart = QChart(); chart.addSeries(series)
    axis = QBarCategoryAxis(); axis.append([str(i + 1) for i in range(30)])
    from PySide6.QtCore import Qt
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    values = QValueAxis(); chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)
    widget = QChartView(chart)
    target = widget.viewport()
elif candidate == "pyqtgraph":
    try:
        import pyqtgraph as pg
    except ImportError as error:
        print(json.dumps({"missing": str(error)})); sys.exit(0)
    widget = pg.PlotWidget()
    widget.addItem(pg.BarGraphItem(x=list(range(30)), height=hours, width=0.35))
    widget.addItem(pg.BarGraphItem(x=[i + 0.4 for i in range(30)], height=counts, width=0.35,
                                   brush="orange"))
    target = widget.viewport()
target.installEventFilter(watch)
widget.resize(560, 260)
widget.show()
while watch.at is None and time.perf_counter() - start < 30:
    app.processEvents()
print(json.dumps({"first_paint_ms": (watch.at - start) * 1000, "rss_mib": rss_mib() - before}))
'''


def measure(python: str, candidate: str) -> dict[str, object]:
    """First paint (ms) and added RSS (MiB) of ``candidate`` in a fresh ``python``, or the error."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    # The library interpreter may lack deskbreath's dependencies: only i18n (stdlib) is used.
    done = subprocess.run([python, "-c", CHILD, candidate], env=env, capture_output=True,
                          text=True, check=False, timeout=120)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    """Print each candidate's median first paint and added RSS over ``--runs`` fresh processes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter for the library candidates (default: this one)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'candidate':12} {'first paint ms':>15} {'+RSS MiB':>9}")
    for candidate in CANDIDATES:
        python = sys.executable if candidate == "qpainter" else args.python
        results = [measure(python, candidate) for _ in range(args.runs)]
        if any("missing" in r or "error" in r for r in results):
            print(f"{candidate:12} {results[0]}")
            continue
        paint = sorted(float(str(r["first_paint_ms"])) for r in results)
        rss = sorted(float(str(r["rss_mib"])) for r in results)
        print(f"{candidate:12} {paint[len(paint) // 2]:15.0f} {rss[len(rss) // 2]:9.1f}"
              f"   (runs: {', '.join(f'{p:.0f}' for p in paint)} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
