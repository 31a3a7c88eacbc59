"""Claims about the value types: each says what it allows, from its own limits."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest

from deskbreath.core.settings.model import Order
from deskbreath.core.settings.types import (
    Bool,
    Choice,
    ClockTime,
    DayHours,
    Duration,
    DurationList,
    IdList,
    Number,
    ValueType,
    Version,
)
from deskbreath.core.settings.values import Invalid


@pytest.mark.parametrize(
    ("value_type", "allowed"),
    [
        (Version(3), "a whole number (this deskbreath writes 3)"),
        (Duration(10, 86400), 'a duration from 10s to 24h, like "45m", "90s" or "1h30m"'),
        (Duration(60, 300, examples=("2m", "2m30s")),
         'a duration from 1m to 5m, like "2m" or "2m30s"'),
        (Duration(0, 10, examples=()), "a duration from 0s to 10s"),
        (DurationList(Duration(10, 3600, examples=()), 1, 4),
         'a list of 1 to 4 durations, each from 10s to 1h, like ["5m", "15m"]'),
        (Number(4, 10), "a number from 4 to 10"),
        (Number(0.2, 0.6), "a number from 0.2 to 0.6"),
        (Number(1, 10, integer=True), "a whole number from 1 to 10"),
        (Bool(), "true or false"),
        (Choice(Order), '"in-turn" or "random"'),
        (ClockTime(), 'a time of day like "08:00"'),
        (IdList({"a": "A", "b": "B"}, item="an item", items="items"),
         'a list of different items from "a", "b" (may be empty)'),
    ],
)
def test_the_allowed_phrase_comes_from_the_limits(value_type: ValueType[Any],
                                                  allowed: str) -> None:
    """Each type writes its own "allowed" phrase from its limits and choices."""
    assert value_type.allowed == allowed


def test_a_duration_example_outside_the_limits_is_a_declaration_mistake() -> None:
    """Declaring an example the type itself would refuse fails at once."""
    with pytest.raises(ValueError, match="example '1h' is outside 1s to 30s"):
        Duration(1, 30, examples=("1h",))


@pytest.mark.parametrize(
    ("value_type", "text", "value"),
    [
        (Duration(10, 86400), " 1h30m ", 5400.0),
        (DurationList(Duration(10, 86400), 1, 6), "5m; 15m,1h", (300.0, 900.0, 3600.0)),
        (ClockTime(), "7:05", time(7, 5)),
        (DayHours(), "off", ()),
        (Number(0.2, 0.6), "0.45", 0.45),
        (Number(1, 10, integer=True), "3", 3),
    ],
)
def test_typed_text_reads_as_the_file_reads_it(value_type: ValueType[Any], text: str,
                                               value: Any) -> None:
    """Text typed in the dialog becomes the value the file would hold, and back."""
    parsed = value_type.parse_text(text)

    assert parsed == value
    assert value_type.parse(value_type.to_toml(parsed)) == value


@pytest.mark.parametrize(
    ("value_type", "text", "reason"),
    [
        (Duration(10, 86400), "5s", "5s is shorter than 10s: use 10s to 24h"),
        (Duration(10, 86400), "soon", "'soon' is not a duration"),
        (DurationList(Duration(10, 86400), 1, 2), "1m, 2m, 3m",
         "3 durations: at most 2 are allowed"),
        (DurationList(Duration(10, 86400), 1, 6), "", 'write at least 1 duration, like "5m, 15m"'),
        (ClockTime(), "25:00", '"25:00" is not a time of day (24-hour clock, 00:00 to 23:59)'),
        (DayHours(), "", 'write times like "08:00-18:00", or "off"'),
        (Number(4, 10), "many", '"many" is not a number'),
    ],
)
def test_refused_text_says_why_and_how_to_write_it(value_type: ValueType[Any], text: str,
                                                   reason: str) -> None:
    """A refusal of typed text names what was wrong and what is allowed."""
    with pytest.raises(Invalid) as refused:
        value_type.parse_text(text)

    assert reason in str(refused.value)


def test_a_choice_shows_its_labels_and_an_id_list_its_names() -> None:
    """Choices carry the words the dialog shows; an id list its ids' names, in order."""
    choice = Choice(Order, {Order.RANDOM: "Random"})
    ids = IdList().bind({"b": "Bee", "a": "Ay"})

    assert [choice.label(c) for c in choice.choices] == ["in-turn", "Random"]
    assert ids.ids == ("b", "a")
    assert ids.parse(["a"]) == ("a",)
    with pytest.raises(Invalid, match='"c" is not an item'):
        ids.parse(["c"])
