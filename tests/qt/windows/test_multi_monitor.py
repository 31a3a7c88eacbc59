"""Two monitors Qt really sees: the prompt goes to the screen with the pointer, and a prompt
on a monitor that is unplugged moves to one that remains, fully visible.

The X server is Xvfb with two RandR 1.5 monitors (``xrandr --setmonitor``), which Qt 6 turns
into two QScreens. Xvfb must run with ``-noreset``: without it the server resets when its last
client (each ``xrandr`` call) disconnects, and the monitors vanish again. Removing a monitor
(``xrandr --delmonitor``) makes Qt drop the QScreen, as unplugging a cable does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.services import require_tools
from tests.support.xserver import XServer, xvfb

REPO = Path(__file__).resolve().parents[3]
#: Two monitors side by side, of different sizes, on one 2560x800 framebuffer.
LEFT = (0, 0, 1280, 800)
RIGHT = (1280, 0, 1280, 720)

Rect = tuple[int, int, int, int]


def _inside(inner: Rect, outer: Rect) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def _set_monitors(server: XServer) -> None:
    """LEFT carries Xvfb's one output; RIGHT is a second monitor beside it."""
    for name, (x, y, w, h), output in (("left", LEFT, "screen"), ("right", RIGHT, "none")):
        server.run("xrandr", "--setmonitor", name, f"{w}/300x{h}/190+{x}+{y}", output)
    listed = server.run("xrandr", "--listmonitors")
    assert "Monitors: 2" in listed, listed


@pytest.mark.e2e
def test_prompt_goes_to_the_pointer_screen_and_leaves_an_unplugged_one() -> None:
    """With the pointer on either monitor the prompt appears wholly on that monitor; when the
    monitor a running exercise is on goes away, the window moves wholly onto the other one,
    still open and running.
    """
    require_tools("Xvfb", "xrandr", "xwininfo")

    with xvfb("2560x800x24") as server:  # -noreset (as every test server): Qt sees RandR monitors
        _set_monitors(server)
        done = subprocess.run(
            [sys.executable, "-m", "tests.qt.windows.screens_probe"],
            env=dict(server.env, QT_QPA_PLATFORM="xcb"), cwd=REPO, capture_output=True,
            text=True, timeout=120, check=False,
        )

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    screens = {name: tuple(area) for name, area in report["screens"].items()}
    assert sorted(screens) == ["left", "right"], report
    assert [p["pointer_on"] for p in report["placements"]] == list(report["screens"])
    for placement in report["placements"]:
        area = screens[placement["pointer_on"]]
        assert _inside(tuple(placement["window"]), area), placement
    unplug = report["unplug"]
    assert unplug["removed"] == "right"
    assert _inside(tuple(unplug["before"]), screens["right"]), unplug
    assert list(unplug["remaining"]) == ["left"]
    assert _inside(tuple(unplug["after"]), tuple(unplug["remaining"]["left"])), unplug
    assert unplug["visible"]
    assert unplug["running"]
