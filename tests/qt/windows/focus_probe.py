"""Run on a real X server (xcb) by test_focus_e2e: does the prompt leave keyboard focus alone?

It shows a line edit and gives it focus, presents a prompt, types with xdotool, then clicks
Start, and prints one JSON line with what happened. Kept as a separate process because the
test process itself runs on the offscreen platform, which activates every window it shows.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from deskbreath.core.clock import SystemClock
from deskbreath.core.exercises import load_catalogue
from deskbreath.core.history import MemoryRecorder
from deskbreath.core.settings.model import Settings
from deskbreath.paths import resources_dir
from deskbreath.qt.windows.prompt import PromptWindow
from tests.support.waits import WAIT_MS, WAIT_S


def _xdotool(*args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, check=True,
                          timeout=WAIT_S).stdout.strip()


def _wait(condition: Callable[[], object], ms: int = WAIT_MS) -> bool:
    """Process events until ``condition()`` holds (True) or ``ms`` have passed (False)."""
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        if condition():
            return True
        QTest.qWait(50)
    return bool(condition())


def main() -> None:
    """Present a prompt over a focused line edit, type, click, and print what happened as JSON."""
    app = QApplication([])
    edit = QLineEdit()
    edit.setWindowTitle("typing-target")
    edit.resize(300, 40)
    edit.show()
    edit.activateWindow()
    _wait(edit.isActiveWindow)
    recorder = MemoryRecorder()
    window = PromptWindow("breathing", load_catalogue(resources_dir() / "exercises.toml"),
                          Settings(), SystemClock(), recorder)
    window.present()
    _wait(lambda: window.isVisible() and window.windowHandle().isExposed())
    QApplication.processEvents()
    report: dict[str, object] = {
        "edit_window": int(edit.winId()),
        "prompt_window": int(window.winId()),
        "focus_after_show": int(_xdotool("getwindowfocus")),
    }
    _xdotool("type", "--delay", "30", "abc")
    _xdotool("key", "Escape", "Return", "space")
    # The keys arrive in order: once the last one is in the line edit, none is still on its
    # way to the prompt (a barrier, not a guessed wait).
    _wait(lambda: edit.text() == "abc ")
    report |= {
        "edit_text": edit.text(),
        "prompt_visible": window.isVisible(),
        "outcomes_after_typing": len(recorder.outcomes),
        "prompt_active_after_typing": window.isActiveWindow(),
    }
    centre = window.start_button.mapToGlobal(QPoint(window.start_button.width() // 2,
                                                    window.start_button.height() // 2))
    _xdotool("mousemove", str(centre.x()), str(centre.y()), "click", "1")
    _wait(lambda: window.running and window.isActiveWindow())
    report |= {
        "running_after_click": window.running,
        "focus_after_start": int(_xdotool("getwindowfocus")),
    }
    _xdotool("key", "Escape")
    _wait(lambda: window.outcome is not None)
    report["result_after_escape"] = None if window.outcome is None else str(window.outcome.result)
    print(json.dumps(report), flush=True)
    window.close()
    edit.close()
    app.processEvents()


if __name__ == "__main__":
    main()
