"""The real app on a real X server with a real tray host, driven like a user with xdotool."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import RunningApp, app_running, keep_active, shot, wait_for_icon
from tests.support.waits import WAIT_S
from tests.support.xserver import XServer, focus_holder, tray_host, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROMPT = "deskbreath: "
#: keep_active moves the pointer every second, which never leaves a typing lull; these tests
#: are about other things (tests/desktop/busy/test_typing.py is about the lull).
NO_LULL = "[busy]\ntyping = false\n"


@pytest.fixture
def typist(xserver: XServer, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A text field in another app that has keyboard focus, as if the user were typing."""
    typed = tmp_path / "typed.txt"
    with focus_holder(xserver, typed) as window:
        xserver.run("xdotool", "windowfocus", "--sync", window)
        yield window, typed


def _visible_windows(app: RunningApp) -> set[str]:
    out = app.server.run("xdotool", "search", "--onlyvisible", "--class", "deskbreath",
                         check=False)
    return set(out.split())


def test_tray_icon_embeds_and_right_click_opens_menu(tray: XServer, tmp_path: Path) -> None:
    """The icon docks in trayer; a right click on it opens the menu with the status line."""
    with app_running(tmp_path / "home", tray, 'reminder_interval = "15s"\n') as app:
        x, y = wait_for_icon(app)
        before = _visible_windows(app)
        tray.run("xdotool", "mousemove", str(x), str(y), "click", "3")
        menu = app.wait_for(lambda: _visible_windows(app) - before, what="the tray menu to open")
        assert menu
        shot(tray, "e2e-tray-menu")
        tray.run("xdotool", "key", "Escape")
        app.wait_for(lambda: not (_visible_windows(app) - before), what="the menu to close")
    assert "Traceback" not in app.output()


def test_prompt_appears_while_user_types_and_focus_stays(
    tray: XServer, tmp_path: Path, typist: tuple[str, Path]
) -> None:
    """With the user active, a prompt appears after the interval of sitting, on top, and
    keyboard focus and typed keys stay in the app the user was typing in.
    """
    holder, typed = typist
    settings = 'reminder_interval = "15s"\nnatural_break = "1m"\n' + NO_LULL
    with app_running(tmp_path / "home", tray, settings) as app:
        keep_active(tray, WAIT_S, until=lambda: app.windows(PROMPT))
        assert app.windows(PROMPT), "no prompt while active; app output:\n" + app.output()
        assert tray.run("xdotool", "getwindowfocus").strip() == holder
        tray.run("xdotool", "type", "--delay", "20", "still typing")
        wait_for(lambda: typed.read_text() == "still typing", timeout=WAIT_S,
                 what="the typed text to reach the focus holder")
        assert tray.run("xdotool", "getwindowfocus").strip() == holder
        assert app.windows(PROMPT), "typing must not close or answer the prompt"
        shot(tray, "e2e-prompt-offer")


def test_steady_activity_brings_prompt_after_interval(tray: XServer, tmp_path: Path) -> None:
    """reminder_interval 30s, natural_break 10s: steady input brings a prompt, and not before
    30 s of sitting by the app's own count (the exact moment is the fake-clock tests' job).
    """
    settings = 'reminder_interval = "30s"\nnatural_break = "10s"\n' + NO_LULL
    with app_running(tmp_path / "home", tray, settings) as app:
        keep_active(tray, WAIT_S + 30, until=lambda: app.windows(PROMPT))
        assert app.windows(PROMPT), "no prompt while active:\n" + app.output()
        status = app.status()
        assert status["prompt_open"] is True
        sitting = status["sitting_seconds"]
        assert isinstance(sitting, int)
        assert sitting >= 30
        assert status["idle_backend"] == "X11 MIT-SCREEN-SAVER"


def test_natural_break_resets_bout_and_no_prompt_comes(tray: XServer, tmp_path: Path) -> None:
    """Activity for 20 s, then no input until the app counts the user away (natural_break
    10s): the bout resets, and 15 s more of activity brings no prompt.
    """
    settings = 'reminder_interval = "30s"\nnatural_break = "10s"\n'
    with app_running(tmp_path / "home", tray, settings) as app:
        keep_active(tray, 20)
        sitting = app.status()["sitting_seconds"]
        assert isinstance(sitting, int)
        assert sitting >= 12
        away = app.wait_for(lambda: (status := app.status())["present"] is False and status,
                            what="the app to count the user away")
        assert isinstance(away, dict)
        assert away["sitting_seconds"] == 0
        keep_active(tray, 15)
        back = app.status()
        assert back["present"] is True
        sitting = back["sitting_seconds"]
        assert isinstance(sitting, int)
        assert sitting < 25
        assert not app.windows(PROMPT)


def test_without_tray_status_window_shows_then_moves_to_tray(
    xserver: XServer, tmp_path: Path
) -> None:
    """No tray host: a status window explains and offers the actions; when trayer starts the
    icon docks and the window goes away.
    """
    with app_running(tmp_path / "home", xserver, 'reminder_interval = "10m"\n',
                     icon=False) as app:
        app.wait_for(lambda: app.windows("^deskbreath$"), what="the status window")
        shot(xserver, "e2e-status-window")
        with tray_host(xserver):
            wait_for_icon(app)
            app.wait_for(lambda: not app.windows("^deskbreath$"),
                         what="the status window to close once the tray exists")
    assert "no system tray" in app.output()


def test_status_window_appears_within_2_s_when_the_tray_host_quits_and_hides_when_it_returns(
    xserver: XServer, tmp_path: Path,
) -> None:
    """With the icon docked, trayer quits: the status window is up within 2 s of that (no
    waiting for the next once-a-minute check); trayer starts again: the icon docks and the
    window goes away.
    """
    with app_running(tmp_path / "home", xserver, 'reminder_interval = "10m"\n',
                     icon=False) as app:
        with tray_host(xserver) as trayer:
            wait_for_icon(app)
            assert not app.windows("^deskbreath$")

            trayer.terminate()
            gone = time.monotonic()
            trayer.wait(timeout=10)
            wait_for(lambda: app.windows("^deskbreath$"), timeout=30,
                     what="the status window after the tray host quit", interval=0.02)
            delay = time.monotonic() - gone
        assert delay <= 2.0, f"the status window took {delay:.2f} s:\n{app.output()}"

        with tray_host(xserver):
            wait_for_icon(app)
            wait_for(lambda: not app.windows("^deskbreath$"), timeout=30,
                     what="the status window to go once a tray host is back")
