"""Claims about settings.toml on disk: forgiving reads, careful writes, no lost data."""

from __future__ import annotations

import dataclasses
import errno
import os
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import given
from hypothesis import strategies as st

from deskbreath.core.settings.model import (
    SCHEMA_VERSION,
    BreathingSettings,
    Order,
    RotationSettings,
    Settings,
)
from deskbreath.core.settings.schema import packaged_schema
from deskbreath.paths import Paths
from deskbreath.storage.atomic import AtomicSteps, SaveError
from deskbreath.storage.settings_file import LoadResult, LoadState, SettingsFile
from deskbreath.storage.site_settings import SiteSettings, read_site_settings
from tests.core.settings.strategies import ANY_VALUE, TOP_KEYS, VALID

USER_FILE = """\
# My deskbreath settings -- keep these notes!
schema_version = 1

order   =   "random"   # I like surprises
reminder_interval = "50m"

[breathing]
# slow and steady
breaths_per_minute = 5
length = "3m"  # three minutes
"""


def _write(path: Path, text: str | bytes) -> bytes:
    """Put the user's file in place (creating its folder) and return its bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    path.write_bytes(data)
    return data


def _site_file(paths: Paths, text: str) -> SiteSettings:
    """The administrator's layer from one file holding ``text``."""
    (path, *_rest) = paths.site_settings_files
    _write(path, text)
    return read_site_settings([path], packaged_schema())


def _set_by_user(result: LoadResult) -> frozenset[str]:
    """The settings the user's file sets and that are in effect."""
    return result.user_keys - {"schema_version"}


def _raiser(error: BaseException) -> Callable[..., None]:
    def step(*_args: object) -> None:
        raise error

    return step


# -- loading -----------------------------------------------------------------------------


