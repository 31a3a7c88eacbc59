"""The tray icon for each reminder state, from the SVGs in resources/icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

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
        self.app_icon = QIcon(str(folder / "deskbreath.svg"))

    def for_mode(self, mode: Mode) -> QIcon:
        return self._icons[mode]
