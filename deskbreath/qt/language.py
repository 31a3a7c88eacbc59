"""The user's language for the app and the command line: catalogue, formats, Qt's own words.

:func:`apply_language` is called once per process by a composition root (``app.py`` for the
tray app, ``cli.py`` for a command) before any text is made. It chooses the languages
(:func:`choose_languages`: the ``language`` setting, else the system's), installs the
gettext catalogue (:mod:`deskbreath.i18n`), makes the matching ``QLocale`` Qt's default, so
spin boxes, dates and :class:`QtFormats` write numbers and times the locale's way, and, with a
``QCoreApplication``, loads Qt's own translations (``qtbase_<lang>.qm`` shipped with PySide6:
standard buttons such as Cancel and Close, and Qt's dialogs).

QtCore only: the command line uses it without a ``QApplication``.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QTime, QTranslator

from deskbreath import i18n
from deskbreath.paths import locale_dir as shipped_locale_dir

log = logging.getLogger(__name__)

#: Platforms where the desktop's language is a setting of the OS, not an environment
#: variable (Windows' display language, macOS' preferred languages).
_OS_SETTING = ("win32", "darwin", "cygwin")
_YEAR = re.compile(r"\s*(?:'[^']*'\s*)?[,./-]?\s*y+\.?")
_WEEKDAY = re.compile(r"d{3,4}[,.]?\s*")


def os_languages() -> list[str]:
    """The desktop's preferred languages as Qt reads them from the OS (BCP 47 names)."""
    return list(QLocale.system().uiLanguages())


def choose_languages(setting: str, environ: Mapping[str, str], *,
                     platform: str = sys.platform,
                     ui_languages: Callable[[], Sequence[str]] = os_languages) -> list[str]:
    """The languages to try, best first.

    Args:
        setting: the ``language`` setting: ``"system"`` or a locale code (``"de"``).
        environ: the environment; ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` win
            when set (:func:`deskbreath.i18n.system_languages`).
        platform: ``sys.platform``; on Windows and macOS, where those variables are
            usually unset, the OS setting (``ui_languages``) is asked next.
        ui_languages: the OS's preferred languages (:func:`os_languages`; a fake in tests).
    """
    system = i18n.system_languages(environ)
    if not system and platform.startswith(_OS_SETTING):
        system = i18n.expand(ui_languages())
    return i18n.choose(setting, system)


@dataclass(frozen=True)
class AppliedLanguage:
    """What :func:`apply_language` set up.

    Attributes:
        language: the catalogue's language ("en" for the built-in English).
        locale: the ``QLocale`` name formats follow ("de_AT", "en_US", "C").
        qt_translations: whether Qt's own translations were loaded.
    """

    language: str
    locale: str
    qt_translations: bool


def apply_language(setting: str, environ: Mapping[str, str], *,
                   app: QCoreApplication | None = None, platform: str = sys.platform,
                   ui_languages: Callable[[], Sequence[str]] = os_languages,
                   locale_dir: Path | None = None) -> AppliedLanguage:
    """Make the chosen language this process's.

    That is its catalogue, the default ``QLocale`` and, given ``app``, Qt's own
    translations. Returns what was applied; never raises (a language without a catalogue is
    English with that locale's formats).
    """
    wanted = choose_languages(setting, environ, platform=platform, ui_languages=ui_languages)
    i18n.install(wanted, shipped_locale_dir() if locale_dir is None else locale_dir)
    language = i18n.active()
    same = [code for code in wanted if code.partition("_")[0] == language]
    locale = QLocale(same[0]) if same else _english_locale(wanted)
    QLocale.setDefault(locale)
    loaded = False
    if app is not None and language != i18n.ENGLISH:
        loaded = _load_qt_translations(app, locale)
    log.info("language: %s (asked for %s), formats: %s, Qt's translations: %s", language,
             ", ".join(wanted) or "nothing", locale.name(), "yes" if loaded else "no")
    return AppliedLanguage(language, locale.name(), loaded)


def _english_locale(wanted: Sequence[str]) -> QLocale:
    """The locale for English words.

    The system's formats when the system is English too, else plain C formats (never German
    dates inside English sentences).
    """
    system = QLocale.system()
    if system.language() == QLocale.Language.English and not wanted:
        return system
    return QLocale("en_US") \
        if any(code.startswith("en") for code in wanted) else QLocale.c()


def _load_qt_translations(app: QCoreApplication, locale: QLocale) -> bool:
    translator = QTranslator(app)  # parented: lives as long as the app
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(locale, "qtbase", "_", folder):
        log.info("no Qt translations for %s in %s", locale.name(), folder)
        return False
    return QCoreApplication.installTranslator(translator)


class QtFormats:
    """:class:`deskbreath.core.formats.Formats` by ``QLocale``.

    The default locale, which :func:`apply_language` sets, unless one is given.
    """

    def __init__(self, locale: QLocale | None = None) -> None:
        self._locale = QLocale() if locale is None else locale

    def number(self, value: float, decimals: int = 0) -> str:
        """"6,0" in German, "6.0" in English."""
        return self._locale.toString(float(value), "f", decimals)

    def time_of_day(self, moment: datetime) -> str:
        """"14:32", or "2:32 PM" where the locale uses a 12-hour clock."""
        return self._locale.toString(QTime(moment.hour, moment.minute),
                                     QLocale.FormatType.ShortFormat)

    def weekday_time(self, moment: datetime) -> str:
        """"Mi. 14:32"."""
        return i18n._("%(weekday)s %(time)s") % {"weekday": self.weekday(moment.date()),
                                                 "time": self.time_of_day(moment)}

    def weekday(self, day: date, *, long: bool = False) -> str:
        """"Mi." or "Mittwoch"."""
        kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
        return self._locale.dayName(day.isoweekday(), kind)

    def date(self, day: date, *, weekday: bool = False, long: bool = False) -> str:
        """Day and month in the locale's order without the year.

        "3. Dez.", "3 dic", "Dec 3"; with the weekday first, names spelled out when
        ``long``.
        """
        pattern = _day_month_pattern(self._locale)
        if not long:
            pattern = pattern.replace("MMMM", "MMM")
        text = self._locale.toString(QDate(day.year, day.month, day.day), pattern)
        if not weekday:
            return text
        return i18n._("%(weekday)s %(date)s") % {"weekday": self.weekday(day, long=long),
                                                 "date": text}


def _day_month_pattern(locale: QLocale) -> str:
    """The locale's long date pattern without weekday and year.

    "d. MMMM", "MMMM d", "d 'de' MMMM" (Qt has no pattern for day and month alone).
    """
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    pattern = _WEEKDAY.sub("", pattern)
    pattern = _YEAR.sub("", pattern)
    return pattern.strip(" ,/-") or "d MMM"
