"""With a real screen-reader stack: each exercise walked through AT-SPI on Xvfb.

A private D-Bus session runs the AT-SPI bus (``at-spi2-core``), the app runs with Qt's
AT-SPI bridge on (``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``) and a client in Debian's system
Python with ``python3-pyatspi`` (``atspi_walk.py``) does what a screen-reader user does:
hears the offer, presses Start, follows focus, pauses once, answers. The claims: the prompt
is a dialog and announces the offer; every focusable control has a name and a role of its
own; focus never rests on an unnamed object or a container; phase and step changes are
announced, in order.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from deskbreath.core.exercises import load_catalogue
from deskbreath.paths import resources_dir
from tests.support.services import require_file, require_tools
from tests.support.waits import WAIT_S
from tests.support.xserver import xvfb

REPO = Path(__file__).resolve().parents[3]
TITLES = ("Paced belly breathing", "Seated thoracic rotation", "Posture check")


@pytest.fixture(scope="module")
def walk() -> dict[str, Any]:
    """What the screen-reader client saw walking the three exercises (run once)."""
    require_tools("Xvfb", "dbus-run-session", "dbus-send")
    require_file(Path("/usr/libexec/at-spi-bus-launcher"), "at-spi2-core")
    require_file(Path("/usr/lib/python3/dist-packages/pyatspi"), "python3-pyatspi")
    with xvfb() as server:
        done = subprocess.run(
            ["dbus-run-session", "--", "/usr/bin/python3", "-m", "tests.qt.windows.atspi_walk",
             sys.executable],
            env=server.env, cwd=REPO, capture_output=True, text=True, timeout=5 * WAIT_S,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def _of(entries: list[dict[str, str]], title: str, key: str) -> list[str]:
    return [entry[key] for entry in entries if entry["stage"].startswith(title)]


@pytest.mark.e2e
def test_the_walk_finds_no_problem_and_finishes_every_exercise(walk: dict[str, Any]) -> None:
    """Every focusable control named, focus always on a named control, every exercise done
    by pressing its controls through AT-SPI alone.
    """
    assert walk["problems"] == []
    assert walk["outcomes"] == "breathing:done,rotation:done,posture:done"
    assert all(count > 0 for count in walk["trees"].values())
    assert len(walk["trees"]) == 11


@pytest.mark.e2e
def test_each_offer_is_a_dialog_that_is_announced(walk: dict[str, Any]) -> None:
    """The prompt window has the dialog role and its offer is announced with the duration."""
    assert walk["dialog_roles"] == ["dialog"] * 3
    for title in TITLES:
        heard = _of(walk["announcements"], title, "text")
        assert heard[0].startswith(f"deskbreath offers {title}. About ")


@pytest.mark.e2e
def test_focus_goes_from_control_to_named_control(walk: dict[str, Any]) -> None:
    """Focus moves straight from Begin to Pause (after the lead-in) to the first answer, and
    in the posture check from its first point to the first answer: no stop in between.
    """
    assert _of(walk["focus"], TITLES[0], "name") == [
        "Begin breathing now", "Pause the exercise", "Yes, the belly"]
    assert _of(walk["focus"], TITLES[1], "name") == [
        "Begin the turns now", "Pause the exercise", "Yes, turning left"]
    assert _of(walk["focus"], TITLES[2], "name") == [
        "I fixed: Feet flat on the floor, or on a footrest", "Well"]
    assert {entry["role"] for entry in walk["focus"]} == {"push button", "check box"}


@pytest.mark.e2e
def test_phase_and_step_changes_are_announced_in_order(walk: dict[str, Any]) -> None:
    """Breathing announces each in and out (and the pause); the rotation each step with its
    side; the posture check what to do; each ends with the done words and the question.
    """
    catalogue = load_catalogue(resources_dir() / "exercises.toml")
    breathing = _of(walk["announcements"], TITLES[0], "text")
    rotation = _of(walk["announcements"], TITLES[1], "text")
    posture = _of(walk["announcements"], TITLES[2], "text")
    phases = [text.split(".")[0] for text in breathing if text.startswith(("in.", "out."))]
    steps = catalogue.get("rotation")
    expected_steps = [
        step.text.format(side=side) for side in ("left", "right") for step in steps.steps]

    # A phase is announced again when the exercise goes on after the pause.
    changes = [phase for number, phase in enumerate(phases)
               if number == 0 or phase != phases[number - 1]]
    assert changes == ["in", "out"] * 6
    assert len(phases) == 13
    assert "Paused. Press Space to go on." in breathing
    assert "Going on." in breathing
    assert breathing[-1].endswith("Did your belly hand move more than your chest hand?")
    assert rotation[2:-1] == expected_steps
    assert rotation[-1].endswith("Was one side stiffer?")
    assert posture[1] == "Posture check: check 10 points and tick each one you changed."
    assert posture[-1].endswith("How were you sitting before this check?")
