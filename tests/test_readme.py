"""The README's Quick start stays true: CI runs exactly its test command."""

from __future__ import annotations

import json
import re
from pathlib import Path

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


def test_stats_json_example_has_the_keys_the_app_writes() -> None:
    """The README's `stats --json` example lists exactly the keys of the document and of
    each period."""
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
