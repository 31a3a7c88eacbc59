"""A setting added to a copy of the model flows through everything derived from the schema:
parsing, validation with its own "Allowed" text, the commented default file and saving.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from deskbreath.config_cli import config_defaults
from deskbreath.core.settings.document import default_document_text
from deskbreath.core.settings.schema import packaged_schema
from deskbreath.core.settings.validate import parse_settings
from deskbreath.paths import Paths
from deskbreath.storage.settings_file import SettingsFile
from tests.core.settings.extended import ExtendedSettings, SighingBreathing, extended_schema

NEW_KEYS = ("quiet_after_lunch", "breathing.sighs")


def test_the_copy_has_the_new_keys_and_the_shipped_schema_does_not() -> None:
    """The extended schema holds both new keys, top-level ones before the tables; the
    shipped schema is untouched.
    """
    schema = extended_schema()
    keys = list(schema.fields)

    assert set(NEW_KEYS) <= set(keys)
    assert not set(NEW_KEYS) & set(packaged_schema().fields)
    assert keys.index("quiet_after_lunch") < keys.index("working_hours.mon")
    assert keys.index("breathing.length") < keys.index("breathing.sighs") < keys.index(
        "rotation.repetitions")


def test_new_settings_are_parsed_into_the_model() -> None:
    """Good values of the new keys arrive in the extended model, read back by their getters."""
    schema = extended_schema()

    settings, problems = parse_settings(
        schema, {"quiet_after_lunch": "20m", "breathing": {"sighs": 3, "length": "3m"}})

    assert problems == []
    assert isinstance(settings, ExtendedSettings)
    assert isinstance(settings.breathing, SighingBreathing)
    assert (settings.quiet_after_lunch, settings.breathing.sighs) == (1200.0, 3)
    assert schema.fields["breathing.sighs"].get(settings) == 3
    assert settings.breathing.length == 180.0


def test_bad_new_values_are_problems_with_the_derived_allowed_text() -> None:
    """A bad value of a new key keeps its default; the problem says what its type allows."""
    schema = extended_schema()

    settings, problems = parse_settings(
        schema, {"quiet_after_lunch": "2h", "breathing": {"sighs": 5}})

    assert settings == schema.defaults()
    assert [(p.key, p.message) for p in problems] == [
        ("quiet_after_lunch", 'longer than 1h. Allowed: a duration from 0s to 1h, like "20m". '
                              'Using the default "10m".'),
        ("breathing.sighs", "out of range. Allowed: a whole number from 0 to 3. "
                            "Using the default 1."),
    ]


def test_config_defaults_writes_the_new_settings_with_their_help(
    paths: Paths, capsys: pytest.CaptureFixture[str],
) -> None:
    """`config defaults` for the copy lists each new key with its help, what is allowed and
    its default, in its table, and the file means the defaults.
    """
    schema = extended_schema()

    assert config_defaults(paths, schema) == 0

    out = capsys.readouterr().out
    assert out.endswith(default_document_text(schema))
    assert ("# No prompts for this long after the first break after noon.\n"
            '# Allowed: a duration from 0s to 1h, like "20m".\n'
            'quiet_after_lunch = "10m"\n') in out
    breathing = out[out.index("[breathing]"):out.index("[rotation]")]
    assert ("# Deep sighs at the end of the breathing exercise.\n"
            "# Allowed: a whole number from 0 to 3.\n"
            "sighs = 1\n") in breathing
    assert parse_settings(schema, tomllib.loads(out)) == (schema.defaults(), [])


def test_a_changed_new_setting_is_saved_to_the_file(tmp_path: Path) -> None:
    """The settings file writes a changed new setting, in its table, and reads it back."""
    schema = extended_schema()
    file = SettingsFile(tmp_path / "settings.toml", schema=schema)
    file.load()

    file.save(schema.replace(schema.defaults(), {"breathing.sighs": 2}))

    assert tomllib.loads(file.path.read_text())["breathing"] == {"sighs": 2}
    assert schema.fields["breathing.sighs"].get(file.load().settings) == 2
