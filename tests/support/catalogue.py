"""A real gettext catalogue for tests, compiled on the fly, and a way to use it for a while.

The project ships no catalogue yet, so tests that prove text goes through the translation
functions (and that plural forms come from the catalogue) write their own ``.mo`` file in
GNU format and install it through :func:`deskbreath.i18n.install`, the path the app uses.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from deskbreath import i18n

#: A made-up language with three plural forms, so a form chosen by appending "s" shows.
THREE_FORMS = "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"
LANGUAGE = "xx"

Translation = str | tuple[str, ...]
"""A translation, or its plural forms in the catalogue's order."""


def plural_key(singular: str, plural: str) -> str:
    """The catalogue key of an ``ngettext`` message."""
    return f"{singular}\0{plural}"


def context_key(context: str, message: str) -> str:
    """The catalogue key of a ``pgettext`` message."""
    return f"{context}\x04{message}"


def write_mo(path: Path, translations: Mapping[str, Translation], plural_forms: str) -> None:
    """Write ``translations`` as a GNU ``.mo`` file (the layout ``msgfmt`` writes; see
    https://www.gnu.org/software/gettext/manual/html_node/MO-Files.html).
    """
    header = ("Content-Type: text/plain; charset=UTF-8\n"
              f"Language: {LANGUAGE}\nPlural-Forms: {plural_forms}\n")
    messages = {b"": header.encode()}
    for message, value in translations.items():
        forms = (value,) if isinstance(value, str) else value
        messages[message.encode()] = "\0".join(forms).encode()
    keys = sorted(messages)
    ids = strs = b""
    spans: list[tuple[int, int, int, int]] = []
    for key in keys:
        spans.append((len(ids), len(key), len(strs), len(messages[key])))
        ids += key + b"\0"
        strs += messages[key] + b"\0"
    key_start = 7 * 4 + 16 * len(keys)
    value_start = key_start + len(ids)
    key_table = [n for start, length, _, _ in spans for n in (length, start + key_start)]
    value_table = [n for _, _, start, length in spans for n in (length, start + value_start)]
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    table = struct.pack(f"<{len(key_table) + len(value_table)}I", *key_table, *value_table)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(head + table + ids + strs)


@contextmanager
def installed_catalogue(folder: Path, translations: Mapping[str, Translation],
                        plural_forms: str = THREE_FORMS) -> Iterator[None]:
    """Use a catalogue of ``translations`` inside the ``with`` block; English again after."""
    write_mo(folder / LANGUAGE / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo", translations,
             plural_forms)
    assert i18n.install([LANGUAGE], folder) == LANGUAGE, "the test catalogue did not load"
    try:
        yield
    finally:
        i18n.install([], folder)
