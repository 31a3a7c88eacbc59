"""The administrator's layer: system-wide defaults and locks.

The layer sits between the built-in defaults and the user's file.

Offices deploy deskbreath to many desks, so an administrator can put a ``settings.toml`` in
the system configuration folders (:func:`deskbreath.paths.site_config_dirs`). Values are
looked up in this order, the first that sets a key winning:

1. the user's file, unless the key is locked;
2. the administrator's files, the most important folder first (XDG Base Directory
   Specification: "the first directory listed is the most important");
3. the defaults built into deskbreath.

An administrator's file holds the same keys as the user's, and a top-level ``locked`` list of
settings the user may not change: dotted keys (``"breathing.length"``), top-level keys, or a
table's name for all of its keys (``"working_hours"``).

This module is pure: it takes parsed documents and returns a :class:`Schema` whose fields
carry the new defaults and locks (:attr:`Field.default_from`, :attr:`Field.locked_by`), so
everything derived from the schema follows without knowing about administrators: validation
ignores locked keys in the user's file, saving never writes them, ``config defaults`` prints
the administrator's values, and the dialog disables locked editors. Reading the files is
:mod:`deskbreath.storage.site_settings`' job. Qt-free.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from deskbreath.core.settings.lines import find_line, key_lines
from deskbreath.core.settings.model import Settings
from deskbreath.core.settings.schema import Field, Schema
from deskbreath.core.settings.validate import Problem, parse_values
from deskbreath.core.settings.values import kind_of, show
from deskbreath.i18n import _

__all__ = ["LOCKED", "Origin", "layer_site_document", "origin", "with_locks"]

LOCKED = "locked"
"""The top-level key of an administrator's file that lists the locked settings."""


def layer_site_document(schema: Schema, path: Path, doc: Mapping[str, Any], *,
                        source_text: str | None = None) -> tuple[Schema, list[Problem]]:
    """``schema`` with one administrator's document laid over it.

    Call it once per file, the least important first, so that a more important file's
    values and locks win, and so that "using the default" in a problem names the value
    that is really used (the built-in one, or a less important file's). A bad value is left
    out, as in the user's file; a bad lock name locks nothing.

    Args:
        schema: the schema so far (the built-in one, or one with less important files laid
            over it).
        path: the file, named by the new defaults and locks.
        doc: its parsed, migrated document.
        source_text: its text, to put line numbers on problems.

    Returns:
        The new schema, and one :class:`Problem` for each bad key, value or lock name.
    """
    rest = dict(doc)
    names = rest.pop(LOCKED, None)
    problems: list[Problem] = []
    for table in schema.tables:
        content = rest.get(table)
        if isinstance(content, Mapping) and LOCKED in content:
            # TOML puts a key written after a [table] header into that table.
            problems.append(Problem(f"{table}.{LOCKED}", content[LOCKED], _(
                "a locked list belongs at the top of the file, before the first [table] "
                "heading; here it is part of [%(table)s] and locks nothing") % {"table": table}))
            rest[table] = {k: v for k, v in content.items() if k != LOCKED}
    values, value_problems = parse_values(schema, rest, obey_locks=False)
    locked, lock_problems = _locked_keys(schema, names)
    problems = [*problems, *value_problems, *lock_problems]
    fields: dict[str, Field] = {}
    for key, field in schema.fields.items():
        changes: dict[str, Any] = {}
        if key in values:
            changes.update(default=values[key], default_from=path)
        if key in locked:
            changes["locked_by"] = path
        fields[key] = dataclasses.replace(field, **changes) if changes else field
    if source_text is not None:
        lines = key_lines(source_text)
        problems = [dataclasses.replace(p, line=find_line(lines, p.key)) for p in problems]
    return Schema(schema.model, fields, schema.tables), problems


def _locked_keys(schema: Schema, names: Any) -> tuple[set[str], list[Problem]]:
    """The dotted keys a ``locked`` list names.

    With a problem for each name that is not a setting or table.
    """
    if names is None:
        return set(), []
    if not isinstance(names, list):
        return set(), [Problem(LOCKED, names, _(
            "%(kind)s, not a list; nothing is locked. Allowed: a list of settings and tables, "
            'like ["reminder_interval", "working_hours"]') % {"kind": kind_of(names)})]
    lockable = [key for key, field in schema.fields.items() if field.type.kept]
    keys: set[str] = set()
    problems: list[Problem] = []
    for name in names:
        if isinstance(name, str) and name in lockable:
            keys.add(name)
        elif isinstance(name, str) and name in schema.tables:
            keys.update(key for key in lockable if schema.fields[key].table == name)
        else:
            problems.append(Problem(LOCKED, names, _unknown_lock(name, [*lockable,
                                                                        *schema.tables])))
    return keys, problems


def _unknown_lock(name: Any, known: list[str]) -> str:
    if not isinstance(name, str):
        return _("%(value)s is %(kind)s, not the name of a setting; it locks nothing") % {
            "value": show(name), "kind": kind_of(name)}
    import difflib  # noqa: PLC0415 - only for a mistyped name; the app runs without it

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    if close:
        return _("%(value)s is not a setting or table, so it locks nothing (did you mean "
                 "%(key)s?)") % {"value": show(name), "key": close[0]}
    return _("%(value)s is not a setting or table, so it locks nothing") % {"value": show(name)}


def with_locks(schema: Schema, settings: Settings) -> Settings:
    """``settings`` with every locked setting at its (the administrator's) value."""
    locked = {key: field.default for key, field in schema.fields.items()
              if field.locked_by is not None and field.get(settings) != field.default}
    return schema.replace(settings, locked) if locked else settings


@dataclasses.dataclass(frozen=True)
class Origin:
    """Where a setting's value in effect comes from.

    Attributes:
        file: the file that sets the value; None for deskbreath's built-in default.
        by_user: whether ``file`` is the user's own file.
        locked_by: the administrator's file that locks the setting, or None.
    """

    file: Path | None
    by_user: bool = False
    locked_by: Path | None = None


def origin(field: Field, user_file: Path, user_keys: frozenset[str] | set[str]) -> Origin:
    """Where ``field``'s value comes from.

    ``user_keys`` are the keys the user's file sets and that are in effect (valid and not
    locked).
    """
    if field.locked_by is None and field.key in user_keys:
        return Origin(user_file, by_user=True)
    return Origin(field.default_from, locked_by=field.locked_by)
