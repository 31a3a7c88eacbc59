"""The one function that validates a settings document against a schema.

Whatever the document holds, the result is usable settings: each bad key keeps its default,
and one :class:`Problem` names the key, the value, what is allowed (the value type's
phrase) and what was used instead. Unknown keys are reported with the closest known key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from deskbreath.core.settings.lines import find_line, key_lines
from deskbreath.core.settings.model import Settings
from deskbreath.core.settings.schema import Schema
from deskbreath.core.settings.values import Invalid, kind_of, show
from deskbreath.i18n import _

__all__ = ["Problem", "parse_settings"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a settings document, and what was done about it.

    Attributes:
        key: the dotted key, e.g. ``breathing.breaths_per_minute``.
        value: the value found in the file.
        message: what is wrong, what is allowed and what was used instead.
        line: the line in the file, when the text was available.
    """

    key: str
    value: Any
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = _("line %(line)s: ") % {"line": self.line} if self.line is not None else ""
        return f"{where}{self.key} = {show(self.value)}: {self.message}"


def parse_settings(schema: Schema, doc: Mapping[str, Any], *,
                   source_text: str | None = None) -> tuple[Settings, list[Problem]]:
    """Validate a parsed TOML document; keep the default for every key that is wrong.

    Args:
        schema: what the document may hold.
        doc: the document, already migrated to the current layout.
        source_text: the file's text, used only to put line numbers on problems.

    Returns:
        The settings, and one :class:`Problem` per bad or unknown key, in document order.
    """
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, raw in _entries(schema, doc, problems):
        field = schema.fields.get(key)
        if field is None:
            problems.append(Problem(key, raw, _unknown_message(schema, key)))
            continue
        try:
            values[key] = field.parse(raw)
        except Invalid as error:
            default = show(field.to_toml(field.default))
            message = _("%(reason)s. Allowed: %(allowed)s. Using the default %(default)s.") % {
                "reason": error, "allowed": field.allowed, "default": default}
            problems.append(Problem(key, raw, message))
    if source_text is not None:
        lines = key_lines(source_text)
        problems = [Problem(p.key, p.value, p.message, find_line(lines, p.key)) for p in problems]
    return schema.build(values), problems


def _entries(schema: Schema, doc: Mapping[str, Any],
             problems: list[Problem]) -> list[tuple[str, Any]]:
    """Flatten the known tables into dotted keys; report tables that are not tables."""
    entries: list[tuple[str, Any]] = []
    for key, raw in doc.items():
        if key in schema.tables:
            if isinstance(raw, Mapping):
                entries += [(f"{key}.{sub}", value) for sub, value in raw.items()]
            else:
                message = _("%(kind)s, not a table like [%(table)s]; its defaults are used.") % {
                    "kind": kind_of(raw), "table": key}
                problems.append(Problem(key, raw, message))
        elif "." in str(key):  # a quoted key like "breathing.length" is not the table's key
            problems.append(Problem(str(key), raw, _unknown_message(schema, str(key))))
        else:
            entries.append((str(key), raw))
    return entries


def _unknown_message(schema: Schema, key: str) -> str:
    """ "unknown key, ignored", with the closest known key in the same table, if any."""
    table, _dot, name = key.rpartition(".")
    if table in schema.tables:
        known = [f.name for f in schema.fields.values() if f.table == table]
    else:
        table, name = "", key
        known = [*(k for k in schema.fields if "." not in k), *schema.tables]
    import difflib  # noqa: PLC0415 - only for a mistyped key; the app runs without it

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    suggestion = f"{table}.{close[0]}" if close and table else (close[0] if close else "")
    if suggestion:
        return _("unknown key, ignored (did you mean %(key)s?)") % {"key": suggestion}
    return _("unknown key, ignored")
