"""Working hours: when prompts may come, and when that next changes."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from deskbreath.core.localtime import next_day_start
from deskbreath.core.settings.model import WEEKDAYS, TimeRange
from deskbreath.core.working_hours import Hours, is_working_time, next_change

TZ = timezone(timedelta(hours=1))
OFFICE: Hours = {
    **dict.fromkeys(WEEKDAYS[:5], (TimeRange(time(8), time(12)), TimeRange(time(13), time(18)))),
    "sat": (),
    "sun": (),
}


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """23 Nov 2026 is a Monday; ``day`` 0..6 from there."""
    return datetime(2026, 11, 23 + day, hour, minute, tzinfo=TZ)


def test_default_hours_never_restrict() -> None:
    """With no limits set, every moment is working time and nothing changes."""
    free: Hours = dict.fromkeys(WEEKDAYS)
    assert is_working_time(free, at(5, 3))
    assert next_change(free, at(0, 9), TZ) is None


def test_office_hours() -> None:
    """Mon–Fri 08–12 and 13–18: lunch and evenings and weekends are off."""
    assert is_working_time(OFFICE, at(0, 9))
    assert not is_working_time(OFFICE, at(0, 12, 30))
    assert is_working_time(OFFICE, at(0, 17, 59))
    assert not is_working_time(OFFICE, at(0, 18))
    assert not is_working_time(OFFICE, at(5, 10))


def test_next_change_finds_lunch_evening_and_monday() -> None:
    """The next flip is the lunch break, the evening, or Monday morning after a weekend."""
    assert next_change(OFFICE, at(0, 9), TZ) == at(0, 12)
    assert next_change(OFFICE, at(0, 12, 10), TZ) == at(0, 13)
    assert next_change(OFFICE, at(4, 18, 30), TZ) == at(7, 8)
    assert next_change(OFFICE, at(5, 11), TZ) == at(7, 8)


def test_next_day_start_is_tomorrow_morning() -> None:
    """"Until tomorrow" ends at the day start on the next calendar day."""
    assert next_day_start(at(0, 23, 50), time(8), TZ) == at(1, 8)


def test_until_tomorrow_after_midnight_means_this_morning() -> None:
    """At 01:00, "until tomorrow" ends at 08:00 the same day, not 31 hours later."""
    assert next_day_start(at(1, 1, 0), time(8), TZ) == at(1, 8)