def test_missing_file_gives_defaults_and_creates_nothing(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """No file: defaults, state MISSING, writable, and no file or folder appears."""
    result = settings_file.load()

    assert result.settings == Settings()
    assert result.state is LoadState.MISSING
    assert result.writable
    assert result.message == f"{settings_path} does not exist; using the defaults."
    assert not settings_path.parent.exists()


def test_valid_file_is_read(settings_file: SettingsFile, settings_path: Path) -> None:
    """A valid file gives its values, state OK and no message."""
    _write(settings_path, USER_FILE)

    result = settings_file.load()

    assert result.state is LoadState.OK
    assert result.problems == []
    assert result.message is None
    assert result.settings.order is Order.RANDOM
    assert result.settings.breathing.length == 180.0


def test_bad_value_uses_default_and_file_is_not_rewritten(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """A bad value gives that key's default and a problem with its line; the file stays."""
    data = _write(settings_path, 'order = "random"\n[rotation]\nrepetitions = 99\n')
    before = settings_path.stat().st_mtime_ns

    result = settings_file.load()

    assert result.settings.rotation.repetitions == 5
    assert result.settings.order is Order.RANDOM
    assert [(p.key, p.line) for p in result.problems] == [("rotation.repetitions", 3)]
    assert result.message == f"{settings_path}: 1 problem; the defaults are used for those keys."
    assert settings_path.read_bytes() == data
    assert settings_path.stat().st_mtime_ns == before


def test_unparseable_file_gives_defaults_and_is_left_byte_for_byte(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """Broken TOML: defaults, a message with the line and column, the file untouched."""
    data = _write(settings_path, 'order = "random"\nreminder_interval = 45m\n')

    result = settings_file.load()

    assert result.state is LoadState.UNPARSEABLE
    assert result.settings == Settings()
    assert not result.writable
    assert result.message is not None
    assert str(settings_path) in result.message
    assert "line 2, column 23" in result.message
    assert settings_path.read_bytes() == data


@pytest.mark.parametrize(("in_use", "checking", "said"), [
    (None, False, "using the defaults; the file was left as it is."),
    (Settings(natural_break=300.0), False,
     "keeping the settings in use until it is fixed; the file was left as it is."),
    (None, True, "a running deskbreath keeps the settings it uses until the file is fixed, "
                 "and one that starts uses the defaults; the file was left as it is."),
])
def test_an_unparseable_file_says_what_is_used_instead(
    settings_file: SettingsFile, settings_path: Path, in_use: Settings | None, checking: bool,
    said: str,
) -> None:
    """The message about broken TOML says what is really used: the settings in effect while
    the app runs, the defaults at start, both for ``config check``; and that is what loads.
    """
    _write(settings_path, 'natural_break = "5m"\nreminder_interval = 45m\n')

    result = settings_file.load(in_use, checking=checking)

    assert result.message is not None
    assert result.message.endswith("(at line 2, column 23); " + said)
    assert result.settings == (in_use or Settings())


def test_file_that_is_not_utf8_is_unparseable(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """Bytes that are not UTF-8 are reported with their position, and kept."""
    data = _write(settings_path, b'order = "r\xe9"\n')

    result = settings_file.load()

    assert result.state is LoadState.UNPARSEABLE
    assert result.message == (
        f"{settings_path} is not UTF-8 text (byte 11); using the defaults; "
        "the file was left as it is."
    )
    assert settings_path.read_bytes() == data


def test_utf8_bom_is_accepted(settings_file: SettingsFile, settings_path: Path) -> None:
    """A byte-order mark from a Windows editor does not make the file unreadable."""
    _write(settings_path, b'\xef\xbb\xbforder = "random"\n')

    assert settings_file.load().settings.order is Order.RANDOM


def test_path_that_is_a_folder_is_unreadable(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """A folder named settings.toml: defaults, UNREADABLE, not writable, clear message."""
    settings_path.mkdir(parents=True)

    result = settings_file.load()

    assert result.state is LoadState.UNREADABLE
    assert not result.writable
    assert result.message == (
        f"Could not read {settings_path}: {settings_path} is a folder, not a file; "
        "using the defaults; the file was left as it is."
    )
    with pytest.raises(SaveError, match=r"Not saving .* it could not be read"):
        settings_file.save(Settings(start_at_login=True))


def test_newer_version_is_read_but_not_written(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """A file from a newer deskbreath: known keys are used, and save refuses."""
    text = f'schema_version = {SCHEMA_VERSION + 1}\norder = "random"\nfuture_key = 1\n'
    data = _write(settings_path, text)

    result = settings_file.load()

    assert result.state is LoadState.NEWER_VERSION
    assert not result.writable
    assert result.settings.order is Order.RANDOM
    assert result.message is not None
    assert "newer deskbreath" in result.message
    with pytest.raises(SaveError, match="written by a newer deskbreath"):
        settings_file.save(Settings(start_at_login=True))
    assert settings_path.read_bytes() == data


def test_older_version_is_migrated_in_memory_only(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """Loading a version-0 file converts it for use but does not touch the file."""
    data = _write(settings_path, "# old\ninterval = 30\n")

    result = settings_file.load()

    assert result.settings.reminder_interval == 1800.0
    assert result.migrated_from == 0
    assert result.writable
    assert result.message is not None
    assert "settings.toml.v0.bak" in result.message
    assert settings_path.read_bytes() == data
    assert not settings_path.with_name("settings.toml.v0.bak").exists()


def test_first_save_after_migration_backs_up_the_old_file(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """The first save keeps the old file as settings.toml.v0.bak and writes version 1."""
    data = _write(settings_path, "# old\ninterval = 30  # minutes\n")
    loaded = settings_file.load().settings

    settings_file.save(loaded)
    settings_file.save(dataclasses.replace(loaded, start_at_login=True))

    backup = settings_path.with_name("settings.toml.v0.bak")
    assert backup.read_bytes() == data
    text = settings_path.read_text()
    assert "# old" in text
    assert 'reminder_interval = "30m"' in text
    assert f"schema_version = {SCHEMA_VERSION}" in text
    assert sorted(p.name for p in settings_path.parent.iterdir()) == [
        "settings.toml",
        "settings.toml.v0.bak",
    ]
    assert settings_file.load().settings.start_at_login


def test_migration_backup_does_not_overwrite_an_earlier_one(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """An existing .v0.bak is kept; the new backup goes to .v0.bak.1."""
    _write(settings_path.with_name("settings.toml.v0.bak"), "earlier\n")
    data = _write(settings_path, "interval = 30\n")
    settings_file.load()

    settings_file.save(Settings(reminder_interval=1800.0))

    assert settings_path.with_name("settings.toml.v0.bak").read_text() == "earlier\n"
    assert settings_path.with_name("settings.toml.v0.bak.1").read_bytes() == data


# -- saving ------------------------------------------------------------------------------


def test_save_changes_only_the_changed_line(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """Comments, key order and spacing survive; only the changed value is rewritten."""
    _write(settings_path, USER_FILE)
    loaded = settings_file.load().settings
    changed = dataclasses.replace(
        loaded, breathing=dataclasses.replace(loaded.breathing, breaths_per_minute=5.5)
    )

    settings_file.save(changed)

    assert settings_path.read_text() == USER_FILE.replace(
        "breaths_per_minute = 5", "breaths_per_minute = 5.5"
    )


def test_save_adds_new_keys_without_disturbing_the_rest(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """A setting not in the file is added; default-valued settings are not added."""
    _write(settings_path, USER_FILE)
    loaded = settings_file.load().settings

    settings_file.save(
        dataclasses.replace(loaded, start_at_login=True, rotation=RotationSettings(hold=10.0))
    )

    text = settings_path.read_text()
    assert text.startswith(USER_FILE.split("[breathing]", maxsplit=1)[0].rstrip("\n"))
    assert "start_at_login = true" in text
    assert '[rotation]\nhold = "10s"' in text
    assert "natural_break" not in text
    assert settings_file.load().settings.rotation.hold == 10.0


def test_save_with_nothing_changed_does_not_write(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """Saving what the file already says leaves it alone (not even the mtime moves)."""
    data = _write(settings_path, USER_FILE)
    os.utime(settings_path, ns=(1_000_000_000, 1_000_000_000))
    loaded = settings_file.load().settings

    settings_file.save(loaded)

    assert settings_path.read_bytes() == data
    assert settings_path.stat().st_mtime_ns == 1_000_000_000


def test_equivalent_spellings_are_not_rewritten(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """Written "90s" stays "90s" when the value is 1m30s: the meaning is compared, not the text."""
    text = 'natural_break = "90s"\norder = "RANDOM"\n'
    _write(settings_path, text)

    settings_file.save(settings_file.load().settings)

    assert settings_path.read_text() == text


def test_save_of_defaults_creates_no_file(settings_file: SettingsFile, settings_path: Path) -> None:
    """With no file and default settings, save writes nothing and makes no folder."""
    settings_file.load()

    settings_file.save(Settings())

    assert not settings_path.parent.exists()


def test_a_setting_changed_back_to_its_default_is_taken_out_of_the_file(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """The file holds only what differs from the defaults: a setting set back to its default
    loses its line (and a table that is left empty, its heading); the rest stays as written.
    """
    _write(settings_path, USER_FILE)
    loaded = settings_file.load().settings

    settings_file.save(dataclasses.replace(loaded, reminder_interval=Settings().reminder_interval,
                                           breathing=BreathingSettings()))

    assert tomllib.loads(settings_path.read_text()) == {
        "schema_version": SCHEMA_VERSION, "order": "random"}
    assert 'order   =   "random"   # I like surprises' in settings_path.read_text()
    assert _set_by_user(settings_file.load()) == frozenset({"order"})


def test_restored_settings_are_taken_out_even_where_written_as_the_default(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """Restore defaults empties the user's layer for the restored keys, including a line
    written by hand with the default value; keys not restored keep their own values.
    """
    _write(settings_path, 'order = "in-turn"\nreminder_interval = "50m"\n'
           '[breathing]\nlength = "3m"\n')
    loaded = settings_file.load().settings
    restored = ("order", "reminder_interval")
    defaults = Settings()

    settings_file.save(dataclasses.replace(loaded, order=defaults.order,
                                           reminder_interval=defaults.reminder_interval),
                       restored=restored)

    assert tomllib.loads(settings_path.read_text()) == {"breathing": {"length": "3m"}}


def test_a_setting_restored_to_the_administrators_default_follows_it(
    paths: Paths, settings_path: Path
) -> None:
    """Set back to the default, a setting is left to the administrator's layer, so the
    administrator's value applies and keeps applying when it changes.
    """
    site = _site_file(paths, 'natural_break = "4m"\n')
    settings_file = SettingsFile(settings_path, schema=site.schema)
    _write(settings_path, 'natural_break = "5m"\n')
    loaded = settings_file.load().settings

    settings_file.save(dataclasses.replace(loaded, natural_break=240.0))
    changed = _site_file(paths, 'natural_break = "6m"\n')

    result = SettingsFile(settings_path, schema=changed.schema).load()
    assert (result.settings.natural_break, _set_by_user(result)) == (360.0, frozenset())


def test_save_creates_folder_and_a_minimal_file_when_needed(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """The first non-default setting creates the folder and a file with just that key."""
    settings_file.save(Settings(order=Order.RANDOM))

    doc = tomllib.loads(settings_path.read_text())
    assert doc == {"schema_version": SCHEMA_VERSION, "order": "random"}


def test_bad_value_stays_until_that_setting_changes(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """Saving another setting keeps the user's bad value; changing that setting fixes it."""
    _write(settings_path, 'order = "sideways"  # typo\n')
    loaded = settings_file.load().settings

    settings_file.save(dataclasses.replace(loaded, start_at_login=True))
    kept = settings_path.read_text()
    settings_file.save(dataclasses.replace(loaded, start_at_login=True, order=Order.RANDOM))

    assert 'order = "sideways"  # typo' in kept
    assert 'order = "random"  # typo' in settings_path.read_text()


def test_table_with_a_bad_value_is_replaced_when_needed(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """`breathing = 5` becomes a [breathing] table when a breathing setting is saved."""
    _write(settings_path, "breathing = 5\n")
    settings_file.load()

    settings_file.save(Settings(breathing=BreathingSettings(length=240.0)))

    assert settings_file.load().settings.breathing.length == 240.0
    assert tomllib.loads(settings_path.read_text())["breathing"] == {"length": "4m"}


def test_hand_edits_since_load_survive_a_save(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """A key edited by hand after the last load is not overwritten by an unrelated save."""
    _write(settings_path, USER_FILE)
    loaded = settings_file.load().settings
    _write(settings_path, USER_FILE.replace('"50m"', '"20m"'))

    settings_file.save(dataclasses.replace(loaded, start_at_login=True))

    result = settings_file.load()
    assert result.settings.reminder_interval == 1200.0
    assert result.settings.start_at_login


def test_save_refuses_after_unparseable_load(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """Saving over a file that could not be parsed is refused; the file stays as it was."""
    data = _write(settings_path, "[breathing\n")
    settings_file.load()

    with pytest.raises(SaveError, match="it is not valid TOML"):
        settings_file.save(Settings(start_at_login=True))

    assert settings_path.read_bytes() == data


def test_save_refuses_when_the_file_broke_since_load(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """If the file became unparseable after the last load, save still refuses."""
    _write(settings_path, USER_FILE)
    settings_file.load()
    data = _write(settings_path, "order = \n")

    with pytest.raises(SaveError, match="not valid TOML"):
        settings_file.save(Settings(start_at_login=True))

    assert settings_path.read_bytes() == data


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_interrupted_save_leaves_old_file_and_no_temp_file(settings_path: Path, step: str) -> None:
    """A save that fails at write, fsync or replace changes nothing on disk."""
    data = _write(settings_path, USER_FILE)
    settings_file = SettingsFile(
        settings_path, steps=AtomicSteps(**{step: _raiser(OSError(errno.ENOSPC, "No space"))})
    )
    settings_file.load()

    with pytest.raises(SaveError, match=r"the disk is full\. The file on disk was not changed"):
        settings_file.save(Settings(start_at_login=True))

    assert settings_path.read_bytes() == data
    assert [p.name for p in settings_path.parent.iterdir()] == ["settings.toml"]


def test_permission_denied_is_explained(settings_path: Path) -> None:
    """PermissionError from the file system reads 'permission denied' and names the file."""
    _write(settings_path, USER_FILE)
    denied = PermissionError(errno.EACCES, "Permission denied")
    settings_file = SettingsFile(settings_path, steps=AtomicSteps(replace=_raiser(denied)))

    with pytest.raises(SaveError) as caught:
        settings_file.save(Settings(start_at_login=True))

    assert str(caught.value) == (
        f"Could not save {settings_path}: permission denied. The file on disk was not changed."
    )


def test_config_folder_under_a_file_is_explained(tmp_path: Path) -> None:
    """When the config folder's place is taken by a file, the message says so."""
    blocker = tmp_path / "config"
    blocker.write_text("I am a file")
    settings_file = SettingsFile(blocker / "deskbreath" / "settings.toml")

    with pytest.raises(SaveError, match="a part of the path is a file, not a folder"):
        settings_file.save(Settings(start_at_login=True))


# -- backup and reset --------------------------------------------------------------------


def test_backup_and_reset_keeps_the_broken_file_and_writes_a_fresh_one(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """The broken file moves to .bak, then .bak.1; the new file is valid and sets nothing."""
    first = _write(settings_path, "broken = [\n")
    settings_file.load()
    backup = settings_file.backup_and_reset(Settings(order=Order.RANDOM))
    second = _write(settings_path, "broken again = \n")
    settings_file.load()
    backup_2 = settings_file.backup_and_reset(Settings())

    assert backup == settings_path.with_name("settings.toml.bak")
    assert backup.read_bytes() == first
    assert backup_2 == settings_path.with_name("settings.toml.bak.1")
    assert backup_2.read_bytes() == second
    assert tomllib.loads(settings_path.read_text()) == {"schema_version": SCHEMA_VERSION}
    result = settings_file.load()
    assert (result.state, result.problems, _set_by_user(result)) == (LoadState.OK, [], frozenset())


def test_backup_and_reset_applies_the_given_settings(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """The fresh file holds just the given settings that differ from the defaults."""
    _write(settings_path, "broken = [\n")
    settings_file.load()

    settings_file.backup_and_reset(Settings(order=Order.RANDOM))

    assert tomllib.loads(settings_path.read_text()) == {
        "schema_version": SCHEMA_VERSION, "order": "random"}
    assert settings_file.load().settings == Settings(order=Order.RANDOM)


def test_backup_and_reset_carries_nothing_over_from_the_old_file(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """Starting fresh from a file that was read leaves an empty user layer: none of its
    values (valid or not) is written back, so every default applies again.
    """
    _write(settings_path,
           USER_FILE + 'natural_break = "5m"\n[working_hours]\nmon = "09:00-17:00"\n')
    settings_file.load()

    backup = settings_file.backup_and_reset()

    assert tomllib.loads(settings_path.read_text()) == {"schema_version": SCHEMA_VERSION}
    assert 'natural_break = "5m"' in backup.read_text()
    result = settings_file.load()
    assert (result.settings, _set_by_user(result)) == (Settings(), frozenset())


def test_backup_and_reset_lets_the_administrators_defaults_apply(
    paths: Paths, settings_path: Path
) -> None:
    """After starting fresh, an administrator's default is in effect, not written over."""
    site = _site_file(paths, 'natural_break = "4m"\n')
    settings_file = SettingsFile(settings_path, schema=site.schema)
    _write(settings_path, 'natural_break = "3m"\n')
    settings_file.load()

    settings_file.backup_and_reset(site.schema.defaults())

    result = SettingsFile(settings_path, schema=site.schema).load()
    assert (result.settings.natural_break, _set_by_user(result)) == (240.0, frozenset())


def test_backup_and_reset_without_a_file_is_refused(settings_file: SettingsFile) -> None:
    """There is nothing to back up when the file does not exist."""
    with pytest.raises(SaveError, match="Nothing to back up"):
        settings_file.backup_and_reset(Settings())


# -- change detection --------------------------------------------------------------------


def test_own_writes_are_not_changes_on_disk_but_others_are(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """After load or save the file is 'unchanged'; an outside edit makes it 'changed'."""
    _write(settings_path, USER_FILE)
    settings_file.load()
    after_load = settings_file.changed_on_disk()
    settings_file.save(Settings(start_at_login=True))
    after_save = settings_file.changed_on_disk()
    _write(settings_path, USER_FILE + "\n")

    assert (after_load, after_save) == (False, False)
    assert settings_file.changed_on_disk()


def test_a_hand_edit_merged_into_a_save_is_still_reported_as_a_change(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """A hand edit that lands just before the app saves is kept in the file, and the file
    still reads as changed, so the watcher loads the edit instead of losing it until a
    restart.
    """
    _write(settings_path, USER_FILE)
    running = settings_file.load().settings
    _write(settings_path, USER_FILE.replace('"50m"', '"20m"'))  # by hand, not loaded yet

    settings_file.save(dataclasses.replace(running, natural_break=240.0))
    saved = tomllib.loads(settings_path.read_text(encoding="utf-8"))

    assert (saved["reminder_interval"], saved["natural_break"]) == ("20m", "4m")
    assert settings_file.changed_on_disk()


def test_missing_file_stays_unchanged_until_it_appears(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """A file missing at load is 'unchanged' while missing, 'changed' once created."""
    settings_file.load()
    while_missing = settings_file.changed_on_disk()
    _write(settings_path, 'order = "random"\n')

    assert not while_missing
    assert settings_file.changed_on_disk()


def test_an_unreadable_file_that_disappears_is_a_change(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """Unreadable (here: a folder in its place) and missing are different states, so going
    from one to the other is reported.
    """
    settings_path.mkdir(parents=True)
    settings_file.load()
    while_unreadable = settings_file.changed_on_disk()
    settings_path.rmdir()

    assert not while_unreadable
    assert settings_file.changed_on_disk()


def test_rewriting_the_same_bytes_is_not_a_change(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """An editor that saves without changing anything causes no reload."""
    _write(settings_path, USER_FILE)
    settings_file.load()
    _write(settings_path, USER_FILE)
    os.utime(settings_path, ns=(5, 5))

    assert not settings_file.changed_on_disk()


def test_same_size_same_mtime_edit_is_still_a_change(
    settings_file: SettingsFile, settings_path: Path
) -> None:
    """The content comparison catches an edit that keeps size and mtime."""
    _write(settings_path, 'order = "random"\n')
    os.utime(settings_path, ns=(5, 5))
    settings_file.load()
    _write(settings_path, 'order = "in-tur"\n')
    os.utime(settings_path, ns=(5, 5))

    assert settings_file.changed_on_disk()


# -- properties --------------------------------------------------------------------------


def _document(top: dict[str, Any], chosen: dict[str, tuple[Any, Any]]) -> dict[str, Any]:
    doc = dict(top)
    for key, (value, _) in chosen.items():
        table, _, name = key.rpartition(".")
        if table:
            if not isinstance(doc.get(table), dict):
                doc[table] = {}
            doc[table][name] = value
        else:
            doc[key] = value
    return doc


@given(
    top=st.dictionaries(TOP_KEYS, ANY_VALUE, max_size=6),
    chosen=st.fixed_dictionaries({}, optional=VALID),
    target=st.fixed_dictionaries({}, optional=VALID),
)
def test_any_document_loads_keeps_valid_keys_and_saves_round_trip(
    top: dict[str, Any],
    chosen: dict[str, tuple[Any, Any]],
    target: dict[str, tuple[Any, Any]],
) -> None:
    """Any TOML file loads without crashing, keeps its valid keys, and saves what is asked."""
    with tempfile.TemporaryDirectory() as root:
        path = Path(root) / "settings.toml"
        _write(path, tomlkit.dumps(_document(top, chosen)))
        settings_file = SettingsFile(path)

        result = settings_file.load()

        assert result.state in (LoadState.OK, LoadState.NEWER_VERSION)
        for key, (_, expected) in chosen.items():
            assert packaged_schema().fields[key].get(result.settings) == expected, key
        wanted = _settings_from(target)
        if not result.writable:
            with pytest.raises(SaveError):
                settings_file.save(wanted)
            return
        settings_file.save(wanted)
        assert settings_file.load().settings == wanted


def _settings_from(chosen: dict[str, tuple[Any, Any]]) -> Settings:
    """Settings with the chosen model values and defaults elsewhere."""
    values = {key: model for key, (_, model) in chosen.items() if key != "schema_version"}
    hours = {k.split(".")[1]: v for k, v in values.items() if k.startswith("working_hours.")}
    breathing = {k.split(".")[1]: v for k, v in values.items() if k.startswith("breathing.")}
    rotation = {k.split(".")[1]: v for k, v in values.items() if k.startswith("rotation.")}
    top = {k: v for k, v in values.items() if "." not in k}
    base = Settings()
    return Settings(
        **top,
        working_hours={**base.working_hours, **hours},
        breathing=BreathingSettings(**breathing),
        rotation=RotationSettings(**rotation),
    )
