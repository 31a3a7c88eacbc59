"""Desktop Entry files (Desktop Entry Specification 1.5), read and written.

Quote and split ``Exec`` lines, read and rewrite keys of the ``[Desktop Entry]`` group.

Shared by the autostart entry and the menu entry that ``deskbreath desktop install`` writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Characters that force an Exec argument into double quotes ("The Exec key").
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPE_IN_QUOTES = frozenset('"`$\\')
_GROUP = re.compile(r"^\[(.*)\]\s*$")


def quote_exec_argument(argument: str) -> str:
    """Quote one argument for an ``Exec`` line, before the key file's own string escaping."""
    argument = argument.replace("%", "%%")  # a lone % would start a field code
    if argument and not (_RESERVED & set(argument)):
        return argument
    inner = "".join("\\" + c if c in _ESCAPE_IN_QUOTES else c for c in argument)
    return f'"{inner}"'


def exec_line(command: Sequence[str]) -> str:
    """The ``Exec`` value as written in the file: quoted arguments, then string escapes."""
    return escape_string(" ".join(quote_exec_argument(a) for a in command))


def escape_string(value: str) -> str:
    """Key file "string" escapes: backslash and control characters."""
    return (value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def unescape_string(value: str) -> str:
    r"""Undo :func:`escape_string` (``\s`` is a space too)."""
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars, "")
        out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(
            following, "\\" + following))
    return "".join(out)


def split_exec(value: str) -> list[str]:
    r"""Split an unescaped ``Exec`` value into arguments as a launcher does.

    Double quotes group, a backslash escapes ``"`$\`` inside them, ``%%`` is a percent sign;
    field codes (``%f``, ``%u``…) are dropped.
    """
    arguments: list[str] = []
    current: list[str] = []
    quoted = started = False
    index = 0
    while index < len(value):
        char = value[index]
        if quoted:
            if char == "\\" and index + 1 < len(value) and value[index + 1] in _ESCAPE_IN_QUOTES:
                current.append(value[index + 1])
                index += 1
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"':
            quoted = started = True
        elif char in " \t":
            if started:
                arguments.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
        index += 1
    if started:
        arguments.append("".join(current))
    return [a.replace("%%", "%") for a in arguments if not re.fullmatch(r"%[a-zA-Z]", a)]


def read_group(text: str, group: str = "Desktop Entry") -> dict[str, str]:
    """The keys of one group, values unescaped; a repeated key keeps its first value."""
    keys: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        header = _GROUP.match(line)
        if header:
            current = header.group(1)
            continue
        if current != group or "=" not in line or line.lstrip().startswith("#"):
            continue
        key, _, value = line.partition("=")
        keys.setdefault(key.strip(), unescape_string(value.strip()))
    return keys


def replace_program(text: str, command: Sequence[str]) -> str:
    """``text`` with its ``Exec`` and ``TryExec`` keys launching ``command``.

    Each ``Exec`` (in every group) starts with ``command`` instead of its first argument, and
    ``TryExec`` names ``command``'s program.

    ``Exec=deskbreath now breathing`` with ``command`` ``["/opt/x/bin/deskbreath"]`` becomes
    ``Exec=/opt/x/bin/deskbreath now breathing``.
    """
    lines: list[str] = []
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == "Exec":
            arguments = split_exec(unescape_string(value.strip()))
            lines.append(f"Exec={exec_line([*command, *arguments[1:]])}")
        elif sep and key.strip() == "TryExec":
            lines.append(f"TryExec={escape_string(command[0])}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"
