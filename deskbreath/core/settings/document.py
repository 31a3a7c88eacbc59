"""The commented default settings file (``deskbreath config defaults``), from the schema.

Every key is written with its default value, its help text and the phrase its value type
gives for what is allowed, in declaration order; each table with its help.
"""

from __future__ import annotations

from deskbreath.core.settings.schema import Field, Schema
from deskbreath.core.settings.types import durations_hint
from deskbreath.core.settings.values import show
from deskbreath.i18n import _

__all__ = ["default_document_text"]

WIDTH = 88
"""Comment lines are wrapped at this many characters."""
HEADER_WIDTH = 81
"""The header's first paragraph keeps the wrapping files written so far have."""


def default_document_text(schema: Schema) -> str:
    """A complete default settings.toml where every key says what it does and allows.

    Defaults an administrator set (:mod:`deskbreath.core.settings.layers`) are the values
    written, each saying which file it comes from; a locked setting is written as a comment,
    since a user's file cannot change it.
    """
    out = [
        "# " + _("deskbreath settings"),
        "#",
        *_comment(_("deskbreath notices when you save this file and applies the changes. A "
                    "value it cannot use is reported (run `deskbreath config check`) and its "
                    "default is used."), width=HEADER_WIDTH),
        *_comment(durations_hint()),
    ]
    admin_files = sorted({str(f) for field in schema.fields.values()
                          for f in (field.default_from, field.locked_by) if f is not None})
    if admin_files:
        out += ["#", *_comment(_("Defaults marked as your administrator's come from %(files)s "
                                 "and replace deskbreath's own; a locked setting is shown as a "
                                 "comment, because this file cannot change it.")
                               % {"files": ", ".join(admin_files)})]
    out.append("")
    current_table = ""
    for field in schema.fields.values():
        table = field.table
        each = schema.tables[table].spec.each if table else ""
        if table != current_table:
            current_table = table
            about = _(schema.tables[table].help)
            if each:
                about += " " + _("Allowed for %(each)s: %(allowed)s.") % {
                    "each": _(each), "allowed": field.allowed}
            out += ["", f"[{table}]", *_comment(about), ""]
        value = show(field.to_toml(field.default), limit=1000)
        line = f"{field.name} = {value}"
        if field.locked_by is not None:
            line = "# " + line
        if each:  # the table's comment says what is allowed
            note = _(field.spec.help).rstrip(".")
            where = _source_note(field)
            out.append(f"{line}  # {note}" + (f" ({where.rstrip('.')})" if where else ""))
            continue
        allowed = _("Allowed: %(allowed)s.") % {"allowed": field.allowed}
        out += [*_comment(_(field.spec.help)), *_comment(allowed), *_comment(_source_note(field)),
                line]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _source_note(field: Field) -> str:
    """Where a default comes from and who locks it, or "" for a built-in, unlocked one."""
    source, lock = field.default_from, field.locked_by
    if lock is not None and source == lock:
        return _("Set and locked by your administrator in %(file)s.") % {"file": lock}
    if lock is not None and source is not None:
        return _("Set by your administrator in %(file)s, locked in %(lock)s.") % {
            "file": source, "lock": lock}
    if lock is not None:
        return _("Locked at deskbreath's default by your administrator in %(file)s.") % {
            "file": lock}
    if source is not None:
        return _("Default set by your administrator in %(file)s.") % {"file": source}
    return ""


def _comment(text: str, width: int = WIDTH) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append("# " + word)
    return lines
