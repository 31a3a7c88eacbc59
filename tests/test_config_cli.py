"""Claims about `deskbreath config path|check|defaults`."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from deskbreath.cli import main
from deskbreath.config_cli import config_check, config_defaults, config_path
from deskbreath.core.settings.document import default_document_text
from deskbreath.core.settings.model import SCHEMA_VERSION, Settings
from deskbreath.core.settings.schema import packaged_schema
from deskbreath.core.settings.validate import parse_settings
from deskbreath.paths import Paths

SCHEMA = packaged_schema()


def _write(paths: Paths, text: str) -> None:
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(text, encoding="utf-8")


def test_path_prints_the_settings_file(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    """`config path` prints where settings.toml is, even before it exists."""
    code = config_path(paths)

    assert code == 0
    assert capsys.readouterr().out == f"{paths.settings_file}\n"


def test_check_of_missing_file_says_defaults_are_in_use(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """No file is valid: exit 0 and say that the defaults are in use."""
    code = config_check(paths)

    out = capsys.readouterr().out
    assert code == 0
    assert "does not exist; the defaults are in use" in out
    assert not paths.settings_file.exists()


def test_check_of_valid_file_passes(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid file: exit 0 and 'settings.toml is valid'."""
    _write(paths, default_document_text(SCHEMA))

    code = config_check(paths)

    out = capsys.readouterr().out
    assert code == 0
    assert out.endswith("\nsettings.toml is valid\n")


