"""Claims about validating settings documents, the default file and migrations."""

from __future__ import annotations

import tomllib
from datetime import time
from typing import Any

import pytest
import tomlkit
from hypothesis import given
from hypothesis import strategies as st

from deskbreath.core.settings.document import default_document_text
from deskbreath.core.settings.migrations import MIGRATIONS, document_version, migrate
from deskbreath.core.settings.model import (
    SCHEMA_VERSION,
    WEEKDAYS,
    BreathingSettings,
    Language,
    Order,
    ReducedMotion,
    RotationSettings,
    Settings,
    TimeRange,
)
from deskbreath.core.settings.schema import packaged_schema
from deskbreath.core.settings.validate import Problem
from deskbreath.core.settings.validate import parse_settings as parse_with
from deskbreath.core.settings.values import END_OF_DAY
from tests.core.settings.strategies import ANY_VALUE, TOP_KEYS, VALID

SCHEMA = packaged_schema()
FIELDS = SCHEMA.fields


def parse_settings(doc: Any, *, source_text: str | None = None) -> tuple[Settings, list[Problem]]:
    """The shipped schema's verdict on a document."""
    return parse_with(SCHEMA, doc, source_text=source_text)


def _doc(key: str, value: Any) -> dict[str, Any]:
    """A document setting one dotted key."""
    table, _, name = key.rpartition(".")
    return {table: {name: value}} if table else {key: value}


def _parse_one(key: str, value: Any) -> tuple[Any, list[Problem]]:
    settings, problems = parse_settings(_doc(key, value))
    return FIELDS[key].get(settings), problems


BUSY_SIGNALS = ("do_not_disturb", "fullscreen", "idle_inhibited", "microphone", "camera",
                "screen_sharing", "typing")

VALID_CASES: list[tuple[str, Any, Any]] = [
    ("schema_version", 1, 1),
    ("reminder_interval", "30m", 1800.0),
    ("reminder_interval", "10s", 10.0),
    ("reminder_interval", "1h30m", 5400.0),
    ("reminder_interval", "1.5m", 90.0),
    ("natural_break", "5m", 300.0),
    ("snooze_choices", ["10s"], (10.0,)),
    (
        "snooze_choices",
        ["1m", "2m", "3m", "4m", "5m", "1h"],
        (60.0, 120.0, 180.0, 240.0, 300.0, 3600.0),
    ),
    ("exercises", [], ()),
    ("exercises", ["posture", "breathing"], ("posture", "breathing")),
    ("order", "random", Order.RANDOM),
    ("order", " In-Turn ", Order.IN_TURN),
    ("day_start", "07:30", time(7, 30)),
    ("day_start", "7:05", time(7, 5)),
    ("day_start", time(6, 0), time(6, 0)),
    ("pre_prompt_notification", True, True),
    ("start_at_login", True, True),
    ("stand_up_suggestion", False, False),
    ("stand_up_after", "30m", 1800.0),
    ("stand_up_after", "8h", 28800.0),
    ("reduced_motion", "on", ReducedMotion.ON),
    ("reduced_motion", "off", ReducedMotion.OFF),
    ("language", "de", Language.GERMAN),
    ("language", " System ", Language.SYSTEM),
    ("working_hours.mon", "off", ()),
    ("working_hours.mon", "Always", None),
    (
        "working_hours.tue",
        "08:00-12:00, 13:00-18:00",
        (TimeRange(time(8), time(12)), TimeRange(time(13), time(18))),
    ),
    (
        "working_hours.wed",
        "13:00 - 18:00,08:00-12:00",
        (TimeRange(time(8), time(12)), TimeRange(time(13), time(18))),
    ),
    (
        "working_hours.thu",
        "08:00-12:00, 12:00-13:00",
        (TimeRange(time(8), time(12)), TimeRange(time(12), time(13))),
    ),
    ("working_hours.sun", "22:00-24:00", (TimeRange(time(22), END_OF_DAY),)),
    *((f"working_hours.{day}", "09:00-17:00", (TimeRange(time(9), time(17)),)) for day in WEEKDAYS),
    ("breathing.breaths_per_minute", 4, 4.0),
    ("breathing.breaths_per_minute", 10, 10.0),
    ("breathing.breaths_per_minute", 5.5, 5.5),
    ("breathing.inhale_ratio", 0.2, 0.2),
    ("breathing.inhale_ratio", 0.6, 0.6),
    ("breathing.hold_after_inhale", "0s", 0.0),
    ("breathing.hold_after_inhale", "10s", 10.0),
    ("breathing.hold_after_exhale", "3s", 3.0),
    ("breathing.length", "1m", 60.0),
    ("breathing.length", "5m", 300.0),
    ("breathing.length", "2m30s", 150.0),
    ("history_days", 0, 0),
    ("history_days", 365, 365),
    ("rotation.repetitions", 1, 1),
    ("rotation.repetitions", 10, 10),
    ("rotation.repetitions", 3.0, 3),
    ("rotation.hold", "1s", 1.0),
    ("rotation.hold", "30s", 30.0),
    ("sound.enabled", True, True),
    ("sound.volume", 0.05, 0.05),
    ("sound.volume", 1, 1.0),
    *((f"busy.{signal}", False, False) for signal in BUSY_SIGNALS),
    ("busy.typing_lull", "1s", 1.0),
    ("busy.typing_lull", "30s", 30.0),
    ("busy.grace", "0s", 0.0),
    ("busy.grace", "30m", 1800.0),
    ("busy.max_hold", "5m", 300.0),
    ("busy.max_hold", "8h", 28800.0),
]

