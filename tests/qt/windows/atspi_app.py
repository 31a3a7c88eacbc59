"""The app side of the screen-reader test (test_screen_reader.py): offers breathing, rotation
and the posture check one after the other, on a real X server with Qt's AT-SPI bridge on.

The exercises run on a clock that goes :data:`SPEED` times faster than real time, with short
settings, so the whole walk takes seconds; everything else is the real prompt window. The
widgets' own timers wait in real time for moments on that faster clock, so the app also brings
the exercise up to date every :data:`SYNC_MS` (as a test with a fake clock calls ``sync``).
The screen-reader client (``atspi_walk.py``) presses the buttons. The app ends after the last
exercise, or after a generous limit if the client never answers.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta, tzinfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from deskbreath.core.exercises import load_catalogue
from deskbreath.core.history import MemoryRecorder, Outcome
from deskbreath.core.settings.model import (
    BreathingSettings,
    ReducedMotion,
    RotationSettings,
    Settings,
)
from deskbreath.paths import resources_dir
from deskbreath.qt.windows.prompt import PromptWindow
from tests.support.waits import WAIT_MS

APP_NAME = "deskbreath-screen-reader-test"
SPEED = 6.0
SYNC_MS = 40
EXERCISES = ("breathing", "rotation", "posture")


class FastClock:
    """Real time, :data:`SPEED` times faster."""

    def __init__(self) -> None:
        self._start = time.monotonic()
        self._wall = datetime.now().astimezone()

    def monotonic(self) -> float:
        return (time.monotonic() - self._start) * SPEED

    def now(self) -> datetime:
        return self._wall + timedelta(seconds=self.monotonic())

    def zone(self) -> tzinfo:
        return self._wall.tzinfo or UTC

    def boot_id(self) -> str | None:
        return None  # one run of the walk: nothing outlives it


def main() -> None:
    """Offer each exercise in turn, then print the recorded outcomes as ``exercise:result``."""
    app = QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    catalogue = load_catalogue(resources_dir() / "exercises.toml")
    settings = Settings(breathing=BreathingSettings(length=60),
                        rotation=RotationSettings(repetitions=1, hold=2),
                        reduced_motion=ReducedMotion.ON)
    recorder = MemoryRecorder()
    clock = FastClock()
    remaining = list(EXERCISES)
    windows: list[PromptWindow] = []

    def offer_next(_outcome: Outcome | None = None) -> None:
        if not remaining:
            QTimer.singleShot(500, app.quit)
            return
        window = PromptWindow(remaining.pop(0), catalogue, settings, clock, recorder)
        windows.append(window)
        window.finished.connect(lambda outcome: QTimer.singleShot(300, lambda: offer_next(
            outcome)))
        window.present()

    def sync() -> None:
        widget = windows[-1].exercise_widget if windows else None
        if widget is not None and windows[-1].running:
            widget.sync()

    ticker = QTimer(app)
    ticker.timeout.connect(sync)
    ticker.start(SYNC_MS)
    QTimer.singleShot(500, offer_next)
    QTimer.singleShot(5 * WAIT_MS, app.quit)  # the client gave up: end anyway
    app.exec()
    print(",".join(f"{o.exercise}:{o.result.value}" for o in recorder.outcomes))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
