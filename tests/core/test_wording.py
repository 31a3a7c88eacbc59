"""What people read comes from one place and through the catalogue; identifiers stay data."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

import deskbreath
from deskbreath.core.breathing import BreathPattern
from deskbreath.core.history import Result
from deskbreath.core.idle import IdleProblem
from deskbreath.core.policy import HoldReason, Mode, Status
from deskbreath.core.report import status_document
from deskbreath.core.stats import Figures
from deskbreath.core.wording import (
    breathing_rhythm,
    breaths_a_minute,
    figure_rows,
    hold_reason_name,
    humanize,
    idle_warning,
    mode_name,
    result_name,
    status_line,
    status_summary,
)
from tests.fakes import START
from tests.support.catalogue import context_key, installed_catalogue, plural_key

PACKAGE = Path(deskbreath.__file__).parent


def _status(mode: Mode = Mode.RUNNING, *, present: bool = True, next_exercise: str | None =
            "breathing", wait: float | None = 8 * 60.0, until: datetime | None = None,
            prompt_open: bool = False) -> Status:
    next_at = None if wait is None else START + timedelta(seconds=wait)
    return Status(mode, 47 * 60.0, present, next_exercise, wait, next_at, until, prompt_open)


def _document(status: Status) -> dict[str, Any]:
    return status_document(status, idle_backend="X11 MIT-SCREEN-SAVER", idle_seconds=2.0,
                           now=START)


# -- identifiers are data ------------------------------------------------------------------


def test_states_keep_the_identifiers_status_json_documents() -> None:
    """``state`` takes exactly the four values the README documents, and no new one."""
    states = {_document(_status(mode))["state"] for mode in Mode}

    assert states == {"running", "snoozed", "paused", "outside working hours"}


def test_results_keep_the_identifiers_the_history_stores() -> None:
    """The history file's ``result`` values are those of every earlier version."""
    assert [result.value for result in Result] == [
        "done", "snoozed", "skipped", "stopped", "missed", "interrupted"]


def test_display_names_come_from_the_catalogue_not_from_identifiers(tmp_path: Path) -> None:
    """A translated name is shown while the JSON keeps the identifier."""
    off_hours = _status(Mode.OFF_HOURS, wait=None, until=START.replace(hour=18))
    translations = {
        context_key("reminder state", "Outside working hours"): "Feierabend",
        context_key("exercise result", "Stopped early"): "Vorzeitig beendet",
        "The camera is in use": "Die Kamera läuft",
    }

    with installed_catalogue(tmp_path, translations):
        document = _document(off_hours)
        summary = status_summary(document, START)
        names = (mode_name(Mode.OFF_HOURS), result_name(Result.STOPPED),
                 hold_reason_name(HoldReason.CAMERA))

    assert names == ("Feierabend", "Vorzeitig beendet", "Die Kamera läuft")
    assert summary.startswith("Feierabend")
    assert document["state"] == "outside working hours"


def test_every_identifier_has_a_name_of_its_own() -> None:
    """Each state, result and hold reason has display text that is not its identifier."""
    names: dict[StrEnum, str] = {
        **{mode: mode_name(mode) for mode in Mode},
        **{result: result_name(result) for result in Result},
        **{reason: hold_reason_name(reason) for reason in HoldReason},
    }

    assert all(name and name != key.value for key, name in names.items())
    assert mode_name(Mode.OFF_HOURS) == "Outside working hours"
    assert result_name(Result.SNOOZED) == "Snoozed"


