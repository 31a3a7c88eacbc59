"""The commented default settings file (``deskbreath config defaults``), from the schema.

Every key is written with its default value, its help text and the phrase its value type
gives for what is allowed, in declaration order; each table with its help.
"""

from __future__ import annotations

from deskbreath.core.settings.schema import Schema
from deskbreath.core.settings.types import durations_hint
from deskbreath.core.settings.values import show
from deskbreath.i18n import _

__all__ = ["default_document_text"]

WIDTH = 88
"""Comment lines are wrapped at this many characters."""
HEADER_WIDTH = 81
"""The header's first paragraph keeps the wrapping files written so far have."""


def default_document_text(schema: Schema) -> str:
    """A complete default settings.toml where every key says what it does and allows."""
    out = [
        "# " + _("deskbreath settings"),
        "#",
        *_comment(_("deskbreath notices when you save this file and applies the changes. A "
                    "value it cannot use is reported (run `deskbreath config check`) and its "
                    "default is used."), width=HEADER_WIDTH),
        *_comment(durations_hint()),
        "",
    ]
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
        if each:  # the table's comment says what is allowed
            out.append(f"{field.name} = {value}  # {_(field.spec.help).rstrip('.')}")
            continue
        allowed = _("Allowed: %(allowed)s.") % {"allowed": field.allowed}
        out += [*_comment(_(field.spec.help)), *_comment(allowed), f"{field.name} = {value}"]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _comment(text: str, width: int = WIDTH) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append("# " + word)
    return lines