INVALID_CASES: list[tuple[str, Any]] = [
    ("schema_version", "1"),
    ("schema_version", True),
    ("schema_version", 0),
    ("reminder_interval", 45),
    ("reminder_interval", "9s"),
    ("reminder_interval", "abc"),
    ("reminder_interval", ""),
    ("reminder_interval", "10.5s"),
    ("reminder_interval", "100000000h"),
    ("natural_break", "25h"),
    ("snooze_choices", ["5m", "2h", "1000h"]),
    ("reminder_interval", True),
    ("reminder_interval", ["45m"]),
    ("natural_break", "5s"),
    ("snooze_choices", []),
    ("snooze_choices", ["1m"] * 7),
    ("snooze_choices", ["5s"]),
    ("snooze_choices", "5m"),
    ("snooze_choices", [5]),
    ("snooze_choices", ["5m", "300s"]),
    ("exercises", ["yoga"]),
    ("exercises", ["posture", "posture"]),
    ("exercises", "breathing"),
    ("exercises", [1]),
    ("order", "sideways"),
    ("order", 1),
    ("day_start", "25:00"),
    ("day_start", "8am"),
    ("day_start", "08:60"),
    ("day_start", 800),
    ("day_start", time(8, 0, 30)),
    ("pre_prompt_notification", "yes"),
    ("pre_prompt_notification", 1),
    ("start_at_login", "true"),
    ("stand_up_suggestion", "yes"),
    ("stand_up_after", "29m"),
    ("stand_up_after", "0s"),
    ("reduced_motion", "maybe"),
    ("language", "klingon"),
    ("working_hours.mon", ""),
    ("working_hours.mon", "sometimes"),
    ("working_hours.mon", "12:00-08:00"),
    ("working_hours.mon", "08:00-08:00"),
    ("working_hours.mon", "08:00-12:00, 11:00-13:00"),
    ("working_hours.mon", "08:00"),
    ("working_hours.mon", "08:00-25:00"),
    ("working_hours.mon", "24:00-24:00"),
    ("working_hours.mon", 8),
    *((f"working_hours.{day}", "nope") for day in WEEKDAYS),
    ("breathing.breaths_per_minute", 3.9),
    ("breathing.breaths_per_minute", 10.1),
    ("breathing.breaths_per_minute", "6"),
    ("breathing.breaths_per_minute", float("nan")),
    ("breathing.breaths_per_minute", True),
    ("breathing.inhale_ratio", 0.1),
    ("breathing.inhale_ratio", 0.7),
    ("breathing.hold_after_inhale", "11s"),
    ("breathing.hold_after_inhale", 2),
    ("breathing.hold_after_exhale", "-1s"),
    ("breathing.length", "59s"),
    ("breathing.length", "5m1s"),
    ("history_days", -1),
    ("history_days", 30.5),
    ("history_days", "30"),
    ("rotation.repetitions", 0),
    ("rotation.repetitions", 11),
    ("rotation.repetitions", 2.5),
    ("rotation.repetitions", "5"),
    ("rotation.hold", "0s"),
    ("rotation.hold", "31s"),
    ("sound.enabled", "yes"),
    ("sound.volume", 0.0),
    ("sound.volume", 1.5),
    ("sound.volume", "50%"),
    *((f"busy.{signal}", "no") for signal in BUSY_SIGNALS),
    ("busy.typing_lull", "0s"),
    ("busy.typing_lull", "31s"),
    ("busy.grace", "31m"),
    ("busy.grace", 60),
    ("busy.max_hold", "4m"),
    ("busy.max_hold", "9h"),
]


