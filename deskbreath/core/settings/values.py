"""Converters between TOML values and settings values, one per kind of setting.

Each ``to_*`` function takes a raw TOML value (as :mod:`tomllib` returns it) and either
returns the model value or raises :class:`Invalid` with a short reason. The schema in
:mod:`deskbreath.core.settings.schema` adds the key, the allowed values and what was done,
so the reasons here stay short ("not a duration", "ends before it starts").
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, TypeVar

from deskbreath.core.durations import DurationError, format_duration, parse_duration
from deskbreath.core.settings.model import TimeRange

# TimeRange.end is exclusive, so "24:00" (end of day) is stored as the last moment of the day.
END_OF_DAY = time.max
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
E = TypeVar("E", bound=StrEnum)


class Invalid(ValueError):  # noqa: N818 - reads as `raise Invalid("ranges overlap")`.
    """A TOML value that does not fit its setting; the message is the short reason."""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class DurationRule:
    """A converter for duration strings in whole seconds within ``[minimum, maximum]``.

    A class rather than a closure so the settings dialog, which hands typed text to the
    same rule, can name the limits when it explains a refusal.
    """

    minimum: float
    maximum: float | None = None

    def __call__(self, value: Any) -> float:
        if _is_number(value):
            raise Invalid("a number without a unit; write it in quotes with a unit")
        if not isinstance(value, str):
            raise Invalid(f"{kind_of(value)}, not a duration string")
        try:
            seconds = parse_duration(value)
        except DurationError as error:
            raise Invalid("not a duration") from error
        if seconds != int(seconds):
            raise Invalid("not a whole number of seconds")
        if seconds < self.minimum:
            raise Invalid(f"shorter than {format_duration(self.minimum)}")
        if self.maximum is not None and seconds > self.maximum:
            raise Invalid(f"longer than {format_duration(self.maximum)}")
        return seconds


def to_duration(minimum: float, maximum: float | None = None) -> DurationRule:
    """A converter for duration strings in whole seconds within ``[minimum, maximum]``."""
    return DurationRule(minimum, maximum)


@dataclass(frozen=True)
class DurationListRule:
    """A converter for a list of distinct duration strings, each one an ``item``.

    A repeated length is refused: it would only show twice in the snooze menu.
    """

    item: DurationRule
    min_items: int
    max_items: int

    def __call__(self, value: Any) -> tuple[float, ...]:
        if not isinstance(value, list):
            raise Invalid(f"{kind_of(value)}, not a list")
        if not self.min_items <= len(value) <= self.max_items:
            raise Invalid(f"{len(value)} items")
        result: list[float] = []
        for position, element in enumerate(value, 1):
            try:
                seconds = self.item(element)
            except Invalid as error:
                raise Invalid(f"item {position}: {error}") from error
            if seconds in result:
                raise Invalid(f"{format_duration(seconds)} is listed twice")
            result.append(seconds)
        return tuple(result)


def to_duration_list(
    minimum: float, min_items: int, max_items: int, *, maximum: float | None = None
) -> DurationListRule:
    """A converter for a list of distinct duration strings, each within ``[minimum, maximum]``."""
    return DurationListRule(DurationRule(minimum, maximum), min_items, max_items)


def to_number(minimum: float, maximum: float, *, integer: bool = False) -> Callable[[Any], float]:
    """A converter for a number within ``[minimum, maximum]``; ``integer`` rejects fractions."""

    def convert(value: Any) -> float:
        if not _is_number(value):
            raise Invalid(f"{kind_of(value)}, not a number")
        if math.isnan(value):
            raise Invalid("not a number")
        if integer and value != int(value):
            raise Invalid("not a whole number")
        if not minimum <= value <= maximum:
            raise Invalid("out of range")
        return int(value) if integer else float(value)

    return convert


def to_bool(value: Any) -> bool:
    """TOML ``true`` / ``false`` only: a quoted "yes" is more likely a mistake than a wish."""
    if not isinstance(value, bool):
        raise Invalid(f"{kind_of(value)}, not true or false")
    return value


def to_choice(enum: type[E]) -> Callable[[Any], E]:
    """A converter for one of an enum's string values, ignoring case and surrounding spaces."""

    def convert(value: Any) -> E:
        if not isinstance(value, str):
            raise Invalid(f"{kind_of(value)}, not a string")
        try:
            return enum(value.strip().lower())
        except ValueError as error:
            raise Invalid("not one of the choices") from error

    return convert


def to_id_list(allowed: Sequence[str]) -> Callable[[Any], tuple[str, ...]]:
    """A converter for a list of distinct ids, each one of ``allowed``."""

    def convert(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise Invalid(f"{kind_of(value)}, not a list")
        result: list[str] = []
        for element in value:
            if not isinstance(element, str) or element not in allowed:
                raise Invalid(f"{show(element)} is not an exercise")
            if element in result:
                raise Invalid(f"{show(element)} is listed twice")
            result.append(element)
        return tuple(result)

    return convert


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


def to_clock(value: Any) -> time:
    """A time of day: ``"08:00"``, or a TOML local time such as ``08:00:00``."""
    if isinstance(value, time):
        if value.second or value.microsecond:
            raise Invalid("has seconds; write hours and minutes only")
        return value
    if not isinstance(value, str):
        raise Invalid(f"{kind_of(value)}, not a time string")
    return parse_clock(value)


def to_day_hours(value: Any) -> tuple[TimeRange, ...] | None:
    """``"always"`` → None, ``"off"`` → ``()``, ``"08:00-12:00, 13:00-18:00"`` → ranges."""
    if not isinstance(value, str):
        raise Invalid(f"{kind_of(value)}, not a string")
    text = value.strip().lower()
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


def format_day_hours(ranges: tuple[TimeRange, ...] | None) -> str:
    """The inverse of :func:`to_day_hours`."""
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
    if _is_number(value):
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
    "DurationListRule",
    "DurationRule",
    "Invalid",
    "format_clock",
    "format_day_hours",
    "format_duration",
    "format_number",
    "kind_of",
    "parse_clock",
    "show",
    "to_bool",
    "to_choice",
    "to_clock",
    "to_day_hours",
    "to_duration",
    "to_duration_list",
    "to_id_list",
    "to_number",
]
