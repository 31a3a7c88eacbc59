"""Settings values as people type them in the dialog, and back: Qt-free, so it is easy to test.

Every parser raises :class:`ValueError` whose message is written for the person typing:
what was wrong and what is allowed. The limits are those of the settings file.
"""

from __future__ import annotations

import itertools
import re
from datetime import time

from deskbreath.core.durations import DurationError, format_duration, parse_duration
from deskbreath.core.settings import (
    BREATH_HOLD,
    BREATHING_LENGTH,
    BREATHS_PER_MINUTE,
    INHALE_RATIO,
    MAX_INTERVAL,
    MAX_SNOOZE_CHOICES,
    MIN_INTERVAL,
    ROTATION_HOLD,
    ROTATION_REPETITIONS,
    TimeRange,
)

__all__ = [  # the limits are re-exported for the dialog
    "BREATHING_LENGTH", "BREATHS_PER_MINUTE", "BREATH_HOLD", "INHALE_RATIO", "MAX_INTERVAL",
    "MAX_SNOOZE_CHOICES", "MIN_INTERVAL", "ROTATION_HOLD", "ROTATION_REPETITIONS",
]

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_RANGE_SPLIT = re.compile(r"\s*[-–—]\s*")
OFF_WORDS = frozenset({"off", "none", "no"})


def parse_bounded_duration(text: str, minimum: float, maximum: float | None = None) -> float:
    """A duration in seconds within ``[minimum, maximum]``.

    Raises:
        ValueError: not a duration, or out of range; the message says which and the range.
    """
    try:
        seconds = parse_duration(text)
    except DurationError as error:
        raise ValueError(str(error)) from None
    if seconds < minimum or (maximum is not None and seconds > maximum):
        raise ValueError(f"{text.strip()} is {_out_of(minimum, maximum)}")
    return seconds


def _out_of(minimum: float, maximum: float | None) -> str:
    low = format_duration(minimum)
    if maximum is None:
        return f"too short: use at least {low}"
    return f"outside the range: use {low} to {format_duration(maximum)}"


def parse_snooze_choices(text: str) -> tuple[float, ...]:
    """``"5m, 15m, 1h"`` to seconds, in the order written.

    Raises:
        ValueError: an item is not a duration, too short, repeated, or too many or none.
    """
    items = [item.strip() for item in re.split(r"[,;]", text) if item.strip()]
    if not items:
        raise ValueError('list at least one snooze length, like "5m, 15m, 30m"')
    if len(items) > MAX_SNOOZE_CHOICES:
        raise ValueError(f"{len(items)} snooze lengths: at most {MAX_SNOOZE_CHOICES} fit the menu")
    choices: list[float] = []
    for item in items:
        seconds = parse_bounded_duration(item, MIN_INTERVAL, MAX_INTERVAL)
        if seconds in choices:
            raise ValueError(f"{format_duration(seconds)} is listed twice")
        choices.append(seconds)
    return tuple(choices)


def format_snooze_choices(choices: tuple[float, ...]) -> str:
    return ", ".join(format_duration(c) for c in choices)


def parse_clock_time(text: str) -> time:
    """``"8:00"`` or ``"08:00"`` (24-hour clock) to a :class:`datetime.time`.

    Raises:
        ValueError: not of that form, or not a time of day.
    """
    cleaned = text.strip()
    match = _CLOCK.fullmatch(cleaned)
    if not match:
        raise ValueError(f'"{cleaned}" is not a time; write it like 08:00 (24-hour clock)')
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours == 24 and minutes == 0:
        raise ValueError("24:00 is not a time of day; use 23:59 for the end of the day")
    if hours > 23 or minutes > 59:
        raise ValueError(f'"{cleaned}" is not a time of day; use 00:00 to 23:59')
    return time(hours, minutes)


def format_clock_time(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def parse_day_ranges(text: str) -> tuple[TimeRange, ...]:
    """``"08:00-12:00, 13:00-18:00"`` to sorted ranges; ``"off"`` to none (no prompts that day).

    Raises:
        ValueError: a range is malformed, empty or backwards, or two ranges overlap.
    """
    cleaned = text.strip()
    if cleaned.lower() in OFF_WORDS:
        return ()
    items = [item.strip() for item in re.split(r"[,;]", cleaned) if item.strip()]
    if not items:
        raise ValueError('write times like "08:00-18:00", or "off" for no prompts that day')
    ranges: list[TimeRange] = []
    for item in items:
        parts = _RANGE_SPLIT.split(item)
        if len(parts) != 2:
            raise ValueError(f'"{item}" is not a range; write it like 08:00-18:00')
        start, end = parse_clock_time(parts[0]), parse_clock_time(parts[1])
        if start >= end:
            raise ValueError(f'"{item}" ends before it starts; ranges cannot cross midnight')
        ranges.append(TimeRange(start, end))
    ranges.sort(key=lambda r: r.start)
    for earlier, later in itertools.pairwise(ranges):
        if later.start < earlier.end:
            raise ValueError(
                f"{format_day_ranges((earlier,))} and {format_day_ranges((later,))} overlap"
            )
    return tuple(ranges)


def format_day_ranges(ranges: tuple[TimeRange, ...]) -> str:
    if not ranges:
        return "off"
    return ", ".join(f"{format_clock_time(r.start)}-{format_clock_time(r.end)}" for r in ranges)
