r"""Start at login on Windows: the ``deskbreath`` value under the current user's ``Run`` key.

The key is ``HKCU\Software\Microsoft\Windows\CurrentVersion\Run``.

``winreg`` is imported on first use, so the logic is tested on Linux with a fake registry.
"""

from __future__ import annotations

import importlib
import subprocess
from typing import Any, Protocol

from deskbreath import APP_NAME
from deskbreath.desktop.autostart.base import AutostartError
from deskbreath.i18n import N_, _

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def split_command_line(line: str) -> list[str]:
    r"""Split a command line written by ``subprocess.list2cmdline`` back into arguments.

    The inverse for what it writes: double quotes group, ``\"`` is a quote inside them.
    """
    arguments: list[str] = []
    current: list[str] = []
    quoted = started = False
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\\":
            run = len(line[index:]) - len(line[index:].lstrip("\\"))
            if index + run < len(line) and line[index + run] == '"':
                current.append("\\" * (run // 2))
                if run % 2:
                    current.append('"')
                    index += run + 1
                    started = True
                    continue
                index += run
                continue
            current.append("\\" * run)
            index += run
            started = True
            continue
        if char == '"':
            quoted = not quoted
            started = True
        elif char in " \t" and not quoted:
            if started:
                arguments.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
        index += 1
    if started:
        arguments.append("".join(current))
    return arguments


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
        """The value through ``winreg``, as a string; None when the key or value is missing."""
        winreg = self._winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                value, _kind = winreg.QueryValueEx(handle, name)
        except FileNotFoundError:
            return None
        return str(value)

    def set(self, key: str, name: str, value: str) -> None:
        """Write a ``REG_SZ`` value through ``winreg``, creating the key if needed."""
        winreg = self._winreg()
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as handle:
            winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

    def delete(self, key: str, name: str) -> None:
        """Delete the value through ``winreg``."""
        winreg = self._winreg()
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as handle:
            winreg.DeleteValue(handle, name)


_FAILED = {
    "read": N_("could not read the registry value %(value)s (%(reason)s); start at login "
               "was not changed"),
    "write": N_("could not write the registry value %(value)s (%(reason)s); start at login "
                "was not changed"),
    "remove": N_("could not remove the registry value %(value)s (%(reason)s); start at "
                 "login was not changed"),
}


class WindowsRunKey:
    """The ``deskbreath`` value under the current user's ``Run`` key."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def is_enabled(self) -> bool:
        """True when the ``deskbreath`` value exists under ``Run``."""
        return self._call("read", lambda: self._registry.get(RUN_KEY, APP_NAME)) is not None

    def enable(self, command: list[str]) -> None:
        """Write ``command`` as one ``list2cmdline`` string, replacing our older value."""
        if not command:
            raise AutostartError(_("start at login needs a command to run; nothing was "
                                   "written"))
        value = subprocess.list2cmdline(command)
        self._call("write", lambda: self._registry.set(RUN_KEY, APP_NAME, value))

    def disable(self) -> None:
        """Delete the ``deskbreath`` value when it exists."""
        if self.is_enabled():
            self._call("remove", lambda: self._registry.delete(RUN_KEY, APP_NAME))

    def is_outdated(self) -> bool:
        """Always False: the ``Run`` value has had one form only."""
        return False

    def installed_command(self) -> list[str] | None:
        """The ``deskbreath`` value split back into arguments; None when there is none."""
        value = self._call("read", lambda: self._registry.get(RUN_KEY, APP_NAME))
        return split_command_line(value) if value else None

    def _call(self, verb: str, action: Any) -> Any:
        try:
            return action()
        except OSError as error:
            raise AutostartError(
                _(_FAILED[verb]) % {"value": f"HKCU\\{RUN_KEY}\\{APP_NAME}",
                                    "reason": error.strerror or error}
            ) from error
