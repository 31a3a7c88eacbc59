"""Settings values as people type them in the dialog, and back: Qt-free, so it is easy to test.

The settings file decides what is valid. Every parser here hands the typed text to the
file's own converter (``FIELDS[key].convert`` in :mod:`deskbreath.core.settings.schema`),
so the dialog accepts exactly what settings.toml accepts, and every formatter writes the
text the file would contain. This module only adds the words: a refusal becomes a
:class:`ValueError` written for the person typing, saying what was wrong and what is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import time

from deskbreath.core.durations import DurationError, format_duration
from deskbreath.core.settings.model import (
    BREATHS_PER_MINUTE,
    INHALE_RATIO,
    ROTATION_REPETITIONS,
    TimeRange,
)
from deskbreath.core.settings.schema import FIELDS
from deskbreath.core.settings.values import (
    DurationListRule,
    DurationRule,
    Invalid,
    format_clock,
    format_day_hours,
)

__all__ = [  # the spin-box limits are re-exported for the dialog
    "BREATHS_PER_MINUTE",
    "INHALE_RATIO",
    "ROTATION_REPETITIONS",
    "duration_parser",
    "format_clock",
    "format_day_ranges",
    "format_duration",
    "format_snooze_choices",
    "parse_day_ranges",
    "parse_day_start",
    "parse_snooze_choices",
]

_LIST_SPLIT = re.compile(r"[,;]")


def duration_parser(key: str) -> Callable[[str], float]:
    """The parser for the duration setting ``key`` (``"breathing.length"``).

    Raises:
        KeyError: ``key`` is not a duration setting of the file.
    """
    rule = FIELDS[key].convert
    if not isinstance(rule, DurationRule):
        raise KeyError(f"{key} is not a duration setting")

    def parse(text: str) -> float:
        try:
            return rule(text)
        except Invalid as error:
            raise ValueError(_explain_duration(text, rule, error)) from None

    return parse


def _explain_duration(text: str, rule: DurationRule, error: Invalid) -> str:
    if isinstance(error.__cause__, DurationError):
        return str(error.__cause__)  # says what a duration looks like
    low = format_duration(rule.minimum)
    allowed = (
        f"at least {low}" if rule.maximum is None else f"{low} to {format_duration(rule.maximum)}"
    )
    return f"{text.strip()} is {error}: use {allowed}"


def parse_snooze_choices(text: str) -> tuple[float, ...]:
    """``"5m, 15m, 1h"`` (commas or semicolons) to seconds, in the order written.

    Raises:
        ValueError: what ``snooze_choices`` in the file refuses: an item that is not a
            duration or out of range, a repeated item, too many items or none.
    """
    items = [item.strip() for item in _LIST_SPLIT.split(text) if item.strip()]
    rule = FIELDS["snooze_choices"].convert
    if not isinstance(rule, DurationListRule):
        raise TypeError("snooze_choices is no longer a list of durations")
    try:
        return rule(items)
    except Invalid as error:
        raise ValueError(_explain_snooze(items, rule, error)) from None


def _explain_snooze(items: list[str], rule: DurationListRule, error: Invalid) -> str:
    if not items:
        return 'list at least one snooze length, like "5m, 15m, 30m"'
    if len(items) > rule.max_items:
        return f"{len(items)} snooze lengths: at most {rule.max_items} fit the menu"
    for item in items:
        try:
            rule.item(item)
        except Invalid as item_error:
            return _explain_duration(item, rule.item, item_error)
    return str(error)  # "5m is listed twice"


def format_snooze_choices(choices: tuple[float, ...]) -> str:
    """The snooze list as one line, each length as the file writes it."""
    return ", ".join(format_duration(c) for c in choices)


def parse_day_start(text: str) -> time:
    """``"8:00"`` or ``"08:00"`` (24-hour clock), as ``day_start`` in the file.

    Raises:
        ValueError: not of that form, or not a time of day.
    """
    try:
        value: time = FIELDS["day_start"].convert(text)
    except Invalid as error:
        raise ValueError(f"{error} (24-hour clock, 00:00 to 23:59)") from None
    return value


def parse_day_ranges(text: str) -> tuple[TimeRange, ...]:
    """``"08:00-12:00, 13:00-24:00"`` to sorted ranges; ``"off"`` to none (no prompts that day).

    The same rules as a day of ``[working_hours]`` in the file, except ``"always"``: in the
    dialog "no limit" is the day's unticked box, so the text is refused with that advice.

    Raises:
        ValueError: a range is malformed, empty or backwards, or two ranges overlap.
    """
    if not text.strip():
        raise ValueError('write times like "08:00-18:00", or "off" for no prompts that day')
    try:
        ranges: tuple[TimeRange, ...] | None = FIELDS["working_hours.mon"].convert(text)
    except Invalid as error:
        raise ValueError(f'{error}; write times like 08:00-12:00, 13:00-18:00, or "off"') from None
    if ranges is None:
        raise ValueError('"always" means no limit: untick the day instead')
    return ranges


def format_day_ranges(ranges: tuple[TimeRange, ...]) -> str:
    """A limited day's ranges as the file writes them (``"off"`` when there are none)."""
    return format_day_hours(ranges)
