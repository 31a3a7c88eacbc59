"""The tray icon for each reminder state, from the SVGs in resources/icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from deskbreath.core.policy import Mode, Status
from deskbreath.paths import resources_dir

_FILES = {
    Mode.RUNNING: "deskbreath-running.svg",
    Mode.SNOOZED: "deskbreath-snoozed.svg",
    Mode.PAUSED: "deskbreath-paused.svg",
    Mode.OFF_HOURS: "deskbreath-off.svg",
}
#: A prompt held back while the user is busy.
HELD = "held"
#: A prompt waits for the user: ignored past the tray step, or held past ``max_hold``.
WAITING = "waiting"
_STATE_FILES = {HELD: "deskbreath-held.svg", WAITING: "deskbreath-waiting.svg"}


def icon_state(status: Status) -> Mode | str:
    """Which icon a status shows: a waiting prompt, then a held-back one, then the mode."""
    if status.waiting:
        return WAITING
    if status.held_back is not None and status.mode is Mode.RUNNING:
        return HELD
    return status.mode


class StateIcons:
    """Loads each state's icon once."""

    def __init__(self) -> None:
        folder = resources_dir() / "icons"
        self._icons: dict[Mode | str, QIcon] = {
            state: QIcon(str(folder / name))
            for state, name in (*_FILES.items(), *_STATE_FILES.items())}
        self.app_icon = QIcon(str(folder / "deskbreath.svg"))

    def for_mode(self, mode: Mode) -> QIcon:
        return self._icons[mode]

    def for_state(self, state: Mode | str) -> QIcon:
        """The icon of :func:`icon_state`'s answer."""
        return self._icons[state]
