"""Statistics per local day and per period: midnight, empty days, daylight-saving days."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from deskbreath.core.health import Bout, BoutEnd, EventKind, PromptEvent
from deskbreath.core.stats import combine, daily, day_bounds, periods
from deskbreath.core.stats_report import day_row, stats_document

BERLIN = ZoneInfo("Europe/Berlin")
SYDNEY = ZoneInfo("Australia/Sydney")
EXERCISES = ("breathing", "rotation", "posture")


def at(tz: ZoneInfo, day: date, hour: int, minute: int = 0) -> datetime:
    """``day`` at ``hour``:``minute`` wall time in ``tz``."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def test_bout_across_midnight_is_split_by_wall_time() -> None:
    """A bout from 23:00 to 01:00 gives half its sitting time to each day."""
    day = date(2026, 11, 23)
    bout = Bout(at(BERLIN, day, 23), at(BERLIN, day + timedelta(days=1), 1), 3600.0,
                BoutEnd.NATURAL_BREAK)

    days = daily([bout], [], first=day, last=day + timedelta(days=1), tz=BERLIN)

    assert [d.figures.sitting for d in days] == pytest.approx([1800.0, 1800.0])
    assert [d.figures.bouts for d in days] == [1, 0]  # counted once, on the day it started
    assert [d.figures.natural_breaks for d in days] == [0, 1]  # the break began after midnight


def test_days_without_records_are_listed_as_zero() -> None:
    """Every day of the range appears, the empty ones with zero figures."""
    first = date(2026, 11, 20)
    event = PromptEvent(EventKind.DONE, at(BERLIN, date(2026, 11, 22), 10), "posture",
                        20.0, details={"rating": "good"})

    days = daily([], [event], first=first, last=date(2026, 11, 24), tz=BERLIN)

    assert [d.day.day for d in days] == [20, 21, 22, 23, 24]
    assert [d.figures.exercise_breaks for d in days] == [0, 0, 1, 0, 0]
    assert days[0].figures.posture_average is None
    assert days[2].figures.posture_average == 3


@pytest.mark.parametrize(("tz", "short_day", "long_day"), [
    (BERLIN, date(2026, 3, 29), date(2026, 10, 25)),
    (SYDNEY, date(2026, 10, 4), date(2026, 4, 5)),  # southern hemisphere: the other way round
])
def test_daylight_saving_days_have_23_and_25_hours(tz: ZoneInfo, short_day: date,
                                                   long_day: date) -> None:
    """The spring-forward day has 23 hours and the fall-back day 25, in both hemispheres."""
    short = daily([], [], first=short_day, last=short_day, tz=tz)
    long = daily([], [], first=long_day, last=long_day, tz=tz)

    assert short[0].hours == 23
    assert long[0].hours == 25


def test_bout_over_a_fall_back_night_is_split_by_real_time() -> None:
    """Across the 25-hour night the split follows elapsed time, not the clock's reading."""
    day = date(2026, 10, 24)  # Berlin falls back at 03:00 on the 25th
    start = at(BERLIN, day, 23)
    end = start + timedelta(hours=4)  # absolute hours: 23:00 CEST -> 02:00 CET
    bout = Bout(start, datetime.fromtimestamp(start.timestamp() + 4 * 3600, BERLIN), 4 * 3600,
                BoutEnd.ASLEEP)

    days = daily([bout], [], first=day, last=day + timedelta(days=1), tz=BERLIN)

    assert end.hour == 3  # the naive sum, which would be wrong
    assert [d.figures.sitting for d in days] == pytest.approx([3600.0, 3 * 3600.0])


def test_day_bounds_follow_the_timezone() -> None:
    """A Sydney day starts at local midnight, 13 hours before Berlin's in November."""
    day = date(2026, 11, 23)

    sydney_start, _ = day_bounds(day, SYDNEY)
    berlin_start, _ = day_bounds(day, BERLIN)

    assert berlin_start - sydney_start == 10 * 3600


def test_period_figures_add_up_the_days() -> None:
    """Today / 7 days: sitting adds up, longest is the longest, average over all bouts."""
    today = date(2026, 11, 23)
    bouts = [Bout(at(BERLIN, today, 9), at(BERLIN, today, 10), 3000.0, BoutEnd.NATURAL_BREAK),
             Bout(at(BERLIN, today - timedelta(days=3), 9),
                  at(BERLIN, today - timedelta(days=3), 11), 6000.0, BoutEnd.LOCKED),
             Bout(at(BERLIN, today, 14), at(BERLIN, today, 14, 30), 1500.0, BoutEnd.QUIT)]
    events = [
        PromptEvent(EventKind.DONE, at(BERLIN, today, 10), "breathing", 120.0),
        PromptEvent(EventKind.STOPPED, at(BERLIN, today, 11), "breathing", 30.0),
        PromptEvent(EventKind.SNOOZED, at(BERLIN, today, 12), "rotation", 900.0),
        PromptEvent(EventKind.HELD_BACK, at(BERLIN, today, 13), "posture", 300.0,
                    "fullscreen"),
        PromptEvent(EventKind.HELD_BACK, at(BERLIN, today, 15), "posture", 60.0,
                    "fullscreen"),
    ]
    days = daily(bouts, events, first=today - timedelta(days=29), last=today, tz=BERLIN)

    today_period, week, month = periods(days)

    assert (today_period.days, week.days, month.days) == (1, 7, 30)
    assert today_period.figures.sitting == pytest.approx(4500.0)
    assert week.figures.sitting == pytest.approx(10500.0)
    assert week.figures.longest_bout == 6000.0
    assert week.figures.average_bout == pytest.approx(3500.0)
    assert week.figures.natural_breaks == 2  # a quit is no break
    assert week.figures.exercises == {"breathing": 1}
    assert week.figures.breathing_minutes == pytest.approx(2.5)  # done and stopped time
    assert week.figures.holds["fullscreen"].count == 2
    assert week.figures.holds["fullscreen"].seconds == 360.0
    assert month.figures == combine(d.figures for d in days)


def test_stats_document_has_a_format_and_every_day() -> None:
    """The JSON document carries format 1, the periods and one entry per day."""
    today = date(2026, 11, 23)
    days = daily([], [], first=today - timedelta(days=6), last=today, tz=BERLIN)

    document = stats_document(periods(days, (1, 7)), days, now=at(BERLIN, today, 12),
                              timezone="Europe/Berlin", database=None,
                              exercises=EXERCISES)

    assert document["format"] == 1
    assert [p["days"] for p in document["periods"]] == [1, 7]
    assert len(document["per_day"]) == 7
    assert document["periods"][1]["exercises_done"] == {"breathing": 0, "rotation": 0,
                                                        "posture": 0}
    assert day_row(days[0], EXERCISES)["sitting_minutes"] == "0.0"
