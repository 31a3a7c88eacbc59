"""Start at login: one small backend per desktop platform behind :class:`Autostart`.

Each backend adds exactly one thing and, when turned off, removes exactly that thing and
nothing a person made by hand:

- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/deskbreath.desktop``
  (``~/.config`` when the variable is unset or not absolute), marked ``X-Deskbreath-Managed``.
- Windows: the ``deskbreath`` value under
  ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.
- macOS: ``~/Library/LaunchAgents/org.deskbreath.deskbreath.plist`` with ``RunAtLoad``.

Qt-free, so the command line can use it too. Every failure is an :class:`AutostartError`
whose message is meant for people.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

APP_NAME = "deskbreath"
DESKTOP_FILE_NAME = "deskbreath.desktop"
MANAGED_KEY = "X-Deskbreath-Managed"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
LAUNCH_AGENT_LABEL = "org.deskbreath.deskbreath"


class AutostartError(Exception):
    """Start at login could not be changed; the message says what and what was left as is."""


class Autostart(Protocol):
    """Turns starting deskbreath at login on and off."""

    def is_enabled(self) -> bool:
        """True when deskbreath's own entry is installed."""
        ...

    def enable(self, command: list[str]) -> None:
        """Install the entry so that ``command`` runs at login, replacing our older entry.

        Raises:
            AutostartError: it could not be written, or a hand-made entry is in the way.
        """
        ...

    def disable(self) -> None:
        """Remove the entry :meth:`enable` made, if any; never anything else.

        Raises:
            AutostartError: it could not be removed.
        """
        ...


def launch_command() -> list[str]:
    """How to start this app at login: the console script on PATH, else ``python -m``."""
    script = shutil.which(APP_NAME)
    if script:
        return [str(Path(script).resolve())]
    python = Path(sys.executable)
    if sys.platform == "win32":
        # pythonw.exe starts without a console window; use it when it sits beside python.exe.
        windowless = python.with_name("pythonw.exe")
        if windowless.exists():
            python = windowless
    return [str(python), "-m", APP_NAME]


def autostart_for_platform(
    platform: str = sys.platform, env: Mapping[str, str] = os.environ
) -> Autostart:
    """The backend for ``platform`` (a ``sys.platform`` value)."""
    home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
    if platform == "win32":
        return WindowsRunKey(WinregRegistry())
    if platform == "darwin":
        return MacLaunchAgent(home)
    config_home = env.get("XDG_CONFIG_HOME", "")
    # The XDG base directory spec says relative paths are invalid and must be ignored.
    absolute = bool(config_home) and Path(config_home).is_absolute()
    base = Path(config_home) if absolute else home / ".config"
    return XdgAutostart(base)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` and rename it over, so a half-written entry never runs."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise AutostartError(
            f"could not write {path} ({error.strerror or error}); start at login is off"
        ) from error


class _OwnFile:
    """An autostart entry that is one file deskbreath writes and knows as its own.

    A file at the same place that deskbreath did not write is never overwritten or removed:
    it is the user's. Subclasses say where the file is (``path``), what goes in it
    (:meth:`_content`) and how to recognise it (:meth:`_is_ours`).
    """

    path: Path
    _foreign_advice = ""  # said after "left as it is" when a foreign file is in the way

    def is_enabled(self) -> bool:
        return self._is_ours()

    def enable(self, command: list[str]) -> None:
        if not command:
            raise AutostartError("start at login needs a command to run; nothing was written")
        if self.path.exists() and not self._is_ours():
            raise AutostartError(
                f"{self.path} already exists and was not made by deskbreath, so it was left "
                f"as it is{self._foreign_advice}"
            )
        _write_atomically(self.path, self._content(command))

    def disable(self) -> None:
        if not self._is_ours():
            return  # nothing of ours there; a hand-made entry is not ours to remove
        try:
            self.path.unlink()
        except FileNotFoundError:
            return
        except OSError as error:
            raise AutostartError(
                f"could not remove {self.path} ({error.strerror or error}); "
                "deskbreath will still start at login"
            ) from error

    def _content(self, command: list[str]) -> bytes:
        """The file's bytes for launching ``command`` (never empty)."""
        raise NotImplementedError

    def _is_ours(self) -> bool:
        """Whether the file exists and deskbreath wrote it."""
        raise NotImplementedError


# --- XDG ---------------------------------------------------------------------------------

# Characters that force an Exec argument into double quotes (Desktop Entry spec, "The Exec key").
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPE_IN_QUOTES = frozenset('"`$\\')


