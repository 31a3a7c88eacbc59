"""Value types of settings: each knows its limits and turns raw values into model values.

Modelled on qutebrowser's ``configtypes``: a setting is declared with one of these (see
:mod:`deskbreath.core.settings.model`), and everything about its values is derived from it:

- :meth:`ValueType.parse` turns a TOML value (as :mod:`tomllib` returns it) into the model
  value, or raises :class:`~deskbreath.core.settings.values.Invalid` with a short reason;
- :meth:`ValueType.to_toml` writes a model value back as a plain TOML value;
- :attr:`ValueType.allowed` says in a phrase what is accepted ("a number from 4 to 10"),
  for ``config check``, the commented default file and the settings dialog;
- :meth:`ValueType.parse_text` and :meth:`ValueType.format_text` do the same for text typed
  into the settings dialog, with reasons written for the person typing.

Each limit is written once, in the declaration (``Duration(10, 24 * 3600)``): the file, the
dialog's ranges and every message read it from the type. Qt-free.
"""

from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import time
from enum import StrEnum
from typing import Any, ClassVar, Generic, TypeVar

from deskbreath.core.durations import DurationError, format_duration, parse_duration
from deskbreath.core.settings.values import (
    DayRanges,
    Invalid,
    format_clock,
    format_day_hours,
    format_number,
    is_number,
    kind_of,
    parse_clock,
    parse_day_hours,
    show,
)
from deskbreath.i18n import _, ngettext

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

_LIST_SPLIT = re.compile(r"[,;]")


