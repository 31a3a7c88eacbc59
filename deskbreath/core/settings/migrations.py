"""Stepwise migrations of settings documents from older layouts to :data:`SCHEMA_VERSION`.

A migration takes a parsed document (a plain ``dict`` or a tomlkit document, which is a
``dict`` too) and returns it in the next version's layout. They change the document in
place where they can, so a tomlkit document keeps the user's comments and key order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from deskbreath.core.settings.model import SCHEMA_VERSION

Document = dict[str, Any]


def _minutes_to_duration(value: Any) -> Any:
    """Version 0 wrote whole minutes as integers; anything else is left for validation."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value}m"
    return value


def _v0_to_v1(doc: Document) -> Document:
    """Version 0 (pre-release): ``interval`` and minute counts as integers.

    ``interval = 45`` became ``reminder_interval = "45m"``; ``natural_break``,
    ``snooze_choices`` and ``breathing.length`` were integers of minutes and became
    duration strings.
    """
    if "interval" in doc and "reminder_interval" not in doc:
        doc["reminder_interval"] = _minutes_to_duration(doc.pop("interval"))
    if "natural_break" in doc:
        doc["natural_break"] = _minutes_to_duration(doc["natural_break"])
    snooze = doc.get("snooze_choices")
    if isinstance(snooze, list) and any(isinstance(v, int) for v in snooze):
        doc["snooze_choices"] = [_minutes_to_duration(v) for v in snooze]
    breathing = doc.get("breathing")
    if isinstance(breathing, dict) and "length" in breathing:
        breathing["length"] = _minutes_to_duration(breathing["length"])
    doc["schema_version"] = 1
    return doc


MIGRATIONS: dict[int, Callable[[Document], Document]] = {0: _v0_to_v1}
"""``MIGRATIONS[n]`` turns a version-``n`` document into a version ``n + 1`` one."""


def document_version(doc: Document) -> int:
    """The layout version a document was written in.

    An explicit ``schema_version`` wins. Without one, a file that uses the pre-release key
    ``interval`` is version 0, and anything else is taken as the current version (people
    write small settings files by hand and leave the version out). A ``schema_version``
    that is not a sensible number is read as current and reported by validation.
    """
    version = doc.get("schema_version")
    if version is None:
        return 0 if "interval" in doc else SCHEMA_VERSION
    if isinstance(version, int) and not isinstance(version, bool) and version >= 0:
        return version
    return SCHEMA_VERSION


def migrate(doc: Document) -> tuple[Document, int]:
    """Bring ``doc`` to :data:`SCHEMA_VERSION`; return it and the version it was in.

    Documents from a newer version come back untouched: only the newer program knows how
    to read them, and the caller must not write them.
    """
    from_version = document_version(doc)
    version = from_version
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    return doc, from_version
