"""The only module that knows where deskbreath's files live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from deskbreath import APP_NAME


@dataclass(frozen=True)
class Paths:
    """Locations of the settings file, logs, history, runtime files and the state kept across
    restarts.

    Build one with :meth:`Paths.for_user`; tests build one over a temporary directory.
    """

    config_dir: Path
    log_dir: Path
    data_dir: Path
    runtime_dir: Path
    state_dir: Path

    @classmethod
    def for_user(cls) -> Paths:
        return cls(
            config_dir=platformdirs.user_config_path(APP_NAME, appauthor=False),
            log_dir=platformdirs.user_log_path(APP_NAME, appauthor=False),
            data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
            runtime_dir=platformdirs.user_runtime_path(APP_NAME, appauthor=False),
            state_dir=platformdirs.user_state_path(APP_NAME, appauthor=False),
        )

    @classmethod
    def under(cls, root: Path) -> Paths:
        """All locations below one directory (tests, portable use)."""
        return cls(root / "config", root / "log", root / "data", root / "run", root / "state")

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "deskbreath.log"

    @property
    def state_file(self) -> Path:
        """Pause, snooze, rotation and bout, kept across restarts
        (:mod:`deskbreath.storage.state_file`): ``~/.local/state/deskbreath/state.json`` on
        Linux."""
        return self.state_dir / "state.json"

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.jsonl"


def resources_dir() -> Path:
    """The shipped resources: inside the installed package, or ``resources/`` in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"
