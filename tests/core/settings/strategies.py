"""Hypothesis strategies for settings documents: valid values with the model value each
must become, and arbitrary TOML values that may or may not be valid.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from hypothesis import strategies as st

from deskbreath.core.durations import format_duration
from deskbreath.core.exercises import packaged_catalogue
from deskbreath.core.settings.model import WEEKDAYS, Language, Order, ReducedMotion, TimeRange
from deskbreath.core.settings.schema import packaged_schema
from deskbreath.core.settings.values import END_OF_DAY

Pair = tuple[Any, Any]  # (TOML value, the model value it must become)
FIELDS = packaged_schema().fields


def _duration(low: int, high: int) -> st.SearchStrategy[Pair]:
    seconds = st.integers(low, high)
    return st.one_of(
        seconds.map(lambda s: (format_duration(s), float(s))),
        seconds.map(lambda s: (f"{s}s", float(s))),
    )


def _clock(minutes: int) -> time:
    return END_OF_DAY if minutes == 1440 else time(minutes // 60, minutes % 60)


def _text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def _day_hours(draw: st.DrawFn) -> Pair:
    kind = draw(st.sampled_from(["always", "off", "ranges"]))
    if kind == "always":
        return "always", None
    if kind == "off":
        return "off", ()
    points = draw(st.lists(st.integers(0, 1440), min_size=2, max_size=6, unique=True))
    points = sorted(points)[: len(points) // 2 * 2]
    pairs = list(zip(points[::2], points[1::2], strict=True))
    text = ", ".join(f"{_text(a)}-{_text(b)}" for a, b in pairs)
    return text, tuple(TimeRange(_clock(a), _clock(b)) for a, b in pairs)


def _snooze() -> st.SearchStrategy[Pair]:
    return st.lists(_duration(10, 86400), min_size=1, max_size=6, unique_by=lambda p: p[1]).map(
        lambda items: ([t for t, _ in items], tuple(v for _, v in items))
    )


def _choice(enum: type[Order] | type[ReducedMotion] | type[Language]) -> st.SearchStrategy[Pair]:
    return st.sampled_from(list(enum)).map(lambda e: (e.value, e))


def _float(low: float, high: float) -> st.SearchStrategy[Pair]:
    return st.floats(low, high).map(lambda f: (f, f))


VALID: dict[str, st.SearchStrategy[Pair]] = {
    "schema_version": st.just((1, 1)),
    "reminder_interval": _duration(10, 86400),
    "natural_break": _duration(10, 86400),
    "snooze_choices": _snooze(),
    "exercises": st.lists(st.sampled_from(packaged_catalogue().ids), unique=True).map(
        lambda ids: (ids, tuple(ids))
    ),
    "order": _choice(Order),
    "day_start": st.integers(0, 1439).map(lambda m: (_text(m), _clock(m))),
    "pre_prompt_notification": st.booleans().map(lambda b: (b, b)),
    "start_at_login": st.booleans().map(lambda b: (b, b)),
    "stand_up_suggestion": st.booleans().map(lambda b: (b, b)),
    "stand_up_after": _duration(1800, 8 * 3600),
    "reduced_motion": _choice(ReducedMotion),
    "language": _choice(Language),
    "history_days": st.integers(0, 36500).map(lambda n: (n, n)),
    **{f"working_hours.{day}": _day_hours() for day in WEEKDAYS},
    "breathing.breaths_per_minute": _float(4, 10),
    "breathing.inhale_ratio": _float(0.2, 0.6),
    "breathing.hold_after_inhale": _duration(0, 10),
    "breathing.hold_after_exhale": _duration(0, 10),
    "breathing.length": _duration(60, 300),
    "rotation.repetitions": st.integers(1, 10).map(lambda n: (n, n)),
    "rotation.hold": _duration(1, 30),
    "sound.enabled": st.booleans().map(lambda b: (b, b)),
    "sound.volume": _float(0.05, 1),
    **{f"busy.{signal}": st.booleans().map(lambda b: (b, b)) for signal in (
        "do_not_disturb", "fullscreen", "idle_inhibited", "microphone", "camera",
        "screen_sharing", "typing")},
    "busy.typing_lull": _duration(1, 30),
    "busy.grace": _duration(0, 1800),
    "busy.max_hold": _duration(300, 8 * 3600),
}
assert set(VALID) == set(FIELDS), "every setting needs a strategy"

_SCALARS = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["45m", "0s", "08:00", "off", "always", "random", "on", "12:00-08:00"]),
    st.times(),
)
_KEYS = st.one_of(
    st.sampled_from([*(k.rpartition(".")[2] for k in FIELDS), "breathing", "interval"]),
    st.text(st.characters(whitelist_categories=("Ll", "Nd")), min_size=1, max_size=8),
)
ANY_VALUE: st.SearchStrategy[Any] = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(_KEYS, children, max_size=4)
    ),
    max_leaves=8,
)
"""Any TOML value, nested, often close to a real setting."""

TOP_KEYS = st.one_of(
    st.sampled_from([k for k in FIELDS if "." not in k]),
    st.sampled_from(["working_hours", "breathing", "rotation", "busy", "sound", "interval"]),
    _KEYS,
)