@pytest.mark.parametrize(("key", "value", "expected"), VALID_CASES)
def test_valid_value_arrives_in_settings(key: str, value: Any, expected: Any) -> None:
    """Each key accepts its documented forms and turns them into the model value."""
    got, problems = _parse_one(key, value)

    assert problems == []
    assert got == expected


@pytest.mark.parametrize(("key", "value"), INVALID_CASES)
def test_invalid_value_keeps_default_and_names_key_value_and_allowed(key: str, value: Any) -> None:
    """A bad value gives way to the default; the problem names key, value and what is allowed."""
    got, problems = _parse_one(key, value)

    assert got == FIELDS[key].default
    assert len(problems) == 1
    problem = problems[0]
    assert problem.key == key
    assert problem.value is value
    assert f"Allowed: {FIELDS[key].allowed}" in problem.message
    assert "Using the default" in problem.message


def test_every_field_has_valid_and_invalid_cases() -> None:
    """The tables above cover every key in the schema."""
    assert {k for k, _, _ in VALID_CASES} == set(FIELDS)
    assert {k for k, _ in INVALID_CASES} == set(FIELDS)


def test_unknown_key_is_reported_and_ignored() -> None:
    """An unknown key is a problem that says it was ignored and suggests a close key."""
    settings, problems = parse_settings({"reminder_intervall": "30m", "breathing": {"pace": 5}})

    assert settings == Settings()
    assert [p.key for p in problems] == ["reminder_intervall", "breathing.pace"]
    assert problems[0].message == "unknown key, ignored (did you mean reminder_interval?)"
    assert problems[1].message == "unknown key, ignored"


def test_unknown_key_in_a_table_suggests_a_key_of_that_table() -> None:
    """A typo inside [breathing] suggests the breathing key it resembles."""
    _, problems = parse_settings({"breathing": {"lenght": "2m"}, "rotation": {"foo": 1}})

    assert [p.message for p in problems] == [
        "unknown key, ignored (did you mean breathing.length?)",
        "unknown key, ignored",
    ]


def test_quoted_dotted_key_is_not_taken_for_a_table_key() -> None:
    """A literal key "breathing.length" at the top level is unknown, not breathing.length."""
    settings, problems = parse_settings({"breathing.length": "3m"})

    assert settings.breathing.length == 120.0
    assert [p.message.startswith("unknown key") for p in problems] == [True]


