"""Claims about `deskbreath config path|check|defaults`."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

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

    assert code == 0
    assert capsys.readouterr().out == "settings.toml is valid\n"


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
    """Broken TOML: exit 1 and a message with line and column."""
    _write(paths, "[breathing]\nlength = \n")

    code = config_check(paths)

    err = capsys.readouterr().err
    assert code == 1
    assert "is not valid TOML" in err
    assert "line 2, column" in err


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
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`config defaults` prints the commented default file, which parses to Settings()."""
    code = config_defaults()

    out = capsys.readouterr().out
    assert code == 0
    assert out == default_document_text(SCHEMA)
    assert parse_settings(SCHEMA, tomllib.loads(out)) == (Settings(), [])


def test_settings_modules_do_not_import_qt() -> None:
    """The config commands, schema and storage load without PySide6 (fast, no display)."""
    code = (
        "import sys, deskbreath.config_cli, deskbreath.storage.settings_file;"
        "sys.exit('PySide6' in sys.modules)"
    )

    result = subprocess.run([sys.executable, "-c", code], check=False)

    assert result.returncode == 0
