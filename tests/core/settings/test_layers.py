"""Claims about the administrator's layer: defaults that replace the built-in ones, the user's
file over them, locks, and problems that name the administrator's file.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import time
from pathlib import Path
from typing import Any

import pytest

from deskbreath.core.settings.document import default_document_text
from deskbreath.core.settings.layers import Origin, layer_site_document, origin, with_locks
from deskbreath.core.settings.model import WEEKDAYS, Order, Settings, TimeRange
from deskbreath.core.settings.schema import Schema, packaged_schema
from deskbreath.core.settings.validate import Problem, is_locked_problem, parse_settings
from tests.core.settings.extended import extended_schema

SCHEMA = packaged_schema()
ETC = Path("/etc/xdg/deskbreath/settings.toml")
LOCAL = Path("/usr/local/etc/xdg/deskbreath/settings.toml")
USER = Path("/home/ada/.config/deskbreath/settings.toml")
OFFICE = (TimeRange(time(8), time(18)),)


def layered(text: str, path: Path = ETC, schema: Schema = SCHEMA) -> tuple[Schema, list[Problem]]:
    """``schema`` with one administrator's file, given as TOML text, laid over it."""
    return layer_site_document(schema, path, tomllib.loads(text), source_text=text)


def test_admin_values_replace_the_built_in_defaults() -> None:
    """What the administrator sets is the default; what it does not set stays built in."""
    schema, problems = layered('reminder_interval = "20m"\n[breathing]\nlength = "3m"\n')

    defaults = schema.defaults()

    assert problems == []
    assert (defaults.reminder_interval, defaults.breathing.length) == (1200.0, 180.0)
    assert defaults.natural_break == Settings().natural_break
    assert schema.fields["reminder_interval"].default_from == ETC
    assert schema.fields["natural_break"].default_from is None


def test_the_users_file_overrides_an_unlocked_admin_default() -> None:
    """A key the user sets wins over the administrator's default for it."""
    schema, _ = layered('reminder_interval = "20m"\norder = "random"\n')

    settings, problems = parse_settings(schema, {"reminder_interval": "50m"})

    assert problems == []
    assert settings.reminder_interval == 3000.0
    assert settings.order is Order.RANDOM


def test_a_locked_key_in_the_users_file_is_ignored_with_one_problem() -> None:
    """The user's value for a locked key is not used; the problem names the file and the
    value in effect, and is told apart from a mistake.
    """
    schema, _ = layered('locked = ["reminder_interval"]\nreminder_interval = "20m"\n')

    settings, problems = parse_settings(
        schema, {"reminder_interval": "10m", "natural_break": "5m"}, source_text=(
            'reminder_interval = "10m"\nnatural_break = "5m"\n'))

    assert settings.reminder_interval == 1200.0
    assert settings.natural_break == 300.0
    assert [(p.key, p.line, p.message) for p in problems] == [
        ("reminder_interval", 1, f'locked by your administrator in {ETC}, which sets "20m"; '
                                 "your value is ignored")]
    assert is_locked_problem(schema, problems[0])


def test_a_table_name_locks_every_key_of_the_table() -> None:
    """`locked = ["working_hours"]` locks each day, set by the administrator or not."""
    schema, problems = layered(
        'locked = ["working_hours"]\n[working_hours]\nsat = "off"\nsun = "off"\n')

    locked = {key for key, f in schema.fields.items() if f.locked_by == ETC}
    settings, user_problems = parse_settings(schema, {"working_hours": {"mon": "09:00-17:00"}})

    assert problems == []
    assert locked == {f"working_hours.{day}" for day in WEEKDAYS}
    assert settings.working_hours == {**Settings().working_hours, "sat": (), "sun": ()}
    assert [p.key for p in user_problems] == ["working_hours.mon"]


def test_a_dotted_key_locks_one_setting_of_a_table() -> None:
    """`"breathing.length"` locks the length and leaves the pace to the user."""
    schema, _ = layered('locked = ["breathing.length"]\n')

    settings, problems = parse_settings(
        schema, {"breathing": {"length": "4m", "breaths_per_minute": 5}})

    assert settings.breathing.length == Settings().breathing.length
    assert settings.breathing.breaths_per_minute == 5.0
    assert [p.key for p in problems] == ["breathing.length"]