def test_table_that_is_not_a_table_keeps_its_defaults() -> None:
    """`breathing = 5` is one problem and the breathing defaults stay."""
    settings, problems = parse_settings({"breathing": 5, "order": "random"})

    assert settings.breathing == BreathingSettings()
    assert settings.order is Order.RANDOM
    assert [(p.key, p.value) for p in problems] == [("breathing", 5)]
    assert "not a table like [breathing]" in problems[0].message


def test_problem_reads_as_one_line_with_line_number() -> None:
    """str(Problem) is `line N: key = value: message` on one line."""
    problem = Problem("breathing.breaths_per_minute", 12, "out of range.", line=7)

    assert str(problem) == "line 7: breathing.breaths_per_minute = 12: out of range."
    assert str(Problem("order", "x", "bad.")) == 'order = "x": bad.'


def test_problems_carry_line_numbers_from_the_source_text() -> None:
    """Lines are found for top-level keys, keys in tables, dotted keys and inline tables."""
    text = (
        "# comment\n"
        'order = "sideways"\n'
        "\n"
        "[breathing]\n"
        "breaths_per_minute = 12\n"
        "[working_hours]\n"
        'mon = "nope"\n'
        "[rotation]\n"
        "'hold' = \"0s\"\n"
    )
    text_dotted = 'rotation.repetitions = 0\nbreathing = { length = "9m" }\n'

    _, problems = parse_settings(tomllib.loads(text), source_text=text)
    _, dotted = parse_settings(tomllib.loads(text_dotted), source_text=text_dotted)

    assert [(p.key, p.line) for p in problems] == [
        ("order", 2),
        ("breathing.breaths_per_minute", 5),
        ("working_hours.mon", 7),
        ("rotation.hold", 9),
    ]
    assert [(p.key, p.line) for p in dotted] == [
        ("rotation.repetitions", 1),
        ("breathing.length", 2),
    ]


def test_default_document_parses_back_to_defaults() -> None:
    """The commented default file means exactly Settings(), with no problems."""
    text = default_document_text(SCHEMA)

    settings, problems = parse_settings(tomllib.loads(text), source_text=text)

    assert problems == []
    assert settings == Settings()
    assert set(SCHEMA.to_values(settings)) <= set(tomllib.loads(text))


def test_default_document_comments_every_key() -> None:
    """Every key line has a comment above it or beside it."""
    lines = default_document_text(SCHEMA).splitlines()
    table = ""
    seen = set()
    for number, line in enumerate(lines):
        if line.startswith("["):
            table = line.strip("[]")
        elif " = " in line and not line.startswith("#"):
            name = line.split(" = ")[0]
            seen.add(f"{table}.{name}" if table else name)
            assert "  # " in line or lines[number - 1].startswith("# "), line

    assert seen == set(FIELDS)


def test_values_round_trip_through_toml() -> None:
    """settings_to_values, dumped and parsed, gives back the same settings."""
    settings = Settings(
        reminder_interval=3000.0,
        snooze_choices=(90.0,),
        exercises=("rotation",),
        order=Order.RANDOM,
        day_start=time(9, 15),
        working_hours={"mon": (TimeRange(time(8), END_OF_DAY),), "sun": ()},
        pre_prompt_notification=True,
        reduced_motion=ReducedMotion.ON,
        breathing=BreathingSettings(breaths_per_minute=5.5, inhale_ratio=0.5, length=150.0),
        rotation=RotationSettings(repetitions=8, hold=12.0),
    )
    text = tomlkit.dumps(SCHEMA.to_values(settings))

    parsed, problems = parse_settings(tomllib.loads(text))

    assert problems == []
    assert FIELDS["working_hours.tue"].get(parsed) is None
    assert SCHEMA.to_values(parsed) == SCHEMA.to_values(settings)
    assert SCHEMA.to_values(settings)["working_hours"]["mon"] == "08:00-24:00"