def test_check_prints_each_problem_with_its_line(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each problem is printed with the file and its line number; exit 1."""
    _write(paths, 'order = "random"\nnatural_break = 3\n[rotation]\nrepetitions = 0\nfoo = 1\n')

    code = config_check(paths)

    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[0].startswith(f"{paths.settings_file}: line 2: natural_break = 3: ")
    assert err[1].startswith(f"{paths.settings_file}: line 4: rotation.repetitions = 0: ")
    assert err[2] == f"{paths.settings_file}: line 5: rotation.foo = 1: unknown key, ignored"
    assert err[3] == "settings.toml has 3 problems."


def test_check_of_unparseable_file_fails_with_position(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """Broken TOML: exit 1 and a message with line and column, saying what deskbreath does
    with such a file: a running one keeps its settings, one that starts uses the defaults.
    """
    _write(paths, "[breathing]\nlength = \n")

    code = config_check(paths)

    err = capsys.readouterr().err
    assert code == 1
    assert "is not valid TOML" in err
    assert "line 2, column" in err
    assert err.endswith(
        "; a running deskbreath keeps the settings it uses until the file is fixed, and one "
        "that starts uses the defaults; the file was left as it is.\n")


def test_check_of_old_layout_mentions_the_conversion(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """A version-0 file that converts cleanly is valid and says it will be converted."""
    _write(paths, "interval = 30\n")

    code = config_check(paths)

    out = capsys.readouterr().out
    assert code == 0
    assert "layout of version 0" in out
    assert out.endswith("settings.toml is valid\n")


def test_check_of_newer_file_without_problems_passes_with_a_note(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newer file whose keys are all understood is valid; the note says it is newer."""
    _write(paths, f'schema_version = {SCHEMA_VERSION + 1}\norder = "random"\n')

    code = config_check(paths)

    out = capsys.readouterr().out
    assert code == 0
    assert "newer deskbreath" in out


def test_defaults_prints_a_document_that_means_the_defaults(
    paths: Paths, capsys: pytest.CaptureFixture[str],
) -> None:
    """`config defaults` prints the commented default file, which parses to Settings()."""
    code = config_defaults(paths)

    out = capsys.readouterr().out
    assert code == 0
    assert out.endswith(default_document_text(SCHEMA))
    assert f"{paths.site_settings_files[0]} (not found)" in out
    assert parse_settings(SCHEMA, tomllib.loads(out)) == (Settings(), [])


def test_settings_modules_do_not_import_qt() -> None:
    """The config commands, schema and storage load without PySide6 (fast, no display)."""
    code = (
        "import sys, deskbreath.config_cli, deskbreath.storage.settings_file;"
        "sys.exit('PySide6' in sys.modules)"
    )

    result = subprocess.run([sys.executable, "-c", code], check=False)

    assert result.returncode == 0


# -- the administrator's file ------------------------------------------------------------


def _write_site(paths: Paths, text: str) -> Path:
    site = paths.site_settings_files[0]
    site.parent.mkdir(parents=True, exist_ok=True)
    site.write_text(text, encoding="utf-8")
    return site


def _in_effect(out: str) -> dict[str, str]:
    """The value listing of `config check`: each key's line, by key."""
    return {line.split(" = ")[0]: line for line in out.splitlines() if " = " in line}


def test_path_all_lists_every_file_in_the_order_they_win(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """`config path --all`: the user's file, then each administrator's, existing or not."""
    second = replace(paths, site_config_dirs=(*paths.site_config_dirs,
                                              paths.config_dir.parent / "site2"))
    _write_site(second, "")

    code = config_path(second, all_files=True)

    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{paths.settings_file}\tyour settings, does not exist",
        f"{second.site_settings_files[0]}\tadministrator's defaults and locks, exists",
        f"{second.site_settings_files[1]}\tadministrator's defaults and locks, does not exist",
    ]


def test_check_says_where_each_value_comes_from(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every value in effect is listed with its origin: built in, the administrator's file
    (locked or not) or the user's file; both valid files pass.
    """
    site = _write_site(paths, 'locked = ["order"]\nreminder_interval = "20m"\n'
                              'order = "random"\n')
    _write(paths, 'natural_break = "5m"\n')

    code = config_check(paths)

    out = capsys.readouterr().out
    lines = _in_effect(out)
    assert code == 0
    assert lines["reminder_interval"] == (
        f'reminder_interval = "20m"  # administrator\'s file {site}')
    assert lines["order"] == f'order = "random"  # administrator\'s file {site} (locked)'
    assert lines["natural_break"] == 'natural_break = "5m"  # your file'
    assert lines["day_start"] == 'day_start = "08:00"  # built-in default'
    assert lines["length"] == 'length = "2m"  # built-in default'
    assert f"{site} (administrator's) is valid" in out
    assert out.endswith("settings.toml is valid\n")


def test_check_reports_a_bad_admin_value_naming_that_file(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """A problem in the administrator's file is printed with its file and line; exit 1, and
    the key shows the built-in default in effect.
    """
    site = _write_site(paths, 'reminder_interval = 20\n')

    code = config_check(paths)

    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.splitlines()[0].startswith(
        f"{site}: line 1: reminder_interval = 20: a number without a unit")
    assert f"{site} (administrator's) has 1 problem." in captured.err
    assert _in_effect(captured.out)["reminder_interval"] == (
        'reminder_interval = "45m"  # built-in default')


def test_check_reports_a_locked_key_in_the_users_file(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """A locked key set in the user's file is a problem of that file: ignored, and the value
    in effect is the administrator's.
    """
    site = _write_site(paths, 'locked = ["reminder_interval"]\nreminder_interval = "20m"\n')
    _write(paths, 'reminder_interval = "10m"\n')

    code = config_check(paths)

    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.splitlines()[0] == (
        f'{paths.settings_file}: line 1: reminder_interval = "10m": locked by your '
        f'administrator in {site}, which sets "20m"; your value is ignored')
    assert _in_effect(captured.out)["reminder_interval"].endswith("(locked)")


def test_check_of_a_broken_admin_file_fails_and_still_checks_the_users(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invalid TOML in the administrator's file: exit 1 naming it; the user's file is
    checked all the same.
    """
    site = _write_site(paths, "locked = [\n")
    _write(paths, 'natural_break = "5m"\n')

    code = config_check(paths)

    captured = capsys.readouterr()
    assert code == 1
    assert f"{site} is not valid TOML" in captured.err
    assert _in_effect(captured.out)["natural_break"] == 'natural_break = "5m"  # your file'


def test_defaults_prints_the_admin_defaults_and_where_they_come_from(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """`config defaults` with an administrator's file: its values are the defaults printed,
    each naming the file; a locked key is a comment; the header names the file as used.
    """
    site = _write_site(paths, 'locked = ["reminder_interval"]\nreminder_interval = "20m"\n'
                              'natural_break = "5m"\n')

    code = config_defaults(paths)

    out = capsys.readouterr().out
    assert code == 0
    assert f"{site} (used)" in out.splitlines()[1]
    assert '# reminder_interval = "20m"\n' in out
    before = out[:out.index('\nnatural_break = "5m"\n')].splitlines()[-2:]  # wrapped
    assert f"Default set by your administrator in {site}." in " ".join(
        line.removeprefix("# ") for line in before)
    assert tomllib.loads(out)["natural_break"] == "5m"


def test_all_goes_with_path_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`config check --all` is a wrong argument: exit 2 and the right form."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))

    code = main(["config", "check", "--all"])

    assert code == 2
    assert "deskbreath config path --all" in capsys.readouterr().err


def test_the_command_reads_the_folders_in_xdg_config_dirs(tmp_path: Path) -> None:
    """The real command finds the administrator's file through $XDG_CONFIG_DIRS, the first
    folder winning, and lists them all with `path --all`.
    """
    first, second = tmp_path / "etc-xdg", tmp_path / "usr-etc-xdg"
    for folder, interval in ((first, "20m"), (second, "30m")):
        (folder / "deskbreath").mkdir(parents=True)
        (folder / "deskbreath" / "settings.toml").write_text(
            f'reminder_interval = "{interval}"\n', encoding="utf-8")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "home"),
           "XDG_CONFIG_DIRS": f"{first}:relative/ignored:{second}",
           "XDG_RUNTIME_DIR": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "deskbreath", "config", *args], env=env,
                              capture_output=True, text=True, check=False, timeout=60)

    check, listing = run("check"), run("path", "--all")

    assert check.returncode == 0, check.stderr
    assert (f'reminder_interval = "20m"  # administrator\'s file '
            f'{first}/deskbreath/settings.toml') in check.stdout
    assert [line.split("\t")[0] for line in listing.stdout.splitlines()] == [
        f"{tmp_path}/home/deskbreath/settings.toml", f"{first}/deskbreath/settings.toml",
        f"{second}/deskbreath/settings.toml"]
