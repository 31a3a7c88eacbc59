"""A stand-in for the app the user is typing in: a text field that reports what it gets.

Run as a script under the test's X server; it writes the field's text to the file given as
its argument on every change.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit


def main() -> int:
    """Show the text field and write its text to the file named in ``argv[1]`` until quit."""
    out = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])
    app.setApplicationName("focus-holder")
    field = QLineEdit()
    field.setWindowTitle("focus-holder")
    field.resize(400, 40)
    field.move(100, 500)
    field.textChanged.connect(lambda text: out.write_text(text, encoding="utf-8"))
    field.show()
    out.write_text("", encoding="utf-8")
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
