"""Which language deskbreath speaks: the system's, read as gettext reads it, or the setting."""

from __future__ import annotations

import pytest

from deskbreath import i18n
from deskbreath.paths import locale_dir


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANGUAGE": "de_AT:es", "LANG": "en_US.UTF-8"}, ["de_AT", "de", "es"]),
        ({"LC_ALL": "es_ES.UTF-8", "LC_MESSAGES": "de_DE", "LANG": "en_GB"}, ["es_ES", "es"]),
        ({"LC_MESSAGES": "de_DE.UTF-8@euro", "LANG": "es_ES"}, ["de_DE", "de"]),
        ({"LANG": "es_MX.UTF-8"}, ["es_MX", "es"]),
        ({"LANGUAGE": "de", "LANG": "C.UTF-8"}, ["de"]),
        ({"LANG": "C.UTF-8"}, []),
        ({"LC_ALL": "POSIX"}, []),
        ({}, []),
    ],
)
def test_system_languages_are_read_in_gettexts_order(environ: dict[str, str],
                                                      expected: list[str]) -> None:
    """The first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set decides; C is none."""
    assert i18n.system_languages(environ) == expected


def test_the_language_setting_overrides_the_system() -> None:
    """"de" wins over a Spanish desktop; "system" leaves the desktop's choice."""
    system = ["es_ES", "es"]

    assert i18n.choose("de", system) == ["de"]
    assert i18n.choose("system", system) == system


def test_english_earlier_in_the_list_stops_the_search() -> None:
    """LANGUAGE=en:de asks for English first: no catalogue is used, though German exists."""
    assert i18n.install(["en_GB", "en", "de"], locale_dir()) is None
    assert i18n.active() == "en"
    assert i18n.install(["fr", "de"], locale_dir()) == "de"
    try:
        assert i18n.active() == "de"
        assert i18n._("Quit deskbreath") == "deskbreath beenden"
    finally:
        i18n.install([], locale_dir())


def test_every_shipped_catalogue_is_found() -> None:
    """German and Spanish ship, compiled, in the package's resources."""
    assert i18n.available(locale_dir()) == ["de", "es"]
