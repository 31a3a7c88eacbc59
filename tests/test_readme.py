"""The README stays true: CI runs exactly its test command, the status example has the
app's keys, and the shortcut commands work as written.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.support.services import require_tools, unavailable
from tests.support.waits import WAIT_S

REPO = Path(__file__).resolve().parents[1]


def _quick_start_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [line for block in blocks for line in block.splitlines()
            if line.strip() and not line.startswith("#")]


def test_quick_start_has_exactly_two_commands() -> None:
    """One command runs the app, one runs the whole test suite."""
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert commands[0].endswith(".venv/bin/deskbreath")
    assert all(tool in commands[1] for tool in ("ruff check", "mypy", "pytest"))


def test_quick_start_commands_begin_with_the_system_set_up() -> None:
    """Both commands first install (or name) the system packages, the tests' list included."""
    run, tests = _quick_start_commands()

    assert run.startswith("python3 -m deskbreath.sysdeps && ")
    assert tests.startswith("python3 -m deskbreath.sysdeps .ci/system-packages.txt && ")


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run ends with exactly the README's test command."""
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").rstrip().splitlines()
    assert ci[-1] == _quick_start_commands()[1]


def test_status_json_example_has_the_keys_the_app_writes() -> None:
    """The README's `status --json` example lists exactly the keys the app reports."""
    from deskbreath.core.policy import Mode, Status
    from deskbreath.core.report import status_document
    from tests.fakes import START

    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("### `deskbreath status --json`", 1)[1]
    example = json.loads(re.findall(r"```json\n(.*?)```", section, re.S)[0])
    status = Status(Mode.RUNNING, 60.0, True, "breathing", 60.0, START, None, False)

    document = status_document(status, idle_backend="fake", idle_seconds=None, now=START)

    assert list(example) == list(document)


def _gnome_shortcut_lines() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("### Answering a prompt from the keyboard", 1)[1].split("\n### ", 1)[0]
    gnome = section.split("**GNOME**", 1)[1]
    block = re.search(r"```sh\n(.*?)```", gnome, re.S)
    assert block is not None, "no GNOME shell block in the README"
    return block.group(1)


@pytest.mark.parametrize("existing", ["", "/org/gnome/settings-daemon/plugins/media-keys/"
                                          "custom-keybindings/custom0/"])
def test_the_gnome_shortcut_lines_add_a_shortcut_and_keep_the_others(
    tmp_path: Path, existing: str
) -> None:
    """Run as written (against GLib's keyfile backend), the README's GNOME lines add a custom
    shortcut that runs deskbreath by its full path, next to any custom shortcut already set.
    """
    require_tools("gsettings")
    schema = "org.gnome.settings-daemon.plugins.media-keys"
    listed = subprocess.run(["gsettings", "list-schemas"], capture_output=True, text=True,
                            check=True, timeout=WAIT_S).stdout.split()
    if schema not in listed:
        unavailable(f"the GSettings schema {schema}", ["gnome-settings-daemon-common"])
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "deskbreath"
    stub.write_text("#!/bin/sh\n", encoding="utf-8")
    stub.chmod(0o755)
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env |= {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "HOME": str(tmp_path), "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"}

    def gsettings(*args: str) -> str:
        return subprocess.run(["gsettings", *args], env=env, capture_output=True, text=True,
                              check=True, timeout=WAIT_S).stdout.strip()

    if existing:
        gsettings("set", schema, "custom-keybindings", f"['{existing}']")
    subprocess.run(["bash", "-euc", _gnome_shortcut_lines()], env=env, check=True,
                   timeout=WAIT_S)

    path = ("/org/gnome/settings-daemon/plugins/media-keys/custom-keybindings/"
            "deskbreath-prompt-focus/")
    paths = [existing, path] if existing else [path]
    assert gsettings("get", schema, "custom-keybindings") == str(paths)
    entry = f"{schema}.custom-keybinding:{path}"
    assert gsettings("get", entry, "command") == f"'{stub} prompt focus'"
    assert gsettings("get", entry, "binding") == "'<Super><Alt>b'"
    assert gsettings("get", entry, "name") == "'deskbreath: focus the prompt'"


def test_stats_json_example_has_the_keys_the_app_writes() -> None:
    """The README's `stats --json` example lists exactly the keys of the document and of
    each period.
    """
    from datetime import UTC, date

    from deskbreath.core.stats import daily, periods
    from deskbreath.core.stats_report import stats_document
    from tests.fakes import START

    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("### `deskbreath stats --json`", 1)[1]
    example = json.loads(re.findall(r"```json\n(.*?)```", section, re.S)[0])
    days = daily([], [], first=date(2026, 11, 23), last=date(2026, 11, 23), tz=UTC)

    document = stats_document(periods(days, (1,)), days, now=START, timezone="UTC",
                              database=None, exercises=("breathing", "rotation", "posture"))

    assert list(example) == list(document)
    assert list(example["periods"][0]) == list(document["periods"][0])
    assert list(example["periods"][0]["prompts"]) == list(document["periods"][0]["prompts"])
