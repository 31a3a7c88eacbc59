"""The only module that knows where deskbreath's files live."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import platformdirs

from deskbreath import APP_NAME


class RuntimeFallback(StrEnum):
    """Why the runtime directory (lock file, socket) is not below ``XDG_RUNTIME_DIR``."""

    UNSET = "unset"  # XDG_RUNTIME_DIR is not set (a bare su/ssh/cron session)
    UNUSABLE = "unusable"  # set, but not a private folder of this user


@dataclass(frozen=True)
class Paths:
    """Locations of the settings file, logs, history and runtime files.

    Build one with :meth:`Paths.for_user`; tests build one over a temporary directory.

    Attributes:
        runtime_fallback: set when the runtime directory is platformdirs' fallback
            (``/tmp/runtime-<uid>``) instead of one below ``XDG_RUNTIME_DIR``; the command
            line says so in one line.
    """

    config_dir: Path
    log_dir: Path
    data_dir: Path
    runtime_dir: Path
    runtime_fallback: RuntimeFallback | None = None

    @classmethod
    def for_user(cls, environ: Mapping[str, str] = os.environ,
                 platform: str = sys.platform) -> Paths:
        # platformdirs warns (two lines, from its own source file) when it falls back from
        # XDG_RUNTIME_DIR; deskbreath says it once in its own words instead (cli.py).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", getattr(platformdirs, "RuntimeDirWarning",
                                                    UserWarning))
            runtime_dir = platformdirs.user_runtime_path(APP_NAME, appauthor=False)
        return cls(
            config_dir=platformdirs.user_config_path(APP_NAME, appauthor=False),
            log_dir=platformdirs.user_log_path(APP_NAME, appauthor=False),
            data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
            runtime_dir=runtime_dir,
            runtime_fallback=_runtime_fallback(runtime_dir, environ, platform),
        )

    @classmethod
    def under(cls, root: Path) -> Paths:
        """All locations below one directory (tests, portable use)."""
        return cls(root / "config", root / "log", root / "data", root / "run")

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "deskbreath.log"

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.jsonl"


def _runtime_fallback(runtime_dir: Path, environ: Mapping[str, str],
                      platform: str) -> RuntimeFallback | None:
    if platform in ("win32", "darwin"):  # no XDG runtime directory there
        return None
    configured = environ.get("XDG_RUNTIME_DIR", "").strip()
    if not configured:
        return RuntimeFallback.UNSET
    if not runtime_dir.is_relative_to(configured):
        return RuntimeFallback.UNUSABLE
    return None


def resources_dir() -> Path:
    """The shipped resources: inside the installed package, or ``resources/`` in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"
