"""The small pieces the value types are made of.

Clock times, day hours, numbers and how a TOML value is named and shown in messages.

Functions here raise :class:`Invalid` with a short reason ("ends before it starts"); the
value types in :mod:`deskbreath.core.settings.types` and the validation in
:mod:`deskbreath.core.settings.validate` add the key, what is allowed and what was done.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from deskbreath.core.durations import format_duration

# TimeRange.end is exclusive, so "24:00" (end of day) is stored as the last moment of the day.
END_OF_DAY = time.max
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


class Invalid(ValueError):  # noqa: N818 - reads as `raise Invalid("ranges overlap")`.
    """A TOML value that does not fit its setting; the message is the short reason."""


@dataclass(frozen=True)
class TimeRange:
    """A span of local time within one day, ``start < end`` (``end`` may be END_OF_DAY)."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        """True when ``moment`` is in ``[start, end)``."""
        return self.start <= moment < self.end


DayRanges = tuple[TimeRange, ...] | None
"""One day's working hours: None for no limit, ``()`` for no prompts that day."""


def is_number(value: Any) -> bool:
    """True for TOML integers and floats (``true``/``false`` are not numbers)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse_clock(text: str, *, allow_24: bool = False) -> time:
    """``"08:30"`` to ``time(8, 30)``; ``"24:00"`` to :data:`END_OF_DAY` if ``allow_24``."""
    match = _CLOCK.fullmatch(text.strip())
    if not match:
        raise Invalid(f'{show(text.strip())} is not a time like "08:00"')
    hour, minute = int(match.group(1)), int(match.group(2))
    if allow_24 and (hour, minute) == (24, 0):
        return END_OF_DAY
    if hour > 23 or minute > 59:
        raise Invalid(f"{show(text.strip())} is not a time of day")
    return time(hour, minute)


def format_clock(moment: time) -> str:
    """The inverse of :func:`parse_clock`."""
    if moment == END_OF_DAY:
        return "24:00"
    return f"{moment.hour:02d}:{moment.minute:02d}"


def parse_day_hours(text: str) -> DayRanges:
    """``"always"`` → None, ``"off"`` → ``()``, ``"08:00-12:00, 13:00-18:00"`` → sorted ranges.

    Raises:
        Invalid: empty, a malformed or backwards range, or two ranges that overlap.
    """
    text = text.strip().lower()
    if text == "always":
        return None
    if text == "off":
        return ()
    if not text:
        raise Invalid("empty")
    ranges: list[TimeRange] = []
    for part in text.split(","):
        bounds = re.split(r"\s*[-–]\s*", part.strip())
        if len(bounds) != 2:
            raise Invalid(f'{show(part.strip())} is not a range like "08:00-12:00"')
        start, end = parse_clock(bounds[0]), parse_clock(bounds[1], allow_24=True)
        if not start < end:
            raise Invalid(f"{show(part.strip())} ends before it starts")
        ranges.append(TimeRange(start, end))
    ranges.sort(key=lambda r: r.start)
    for earlier, later in itertools.pairwise(ranges):
        if later.start < earlier.end:
            both = format_day_hours((earlier,)), format_day_hours((later,))
            raise Invalid(f"{both[0]} and {both[1]} overlap")
    return tuple(ranges)


def format_day_hours(ranges: DayRanges) -> str:
    """The inverse of :func:`parse_day_hours`."""
    if ranges is None:
        return "always"
    if not ranges:
        return "off"
    return ", ".join(f"{format_clock(r.start)}-{format_clock(r.end)}" for r in ranges)


def format_number(value: float) -> int | float:
    """6.0 → 6 so the file reads ``breaths_per_minute = 6``."""
    return int(value) if float(value).is_integer() else value


def kind_of(value: Any) -> str:
    """What a TOML value is, in words: "a number", "a table", ..."""
    if isinstance(value, bool):
        return "true/false"
    if is_number(value):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, datetime | date | time):
        return "a date or time"
    return type(value).__name__


def show(value: Any, limit: int = 60) -> str:
    """A TOML value written the way it looks in the file, shortened to ``limit`` characters."""
    text = _toml_text(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _toml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_text(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {_toml_text(v)}" for k, v in value.items()) + " }"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


__all__ = [
    "END_OF_DAY",
    "DayRanges",
    "Invalid",
    "TimeRange",
    "format_clock",
    "format_day_hours",
    "format_duration",
    "format_number",
    "is_number",
    "kind_of",
    "parse_clock",
    "parse_day_hours",
    "show",
]
