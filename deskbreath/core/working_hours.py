"""Working hours: whether prompts may come at a given local time, and when that changes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta

from deskbreath.core.settings.model import WEEKDAYS, TimeRange

Hours = Mapping[str, tuple[TimeRange, ...] | None]


def is_working_time(hours: Hours, moment: datetime) -> bool:
    """True when prompts may come at ``moment`` (local, aware)."""
    ranges = hours.get(WEEKDAYS[moment.weekday()])
    if ranges is None:
        return True
    return any(r.contains(moment.time()) for r in ranges)


def next_change(hours: Hours, moment: datetime) -> datetime | None:
    """The next moment after ``moment`` at which :func:`is_working_time` flips, within a week.

    Returns None when it never changes (unrestricted, or no working time at all).
    """
    current = is_working_time(hours, moment)
    day0 = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    for offset in range(8):
        day = day0 + timedelta(days=offset)
        ranges = hours.get(WEEKDAYS[day.weekday()])
        edges: list[time] = [time(0, 0)]
        if ranges:
            for r in ranges:
                edges += [r.start, r.end]
        for edge in sorted(edges):
            candidate = _at(day, edge)
            if candidate > moment and is_working_time(hours, candidate) != current:
                return candidate
    return None


def _at(day: datetime, clock_time: time) -> datetime:
    naive = datetime.combine(day.date(), clock_time)
    return naive.replace(tzinfo=day.tzinfo)


def next_day_start(moment: datetime, day_start: time) -> datetime:
    """When "until tomorrow" ends: ``day_start`` on the next day, or later today when
    ``moment`` is after midnight but before the day has started (01:00 means this morning)."""
    today = datetime.combine(moment.date(), day_start).replace(tzinfo=moment.tzinfo)
    if moment < today:
        return today
    return today + timedelta(days=1)