def test_the_first_folder_wins_per_key() -> None:
    """Laid least important first, the more important file's value wins; keys only the
    other file sets still come from it.
    """
    schema, _ = layered('reminder_interval = "30m"\norder = "random"\n', LOCAL)
    schema, _ = layered('reminder_interval = "20m"\n', ETC, schema)

    defaults = schema.defaults()

    assert (defaults.reminder_interval, defaults.order) == (1200.0, Order.RANDOM)
    assert schema.fields["reminder_interval"].default_from == ETC
    assert schema.fields["order"].default_from == LOCAL


def test_a_lock_holds_when_a_more_important_file_sets_the_value() -> None:
    """A less important file's lock stays; the more important file may still set the value,
    and that value is the one locked in.
    """
    schema, _ = layered('locked = ["reminder_interval"]\nreminder_interval = "30m"\n', LOCAL)
    schema, problems = layered('reminder_interval = "20m"\n', ETC, schema)

    field = schema.fields["reminder_interval"]

    assert problems == []
    assert (field.default, field.default_from, field.locked_by) == (1200.0, ETC, LOCAL)


def test_a_bad_admin_value_keeps_the_built_in_default_and_names_its_line() -> None:
    """A bad value in the administrator's file is a problem like the user's, and the key
    keeps deskbreath's own default.
    """
    schema, problems = layered('order = "random"\nnatural_break = 5\n')

    assert schema.defaults().natural_break == Settings().natural_break
    assert schema.defaults().order is Order.RANDOM
    assert [(p.key, p.line) for p in problems] == [("natural_break", 2)]
    assert problems[0].message.endswith('Using the default "3m".')


def test_a_bad_value_in_the_first_file_falls_back_to_the_next_files() -> None:
    """With two files, a bad value in the more important one leaves the other's in effect,
    and the problem says which value is used.
    """
    schema, _ = layered('natural_break = "5m"\n', LOCAL)
    schema, problems = layered('natural_break = "forever"\n', ETC, schema)

    assert schema.defaults().natural_break == 300.0
    assert schema.fields["natural_break"].default_from == LOCAL
    assert problems[0].message.endswith('Using the default "5m".')


def test_an_unknown_lock_name_locks_nothing_and_suggests_the_name_meant() -> None:
    """A mistyped name in `locked` is reported with the closest setting; the others lock."""
    schema, problems = layered('locked = ["reminder_intervall", "order"]\n')

    assert schema.fields["reminder_interval"].locked_by is None
    assert schema.fields["order"].locked_by == ETC
    assert [(p.key, p.line) for p in problems] == [("locked", 1)]
    assert problems[0].message == ('"reminder_intervall" is not a setting or table, so it '
                                   "locks nothing (did you mean reminder_interval?)")


def test_locked_must_be_a_list() -> None:
    """`locked = "order"` is explained, and locks nothing."""
    schema, problems = layered('locked = "order"\n')

    assert schema.fields["order"].locked_by is None
    assert problems[0].message.startswith("a string, not a list; nothing is locked.")


def test_a_locked_list_under_a_table_heading_is_explained() -> None:
    """TOML puts `locked` written after `[breathing]` into that table: the problem says
    where it belongs instead of calling it an unknown key.
    """
    text = '[breathing]\nlength = "3m"\nlocked = ["order"]\n'

    schema, problems = layered(text)

    assert schema.fields["order"].locked_by is None
    assert schema.defaults().breathing.length == 180.0
    assert [(p.key, p.line) for p in problems] == [("breathing.locked", 3)]
    assert "before the first [table] heading" in problems[0].message


def test_the_layout_version_is_not_a_setting_to_lock() -> None:
    """`schema_version` describes a file, so locking it is refused."""
    schema, problems = layered('locked = ["schema_version"]\n')

    assert schema.fields["schema_version"].locked_by is None
    assert "not a setting" in problems[0].message


def test_unknown_keys_in_the_admin_file_are_reported() -> None:
    """A key that is not a setting is reported as in the user's file."""
    _, problems = layered('reminder_intervals = "20m"\n')

    assert [(p.key, p.message) for p in problems] == [
        ("reminder_intervals", "unknown key, ignored (did you mean reminder_interval?)")]