def test_version_zero_layout_migrates_to_current() -> None:
    """A pre-release file (interval, minutes as integers) reads as the same settings today."""
    old = {
        "interval": 30,
        "natural_break": 5,
        "snooze_choices": [10, 20],
        "breathing": {"length": 3},
    }

    doc, from_version = migrate(old)
    settings, problems = parse_settings(doc)

    assert from_version == 0
    assert doc["schema_version"] == SCHEMA_VERSION
    assert problems == []
    assert settings.reminder_interval == 1800.0
    assert settings.natural_break == 300.0
    assert settings.snooze_choices == (600.0, 1200.0)
    assert settings.breathing.length == 180.0


def test_migration_keeps_comments_in_a_tomlkit_document() -> None:
    """Migrating a tomlkit document in place keeps the user's comments."""
    doc = tomlkit.parse(
        "schema_version = 0\n# how often\ninterval = 45\n[breathing]\nlength = 2 # min\n"
    )

    migrated, _ = migrate(doc)
    text = tomlkit.dumps(migrated)

    assert "schema_version = 1\n" in text
    assert 'reminder_interval = "45m"' in text
    assert "# how often" in text
    assert 'length = "2m" # min' in text


def test_migration_leaves_values_it_does_not_recognise_for_validation() -> None:
    """A version-0 value that is not an integer is passed on and reported, not guessed."""
    doc, _ = migrate({"schema_version": 0, "interval": "soon"})

    _, problems = parse_settings(doc)

    assert [(p.key, p.value) for p in problems] == [("reminder_interval", "soon")]


@pytest.mark.parametrize(
    ("doc", "version"),
    [
        ({}, SCHEMA_VERSION),
        ({"order": "random"}, SCHEMA_VERSION),
        ({"interval": 45}, 0),
        ({"schema_version": 0}, 0),
        ({"schema_version": 7}, 7),
        ({"schema_version": "x"}, SCHEMA_VERSION),
        ({"schema_version": -1}, SCHEMA_VERSION),
    ],
)
def test_document_version_is_detected(doc: dict[str, Any], version: int) -> None:
    """Explicit versions win; an unversioned file with `interval` is the pre-release layout."""
    assert document_version(doc) == version


def test_newer_document_is_not_migrated() -> None:
    """A document from a newer version comes back unchanged with its version."""
    doc = {"schema_version": SCHEMA_VERSION + 1, "interval": 3}

    migrated, version = migrate(dict(doc))

    assert (migrated, version) == (doc, SCHEMA_VERSION + 1)


def test_every_older_version_has_a_migration_step() -> None:
    """MIGRATIONS has one step for each version below the current one."""
    assert set(MIGRATIONS) == set(range(SCHEMA_VERSION))


@given(
    chosen=st.fixed_dictionaries({}, optional=VALID),
    junk=st.dictionaries(st.sampled_from(sorted(FIELDS)), ANY_VALUE, max_size=8),
    unknown=st.dictionaries(TOP_KEYS, ANY_VALUE, max_size=3),
)
def test_valid_keys_survive_any_other_keys(
    chosen: dict[str, tuple[Any, Any]], junk: dict[str, Any], unknown: dict[str, Any]
) -> None:
    """Whatever else a document holds, each valid key's value arrives in Settings."""
    tables = {key.rpartition(".")[0] for key in FIELDS if "." in key}
    doc: dict[str, Any] = {k: v for k, v in unknown.items() if k not in tables}
    flat = {
        **{k: v for k, v in junk.items() if k not in chosen},
        **{k: v for k, (v, _) in chosen.items()},
    }
    for key, value in flat.items():
        table, _, name = key.rpartition(".")
        if table:
            doc.setdefault(table, {})[name] = value
        else:
            doc[key] = value
    doc.pop("schema_version", None)
    text = tomlkit.dumps(doc)

    settings, problems = parse_settings(tomllib.loads(text), source_text=text)

    for key, (_, expected) in chosen.items():
        assert FIELDS[key].get(settings) == expected, key
    assert not any(p.key in chosen for p in problems)