def quote_exec_argument(argument: str) -> str:
    """Quote one argument for an ``Exec`` line, before the key file's own string escaping."""
    argument = argument.replace("%", "%%")  # a lone % would start a field code
    if argument and not (_RESERVED & set(argument)):
        return argument
    inner = "".join("\\" + c if c in _ESCAPE_IN_QUOTES else c for c in argument)
    return f'"{inner}"'


def exec_line(command: Sequence[str]) -> str:
    """The ``Exec`` value as written in the file: quoted arguments, then string escapes."""
    line = " ".join(quote_exec_argument(a) for a in command)
    return _escape_string(line)


def _escape_string(value: str) -> str:
    # Key file "string" values escape backslash and control characters.
    return (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )


class XdgAutostart(_OwnFile):
    """An XDG autostart entry in ``<config_home>/autostart``."""

    _foreign_advice = "; remove it, or start deskbreath from it yourself"

    def __init__(self, config_home: Path) -> None:
        self.path = config_home / "autostart" / DESKTOP_FILE_NAME

    def _content(self, command: list[str]) -> bytes:
        text = "\n".join(
            [
                "[Desktop Entry]",
                "Type=Application",
                "Name=deskbreath",
                "Comment=Reminds you to breathe, turn and sit up after long sitting",
                f"Exec={exec_line(command)}",
                "Icon=deskbreath",
                "Terminal=false",
                "Categories=Utility;",
                "X-GNOME-Autostart-enabled=true",
                f"{MANAGED_KEY}=true",
                "",
            ]
        )
        return text.encode("utf-8")

    def _is_ours(self) -> bool:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return False
        return any(line.strip().replace(" ", "") == f"{MANAGED_KEY}=true" for line in lines)


# --- Windows -------------------------------------------------------------------------------


class Registry(Protocol):
    """The three calls on ``HKEY_CURRENT_USER`` that :class:`WindowsRunKey` needs."""

    def get(self, key: str, name: str) -> str | None:
        """The string value ``name`` under ``key``, or None when there is none."""
        ...

    def set(self, key: str, name: str, value: str) -> None:
        """Create or replace the string value, creating ``key`` if needed."""
        ...

    def delete(self, key: str, name: str) -> None:
        """Remove the value; it must exist."""
        ...


class WinregRegistry:
    """:class:`Registry` on the real Windows registry (``winreg`` imported on first use)."""

    def _winreg(self) -> Any:
        return importlib.import_module("winreg")

    def get(self, key: str, name: str) -> str | None:
        winreg = self._winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                value, _kind = winreg.QueryValueEx(handle, name)
        except FileNotFoundError:
            return None
        return str(value)

    def set(self, key: str, name: str, value: str) -> None:
        winreg = self._winreg()
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as handle:
            winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

    def delete(self, key: str, name: str) -> None:
        winreg = self._winreg()
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as handle:
            winreg.DeleteValue(handle, name)


class WindowsRunKey:
    """The ``deskbreath`` value under the current user's ``Run`` key."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def is_enabled(self) -> bool:
        return self._call("read", lambda: self._registry.get(RUN_KEY, APP_NAME)) is not None

    def enable(self, command: list[str]) -> None:
        if not command:
            raise AutostartError("start at login needs a command to run; nothing was written")
        value = subprocess.list2cmdline(command)
        self._call("write", lambda: self._registry.set(RUN_KEY, APP_NAME, value))

    def disable(self) -> None:
        if self.is_enabled():
            self._call("remove", lambda: self._registry.delete(RUN_KEY, APP_NAME))

    def _call(self, verb: str, action: Any) -> Any:
        try:
            return action()
        except OSError as error:
            raise AutostartError(
                f"could not {verb} the registry value HKCU\\{RUN_KEY}\\{APP_NAME} "
                f"({error.strerror or error}); start at login was not changed"
            ) from error


# --- macOS ---------------------------------------------------------------------------------


class MacLaunchAgent(_OwnFile):
    """A per-user LaunchAgent that launchd runs at login (``RunAtLoad``)."""

    def __init__(self, home: Path) -> None:
        self.path = home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"

    def _content(self, command: list[str]) -> bytes:
        import plistlib  # noqa: PLC0415 - macOS only, and only when start-at-login changes

        agent = {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        return plistlib.dumps(agent)

    def _is_ours(self) -> bool:
        import plistlib  # noqa: PLC0415 - as above

        try:
            with self.path.open("rb") as stream:
                agent = plistlib.load(stream)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return isinstance(agent, dict) and agent.get("Label") == LAUNCH_AGENT_LABEL
