"""Working hours: whether prompts may come at a given local time, and when that changes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta, tzinfo

from deskbreath.core.localtime import in_zone, wall_time
from deskbreath.core.settings.model import WEEKDAYS, TimeRange

Hours = Mapping[str, tuple[TimeRange, ...] | None]


def is_working_time(hours: Hours, moment: datetime) -> bool:
    """True when prompts may come at ``moment``.

    ``moment`` is local wall time: the weekday and time of day are read from it as it is.
    """
    ranges = hours.get(WEEKDAYS[moment.weekday()])
    if ranges is None:
        return True
    return any(r.contains(moment.time()) for r in ranges)


def next_change(hours: Hours, moment: datetime, zone: tzinfo) -> datetime | None:
    """The next moment after ``moment`` at which :func:`is_working_time` flips, within a week.

    On the wall clock of ``zone``; an edge that a daylight-saving change skips comes at the
    change.

    Returns None when it never changes (unrestricted, or no working time at all).
    """
    local = in_zone(moment, zone)
    current = is_working_time(hours, local)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        ranges = hours.get(WEEKDAYS[day.weekday()])
        edges: list[time] = [time(0, 0)]
        if ranges:
            for r in ranges:
                edges += [r.start, r.end]
        for edge in sorted(edges):
            candidate = wall_time(day, edge, zone)
            if candidate > moment and is_working_time(hours, candidate) != current:
                return candidate
    return None
