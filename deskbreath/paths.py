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

from deskbreath import APP_ID, APP_NAME


class RuntimeFallback(StrEnum):
    """Why the runtime directory (lock file, socket) is not below ``XDG_RUNTIME_DIR``."""

    UNSET = "unset"  # XDG_RUNTIME_DIR is not set (a bare su/ssh/cron session)
    UNUSABLE = "unusable"  # set, but not a private folder of this user


@dataclass(frozen=True)
class Paths:
    """Locations of the settings, logs, history, runtime files and state kept across restarts.

    Build one with :meth:`Paths.for_user`; tests build one over a temporary directory.

    Attributes:
        config_dir: the user's settings folder.
        log_dir: where the log is rotated.
        data_dir: history and the desktop-install manifest.
        runtime_dir: the command socket and lock.
        state_dir: the runtime state kept across restarts (``state.json``).
        runtime_fallback: set when the runtime directory is platformdirs' fallback
            (``/tmp/runtime-<uid>``) instead of one below ``XDG_RUNTIME_DIR``; the command
            line says so in one line.
        site_config_dirs: the administrator's settings folders, most important first; their
            ``settings.toml`` files are read, never written.
    """

    config_dir: Path
    log_dir: Path
    data_dir: Path
    runtime_dir: Path
    state_dir: Path
    runtime_fallback: RuntimeFallback | None = None
    site_config_dirs: tuple[Path, ...] = ()

    @classmethod
    def for_user(cls, environ: Mapping[str, str] = os.environ,
                 platform: str = sys.platform) -> Paths:
        """The current user's locations, from platformdirs.

        ``environ`` and ``platform`` only decide :attr:`runtime_fallback`.
        """
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
            state_dir=platformdirs.user_state_path(APP_NAME, appauthor=False),
            runtime_fallback=_runtime_fallback(runtime_dir, environ, platform),
            site_config_dirs=site_config_dirs(),
        )

    @classmethod
    def under(cls, root: Path) -> Paths:
        """All locations below one directory (tests, portable use).

        The administrator's folder is ``root/site``.
        """
        return cls(root / "config", root / "log", root / "data", root / "run", root / "state",
                   site_config_dirs=(root / "site",))

    @property
    def settings_file(self) -> Path:
        """The user's settings: ``~/.config/deskbreath/settings.toml`` on Linux."""
        return self.config_dir / "settings.toml"

    @property
    def site_settings_files(self) -> tuple[Path, ...]:
        """The administrator's ``settings.toml`` files, most important first.

        Listed whether or not they exist.
        """
        return tuple(folder / "settings.toml" for folder in self.site_config_dirs)

    @property
    def log_file(self) -> Path:
        """The log: ``deskbreath.log`` in the log folder."""
        return self.log_dir / "deskbreath.log"

    @property
    def state_file(self) -> Path:
        """Pause, snooze, rotation, bout and hold, kept across restarts.

        See :mod:`deskbreath.storage.state_file`; ``~/.local/state/deskbreath/state.json`` on
        Linux.
        """
        return self.state_dir / "state.json"

    @property
    def history_file(self) -> Path:
        """The history of deskbreath 0.1 (JSON Lines), imported into the health log once."""
        return self.data_dir / "history.jsonl"

    @property
    def desktop_manifest(self) -> Path:
        """The list of files ``deskbreath desktop install`` wrote.

        ``remove`` reads it to take exactly those away.
        """
        return self.data_dir / "desktop-files.txt"

    @property
    def health_log(self) -> Path:
        """The health log: an SQLite database (:mod:`deskbreath.storage.health_log`)."""
        return self.data_dir / "health.sqlite3"


@dataclass(frozen=True)
class XdgDirs:
    """The freedesktop.org base directories that desktop entries and icons go into.

    Build one with :meth:`from_env` (XDG Base Directory Specification 0.8: an unset, empty or
    relative ``$XDG_CONFIG_HOME`` / ``$XDG_DATA_HOME`` means ``~/.config`` /
    ``~/.local/share``; ``$XDG_DATA_DIRS`` defaults to ``/usr/local/share:/usr/share``);
    tests build one over a temporary directory with :meth:`under`.

    Attributes:
        config_home: where ``autostart/`` lives.
        data_home: where the user's ``applications/``, ``icons/`` and ``metainfo/`` live.
        data_dirs: the system-wide data directories, in order of preference.
    """

    config_home: Path
    data_home: Path
    data_dirs: tuple[Path, ...] = ()

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> XdgDirs:
        """The directories named by ``env`` (see the class docstring for the defaults)."""
        home = Path(env.get("HOME") or Path.home())

        def absolute(name: str, default: Path) -> Path:
            value = env.get(name, "")
            return Path(value) if value and Path(value).is_absolute() else default

        data_dirs = [Path(d) for d in
                     (env.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":")
                     if d and Path(d).is_absolute()]
        return cls(absolute("XDG_CONFIG_HOME", home / ".config"),
                   absolute("XDG_DATA_HOME", home / ".local" / "share"), tuple(data_dirs))

    @classmethod
    def under(cls, root: Path) -> XdgDirs:
        """All directories below one (tests)."""
        return cls(root / "config", root / "share", (root / "system-share",))

    @property
    def autostart_dir(self) -> Path:
        """Desktop Application Autostart Specification: ``$XDG_CONFIG_HOME/autostart``."""
        return self.config_home / "autostart"

    @property
    def applications_dir(self) -> Path:
        """Desktop Menu Specification: ``$XDG_DATA_HOME/applications``."""
        return self.data_home / "applications"

    @property
    def metainfo_dir(self) -> Path:
        """AppStream: ``$XDG_DATA_HOME/metainfo``."""
        return self.data_home / "metainfo"

    def icon_dirs(self) -> list[Path]:
        """Every ``icons/hicolor`` an icon lookup searches, the user's first.

        Icon Theme Specification; ``~/.icons`` is not searched for hicolor by current desktops.
        """
        return [base / "icons" / "hicolor" for base in (self.data_home, *self.data_dirs)]

    def app_icon_installed(self) -> bool:
        """Whether deskbreath's scalable app icon is in any hicolor theme directory."""
        name = f"{APP_ID}.svg"
        return any((folder / "scalable" / "apps" / name).is_file()
                   for folder in self.icon_dirs())


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


def site_config_dirs() -> tuple[Path, ...]:
    r"""The system-wide settings folders, most important first.

    Linux and the BSDs: ``$XDG_CONFIG_DIRS`` (default ``/etc/xdg``), each with ``deskbreath``
    appended; relative entries are ignored, as the XDG Base Directory Specification (0.8)
    asks. Windows: ``%PROGRAMDATA%\deskbreath``. macOS: ``/Library/Application
    Support/deskbreath`` (after Homebrew's ``share/deskbreath`` when Homebrew is installed).
    All from platformdirs' ``site_config_dir``.
    """
    joined = platformdirs.site_config_dir(APP_NAME, appauthor=False, multipath=True)
    return tuple(Path(entry) for entry in joined.split(os.pathsep)
                 if entry and Path(entry).is_absolute())


def resources_dir() -> Path:
    """The shipped resources: inside the installed package, or ``resources/`` in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


def locale_dir() -> Path:
    """The shipped translations: ``<lang>/LC_MESSAGES/deskbreath.mo`` (and ``.po``)."""
    return resources_dir() / "locale"
