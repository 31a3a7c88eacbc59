"""The one translation entry point, for the Qt-free core, the Qt layer and the command line.

deskbreath uses GNU gettext catalogues (Python's :mod:`gettext`; strings are extracted and
catalogues compiled with Babel, see the README's Development section). Every user-visible
sentence goes through one of the functions below; machine output (``status --json``, log
lines, settings keys) never does.

- ``_("text")`` translates now.
- ``ngettext("%(n)d minute", "%(n)d minutes", n)`` chooses the plural form by the
  catalogue's rules, never by appending "s".
- ``pgettext("context", "text")`` tells apart equal English words with different meanings.
- ``N_("text")`` only marks a constant for extraction; translate it with ``_()`` where it is
  shown, so a language chosen after import still applies.

This module holds the process's one piece of translation state (the active catalogue);
:func:`install` replaces it. Until then every function returns the English text.

Which language: the ``language`` setting when it names one, else the system's, read from
``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` as GNU gettext reads them
(:func:`system_languages`); on Windows and macOS, where those are usually unset, the Qt layer
adds the desktop's own list (``deskbreath/qt/language.py``). Numbers, times and dates are
formatted by :mod:`deskbreath.core.formats`, not here.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

DOMAIN = "deskbreath"
SYSTEM = "system"
"""The ``language`` setting's value for "the system's language"."""
ENGLISH = "en"
"""The language of the messages in the code: it needs no catalogue."""
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""The variables GNU gettext reads, first set wins (``LANGUAGE`` may list several)."""
_NO_LANGUAGE = frozenset({"", "C", "POSIX"})
_CODE = re.compile(r"([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}|[0-9]{3}))?(?:[.@].*)?")

_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def install(languages: Sequence[str] | None, locale_dir: Path) -> str | None:
    """Make the first available catalogue of ``languages`` the active one.

    Args:
        languages: locale codes in order of preference (``["de_AT", "de"]``); None reads
            ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` as gettext does. The
            search stops at English (``"en"``): it needs no catalogue.
        locale_dir: the folder holding ``<lang>/LC_MESSAGES/deskbreath.mo``.

    Returns:
        The language of the catalogue now active, or None for the built-in English.
    """
    global _catalogue  # noqa: PLW0603 - the one labelled piece of translation state
    if languages is not None:
        wanted = list(languages)
        english = next((i for i, code in enumerate(wanted)
                        if code.partition("_")[0] == ENGLISH), len(wanted))
        languages = wanted[:english]
    found = gettext.translation(DOMAIN, locale_dir, languages=languages, fallback=True)
    _catalogue = found
    if isinstance(found, gettext.GNUTranslations):
        return str(found.info().get("language") or "") or None
    return None


def normalize(code: str) -> str | None:
    """A POSIX or BCP 47 locale name as gettext's language code.

    ``"de_DE.UTF-8"`` and ``"de-DE"`` -> ``"de_DE"``; None for no language (``"C"``,
    ``"POSIX"``, ``""``) or a name that is not one.
    """
    code = code.strip()
    if code in _NO_LANGUAGE:
        return None
    match = _CODE.fullmatch(code)
    if match is None:
        return None
    language, region = match.groups()
    return language.lower() + (f"_{region.upper()}" if region else "")


def system_languages(environ: Mapping[str, str]) -> list[str]:
    """The languages the environment asks for, best first.

    They are read as Python's :mod:`gettext` reads them: the first of ``LANGUAGE``,
    ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set decides, and ``LANGUAGE`` may list
    several (``"de_AT:de"``).

    Unlike GNU gettext, ``LANGUAGE`` counts under the C locale too: ``LANGUAGE=de
    deskbreath status`` answers in German on a bare terminal. Each code also brings its bare
    language after it (``"de_AT"`` then ``"de"``); ``C`` and ``POSIX`` are no language.
    [] means English.
    """
    for name in ENVIRONMENT:
        value = environ.get(name, "")
        if value:
            return expand(value.split(":"))
    return []


def expand(codes: Iterable[str]) -> list[str]:
    """Codes normalized, each followed by its bare language, without repeats.

    ``["de-AT", "es"]`` -> ``["de_AT", "de", "es"]``.
    """
    result: list[str] = []
    for code in codes:
        normal = normalize(code)
        if normal is None:
            continue
        for candidate in (normal, normal.partition("_")[0]):
            if candidate not in result:
                result.append(candidate)
    return result


def choose(setting: str, system: Sequence[str]) -> list[str]:
    """The languages to try, best first.

    The ``language`` setting unless it is :data:`SYSTEM`, then the system's (``system``, as
    :func:`system_languages` gives them).
    """
    if setting.strip().lower() != SYSTEM:
        return expand([setting])
    return list(system)


def available(root: Path) -> list[str]:
    """The languages with a catalogue in ``root`` (``paths.locale_dir()``), sorted."""
    return sorted(path.parent.parent.name
                  for path in root.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


def active() -> str:
    """The language of the active catalogue (:data:`ENGLISH` for the built-in messages)."""
    if isinstance(_catalogue, gettext.GNUTranslations):
        return str(_catalogue.info().get("language") or ENGLISH)
    return ENGLISH


def _(message: str) -> str:
    """``message`` in the active language."""
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` that the active language uses for ``n``."""
    return _catalogue.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the active language, told apart from equal words by ``context``."""
    return _catalogue.pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (translate where shown)."""
    return message
