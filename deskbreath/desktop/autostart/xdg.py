"""Start at login on XDG desktops: ``$XDG_CONFIG_HOME/autostart/deskbreath.desktop``.

The entry is marked ``X-Deskbreath-Managed`` so that deskbreath only ever replaces or removes
its own file (Desktop Application Autostart Specification; Desktop Entry Specification,
"The Exec key", for quoting).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from deskbreath import APP_NAME
from deskbreath.desktop.autostart.base import OwnFile

DESKTOP_FILE_NAME = f"{APP_NAME}.desktop"
MANAGED_KEY = "X-Deskbreath-Managed"

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


class XdgAutostart(OwnFile):
    """An XDG autostart entry in ``<config_home>/autostart``."""

    _foreign_advice = "; remove it, or start deskbreath from it yourself"

    def __init__(self, config_home: Path) -> None:
        self.path = config_home / "autostart" / DESKTOP_FILE_NAME

    def _content(self, command: list[str]) -> bytes:
        text = "\n".join(
            [
                "[Desktop Entry]",
                "Type=Application",
                f"Name={APP_NAME}",
                "Comment=Reminds you to breathe, turn and sit up after long sitting",
                f"Exec={exec_line(command)}",
                f"Icon={APP_NAME}",
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
