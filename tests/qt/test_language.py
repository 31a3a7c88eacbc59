"""The language applied to a process: catalogue, QLocale formats and Qt's own words; on
Windows and macOS the OS setting counts when no variable is set (faked here).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from deskbreath import i18n
from deskbreath.core.breathing import BreathPattern
from deskbreath.core.command_rules import Command, Situation, refusal
from deskbreath.core.formats import PLAIN
from deskbreath.core.policy import Mode, Status
from deskbreath.core.wording import breathing_rhythm, breaths_a_minute, clock_time
from deskbreath.paths import locale_dir
from deskbreath.qt.language import QtFormats, apply_language, choose_languages


@pytest.fixture
def restore_language(qapp: QApplication) -> Iterator[None]:
    """English and the C locale again after the test, without Qt's translations."""
    before = set(qapp.findChildren(QTranslator))
    try:
        yield
    finally:
        i18n.install([], locale_dir())
        QLocale.setDefault(QLocale.c())
        for translator in set(qapp.findChildren(QTranslator)) - before:
            QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_use_the_os_language_when_no_variable_is_set(platform: str) -> None:
    """No LANG and friends: the desktop's preferred languages, best first."""
    chosen = choose_languages("system", {}, platform=platform,
                              ui_languages=lambda: ["de-AT", "en-US"])

    assert chosen == ["de_AT", "de", "en_US", "en"]


def test_a_variable_wins_over_the_os_setting_and_linux_never_asks_the_os() -> None:
    """LANG=es on Windows means Spanish; on Linux the OS list is not consulted at all."""
    def os_list() -> list[str]:
        raise AssertionError("the OS setting was asked on Linux")

    assert choose_languages("system", {"LANG": "es_ES.UTF-8"}, platform="win32",
                            ui_languages=lambda: ["de-DE"]) == ["es_ES", "es"]
    assert choose_languages("system", {}, platform="linux", ui_languages=os_list) == []


def test_the_setting_wins_over_the_os_setting() -> None:
    """Language = "es" on a German Windows: Spanish."""
    assert choose_languages("es", {}, platform="win32",
                            ui_languages=lambda: ["de-DE"]) == ["es"]


def test_german_brings_its_catalogue_formats_and_qts_own_words(
        qapp: QApplication, restore_language: None) -> None:
    """LANGUAGE=de: deskbreath's words, 6,0 and 14:32, and Qt's Cancel button in German."""
    applied = apply_language("system", {"LANGUAGE": "de"}, app=qapp, platform="linux")

    assert (applied.language, applied.locale, applied.qt_translations) == ("de", "de_DE", True)
    assert i18n._("Quit deskbreath") == "deskbreath beenden"
    assert QtFormats().number(6, 1) == "6,0"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"


def test_formats_follow_the_locale_while_the_core_default_stays_plain() -> None:
    """US English writes 2:32 PM, German 14:32 and "Mi." for Wednesday; the core's default
    is the same everywhere.
    """
    moment = datetime(2026, 12, 2, 14, 32)
    german, american = QtFormats(QLocale("de_DE")), QtFormats(QLocale("en_US"))

    assert german.time_of_day(moment) == "14:32"
    assert "PM" in american.time_of_day(moment)
    assert german.weekday(moment.date()) == "Mi."
    assert german.date(date(2026, 12, 3)) == "3. Dez."
    assert american.date(date(2026, 12, 3)) == "Dec 3"
    assert PLAIN.number(6, 1) == "6.0"
    assert clock_time(moment, moment, german) == "14:32"


def test_the_breathing_rhythm_writes_decimals_the_locales_way() -> None:
    """The rhythm line and the breaths a minute use the locale's decimal sign: 4,5 s in
    German, 4.5 s in the core's plain default.
    """
    pattern = BreathPattern(inhale=4.5, exhale=6.0, hold_in=1.0)
    german = QtFormats(QLocale("de_DE"))

    assert breathing_rhythm(pattern, german) == "4,5 s in · 1 s hold · 6 s out"
    assert breaths_a_minute(pattern, german) == "5,2 breaths a minute"
    assert breathing_rhythm(pattern) == "4.5 s in · 1 s hold · 6 s out"


def test_a_refusal_writes_its_time_the_locales_way() -> None:
    """The sentence a refused command gives (command line, tray tooltip) writes the time as
    the locale does: 2:30 PM in US English, 14:30 in the core's plain default.
    """
    now = datetime(2026, 12, 2, 9, 0)
    paused = Status(mode=Mode.PAUSED, bout_seconds=0.0, present=True, next_exercise="breathing",
                    due_in=None, next_prompt_at=None, until=datetime(2026, 12, 2, 14, 30),
                    prompt_open=False)
    situation = Situation(paused)

    american = refusal(Command.SNOOZE, situation, now, formats=QtFormats(QLocale("en_US")))
    plain = refusal(Command.SNOOZE, situation, now)

    assert american is not None
    assert "2:30" in american
    assert "PM" in american
    assert plain is not None
    assert "14:30" in plain
