"""Numbers, times of day and dates as the user's locale writes them, behind one small protocol.

Words come from the gettext catalogue (:mod:`deskbreath.i18n`), but a catalogue cannot say
how a locale writes 6.0, 14:32 or a weekday: German writes "6,0", US English "2:32 PM",
Spanish "mié". The core asks a :class:`Formats` it is given; the app and the command line
give it one backed by ``QLocale`` (:mod:`deskbreath.qt.language`, QtCore only, which the
app loads anyway), so the core stays Qt-free and Babel (about 9 MiB resident) stays out of
the running app. :class:`PlainFormats` is the default: English words, 24-hour clock, and
the same on every machine (Python's ``strftime`` would follow the C locale).

Durations are not formatted here: "5 min" and "1 h 30 min" are words, so they come from the
catalogue with their plural forms (:func:`deskbreath.core.wording.humanize`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from deskbreath.i18n import _

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_LONG_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LONG_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


class Formats(Protocol):
    """How one locale writes numbers, times and dates.

    Every method returns text for people; none is ever parsed back or written to a file
    (those use ISO 8601 and ``.``).
    """

    def number(self, value: float, decimals: int = 0) -> str:
        """``value`` with ``decimals`` digits after the locale's decimal sign: "6,0"."""
        ...

    def time_of_day(self, moment: datetime) -> str:
        """The wall time of ``moment`` in the locale's clock: "14:32" or "2:32 PM"."""
        ...

    def weekday_time(self, moment: datetime) -> str:
        """A short weekday and the time: "Wed 14:32", "Mi. 14:32"."""
        ...

    def weekday(self, day: date, *, long: bool = False) -> str:
        """The weekday's name, short ("Wed") or ``long`` ("Wednesday")."""
        ...

    def date(self, day: date, *, weekday: bool = False, long: bool = False) -> str:
        """Day and month without the year, in the locale's order.

        "3 Dec", "3. Dez.", "Dec 3"; with ``weekday`` first ("Wed 3 Dec"); ``long`` spells
        the names out ("Wednesday 3 December").
        """
        ...


class PlainFormats:
    """English names, a 24-hour clock and a decimal point, the same on every machine.

    The default where no locale was wired in (tests, and the core used on its own).
    """

    def number(self, value: float, decimals: int = 0) -> str:
        """``value`` rounded to ``decimals`` places: "6.0"."""
        return f"{value:.{decimals}f}"

    def time_of_day(self, moment: datetime) -> str:
        """"14:32"."""
        return moment.strftime("%H:%M")

    def weekday_time(self, moment: datetime) -> str:
        """"Wed 14:32"."""
        return _("%(weekday)s %(time)s") % {"weekday": self.weekday(moment.date()),
                                            "time": self.time_of_day(moment)}

    def weekday(self, day: date, *, long: bool = False) -> str:
        """"Wed", or "Wednesday" when ``long``."""
        return (_LONG_DAYS if long else _DAYS)[day.weekday()]

    def date(self, day: date, *, weekday: bool = False, long: bool = False) -> str:
        """"3 Dec", "Wed 3 Dec", "Wednesday 3 December"."""
        month = (_LONG_MONTHS if long else _MONTHS)[day.month - 1]
        text = f"{day.day} {month}"
        if not weekday:
            return text
        return _("%(weekday)s %(date)s") % {"weekday": self.weekday(day, long=long),
                                            "date": text}


PLAIN: Formats = PlainFormats()
"""The default :class:`Formats` of the core's functions."""
