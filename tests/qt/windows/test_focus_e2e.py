"""On a real X server: showing the prompt never takes keyboard focus; Start does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.services import require_tools
from tests.support.waits import WAIT_S
from tests.support.xserver import xvfb

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.e2e
def test_prompt_leaves_focus_with_the_app_being_typed_in() -> None:
    """Keys typed after the prompt appears reach the other window; clicking Start focuses it."""
    require_tools("Xvfb", "xdotool")

    with xvfb() as server:
        env = dict(server.env, QT_QPA_PLATFORM="xcb")
        done = subprocess.run(
            [sys.executable, "-m", "tests.qt.windows.focus_probe"], env=env, cwd=REPO,
            capture_output=True, text=True, timeout=5 * WAIT_S, check=False,
        )

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["focus_after_show"] == report["edit_window"]
    assert report["edit_text"] == "abc "
    assert report["prompt_visible"]
    assert report["outcomes_after_typing"] == 0
    assert not report["prompt_active_after_typing"]
    assert report["running_after_click"]
    assert report["focus_after_start"] == report["prompt_window"]
    assert report["result_after_escape"] == "stopped"
