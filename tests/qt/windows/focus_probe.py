"""Run on a real X server (xcb) by test_focus_e2e: does the prompt leave keyboard focus alone?

It shows a line edit and gives it focus, presents a prompt, types with xdotool, then clicks
Start, and prints one JSON line with what happened. Kept as a separate process because the
test process itself runs on the offscreen platform, which activates every window it shows.
"""

from __future__ import annotations

import json
import subprocess

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from deskbreath.core.clock import SystemClock
from deskbreath.core.exercises import load_catalogue
from deskbreath.core.history import MemoryRecorder
from deskbreath.core.settings.model import Settings
from deskbreath.paths import resources_dir
from deskbreath.qt.windows.prompt import PromptWindow


def _xdotool(*args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, check=True,
                          timeout=10).stdout.strip()


def _wait(condition: object, ms: int = 5000) -> bool:
    waited = 0
    while waited < ms:
        if callable(condition) and condition():
            return True
        QTest.qWait(50)
        waited += 50
    return False


def main() -> None:
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
    QTest.qWait(300)
    report: dict[str, object] = {
        "edit_window": int(edit.winId()),
        "prompt_window": int(window.winId()),
        "focus_after_show": int(_xdotool("getwindowfocus")),
    }
    _xdotool("type", "--delay", "30", "abc")
    _xdotool("key", "Escape", "Return", "space")
    QTest.qWait(500)
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
    _wait(lambda: window.outcome is not None, 3000)
    report["result_after_escape"] = None if window.outcome is None else str(window.outcome.result)
    print(json.dumps(report), flush=True)
    window.close()
    edit.close()
    app.processEvents()


if __name__ == "__main__":
    main()
