"""The floor: a bare 20-line PySide6 tray icon with a menu, nothing else."""

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from deskbreath.paths import resources_dir


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("bare-tray")
    app.setQuitOnLastWindowClosed(False)
    menu = QMenu()
    menu.addAction("Quit", app.quit)
    icon = QSystemTrayIcon(QIcon(str(resources_dir() / "icons" / "deskbreath.svg")))
    icon.setContextMenu(menu)
    icon.setToolTip("bare tray")
    icon.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
