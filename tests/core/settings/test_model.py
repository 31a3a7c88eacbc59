"""Claims about the settings model: frozen all the way down, and every field declared."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace
from datetime import time

import pytest

from deskbreath.core.exercises import packaged_catalogue
from deskbreath.core.settings.declare import declared_type, setting, table
from deskbreath.core.settings.model import (
    WEEKDAYS,
    BreathingSettings,
    Settings,
    TimeRange,
    WorkingHours,
)
from deskbreath.core.settings.schema import Schema, packaged_schema
from deskbreath.core.settings.types import Bool, Duration, Number

OFFICE = (TimeRange(time(8), time(18)),)


def test_settings_are_frozen_all_the_way_down() -> None:
    """No part of Settings can be changed in place, and Settings can be hashed."""
    settings = Settings(working_hours={"mon": OFFICE})

    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.breathing.length = 60.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.working_hours.mon = ()  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        settings.working_hours["mon"] = ()  # type: ignore[index]
    assert isinstance(settings.working_hours, WorkingHours)
    assert hash(settings) == hash(Settings(working_hours={"mon": OFFICE}))


def test_working_hours_read_and_compare_like_a_mapping_of_days() -> None:
    """Working hours answer by day key, iterate over the week and equal a dict of the same
    days; a replace with a dict gives equal settings.
    """
    hours = WorkingHours(mon=OFFICE, sun=())
    settings = replace(Settings(), working_hours={"mon": OFFICE, "sun": ()})

    assert list(hours) == list(WEEKDAYS)
    assert (hours["mon"], hours.get("tue"), hours["sun"]) == (OFFICE, None, ())
    assert hours == {**dict.fromkeys(WEEKDAYS), "mon": OFFICE, "sun": ()}
    assert settings.working_hours == hours
    assert settings == Settings(working_hours=hours)
    with pytest.raises(KeyError, match="not a weekday: monday"):
        WorkingHours.from_mapping({"monday": OFFICE})


def test_defaults_are_the_shipped_catalogues_order_of_exercises() -> None:
    """Settings() and the shipped schema's defaults agree, exercises in catalogue order."""
    assert Settings().exercises == packaged_catalogue().ids
    assert packaged_schema().defaults() == Settings()


def test_every_setting_has_a_default_help_and_a_label_or_a_reason() -> None:
    """Each key has help text, and each key but schema_version a label for the dialog."""
    fields = packaged_schema().fields

    assert [k for k, f in fields.items() if not f.spec.help] == []
    assert [k for k, f in fields.items() if not f.spec.label] == ["schema_version"]


def test_a_field_without_a_declaration_is_refused() -> None:
    """A model field declared with neither setting() nor table() cannot make a schema."""

    @dataclass(frozen=True)
    class Careless(Settings):
        forgotten: bool = False

    with pytest.raises(TypeError, match=r"Careless\.forgotten is declared with neither"):
        Schema.from_model(Careless, exercise_names={})


def test_tables_nest_one_level_deep_only() -> None:
    """A table inside a table (which TOML files here do not use) is refused."""

    @dataclass(frozen=True)
    class Inner:
        on: bool = setting(Bool(), False, help="On.")

    @dataclass(frozen=True)
    class Outer:
        inner: Inner = table(Inner, title="Inner", help="Inner.")

    @dataclass(frozen=True)
    class Nested(Settings):
        outer: Outer = table(Outer, title="Outer", help="Outer.")

    with pytest.raises(TypeError, match=r"outer\.inner: settings tables nest one level"):
        Schema.from_model(Nested, exercise_names={})


def test_declared_type_gives_the_limits_code_needs() -> None:
    """Code that needs a limit reads it from the declaration, and a wrong guess fails."""
    pace = declared_type(BreathingSettings, "breaths_per_minute", Number)

    assert (pace.minimum, pace.maximum) == (4, 10)
    with pytest.raises(TypeError, match="is not a Duration"):
        declared_type(BreathingSettings, "breaths_per_minute", Duration)
    with pytest.raises(KeyError, match="declares no setting 'pace'"):
        declared_type(BreathingSettings, "pace", Number)