def test_no_identifier_is_turned_into_text_by_changing_its_case() -> None:
    """Nothing in the package capitalises or title-cases a value to show it."""
    pattern = re.compile(r"\.value\.(capitalize|title|upper)\(|\[:1\]\.upper\(\)")

    offenders = [f"{path.relative_to(PACKAGE)}:{number}"
                 for path in sorted(PACKAGE.rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]

    assert offenders == []


# -- plurals -------------------------------------------------------------------------------


@pytest.mark.parametrize(("seconds", "text"), [
    (5, "5 s"), (59.4, "59 s"), (90, "2 min"), (45 * 60, "45 min"), (3600, "1 h"),
    (3900, "1 h 5 min"),
])
def test_humanize_rounds_for_people(seconds: float, text: str) -> None:
    """Tooltips show rounded minutes and hours."""
    assert humanize(seconds) == text


@pytest.mark.parametrize(("seconds", "text"), [
    (1, "1 s"), (2, "2 s"), (60, "1 min"), (120, "2 min"), (3600, "1 h"), (7200, "2 h"),
    (3660, "1 h 1 min"), (7320, "2 h 2 min"),
])
def test_one_and_two_of_each_unit_read_correctly(seconds: float, text: str) -> None:
    """One and two of every unit read as English writes them."""
    assert humanize(seconds) == text


def test_plural_forms_come_from_the_catalogue(tmp_path: Path) -> None:
    """With a language of three plural forms, each count takes the form the catalogue says."""
    forms = {
        plural_key("%(n)d s", "%(n)d s"): ("%(n)d s·one", "%(n)d s·two", "%(n)d s·many"),
        plural_key("%(n)d min", "%(n)d min"): ("%(n)d m·one", "%(n)d m·two", "%(n)d m·many"),
        plural_key("%(n)d h", "%(n)d h"): ("%(n)d h·one", "%(n)d h·two", "%(n)d h·many"),
    }

    with installed_catalogue(tmp_path, forms):
        texts = [humanize(s) for s in (1, 2, 5, 60, 120, 300, 3600, 7200, 18000, 3660)]

    assert texts == ["1 s·one", "2 s·two", "5 s·many", "1 m·one", "2 m·two", "5 m·many",
                     "1 h·one", "2 h·two", "5 h·many", "1 h·one 1 m·one"]


def test_no_plural_is_built_by_appending_s() -> None:
    """No source line adds an "s" to make a plural; counts go through ngettext."""
    pattern = re.compile(r"""["']s["']\s+if\b|\+\s*\(?\s*["']s["']""")

    offenders = [f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
                 for path in sorted(PACKAGE.rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]

    assert offenders == []


# -- the breathing rhythm ------------------------------------------------------------------


@pytest.mark.parametrize(("pattern", "rhythm", "per_minute"), [
    (BreathPattern(4, 6), "4 s in · 6 s out", "6 breaths a minute"),
    (BreathPattern(4, 6, hold_in=2), "4 s in · 2 s hold · 6 s out", "5 breaths a minute"),
    (BreathPattern(3, 4.5, hold_out=1), "3 s in · 4.5 s out · 1 s hold", "7.1 breaths a minute"),
])
def test_breathing_rhythm_says_each_part_of_the_breath(
    pattern: BreathPattern, rhythm: str, per_minute: str,
) -> None:
    """The rhythm lists in, holds and out in order, to a tenth of a second."""
    assert breathing_rhythm(pattern) == rhythm
    assert breaths_a_minute(pattern) == per_minute


# -- the status line -----------------------------------------------------------------------


@pytest.mark.parametrize(("status", "line"), [
    (_status(), "Sitting 47 min · breathing in 8 min"),
    (_status(wait=0), "Sitting 47 min · breathing now"),
    (_status(Mode.SNOOZED), "Sitting 47 min · breathing in 8 min (snoozed)"),
    (_status(present=False), "Away · breathing in 8 min"),
    (_status(prompt_open=True), "Sitting 47 min · exercise on screen"),
    (_status(next_exercise=None, wait=None), "Sitting 47 min · no exercises enabled"),
    (_status(Mode.PAUSED, wait=None), "Sitting 47 min · paused"),
    (_status(Mode.PAUSED, wait=None, until=START.replace(hour=14)),
     "Sitting 47 min · paused until 14:00"),
    (_status(Mode.OFF_HOURS, wait=None, until=START + timedelta(days=1)),
     "Sitting 47 min · off until Tue 09:00"),
])
def test_status_line_says_what_comes_next(status: Status, line: str) -> None:
    """The tooltip line names the sitting time and what happens next."""
    assert status_line(status, START) == line


@pytest.mark.parametrize(("wait", "text"), [
    (17, "breathing in 1 min"), (0.4, "breathing in 1 min"), (60, "breathing in 1 min"),
    (61, "breathing in 2 min"), (3599, "breathing in 1 h"), (3660, "breathing in 1 h 1 min"),
    (3661, "breathing in 1 h 2 min"), (0, "breathing now"), (-5, "breathing now"),
])
def test_upcoming_never_says_now_while_time_remains(wait: float, text: str) -> None:
    """The wait is rounded up to whole minutes; only a wait of nothing is "now"."""
    assert status_line(_status(wait=wait), START) == f"Sitting 47 min · {text}"


@pytest.mark.parametrize(("in_seconds", "text"), [(17, "in 1 min"), (0, "now")])
def test_status_summary_never_says_now_while_time_remains(in_seconds: int, text: str) -> None:
    """`deskbreath status` rounds the same way as the status line."""
    document = _document(_status())
    document["next_prompt"] = {**document["next_prompt"], "in_seconds": in_seconds}

    assert f"breathing {text} (" in status_summary(document, START)


def test_status_summary_names_a_pause_and_its_end() -> None:
    """A paused status says until when, in local clock time."""
    document = {**_document(_status()), "state": "paused", "next_prompt": None,
                "until": START.replace(hour=14).isoformat()}

    assert status_summary(document, START) == (
        "Paused until 14:00 · sitting 47 min · no exercise due · idle backend: X11 MIT-SCREEN-SAVER"
    )


def test_status_summary_of_a_running_app_names_the_next_prompt() -> None:
    """A running status names the next exercise, how soon and at what time."""
    assert status_summary(_document(_status()), START) == (
        "Running · sitting 47 min · breathing in 8 min (09:08) · idle backend: X11 MIT-SCREEN-SAVER"
    )


def test_idle_warnings_name_the_backend() -> None:
    """Each idle problem is explained with the backend it concerns."""
    assert idle_warning(IdleProblem.NO_BACKEND, "none (no X)").startswith(
        "No idle backend works (none (no X))")
    assert "X11 has not moved for an hour" in idle_warning(IdleProblem.STUCK, "X11")


def test_stopped_exercises_are_named_as_stopped_not_as_skipped_or_missed() -> None:
    """One exercise stopped early (Esc), one prompt skipped, two missed: the rows say
    1 stopped early and 3 skipped or missed, as ``stats --json`` counts them.
    """
    figures = Figures(prompts={"stopped": 1, "skipped": 1, "missed": 2, "interrupted": 1})

    rows = dict(figure_rows(figures))

    assert rows["Exercises stopped early"] == "1"
    assert rows["Prompts skipped or missed"] == "3"
