"""Run on a real X server (xcb) by test_fit_screen: do prompt windows fit the screen?

Walks the offer and every step of every exercise (and variant), with the "see a
professional" note open once, and checks at each moment that the window (with its frame) lies
inside the screen's available area, that every button outside a scrolling area is wholly on
screen and inside the window, that no wrapped text is cut short, and that the focused control
can be seen whole.
Prints one JSON line: the screen's logical size, the number of moments checked, and any
problems. Kept as a separate process because the scale factor (``QT_SCALE_FACTOR``) must be
set before Qt starts. With ``DESKBREATH_SHOT_DIR`` set it also saves a screenshot of the whole
screen at each moment.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from deskbreath.core.exercises import load_catalogue
from deskbreath.core.history import MemoryRecorder
from deskbreath.core.settings.model import ReducedMotion, RotationSettings, Settings
from deskbreath.paths import resources_dir
from deskbreath.qt.theme import dark_palette
from deskbreath.qt.windows.exercises.checklist import ChecklistWidget
from deskbreath.qt.windows.fit import scroll_area_of
from deskbreath.qt.windows.prompt import PromptWindow
from tests.fakes import FakeClock
from tests.support.waits import WAIT_MS

VARIANTS = (("breathing", None), ("rotation", None), ("rotation", "reach"), ("posture", None))


def _wait(condition: Callable[[], object], ms: int = WAIT_MS) -> bool:
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        if condition():
            return True
        QTest.qWait(20)
    return bool(condition())


def _exposed(window: QWidget) -> bool:
    """Shown and exposed."""
    return window.isVisible() and window.windowHandle().isExposed()


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()
        QTest.qWait(10)


def _global(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def _problems(window: PromptWindow, where: str) -> list[str]:
    area = window.screen().availableGeometry()
    # The native window's frame: QWidget.frameGeometry was seen to report an empty frame
    # under openbox now and then.
    frame = window.windowHandle().frameGeometry()
    found = []
    if not area.contains(frame):
        found.append(f"{where}: window {frame.getRect()} is outside {area.getRect()}")
    inside = QRect(window.mapToGlobal(window.rect().topLeft()), window.size())
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or scroll_area_of(button) is not None:
            continue
        rect = _global(button)
        if not area.contains(rect) or not inside.contains(rect):
            found.append(f"{where}: {button.text()!r} at {rect.getRect()} is off screen")
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text() and \
                label.height() < label.heightForWidth(label.width()) - 1:
            found.append(f"{where}: {label.text()[:30]!r} is cut ({label.height()} px of "
                         f"{label.heightForWidth(label.width())})")
    focused = QApplication.focusWidget()
    if focused is not None and focused.window() is window:
        shown = focused.visibleRegion().boundingRect()
        if shown.size() != focused.size():
            found.append(f"{where}: the focused {getattr(focused, 'text', str)()!r} is cut "
                         f"to {shown.getRect()} of {focused.size().toTuple()}")
    return found


def _moments(window: PromptWindow, clock: FakeClock) -> Iterator[str]:
    yield "offer"
    window.offer_note_button.click()
    yield "offer-note"
    window.offer_note_button.click()
    window.start_button.click()
    widget = window.exercise_widget
    assert widget is not None
    yield "lead-in"
    window.note_button.click()
    yield "note"
    window.note_button.click()
    lead_in = getattr(widget, "lead_in", 0.0)
    for step in (lead_in + 1.5, 3.0, 3.0, 2.0):
        clock.advance(step)
        widget.sync()
        yield f"at-{widget.elapsed():.0f}s"
    if isinstance(widget, ChecklistWidget):
        widget.done_button.click()
    else:
        clock.advance(3600)
        widget.sync()
    yield "end"
    assert widget.question is not None
    widget.question.buttons[-1 if widget.exercise.kind != "rotation" else 0].click()
    yield "tip"


def main() -> None:
    """Check every moment of every exercise on this screen and print the problems as JSON."""
    app = QApplication([])
    shots = os.environ.get("DESKBREATH_SHOT_DIR")
    theme = os.environ.get("DESKBREATH_THEME", "light")
    if theme == "dark":
        app.setPalette(dark_palette())
    catalogue = load_catalogue(resources_dir() / "exercises.toml")
    motion = ReducedMotion.ON if os.environ.get("DESKBREATH_REDUCED") else ReducedMotion.OFF
    settings = Settings(rotation=RotationSettings(repetitions=2, hold=3), reduced_motion=motion)
    problems: list[str] = []
    checked = 0
    for exercise_id, variant in VARIANTS:
        clock = FakeClock()
        window = PromptWindow(exercise_id, catalogue, settings, clock, MemoryRecorder(),
                              variant=variant, sitting_seconds=2 * 3600)
        window.present()
        _wait(partial(_exposed, window))
        window.activateWindow()
        _wait(window.isActiveWindow, 5000)
        name = exercise_id + (f"-{variant}" if variant else "")
        for number, moment in enumerate(_moments(window, clock)):
            _settle()
            _wait(partial(_exposed, window), 5000)
            problems += _problems(window, f"{name} {moment}")
            checked += 1
            if shots:
                frame = window.windowHandle().frameGeometry()
                path = Path(shots) / f"{theme}-{name}-{number:02d}-{moment}.png"
                window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(),
                                           frame.height()).save(str(path))
        window.close()
        _settle()
    size = app.primaryScreen().availableGeometry().size()
    print(json.dumps({"screen": [size.width(), size.height()], "checked": checked,
                      "problems": problems}))


if __name__ == "__main__":
    main()
