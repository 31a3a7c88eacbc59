"""Line numbers for keys in a TOML text, so problems can say where they are.

TOML parsers do not keep positions, so this is a small scanner. It knows table headers,
plain, quoted and dotted keys, and inline tables (by their key), which is what people write
in a settings file; anything else simply gets no line number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_HEADER = re.compile(r"^\[\[?\s*([^\]]+?)\s*\]\]?")
_KEY_PART = r'(?:"[^"]*"|\'[^\']*\'|[A-Za-z0-9_-]+)'
_KEY_LINE = re.compile(rf"^({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_PART = re.compile(r'"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)')


def _dotted(text: str) -> str:
    return ".".join(next(g for g in m.groups() if g is not None) for m in _PART.finditer(text))


def key_lines(text: str) -> dict[str, int]:
    """The first line (1-based) of each dotted key and table in a TOML text."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = _HEADER.match(stripped)
        if header:
            table = _dotted(header.group(1))
            lines.setdefault(table, number)
            continue
        match = _KEY_LINE.match(stripped)
        if match:
            parts = [*([table] if table else []), _dotted(match.group(1))]
            full = ".".join(parts)
            pieces = full.split(".")
            for end in range(1, len(pieces) + 1):
                lines.setdefault(".".join(pieces[:end]), number)
    return lines


def find_line(lines: Mapping[str, int], key: str) -> int | None:
    """The key's own line, else its nearest enclosing table's (inline tables)."""
    pieces = key.split(".")
    for end in range(len(pieces), 0, -1):
        found = lines.get(".".join(pieces[:end]))
        if found is not None:
            return found
    return None
