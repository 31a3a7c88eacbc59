"""The translators' tool: extract new strings, update every catalogue, compile, check.

    .venv/bin/python .ci/translations.py update          # extract + update every .po
    .venv/bin/python .ci/translations.py compile         # every .po -> its .mo
    .venv/bin/python .ci/translations.py init fr         # start a new language
    .venv/bin/python .ci/translations.py check           # what the tests check, in words

It runs Babel (the ``test`` extra) with the project's settings: the extraction map
``babel.cfg`` (Python files and the exercise catalogue), the keywords of
``deskbreath/i18n.py``, the template ``resources/locale/deskbreath.pot`` and the catalogues
``resources/locale/<lang>/LC_MESSAGES/deskbreath.po`` with their compiled ``.mo`` beside
them (both committed; the ``.mo`` files ship in the wheel). ``tests/test_translations.py``
imports this file and fails while the template, a catalogue or a ``.mo`` is out of date.
"""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

from babel.messages import checkers, frontend, mofile, pofile
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

REPO = Path(__file__).resolve().parents[1]
MAPPING = REPO / "babel.cfg"
LOCALE = REPO / "resources" / "locale"
DOMAIN = "deskbreath"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
"""deskbreath.i18n's functions as Babel keyword specs."""
KEYWORD_ARGS = ["-k", "_", "-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2"]
COMMENT_TAG = "Translators:"
WIDTH = "100"


def languages() -> list[str]:
    """The languages with a catalogue, sorted."""
    return sorted(path.parent.parent.name
                  for path in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def po_path(language: str) -> Path:
    """The catalogue file of ``language``."""
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _babel(*args: str) -> None:
    os.chdir(REPO)  # paths in the template's references are relative to the checkout
    frontend.CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    """Write the template from the code and the exercise catalogue."""
    _babel("extract", "-F", str(MAPPING), "--no-default-keywords", *KEYWORD_ARGS,
           "--add-comments", COMMENT_TAG, "--sort-by-file", "-w", WIDTH,
           "--project", "deskbreath", "--copyright-holder", "deskbreath developers",
           "--msgid-bugs-address", "", "-o", str(TEMPLATE), ".")


def update() -> None:
    """Extract, then merge the template into every catalogue.

    New messages come in untranslated, changed ones fuzzy; messages gone from the code are
    dropped.
    """
    extract()
    for language in languages():
        _babel("update", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", DOMAIN, "-l", language,
               "--ignore-obsolete", "-w", WIDTH)


def compile_all() -> None:
    """Compile every catalogue to its ``.mo`` (fuzzy entries are left out)."""
    for language in languages():
        _babel("compile", "-d", str(LOCALE), "-D", DOMAIN, "-l", language, "--statistics")


def init(language: str) -> None:
    """Start a catalogue for ``language`` from the template."""
    extract()
    _babel("init", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", DOMAIN, "-l", language,
           "-w", WIDTH)


# -- checks (tests/test_translations.py) ---------------------------------------------------

MessageKey = tuple[str, str | None]
"""A message's identity: its id (the singular for plurals) and its context."""


def read_po(path: Path) -> Catalog:
    """The catalogue (or template) at ``path``, as Babel reads it."""
    with path.open("rb") as file:
        return pofile.read_po(file)


def code_messages() -> dict[MessageKey, object]:
    """Every message the code and the exercise catalogue hold now, by identity.

    Each comes with its id as Babel gives it (a tuple for plurals).
    """
    catalog = Catalog()
    method_map, options_map = _mapping()
    for _filename, lineno, message, comments, context in extract_from_dir(
            str(REPO), method_map, options_map, keywords=KEYWORDS,
            comment_tags=(COMMENT_TAG,), strip_comment_tags=True):
        catalog.add(message, None, [("", lineno)], auto_comments=comments, context=context)
    return {_key(m.id, m.context): m.id for m in catalog if m.id}


def _mapping() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    with MAPPING.open() as file:
        return frontend.parse_mapping_cfg(file)


def _key(message_id: object, context: str | None) -> MessageKey:
    text = message_id[0] if isinstance(message_id, tuple | list) else str(message_id)
    return text, context


def catalogue_messages(catalog: Catalog) -> dict[MessageKey, object]:
    """The messages of ``catalog`` by identity (id and context), the header left out."""
    return {_key(m.id, m.context): m.id for m in catalog if m.id}


def problems(language: str) -> list[str]:
    """What is wrong with one language's catalogue, one line each.

    Missing or extra messages against the template, fuzzy or untranslated ones, wrong
    placeholders (Babel's checkers, and ``{side}`` in the exercise texts), a stale ``.mo``.
    """
    found: list[str] = []
    template = catalogue_messages(read_po(TEMPLATE))
    catalog = read_po(po_path(language))
    mine = catalogue_messages(catalog)
    found += [f"{language}: missing {key!r}" for key in sorted(template.keys() - mine.keys(),
                                                              key=str)]
    found += [f"{language}: not in the template {key!r}"
              for key in sorted(mine.keys() - template.keys(), key=str)]
    for message in catalog:
        if not message.id:
            continue
        key = _key(message.id, message.context)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy:
            found.append(f"{language}: fuzzy {key!r}")
        if not all(strings):
            found.append(f"{language}: untranslated {key!r}")
            continue
        for error in message.check(catalog):
            found.append(f"{language}: {key!r}: {error}")
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        wanted = set().union(*(_named(text) for text in ids))
        for text in strings:
            # Babel accepts a translation that drops every placeholder; deskbreath does not
            # (a plural form may leave out the count itself: "one item").
            missing = wanted - _named(text) - ({"n", "count"} if len(ids) > 1 else set())
            extra = _named(text) - wanted
            if missing or extra:
                found.append(f"{language}: {key!r}: placeholders differ: missing "
                             f"{sorted(missing)}, unknown {sorted(extra)} in {text!r}")
    mo = po_path(language).with_suffix(".mo")
    if not mo.exists():
        found.append(f"{language}: {mo.name} is missing; run `.ci/translations.py compile`")
    elif mo.read_bytes() != compiled(catalog):
        found.append(f"{language}: {mo.name} is older than its .po; run "
                     "`.ci/translations.py compile`")
    return found


_NAMED = re.compile(r"%\((\w+)\)|\{(\w+)\}")


def _named(text: str) -> set[str]:
    """The named placeholders of a message: ``%(name)s`` and ``{name}``."""
    return {percent or brace for percent, brace in _NAMED.findall(text)}


def compiled(catalog: Catalog) -> bytes:
    """The ``.mo`` that ``pybabel compile`` writes for ``catalog``."""
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog)
    return buffer.getvalue()


CHECKERS = checkers.checkers
"""Babel's placeholder checks (python-format and the number of plural forms)."""


def main(argv: list[str]) -> int:
    """Run the command named in ``argv`` (see the module docstring); the exit status."""
    commands = {"extract": extract, "update": update, "compile": compile_all}
    if argv[:1] == ["init"] and len(argv) == 2:
        init(argv[1])
        return 0
    if argv[:1] == ["check"]:
        stale = sorted(code_messages().keys() ^ catalogue_messages(read_po(TEMPLATE)).keys(),
                       key=str)
        lines = [f"template out of date: {key!r}" for key in stale]
        for language in languages():
            lines += problems(language)
        print("\n".join(lines) or "all catalogues complete and compiled")
        return 1 if lines else 0
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
