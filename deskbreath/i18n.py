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
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from pathlib import Path

DOMAIN = "deskbreath"

_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def install(languages: Sequence[str] | None, locale_dir: Path) -> str | None:
    """Make the first available catalogue of ``languages`` the active one.

    Args:
        languages: locale codes in order of preference (``["de_AT", "de"]``); None reads
            ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` as gettext does.
        locale_dir: the folder holding ``<lang>/LC_MESSAGES/deskbreath.mo``.

    Returns:
        The language of the catalogue now active, or None for the built-in English.
    """
    global _catalogue  # noqa: PLW0603 - the one labelled piece of translation state
    found = gettext.translation(DOMAIN, locale_dir, languages=languages, fallback=True)
    _catalogue = found
    if isinstance(found, gettext.GNUTranslations):
        return str(found.info().get("language") or "") or None
    return None


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
