"""Pacer cost benchmark: the breathing pacer against a bare QPainter floor, in one session.

Run: ``python -m tests.benchmarks.pacer [--seconds 20] [--rounds 3]``

It starts one Xvfb and, in turns, two programs on it, each measuring its own CPU time
(``time.process_time``, all threads) and frames over the same stretch of breathing:

- **floor**: a bare PySide6 window of the pacer's size that draws the same growing circle
  (the same easing, size, outline and fill, antialiased) on every animation frame, repainting
  the whole window each frame;
- **deskbreath**: the real prompt window running the breathing exercise (lead-in skipped),
  with its labels, look and focus ring.

Both are driven by Qt's animation timer, so they draw at the same rate (the frames per second
are printed to show it). It prints a table and the ratio of the medians; the README records
the figures. Not a test: it prints numbers, it does not judge them.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.support.xserver import xvfb

REPO = Path(__file__).resolve().parents[2]
WARM_UP_S = 3.0


def _floor(seconds: float, size: tuple[int, int]) -> dict[str, float]:
    """The bare window: one QWidget, one circle, the animation timer."""
    from PySide6.QtCore import QAbstractAnimation, QRectF, Qt
    from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([])
    start = time.monotonic()

    class Circle(QWidget):
        def paintEvent(self, event: QPaintEvent) -> None:
            del event
            elapsed = (time.monotonic() - start) % 10.0
            eased = (1 - math.cos(math.pi * (elapsed / 4 if elapsed < 4
                                             else 1 - (elapsed - 4) / 6))) / 2
            largest = min(self.width(), self.height()) / 2 - 4
            radius = largest * (0.3 + 0.7 * eased)
            painter = QPainter(self)
            painter.fillRect(self.rect(), QColor("#ffffff"))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor("#2977a8"), 3))
            painter.setBrush(QColor("#b6cfe1"))
            painter.drawEllipse(QRectF(self.width() / 2 - radius, self.height() / 2 - radius,
                                       2 * radius, 2 * radius))
            painter.end()

    class Driver(QAbstractAnimation):
        frames = 0

        def duration(self) -> int:
            return -1

        def updateCurrentTime(self, current_time: int) -> None:
            del current_time
            self.frames += 1
            circle.update()

    circle = Circle()
    circle.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    circle.resize(*size)
    circle.show()
    driver = Driver()
    driver.start()
    return _measure(app, seconds, lambda: driver.frames)


def _deskbreath(seconds: float) -> dict[str, float]:
    """The prompt window running the breathing exercise."""
    from PySide6.QtWidgets import QApplication

    from deskbreath.core.clock import SystemClock
    from deskbreath.core.exercises import load_catalogue
    from deskbreath.core.history import MemoryRecorder
    from deskbreath.core.settings.model import (
        BreathingSettings,
        ReducedMotion,
        Settings,
    )
    from deskbreath.paths import resources_dir
    from deskbreath.qt.windows.exercises.breathing import BreathingWidget
    from deskbreath.qt.windows.prompt import PromptWindow

    app = QApplication([])
    settings = Settings(breathing=BreathingSettings(length=300), reduced_motion=ReducedMotion.OFF)
    window = PromptWindow("breathing", load_catalogue(resources_dir() / "exercises.toml"),
                          settings, SystemClock(), MemoryRecorder())
    window.present()
    window.start_button.click()
    widget = window.exercise_widget
    assert isinstance(widget, BreathingWidget)
    widget.begin_now_button.click()
    pacer = widget.pacer
    app.processEvents()
    result = _measure(app, seconds, lambda: widget.driver.frames)
    result["pacer_width"], result["pacer_height"] = pacer.width(), pacer.height()
    return result


def _measure(app: object, seconds: float, frames: object) -> dict[str, float]:
    from PySide6.QtCore import QEventLoop, QTimer

    def run_for(duration: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(round(duration * 1000), loop.quit)
        loop.exec()

    run_for(WARM_UP_S)
    count = frames  # a callable giving the frames so far
    assert callable(count)
    cpu, wall, first = time.process_time(), time.monotonic(), count()
    run_for(seconds)
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    del app
    return {"cpu_percent": 100 * cpu / wall, "fps": (count() - first) / wall}


def _child(kind: str, seconds: float, size: tuple[int, int]) -> None:
    result = _floor(seconds, size) if kind == "floor" else _deskbreath(seconds)
    print(json.dumps(result))


def _run(kind: str, env: dict[str, str], seconds: float,
         size: tuple[int, int]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.pacer", "--child", kind, "--seconds",
         str(seconds), "--size", f"{size[0]}x{size[1]}"],
        env=env, cwd=REPO, capture_output=True, text=True, check=True,
        timeout=seconds + 60)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    """Print the CPU share and frame rate of the pacer and the floor, or run one as ``--child``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measured per run")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, in turns")
    parser.add_argument("--child", choices=("floor", "deskbreath"), help=argparse.SUPPRESS)
    parser.add_argument("--size", default="0x0", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        width, height = (int(v) for v in options.size.split("x"))
        _child(options.child, options.seconds, (width, height))
        return 0
    runs: dict[str, list[dict[str, float]]] = {"floor": [], "deskbreath": []}
    with xvfb() as server:
        env = dict(server.env, QT_QPA_PLATFORM="xcb")
        size = (0, 0)
        for _ in range(options.rounds):
            app = _run("deskbreath", env, options.seconds, size)
            size = (int(app["pacer_width"]), int(app["pacer_height"]))
            runs["deskbreath"].append(app)
            runs["floor"].append(_run("floor", env, options.seconds, size))
    print(f"pacer {size[0]}×{size[1]} px, {options.rounds} runs of {options.seconds:.0f} s each")
    print(f"{'':12} {'CPU % of one core (runs)':34} {'median':>7} {'frames/s':>9}")
    medians = {}
    for name, results in runs.items():
        cpus = [r["cpu_percent"] for r in results]
        medians[name] = statistics.median(cpus)
        fps = statistics.median(r["fps"] for r in results)
        shown = ", ".join(f"{c:.1f}" for c in cpus)
        print(f"{name:12} {shown:34} {medians[name]:7.1f} {fps:9.1f}")
    print(f"deskbreath / floor: {medians['deskbreath'] / medians['floor']:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
