"""Run on a real X server with two RandR monitors by test_multi_monitor: where do prompts go?

For each screen Qt sees, it puts the pointer in the middle of that screen, presents a prompt
and notes where X placed the window. Then it starts an exercise on the last screen, removes
that monitor with ``xrandr --delmonitor`` (what unplugging it looks like to Qt), and notes
where the window is once Qt has dropped the screen. It prints one JSON line. A separate
process because the test process runs on the offscreen platform.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable

from PySide6.QtCore import QRect
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from deskbreath.core.clock import SystemClock
from deskbreath.core.exercises import load_catalogue
from deskbreath.core.history import MemoryRecorder
from deskbreath.core.settings.model import Settings
from deskbreath.paths import resources_dir
from deskbreath.qt.windows.prompt import PromptWindow

Rect = tuple[int, int, int, int]
_GEOMETRY = re.compile(r"Absolute upper-left X:\s+(-?\d+).*?Absolute upper-left Y:\s+(-?\d+)"
                       r".*?Width:\s+(\d+).*?Height:\s+(\d+)", re.S)


def _wait(condition: Callable[[], bool], ms: int = 10_000) -> bool:
    waited = 0
    while waited < ms:
        if condition():
            return True
        QTest.qWait(50)
        waited += 50
    return condition()


def _rect(rect: QRect) -> Rect:
    return rect.x(), rect.y(), rect.width(), rect.height()


def _x_geometry(window: PromptWindow) -> Rect:
    """Where the X server has the window (not what Qt believes)."""
    info = subprocess.run(["xwininfo", "-id", str(int(window.winId()))], capture_output=True,
                          text=True, check=True, timeout=10).stdout
    match = _GEOMETRY.search(info)
    assert match is not None, info
    x, y, width, height = (int(v) for v in match.groups())
    return x, y, width, height


def _inside(inner: Rect, outer: Rect) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def _point_at(screen: QScreen) -> None:
    QCursor.setPos(screen.geometry().center())
    _wait(lambda: QGuiApplication.screenAt(QCursor.pos()) is screen)


def main() -> None:
    """Present a prompt on each screen, unplug the last one, and print the placements as JSON."""
    app = QApplication([])
    catalogue = load_catalogue(resources_dir() / "exercises.toml")
    recorder = MemoryRecorder()

    def prompt() -> PromptWindow:
        return PromptWindow("breathing", catalogue, Settings(), SystemClock(), recorder)

    screens = app.screens()
    report: dict[str, object] = {
        "screens": {s.name(): _rect(s.availableGeometry()) for s in screens}}
    placements = []
    for screen in screens:
        _point_at(screen)
        window = prompt()
        window.present()
        _wait(lambda w=window: w.windowHandle().isExposed())  # type: ignore[misc]
        placements.append({"pointer_on": screen.name(), "window": _x_geometry(window)})
        window.close()
        app.processEvents()
    report["placements"] = placements

    last = screens[-1]
    last_name = last.name()
    _point_at(last)
    window = prompt()
    window.present()
    window.begin()
    _wait(lambda: window.windowHandle().isExposed())
    before = _x_geometry(window)
    subprocess.run(["xrandr", "--delmonitor", last_name], check=True, timeout=10)
    _wait(lambda: len(app.screens()) == len(screens) - 1)
    remaining = {s.name(): _rect(s.availableGeometry()) for s in app.screens()}
    _wait(lambda: any(_inside(_x_geometry(window), area) for area in remaining.values()))
    report["unplug"] = {
        "removed": last_name, "before": before, "after": _x_geometry(window),
        "remaining": remaining, "visible": window.isVisible(), "running": window.running,
    }
    print(json.dumps(report), flush=True)
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
