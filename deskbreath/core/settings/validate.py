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
from deskbreath.core.settings.schema import Field, Schema
from deskbreath.core.settings.values import Invalid, kind_of, show
from deskbreath.i18n import _

__all__ = ["Problem", "is_locked_problem", "locked_message", "parse_settings", "parse_values"]


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
        schema: what the document may hold (its defaults and locks included).
        doc: the document, already migrated to the current layout.
        source_text: the file's text, used only to put line numbers on problems.

    Returns:
        The settings, and one :class:`Problem` per bad, unknown or locked key, in document
        order.
    """
    values, problems = parse_values(schema, doc, source_text=source_text)
    return schema.build(values), problems


def parse_values(schema: Schema, doc: Mapping[str, Any], *, source_text: str | None = None,
                 obey_locks: bool = True) -> tuple[dict[str, Any], list[Problem]]:
    """The model values a document sets, by dotted key, and what was wrong with it.

    A bad key is left out (its default applies) and reported. A key the administrator
    locked (:attr:`Field.locked_by`) is left out too, and reported as ignored, unless
    ``obey_locks`` is False (an administrator's own file may set any key).

    Args:
        schema: what the document may hold.
        doc: the document, already migrated to the current layout.
        source_text: the file's text, used only to put line numbers on problems.
        obey_locks: whether locked keys are ignored.

    Returns:
        The good values by dotted key, and one :class:`Problem` per key left out.
    """
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, raw in _entries(schema, doc, problems):
        field = schema.fields.get(key)
        if field is None:
            problems.append(Problem(key, raw, _unknown_message(schema, key)))
            continue
        if obey_locks and field.locked_by is not None:
            problems.append(Problem(key, raw, locked_message(field)))
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
    return values, problems


def locked_message(field: Field) -> str:
    """Why a locked key in the user's file is ignored, and what is used instead."""
    return _("locked by your administrator in %(file)s, which sets %(value)s; your value is "
             "ignored") % {"file": field.locked_by,
                           "value": show(field.to_toml(field.default))}


def is_locked_problem(schema: Schema, problem: Problem) -> bool:
    """Whether ``problem`` is a locked key that was ignored (rather than a mistake)."""
    field = schema.fields.get(problem.key)
    return field is not None and field.locked_by is not None


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
    """The "unknown key, ignored" message, with the closest known key in its table, if any."""
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
