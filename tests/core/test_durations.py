"""Written durations parse and print both ways, and bad ones say how to write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreath.core.durations import DurationError, format_duration, parse_duration


@pytest.mark.parametrize(("text", "seconds"), [
    ("45m", 2700), ("90s", 90), ("1h30m", 5400), ("1h 5m 3s", 3903), ("2H", 7200),
    ("1.5m", 90), (" 10s ", 10),
])
def test_parse_accepts_human_durations(text: str, seconds: float) -> None:
    """Hours, minutes and seconds in that order, with or without spaces."""
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "45", "m", "5 minutes", "30m1h", "1m1m", "-5m", "1h30"])
def test_parse_rejects_with_an_example(text: str) -> None:
    """Anything else is refused with a message that shows the right form."""
    with pytest.raises(DurationError, match='"45m"'):
        parse_duration(text)


@given(st.integers(min_value=0, max_value=10 * 24 * 3600))
def test_format_round_trips(seconds: int) -> None:
    """Formatting then parsing gives the same number of seconds."""
    assert parse_duration(format_duration(seconds)) == seconds