def _either(words: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(words) < 2:
        return "".join(words)
    return _("%(first)s or %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _quoted(texts: tuple[str, ...] | list[str]) -> list[str]:
    return [f'"{text}"' for text in texts]


class ValueType(ABC, Generic[T]):
    """What values one setting takes, how they are read and written, and how that is said.

    Attributes:
        kept: False for a value that describes the file rather than a choice of the user
            (``schema_version``): it is checked, but the model always holds the current one.
    """

    kept: ClassVar[bool] = True

    @abstractmethod
    def parse(self, raw: Any) -> T:
        """The model value for a TOML value.

        Raises:
            Invalid: the value does not fit; the message is a short reason.
        """

    @abstractmethod
    def to_toml(self, value: T) -> Any:
        """The plain TOML value the file holds for ``value``."""

    @property
    @abstractmethod
    def allowed(self) -> str:
        """What values are accepted, as a phrase that fits after "Allowed: "."""

    def parse_text(self, text: str) -> T:
        """The model value for text typed in the settings dialog.

        Raises:
            Invalid: the text is refused; the message says why and what to write instead.
        """
        return self.parse(text)

    def format_text(self, value: T) -> str:
        """``value`` as the dialog shows it, which is how the file writes it."""
        return str(self.to_toml(value))


@dataclass(frozen=True)
class Version(ValueType[int]):
    """The layout version of the settings file (a whole number, at least 1)."""

    current: int
    kept: ClassVar[bool] = False

    def parse(self, raw: Any) -> int:
        """A whole number of at least 1; below 1 is an old layout that could not be migrated."""
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise Invalid(_("%(kind)s, not a whole number") % {"kind": kind_of(raw)})
        if raw < 1:
            raise Invalid(_("an old layout that could not be migrated"))
        return raw

    def to_toml(self, value: int) -> int:
        """The version as a TOML integer."""
        return int(value)

    @property
    def allowed(self) -> str:
        """Any whole number, naming the one this deskbreath writes."""
        return (_("a whole number (this deskbreath writes %(current)s)")
                % {"current": self.current})


DURATION_EXAMPLES = ("45m", "90s", "1h30m")


def durations_hint() -> str:
    """One sentence on how durations are written, for the default file and the dialog."""
    return _("Durations are written like %(examples)s.") % {
        "examples": _either(_quoted(DURATION_EXAMPLES))}


@dataclass(frozen=True)
class Duration(ValueType[float]):
    """A duration string in whole seconds within ``[minimum, maximum]``.

    Args:
        minimum: the shortest allowed, in seconds.
        maximum: the longest allowed, in seconds.
        examples: durations shown in the "allowed" phrase; each must be allowed.

    Raises:
        ValueError: an example is not a duration within the limits (a declaration mistake).
    """

    minimum: float
    maximum: float
    examples: tuple[str, ...] = DURATION_EXAMPLES

    def __post_init__(self) -> None:
        for example in self.examples:
            if not self.minimum <= parse_duration(example) <= self.maximum:
                raise ValueError(f"example {example!r} is outside {self.limits}")

    @property
    def limits(self) -> str:
        """``"10s to 24h"``."""
        return _("%(low)s to %(high)s") % {
            "low": format_duration(self.minimum), "high": format_duration(self.maximum)}

    def parse(self, raw: Any) -> float:
        """Seconds for a duration string within the limits; a bare number (no unit) is refused."""
        if is_number(raw):
            raise Invalid(_("a number without a unit; write it in quotes with a unit"))
        if not isinstance(raw, str):
            raise Invalid(_("%(kind)s, not a duration string") % {"kind": kind_of(raw)})
        try:
            seconds = parse_duration(raw)
        except DurationError as error:
            raise Invalid(_("not a duration")) from error
        if seconds != int(seconds):
            raise Invalid(_("not a whole number of seconds"))
        if seconds < self.minimum:
            raise Invalid(_("shorter than %(low)s") % {"low": format_duration(self.minimum)})
        if seconds > self.maximum:
            raise Invalid(_("longer than %(high)s") % {"high": format_duration(self.maximum)})
        return seconds

    def to_toml(self, value: float) -> str:
        """The shortest duration string, like ``"1h30m"``."""
        return format_duration(value)

    @property
    def allowed(self) -> str:
        """The limits, and the examples when there are any."""
        phrase = _("a duration from %(limits)s") % {"limits": self.limits}
        if self.examples:
            phrase += ", " + _("like %(examples)s") % {"examples": _either(_quoted(self.examples))}
        return phrase

    def parse_text(self, text: str) -> float:
        """Like :meth:`parse`, but the reason says how durations are written or gives the limits."""
        try:
            return self.parse(text)
        except Invalid as error:
            if isinstance(error.__cause__, DurationError):
                raise Invalid(str(error.__cause__)) from None  # says what a duration looks like
            raise Invalid(_("%(text)s is %(reason)s: use %(limits)s") % {
                "text": text.strip(), "reason": error, "limits": self.limits}) from None


@dataclass(frozen=True)
class DurationList(ValueType[tuple[float, ...]]):
    """A list of ``min_items`` to ``max_items`` different durations, each an ``item``.

    A repeated length is refused: it would only show twice in a menu.

    Args:
        item: the type of each duration, with its limits.
        min_items: the fewest durations allowed.
        max_items: the most durations allowed.
        examples: a list shown in the "allowed" phrase.
    """

    item: Duration
    min_items: int
    max_items: int
    examples: tuple[str, ...] = ("5m", "15m")

    def parse(self, raw: Any) -> tuple[float, ...]:
        """Seconds for each item, in order; too few, too many or a repeated duration is refused."""
        if not isinstance(raw, list):
            raise Invalid(_("%(kind)s, not a list") % {"kind": kind_of(raw)})
        if not self.min_items <= len(raw) <= self.max_items:
            raise Invalid(ngettext("%(n)d item", "%(n)d items", len(raw)) % {"n": len(raw)})
        result: list[float] = []
        for position, element in enumerate(raw, 1):
            try:
                seconds = self.item.parse(element)
            except Invalid as error:
                raise Invalid(_("item %(position)s: %(reason)s") % {
                    "position": position, "reason": error}) from error
            if seconds in result:
                raise Invalid(_("%(duration)s is listed twice") % {
                    "duration": format_duration(seconds)})
            result.append(seconds)
        return tuple(result)

    def to_toml(self, value: tuple[float, ...]) -> list[str]:
        """The duration strings, in order."""
        return [format_duration(v) for v in value]

    @property
    def allowed(self) -> str:
        """How many items, each item's limits and an example list."""
        example = "[" + ", ".join(_quoted(self.examples)) + "]"
        return _("a list of %(low)s to %(high)s durations, each from %(limits)s, like "
                 "%(example)s") % {"low": self.min_items, "high": self.max_items,
                                   "limits": self.item.limits, "example": example}

    def parse_text(self, text: str) -> tuple[float, ...]:
        """Durations separated by commas or semicolons, in the order written."""
        items = [item.strip() for item in _LIST_SPLIT.split(text) if item.strip()]
        try:
            return self.parse(items)
        except Invalid as error:
            if len(items) < self.min_items:
                message = ngettext(
                    "write at least %(n)d duration, like %(example)s",
                    "write at least %(n)d durations, like %(example)s", self.min_items)
                example = '"' + ", ".join(self.examples) + '"'
                raise Invalid(message % {"n": self.min_items, "example": example}) from None
            if len(items) > self.max_items:
                message = ngettext("%(n)d duration: at most %(most)s are allowed",
                                   "%(n)d durations: at most %(most)s are allowed", len(items))
                raise Invalid(message % {"n": len(items), "most": self.max_items}) from None
            for item in items:
                self.item.parse_text(item)  # raises the item's own explanation
            raise Invalid(str(error)) from None  # "5m is listed twice"

    def format_text(self, value: tuple[float, ...]) -> str:
        """The durations joined by ", ", as :meth:`parse_text` reads them back."""
        return ", ".join(format_duration(v) for v in value)


@dataclass(frozen=True)
class Number(ValueType[float]):
    """A number within ``[minimum, maximum]``.

    Args:
        minimum: the smallest allowed.
        maximum: the largest allowed.
        integer: only whole numbers (the model value is then an ``int``).
        step: how far one step of the dialog's spin box moves.
        percent: the dialog shows the value as a percentage (0.4 as 40).
    """

    minimum: float
    maximum: float
    integer: bool = False
    step: float = 1.0
    percent: bool = False

    def parse(self, raw: Any) -> float:
        """An ``int`` if ``integer``, else a ``float``; NaN and values out of range are refused."""
        if not is_number(raw):
            raise Invalid(_("%(kind)s, not a number") % {"kind": kind_of(raw)})
        if math.isnan(raw):
            raise Invalid(_("not a number"))
        if self.integer and raw != int(raw):
            raise Invalid(_("not a whole number"))
        if not self.minimum <= raw <= self.maximum:
            raise Invalid(_("out of range"))
        return int(raw) if self.integer else float(raw)

    def to_toml(self, value: float) -> int | float:
        """An ``int`` if ``integer``, else the number with a whole float written as an int."""
        return int(value) if self.integer else format_number(value)

    @property
    def allowed(self) -> str:
        """The range, saying "whole number" when ``integer``."""
        phrase = _("a whole number from %(low)s to %(high)s") if self.integer \
            else _("a number from %(low)s to %(high)s")
        return phrase % {"low": format_number(self.minimum), "high": format_number(self.maximum)}

    def parse_text(self, text: str) -> float:
        """Like :meth:`parse`, with the text read by :func:`float` first ("5" and "5.0" give 5)."""
        try:
            number = float(text.strip())
        except ValueError:
            raise Invalid(_("%(text)s is not a number") % {"text": show(text.strip())}) from None
        return self.parse(int(number) if number.is_integer() else number)


@dataclass(frozen=True)
class Bool(ValueType[bool]):
    """TOML ``true`` / ``false`` only: a quoted "yes" is more likely a mistake than a wish."""

    def parse(self, raw: Any) -> bool:
        """The bool itself; anything else, a quoted "yes" included, is refused."""
        if not isinstance(raw, bool):
            raise Invalid(_("%(kind)s, not true or false") % {"kind": kind_of(raw)})
        return raw

    def to_toml(self, value: bool) -> bool:
        """The value as a TOML boolean."""
        return bool(value)

    @property
    def allowed(self) -> str:
        """Always "true or false"."""
        return _("true or false")

    def format_text(self, value: bool) -> str:
        """``true`` or ``false``, as the file writes it (not Python's ``True``)."""
        return show(bool(value))


@dataclass(frozen=True)
class Choice(ValueType[E]):
    """One of an enum's string values, ignoring case and surrounding spaces.

    Args:
        enum: the choices, in the order they are offered.
        labels: each choice's words for the dialog (a value without one shows as itself).
    """

    enum: type[E]
    labels: Mapping[str, str] = field(default_factory=dict)

    def parse(self, raw: Any) -> E:
        """The enum member for a string, compared in lower case without surrounding spaces."""
        if not isinstance(raw, str):
            raise Invalid(_("%(kind)s, not a string") % {"kind": kind_of(raw)})
        try:
            return self.enum(raw.strip().lower())
        except ValueError as error:
            raise Invalid(_("not one of the choices")) from error

    def to_toml(self, value: E) -> str:
        """The member's string value."""
        return str(value.value)

    @property
    def choices(self) -> tuple[E, ...]:
        """Every choice, in the enum's order."""
        return tuple(self.enum)

    def label(self, value: E) -> str:
        """The words the dialog shows for ``value``."""
        return _(self.labels[value.value]) if value.value in self.labels else str(value.value)

    @property
    def allowed(self) -> str:
        """Every value, quoted, in the enum's order."""
        return _either(_quoted([str(member.value) for member in self.enum]))


@dataclass(frozen=True)
class ClockTime(ValueType[time]):
    """A time of day: ``"08:00"``, or a TOML local time such as ``08:00:00``."""

    def parse(self, raw: Any) -> time:
        """A time from ``"HH:MM"`` or a TOML local time without seconds."""
        if isinstance(raw, time):
            if raw.second or raw.microsecond:
                raise Invalid(_("has seconds; write hours and minutes only"))
            return raw
        if not isinstance(raw, str):
            raise Invalid(_("%(kind)s, not a time string") % {"kind": kind_of(raw)})
        return parse_clock(raw)

    def to_toml(self, value: time) -> str:
        """``"HH:MM"``, zero-padded."""
        return format_clock(value)

    @property
    def allowed(self) -> str:
        """A time of day, with an example."""
        return _('a time of day like "08:00"')

    def parse_text(self, text: str) -> time:
        """Like :meth:`parse`, with the 24-hour range added to the reason."""
        try:
            return self.parse(text)
        except Invalid as error:
            raise Invalid(_("%(reason)s (24-hour clock, 00:00 to 23:59)")
                          % {"reason": error}) from None


@dataclass(frozen=True)
class DayHours(ValueType[DayRanges]):
    """One day's working hours: ``"always"``, ``"off"`` or ranges like ``"08:00-12:00"``."""

    def parse(self, raw: Any) -> DayRanges:
        """None for ``"always"``, ``()`` for ``"off"``, else sorted ranges that do not overlap."""
        if not isinstance(raw, str):
            raise Invalid(_("%(kind)s, not a string") % {"kind": kind_of(raw)})
        return parse_day_hours(raw)

    def to_toml(self, value: DayRanges) -> str:
        """``"always"``, ``"off"`` or ranges like ``"08:00-12:00, 13:00-18:00"``."""
        return format_day_hours(value)

    @property
    def allowed(self) -> str:
        """The three forms, and that ``"24:00"`` is the end of the day."""
        return _('"always", "off", or time ranges like "08:00-12:00, 13:00-18:00" (each '
                 'starting before it ends, not overlapping; "24:00" is the end of the day)')

    def parse_text(self, text: str) -> DayRanges:
        """Like :meth:`parse`; empty text and refusals get an example of what to write."""
        if not text.strip():
            raise Invalid(_('write times like "08:00-18:00", or "off" for no prompts that day'))
        try:
            return self.parse(text)
        except Invalid as error:
            raise Invalid(_('%(reason)s; write times like 08:00-12:00, 13:00-18:00, or "off"')
                          % {"reason": error}) from None


@dataclass(frozen=True)
class IdList(ValueType[tuple[str, ...]]):
    """A list of different ids, each one of ``names`` (id → the name people see), in order.

    The ids usually come from a catalogue the schema is built for (see
    :meth:`deskbreath.core.settings.schema.Schema.from_model`), so they are bound late.

    Args:
        names: the allowed ids and their display names, in their default order.
        item: one item in words, with its article ("an exercise").
        items: several items in words ("exercises").
    """

    names: Mapping[str, str] = field(default_factory=dict)
    item: str = "an item"
    items: str = "items"

    @property
    def ids(self) -> tuple[str, ...]:
        """The allowed ids, in order."""
        return tuple(self.names)

    def bind(self, names: Mapping[str, str]) -> IdList:
        """This type with ``names`` as the allowed ids."""
        return replace(self, names=dict(names))

    def parse(self, raw: Any) -> tuple[str, ...]:
        """The ids in the order listed; an id not in ``names`` or one listed twice is refused."""
        if not isinstance(raw, list):
            raise Invalid(_("%(kind)s, not a list") % {"kind": kind_of(raw)})
        result: list[str] = []
        for element in raw:
            if not isinstance(element, str) or element not in self.names:
                raise Invalid(_("%(value)s is not %(item)s") % {
                    "value": show(element), "item": _(self.item)})
            if element in result:
                raise Invalid(_("%(value)s is listed twice") % {"value": show(element)})
            result.append(element)
        return tuple(result)

    def to_toml(self, value: tuple[str, ...]) -> list[str]:
        """The ids as a TOML list of strings."""
        return list(value)

    @property
    def allowed(self) -> str:
        """The allowed ids, quoted; an empty list is allowed too."""
        return _("a list of different %(items)s from %(ids)s (may be empty)") % {
            "items": _(self.items), "ids": ", ".join(_quoted(self.ids))}