def test_with_locks_puts_every_locked_setting_back() -> None:
    """Settings changed anywhere come back with the administrator's values where locked."""
    schema, _ = layered('locked = ["reminder_interval", "working_hours"]\n'
                        'reminder_interval = "20m"\n[working_hours]\nsat = "off"\n')
    edited = replace(schema.defaults(), reminder_interval=60.0, natural_break=60.0,
                     working_hours=dict.fromkeys(WEEKDAYS, OFFICE))

    kept = with_locks(schema, edited)

    assert kept.reminder_interval == 1200.0
    assert kept.working_hours == schema.defaults().working_hours
    assert kept.natural_break == 60.0


def test_origin_tells_built_in_admin_user_and_locked_apart() -> None:
    """Each value's origin: built in, the administrator's file, the user's, or locked."""
    schema, _ = layered('locked = ["order"]\nreminder_interval = "20m"\n')
    user_keys = {"natural_break"}
    fields = schema.fields

    assert origin(fields["day_start"], USER, user_keys) == Origin(None)
    assert origin(fields["reminder_interval"], USER, user_keys) == Origin(ETC)
    assert origin(fields["natural_break"], USER, user_keys) == Origin(USER, by_user=True)
    assert origin(fields["order"], USER, user_keys | {"order"}) == Origin(None, locked_by=ETC)


def test_a_setting_added_to_the_model_is_lockable_and_settable_without_code() -> None:
    """A new declaration (here in a copied schema) is at once settable and lockable by the
    administrator, in the top level and in a table.
    """
    schema, problems = layered('locked = ["quiet_after_lunch", "breathing.sighs"]\n'
                               'quiet_after_lunch = "20m"\n[breathing]\nsighs = 2\n',
                               schema=extended_schema())

    settings, user_problems = parse_settings(
        schema, {"quiet_after_lunch": "5m", "breathing": {"sighs": 0}})

    assert problems == []
    assert getattr(settings, "quiet_after_lunch") == 1200.0  # noqa: B009 - not on Settings
    assert getattr(settings.breathing, "sighs") == 2  # noqa: B009 - not on BreathingSettings
    assert [p.key for p in user_problems] == ["quiet_after_lunch", "breathing.sighs"]


def test_the_default_file_shows_admin_values_and_comments_out_locked_ones() -> None:
    """The default document writes the administrator's values, says where they come from,
    and writes a locked key as a comment: read back, it means the defaults with no
    problem (no locked key in it).
    """
    schema, _ = layered('locked = ["reminder_interval", "working_hours"]\n'
                        'reminder_interval = "20m"\norder = "random"\n'
                        '[working_hours]\nsat = "off"\n')

    text = default_document_text(schema)

    assert ('# Set and locked by your administrator in /etc/xdg/deskbreath/settings.toml.\n'
            '# reminder_interval = "20m"\n') in text
    assert ("# Default set by your administrator in /etc/xdg/deskbreath/settings.toml.\n"
            'order = "random"\n') in text
    assert ('# sat = "off"  # Saturday (Set and locked by your administrator in '
            f"{ETC})") in text
    doc: dict[str, Any] = tomllib.loads(text)
    assert "reminder_interval" not in doc
    assert parse_settings(schema, doc) == (schema.defaults(), [])


@pytest.mark.parametrize("key", [key for key, f in SCHEMA.fields.items() if f.type.kept])
def test_every_shipped_setting_can_be_set_and_locked_by_the_administrator(key: str) -> None:
    """Each setting of the shipped schema, whoever added it, takes an administrator's value
    and lock with no code of its own, and the user's value for it is then ignored.
    """
    field = SCHEMA.fields[key]
    value = field.to_toml(field.default)
    doc: dict[str, Any] = {"locked": [key]}
    user: dict[str, Any] = {}
    if field.table:
        doc[field.table] = {field.name: value}
        user[field.table] = {field.name: value}
    else:
        doc[key] = user[key] = value

    schema, problems = layer_site_document(SCHEMA, ETC, doc)
    _, user_problems = parse_settings(schema, user)

    assert problems == []
    assert (schema.fields[key].default_from, schema.fields[key].locked_by) == (ETC, ETC)
    assert [p.key for p in user_problems] == [key]
