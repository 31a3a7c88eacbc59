"""The real app holds a due prompt back while another app is full screen (openbox, wmctrl),
reports it in ``status --json``, and shows the prompt after the grace once full screen ends.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import RunningApp, app_running, keep_active
from tests.support.services import require_tools
from tests.support.waits import WAIT_S
from tests.support.xserver import XServer, focus_holder, openbox, tray_host, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROMPT = "deskbreath: "
SETTINGS = """reminder_interval = "10s"
natural_break = "10m"

[busy]
typing = false  # the test moves the pointer every second: that is not a lull
grace = "3s"
"""


@pytest.fixture
def desktop(xserver: XServer, tmp_path: Path) -> Iterator[XServer]:
    """Xvfb with openbox as the window manager and trayer as the tray."""
    require_tools("wmctrl")
    with openbox(xserver, tmp_path), tray_host(xserver):
        yield xserver


@pytest.fixture
def presentation(desktop: XServer, tmp_path: Path) -> Iterator[str]:
    """Another app's window, active and full screen (a presentation); yields its X id."""
    with focus_holder(desktop, tmp_path / "typed.txt") as window:
        desktop.run("xdotool", "windowactivate", "--sync", window, check=False)
        desktop.run("wmctrl", "-i", "-r", window, "-b", "add,fullscreen")
        wait_for(lambda: _fullscreen(desktop, window), timeout=WAIT_S,
                 what="the window to go full screen")
        yield window


def _held(app: RunningApp) -> dict[str, object] | None:
    """``held_back`` of ``status --json`` (None when it is null or the command failed)."""
    done = app.cli("status", "--json")
    document = json.loads(done.stdout) if done.returncode == 0 else {}
    hold = document.get("held_back")
    return hold if isinstance(hold, dict) else None


def _until_held(app: RunningApp, server: XServer) -> dict[str, object] | None:
    """Keep the user active until ``status --json`` reports a hold (WAIT_S at most)."""
    for _ in range(int(WAIT_S)):
        keep_active(server, 1)
        hold = _held(app)
        if hold is not None:
            return hold
    return None


def _fullscreen(server: XServer, window: str) -> bool:
    return "_NET_WM_STATE_FULLSCREEN" in server.run("xprop", "-id", window, "_NET_WM_STATE",
                                                    check=False)


def test_fullscreen_holds_the_prompt_and_status_json_says_so(
        desktop: XServer, presentation: str, tmp_path: Path) -> None:
    """A due prompt meets a full-screen window: no prompt appears, ``status --json`` reports
    ``held_back`` with reason ``fullscreen``; leaving full screen brings the prompt after
    the grace, and ``held_back`` is null again.
    """
    with app_running(tmp_path / "home", desktop, SETTINGS) as app:
        hold = _until_held(app, desktop)
        assert hold is not None, "no hold while full screen:\n" + app.output()
        assert hold["reason"] == "fullscreen"
        assert isinstance(hold["since"], str)
        assert not app.windows(PROMPT), "a prompt came over the full-screen window"

        desktop.run("wmctrl", "-i", "-r", presentation, "-b", "remove,fullscreen")
        wait_for(lambda: not _fullscreen(desktop, presentation), timeout=WAIT_S,
                 what="full screen to end")
        keep_active(desktop, WAIT_S, until=lambda: app.windows(PROMPT))

        assert app.windows(PROMPT), "no prompt after full screen ended:\n" + app.output()
        status = app.status()
        assert status["held_back"] is None
        assert status["prompt_open"] is True
        assert "busy: fullscreen" in app.output()
    assert "Traceback" not in app.output()




def test_a_call_that_ends_while_deskbreath_is_off_still_gets_the_grace(
        desktop: XServer, presentation: str, tmp_path: Path) -> None:
    """Held back by a full-screen window, deskbreath quits; full screen ends while it is off;
    it starts again within the natural break: the hold's course came back from state.json, so
    the prompt waits out the grace period (20 s) from the start instead of appearing at once,
    and then comes.
    """
    home = tmp_path / "home"
    settings = SETTINGS.replace('grace = "3s"', 'grace = "20s"')
    with app_running(home, desktop, settings) as first:
        hold = _until_held(first, desktop)
        assert hold is not None, "no hold while full screen:\n" + first.output()
        assert first.cli("quit").returncode == 0
        assert first.process.wait(timeout=WAIT_S) == 0, first.output()
    saved = json.loads((home / ".local/state/deskbreath/state.json").read_text())
    assert saved["hold"]["reasons"] == ["fullscreen"]
    desktop.run("wmctrl", "-i", "-r", presentation, "-b", "remove,fullscreen")
    wait_for(lambda: not _fullscreen(desktop, presentation), timeout=WAIT_S,
             what="full screen to end")

    with app_running(home, desktop) as second:
        status = second.status()
        assert status["held_back"] is None
        assert status["prompt_open"] is False, "the prompt came at once:\n" + second.output()
        assert status["next_prompt"]["in_seconds"] > 0
        keep_active(desktop, WAIT_S + 20, until=lambda: second.windows(PROMPT))
        assert second.windows(PROMPT), "no prompt after the grace:\n" + second.output()
        assert "the hold on the due prompt goes on (fullscreen)" in second.output()
    assert "Traceback" not in second.output()
