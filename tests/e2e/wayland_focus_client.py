"""A native Wayland app the user is typing in: a text field that reports who has the keyboard.

Run with ``QT_QPA_PLATFORM=wayland`` in the test's session. It prints one line per event,
flushed at once: ``focus <window title>`` when one of its windows gets the keyboard,
``focus none`` when it loses it (Qt's ``QGuiApplication.focusWindowChanged``).
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QLineEdit

TITLE = "wayland-focus-client"


def _report(window: QWindow | None) -> None:
    print(f"focus {window.title() if window is not None else 'none'}", flush=True)


def main() -> int:
    """Show the text field and print each change of keyboard focus until quit."""
    app = QApplication(sys.argv[:1])
    app.setApplicationName(TITLE)
    app.focusWindowChanged.connect(_report)
    field = QLineEdit()
    field.setWindowTitle(TITLE)
    field.resize(400, 40)
    field.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
