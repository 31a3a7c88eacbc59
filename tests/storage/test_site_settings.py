"""Claims about the administrator's settings files on disk: read in order, forgiven like the
user's, never written; and how the user's file is saved around the locks.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from deskbreath.core.settings.schema import packaged_schema
from deskbreath.paths import Paths
from deskbreath.storage.settings_file import LoadState, SettingsFile
from deskbreath.storage.site_settings import read_site_settings

SCHEMA = packaged_schema()


def _site(paths: Paths, *texts: str) -> list[Path]:
    """Administrator's files in as many folders as texts, the first most important."""
    folders = [paths.site_config_dirs[0], *(paths.site_config_dirs[0].parent / f"site{n}"
                                           for n in range(1, len(texts)))]
    files = [folder / "settings.toml" for folder in folders]
    for file, text in zip(files, texts, strict=True):
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    return files


def _user(paths: Paths, text: str) -> Path:
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(text, encoding="utf-8")
    return paths.settings_file


def test_no_admin_file_leaves_the_built_in_defaults(paths: Paths) -> None:
    """On most machines nothing is there: the schema is the built-in one, nothing reported."""
    site = read_site_settings(paths.site_settings_files, SCHEMA)

    assert site.schema.defaults() == SCHEMA.defaults()
    assert [f.state for f in site.files] == [LoadState.MISSING]
    assert (site.problem_lines(), site.message()) == ([], None)


def test_the_files_are_read_in_order_and_the_first_wins(paths: Paths) -> None:
    """Two folders: the first one's value wins, the second still adds its own keys."""
    files = _site(paths, 'reminder_interval = "20m"\n',
                  'reminder_interval = "30m"\nday_start = "07:00"\n')

    site = read_site_settings(files, SCHEMA)

    defaults = site.schema.defaults()
    assert (defaults.reminder_interval, defaults.day_start.hour) == (1200.0, 7)
    assert [f.path for f in site.files] == files
    assert all(f.used for f in site.files)


def test_problems_name_the_admin_file_and_line(paths: Paths) -> None:
    """A bad value and a bad lock name are reported with the administrator's file, like the
    user's file's problems; the message says the defaults are used.
    """
    (file,) = _site(paths, 'locked = ["nope"]\nnatural_break = "1s"\n')

    site = read_site_settings([file], SCHEMA)

    assert [line.split(": ")[:2] for line in site.problem_lines()] == [
        [str(file), "line 2"], [str(file), "line 1"]]
    assert site.message() == (f"{file} (your administrator's file): 2 problems; the defaults "
                              "are used for those keys.")
    assert site.schema.defaults().natural_break == SCHEMA.defaults().natural_break


def test_a_broken_admin_file_is_reported_and_its_locks_are_not_in_effect(paths: Paths) -> None:
    """Invalid TOML in the administrator's file: said once, naming it; nothing of it is used
    (a lock that cannot be read cannot be enforced), and the file is left as it is.
    """
    (file,) = _site(paths, 'locked = ["order"\norder = "random"\n')
    before = file.read_bytes()

    site = read_site_settings([file], SCHEMA)

    assert site.files[0].state is LoadState.UNPARSEABLE
    assert site.schema.fields["order"].locked_by is None
    message = site.message() or ""
    assert message.startswith(f"{file} is not valid TOML")
    assert file.read_bytes() == before


def test_an_unreadable_admin_file_is_reported(paths: Paths) -> None:
    """A settings.toml that cannot be read (here a folder of that name) is named in the
    message and skipped.
    """
    file = paths.site_settings_files[0]
    file.mkdir(parents=True)

    site = read_site_settings([file], SCHEMA)

    assert site.files[0].state is LoadState.UNREADABLE
    assert (site.message() or "").startswith(f"Could not read {file}")


