"""A pseudo-locale: every message accented, 40 % longer and marked, compiled at test time.

Text that did not pass through translation shows up in it as plain English (no marker), and
text too long for its widget shows up as clipped. See tests/qt/test_pseudo_locale.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages import mofile, pofile
from babel.messages.catalog import Catalog

from deskbreath import i18n
from deskbreath.paths import locale_dir

LANGUAGE = "xx"
OPEN, CLOSE = "«", "»"
"""Around every pseudo-translated message; English source text never uses them."""
_KEEP = re.compile(r"%\(\w+\)[-#0 +]?\d*(?:\.\d+)?[diouxXeEfFgGcrs]|%[sdgr%]|\{\w+\}|<[^>]+>|&.|\n")
_WORD = 10
"""The longest piece of padding without a space (German words run longer than English)."""
_ACCENTS = str.maketrans("aeiouycnsAEIOUYCNS", "áéíóúýçñšÁÉÍÖÜÝÇÑŠ")


def pseudo(text: str) -> str:
    """``text`` accented, marked and padded by 40 % (in pieces of at most ten characters):
    placeholders, tags, access keys and line breaks stay as they are.
    """
    parts, last = [], 0
    for match in _KEEP.finditer(text):
        parts.append(text[last:match.start()].translate(_ACCENTS))
        parts.append(match.group(0))
        last = match.end()
    parts.append(text[last:].translate(_ACCENTS))
    body = "".join(parts)
    # The padding comes in word-sized pieces, as a longer language's extra words do: one
    # unbroken run of 40 % of a long sentence would be a "word" no language has.
    length = math.ceil(0.4 * len(text))
    pad = " ".join("~" * min(_WORD, length - start) for start in range(0, length, _WORD))
    return f"{OPEN}{body}{pad}{CLOSE}" if text.strip() else text


def write_pseudo_catalogue(folder: Path) -> Path:
    """Compile the pseudo catalogue of every message in the template to ``folder``."""
    with (locale_dir() / "deskbreath.pot").open("rb") as file:
        template = pofile.read_po(file)
    catalog = Catalog(locale="en", fuzzy=False)
    catalog.language_team = LANGUAGE
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            string: str | tuple[str, ...] = tuple(pseudo(str(form)) for form in message.id)
        else:
            string = pseudo(str(message.id))
        catalog.add(message.id, string, context=message.context)
    target = folder / LANGUAGE / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as file:
        mofile.write_mo(file, catalog)
    return folder


@contextmanager
def pseudo_locale(folder: Path) -> Iterator[None]:
    """Speak the pseudo-locale inside the ``with`` block; English again after."""
    root = write_pseudo_catalogue(folder)
    i18n.install([LANGUAGE], root)
    try:
        yield
    finally:
        i18n.install([], root)
