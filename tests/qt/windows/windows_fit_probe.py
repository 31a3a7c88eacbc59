"""Run on a real X server (xcb) by test_fit_screen: do the app's other windows fit the screen?

Opens About / diagnostics (with the long sentences a desktop with no busy signals gives), the
settings dialog on each tab, the statistics window over a week of data and the status window
with every line it can show, and checks for each that the window (with its frame) lies
inside the screen's available area, that every button outside a scrolling area is wholly on
screen and inside the window, that no wrapped text outside a scrolling area is cut short, and
that every label inside one can be scrolled into view (the diagnostics' "Runtime:" line).
Prints one JSON line: the screen's logical size, the windows checked, and any problems. A
separate process because the scale factor (``QT_SCALE_FACTOR``) must be set before Qt
starts. With ``DESKBREATH_SHOT_DIR`` set it also saves a screenshot of each window.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from deskbreath.core.exercises import packaged_catalogue
from deskbreath.core.holds import HoldReason
from deskbreath.core.idle import IdleHealth
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.desktop.busy import detect
from deskbreath.desktop.busy.base import NullBusySource
from deskbreath.paths import Paths
from deskbreath.qt.settings.dialog import SettingsDialog
from deskbreath.qt.tray.icons import StateIcons
from deskbreath.qt.tray.menu import ActionsMenu
from deskbreath.qt.tray.status_window import StatusWindow
from deskbreath.qt.windows.diagnostics import DiagnosticsDialog
from deskbreath.qt.windows.fit import scroll_area_of
from deskbreath.qt.windows.statistics import StatisticsWindow
from tests.fakes import FakeBusySource, FakeClock, FakeIdleSource
from tests.support.health_data import generate
from tests.support.waits import WAIT_MS

DETECTION_LOG = [
    "gnome-mutter: org.gnome.Mutter.IdleMonitor is not on the session bus",
    "kde-kwin: org.kde.KIdleTime is not on the session bus",
    "x11-screensaver: using the MIT-SCREEN-SAVER extension of :0",
]
NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)


def _wait(condition: Callable[[], object], ms: int = WAIT_MS) -> bool:
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        if condition():
            return True
        QTest.qWait(20)
    return bool(condition())


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()
        QTest.qWait(10)


def _problems(window: QWidget, where: str) -> list[str]:
    area = window.screen().availableGeometry()
    frame = window.windowHandle().frameGeometry()  # the native frame (see fit_probe)
    found = []
    if not area.contains(frame):
        found.append(f"{where}: window {frame.getRect()} is outside {area.getRect()}")
    inside = QRect(window.mapToGlobal(window.rect().topLeft()), window.size())
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or scroll_area_of(button) is not None:
            continue
        rect = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
        if not area.contains(rect) or not inside.contains(rect):
            found.append(f"{where}: {button.text()!r} at {rect.getRect()} is off screen")
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        scroll = scroll_area_of(label)
        if scroll is not None:
            scroll.ensureWidgetVisible(label)
            _settle()
            if label.visibleRegion().isEmpty():
                found.append(f"{where}: {label.text()[:30]!r} cannot be scrolled into view")
        elif label.wordWrap() and label.height() < label.heightForWidth(label.width()) - 1:
            found.append(f"{where}: {label.text()[:30]!r} is cut ({label.height()} px of "
                         f"{label.heightForWidth(label.width())})")
    return found


def _windows(home: Path) -> Iterator[tuple[str, QWidget, Callable[[], Iterator[str]]]]:
    """(name, window, its moments) for each window; each moment is checked once reached."""
    paths = Paths.under(home / "a-rather-long-user-name" / "with-a-deep-home-directory")
    clock = FakeClock()
    busy: list[object] = [NullBusySource(HoldReason.SCREEN_SHARING, detect.SCREEN_SHARING_UNKNOWN),
                          NullBusySource(HoldReason.IDLE_INHIBITED, detect.NO_INHIBITORS),
                          NullBusySource(HoldReason.DO_NOT_DISTURB, detect.NO_DND),
                          NullBusySource(HoldReason.FULLSCREEN, detect.WAYLAND_FULLSCREEN),
                          FakeBusySource(HoldReason.MICROPHONE, busy=None),
                          FakeBusySource(HoldReason.CAMERA), FakeBusySource(HoldReason.TYPING)]
    diagnostics = DiagnosticsDialog(
        SittingTracker(clock, FakeIdleSource(clock), 180), IdleHealth(), paths, DETECTION_LOG,
        busy_sources=busy)  # type: ignore[arg-type]  # the fakes are busy sources
    yield "diagnostics", diagnostics, lambda: iter(["open"])

    settings = SettingsDialog(Settings(), confirm=lambda _question: False)

    def tabs() -> Iterator[str]:
        for index in range(settings.tabs.count()):
            settings.tabs.setCurrentIndex(index)
            yield f"tab {index}"
    yield "settings", settings, tabs

    generate(paths.health_log, last=NOW.date(), days=7, tz=UTC)
    statistics = StatisticsWindow(paths.health_log, now=lambda: NOW, tz=UTC,
                                  flush=lambda: None, clear=lambda: 0,
                                  catalogue=packaged_catalogue())
    yield "statistics", statistics, lambda: iter(["open"])

    status = StatusWindow(ActionsMenu(), StateIcons())

    def lines() -> Iterator[str]:
        yield "open"
        status.set_tray_missing(True)
        status.show_waiting("Breathing is waiting for you: it was held back while you typed.")
        status.show_notice("settings.toml, line 3: reminder_interval = '45 minutes' is not a "
                           "duration (write it like 45m or 1h30m); the default 45 min is used.")
        yield "every line"
    yield "status", status, lines


def main() -> None:
    """Check each window on this screen and print the problems as JSON."""
    app = QApplication([])
    shots = os.environ.get("DESKBREATH_SHOT_DIR")
    problems: list[str] = []
    checked: list[str] = []
    with tempfile.TemporaryDirectory() as home:
        for name, window, moments in _windows(Path(home)):
            window.show()
            _wait(lambda w=window: w.isVisible() and w.windowHandle().isExposed())  # type: ignore[misc]
            for moment in moments():
                _settle()
                problems += _problems(window, f"{name} {moment}")
                checked.append(f"{name} {moment}")
                if shots:
                    window.screen().grabWindow(0).save(
                        str(Path(shots) / f"{name}-{moment.replace(' ', '-')}.png"))
            window.close()
            _settle()
    size = app.primaryScreen().availableGeometry().size()
    print(json.dumps({"screen": [size.width(), size.height()], "checked": checked,
                      "problems": problems}))


if __name__ == "__main__":
    main()