def test_an_old_layout_admin_file_is_converted_in_memory_only(paths: Paths) -> None:
    """A version-0 administrator's file is understood; it is not rewritten or backed up."""
    (file,) = _site(paths, "interval = 30\n")
    before = sorted(file.parent.iterdir())

    site = read_site_settings([file], SCHEMA)

    assert site.schema.defaults().reminder_interval == 1800.0
    assert sorted(file.parent.iterdir()) == before
    assert file.read_text(encoding="utf-8") == "interval = 30\n"


def test_an_unset_key_means_the_admin_default_when_saving(paths: Paths) -> None:
    """With the administrator's default at 20 min, choosing 20 min writes nothing, and
    choosing deskbreath's own 45 min is written, because it differs from the default.
    """
    files = _site(paths, 'reminder_interval = "20m"\n')
    file = SettingsFile(paths.settings_file, schema=read_site_settings(files, SCHEMA).schema)
    settings = file.load().settings

    file.save(replace(settings, reminder_interval=1200.0))
    assert not paths.settings_file.exists()
    file.save(replace(settings, reminder_interval=2700.0))

    assert 'reminder_interval = "45m"' in paths.settings_file.read_text(encoding="utf-8")


def test_a_locked_setting_is_never_written(paths: Paths) -> None:
    """Saving settings that differ in a locked key writes the other changes only."""
    files = _site(paths, 'locked = ["reminder_interval"]\n')
    file = SettingsFile(paths.settings_file, schema=read_site_settings(files, SCHEMA).schema)
    settings = file.load().settings

    file.save(replace(settings, reminder_interval=60.0, natural_break=600.0))

    text = paths.settings_file.read_text(encoding="utf-8")
    assert 'natural_break = "10m"' in text
    assert "reminder_interval" not in text


def test_the_users_value_for_a_locked_key_stays_in_the_file(paths: Paths) -> None:
    """A locked key the user had is ignored, not deleted: saving another change keeps it, so
    it comes back if the administrator unlocks it.
    """
    files = _site(paths, 'locked = ["reminder_interval"]\nreminder_interval = "20m"\n')
    _user(paths, 'reminder_interval = "10m"\n')
    file = SettingsFile(paths.settings_file, schema=read_site_settings(files, SCHEMA).schema)
    result = file.load()

    file.save(replace(result.settings, natural_break=600.0))

    assert result.settings.reminder_interval == 1200.0
    assert 'reminder_interval = "10m"' in paths.settings_file.read_text(encoding="utf-8")
    unlocked = SettingsFile(paths.settings_file, schema=SCHEMA).load()
    assert unlocked.settings.reminder_interval == 600.0


def test_locked_keys_in_the_users_file_make_one_message(paths: Paths) -> None:
    """Two locked keys in the user's file: one line says both are ignored and who locked
    them; the file's keys in effect are those neither locked nor wrong.
    """
    files = _site(paths, 'locked = ["reminder_interval", "working_hours"]\n')
    _user(paths, 'reminder_interval = "10m"\nnatural_break = "5m"\n'
                 '[working_hours]\nsat = "off"\n')
    file = SettingsFile(paths.settings_file, schema=read_site_settings(files, SCHEMA).schema)

    result = file.load()

    assert result.message == (
        f"{paths.settings_file}: your values for reminder_interval, working_hours.sat are "
        f"ignored: your administrator locked them in {files[0]}.")
    assert result.user_keys == frozenset({"natural_break"})


def test_the_admin_file_is_never_written(paths: Paths) -> None:
    """Loading, saving and resetting the user's file leave the administrator's folder
    exactly as it was.
    """
    files = _site(paths, 'locked = ["order"]\nreminder_interval = "20m"\n')
    before = {p: p.read_bytes() for p in files[0].parent.iterdir()}
    file = SettingsFile(paths.settings_file, schema=read_site_settings(files, SCHEMA).schema)
    settings = file.load().settings

    file.save(replace(settings, natural_break=600.0))
    _user(paths, "broken = [\n")
    file.load()
    file.backup_and_reset(settings)

    assert {p: p.read_bytes() for p in files[0].parent.iterdir()} == before
    assert file.load().problems == []  # the fresh file holds no locked key
