"""The tray icon for each reminder state, from the SVGs in resources/icons."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen

from deskbreath.core.policy import Mode
from deskbreath.paths import resources_dir

_FILES = {
    Mode.RUNNING: "deskbreath-running.svg",
    Mode.SNOOZED: "deskbreath-snoozed.svg",
    Mode.PAUSED: "deskbreath-paused.svg",
    Mode.OFF_HOURS: "deskbreath-off.svg",
}


class StateIcons:
    """Loads each state's icon once."""

    def __init__(self) -> None:
        folder = resources_dir() / "icons"
        self._icons = {mode: QIcon(str(folder / name)) for mode, name in _FILES.items()}
        self._waiting: dict[Mode, QIcon] = {}
        self.app_icon = QIcon(str(folder / "deskbreath.svg"))

    def for_mode(self, mode: Mode) -> QIcon:
        return self._icons[mode]

    def waiting(self, mode: Mode) -> QIcon:
        """The state's icon with a dot in its lower right corner: an offer is waiting (drawn
        on first use, then kept)."""
        icon = self._waiting.get(mode)
        if icon is None:
            icon = self._waiting[mode] = _with_dot(self._icons[mode])
        return icon


#: The waiting dot: a warm orange that stands apart from every state colour of the icons.
WAITING_DOT = QColor("#e8590c")


def _with_dot(icon: QIcon, size: int = 64) -> QIcon:
    pixmap = icon.pixmap(size, size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(Qt.GlobalColor.white), size * 0.06))
    painter.setBrush(WAITING_DOT)
    diameter = size * 0.44
    painter.drawEllipse(QRectF(size - diameter - size * 0.04, size - diameter - size * 0.04,
                               diameter, diameter))
    painter.end()
    return QIcon(pixmap)
