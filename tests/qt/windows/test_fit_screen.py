"""On a real X server at 200 % scale: prompt windows fit an 800 px high screen; so do the
other windows, at 100 % and 200 %.

At ``QT_SCALE_FACTOR=2`` a 1280×800 screen is 640×400 logical pixels, less than the old fixed
600×420 exercise window. The probe (``fit_probe.py``) walks the offer and every step of every
exercise and variant, with the note open, in light and dark, with and without a window
manager's frame (openbox), and reports any window, button or focused control off screen and
any text cut short.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.services import require_tools
from tests.support.waits import WAIT_S
from tests.support.xserver import running, wait_for, xvfb

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.e2e
@pytest.mark.parametrize(("frame", "theme", "motion"), [
    ("none", "light", ""), ("openbox", "dark", ""), ("none", "light", "reduced"),
])
def test_prompt_windows_fit_an_800px_screen_at_200_percent(
    frame: str, theme: str, motion: str,
) -> None:
    """Every moment of every exercise fits the screen at 2× with nothing cut or off screen."""
    require_tools("Xvfb", *(["openbox", "xprop"] if frame == "openbox" else []))

    with xvfb("1280x800x24") as server, contextlib.ExitStack() as stack:
        env = dict(server.env, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR="2",
                   DESKBREATH_THEME=theme, DESKBREATH_REDUCED=motion)
        if frame == "openbox":
            stack.enter_context(running(["openbox"], env=server.env))
            wait_for(lambda: "_NET_SUPPORTING_WM_CHECK(WINDOW)" in server.run(
                "xprop", "-root", "_NET_SUPPORTING_WM_CHECK", check=False),
                timeout=WAIT_S, what="openbox to manage the screen")
        done = subprocess.run(
            [sys.executable, "-m", "tests.qt.windows.fit_probe"], env=env, cwd=REPO,
            capture_output=True, text=True, timeout=5 * WAIT_S, check=False,
        )

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["screen"] == [640, 400]
    assert report["checked"] == 40
    assert report["problems"] == []


@pytest.mark.e2e
@pytest.mark.parametrize("scale", ["1", "2"])
def test_other_windows_fit_a_1280x800_screen(scale: str) -> None:
    """About / diagnostics, settings (each tab), statistics and the status window fit a
    1280×800 screen framed by openbox, at 100 % and at 200 %: nothing off screen, nothing
    cut, and what scrolls can be scrolled into view (the diagnostics' Runtime line).
    """
    require_tools("Xvfb", "openbox", "xprop")

    with xvfb("1280x800x24") as server, running(["openbox"], env=server.env):
        wait_for(lambda: "_NET_SUPPORTING_WM_CHECK(WINDOW)" in server.run(
            "xprop", "-root", "_NET_SUPPORTING_WM_CHECK", check=False),
            timeout=WAIT_S, what="openbox to manage the screen")
        done = subprocess.run(
            [sys.executable, "-m", "tests.qt.windows.windows_fit_probe"],
            env=dict(server.env, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=scale), cwd=REPO,
            capture_output=True, text=True, timeout=5 * WAIT_S, check=False,
        )

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["screen"] == [1280 // int(scale), 800 // int(scale)]
    assert len(report["checked"]) == 8
    assert report["problems"] == []
