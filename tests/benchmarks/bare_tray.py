"""The floor: a bare 20-line PySide6 tray icon with a menu, nothing else (not even
deskbreath's own modules).
"""

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "deskbreath-running.svg"


def main() -> int:
    """Show the bare tray icon with a Quit menu until it is chosen; returns Qt's exit status."""
    app = QApplication(sys.argv[:1])
    app.setApplicationName("bare-tray")
    app.setQuitOnLastWindowClosed(False)
    menu = QMenu()
    menu.addAction("Quit", app.quit)
    icon = QSystemTrayIcon(QIcon(str(ICON)))
    icon.setContextMenu(menu)
    icon.setToolTip("bare tray")
    icon.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
