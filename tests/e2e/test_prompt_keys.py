"""`deskbreath prompt start|snooze|skip|focus` against the real app on Xvfb with a real window
manager, as a desktop shortcut would run them while the user types in another window.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing
from pathlib import Path
from typing import Any

import pytest

from deskbreath.core.health import ENDINGS
from tests.e2e.conftest import RunningApp, app_running, keep_active, shot
from tests.support.waits import WAIT_S
from tests.support.xserver import XServer, focus_holder, mutter_x11, openbox, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROMPT = "deskbreath: "
#: keep_active moves the pointer every second, which never leaves a typing lull: the lull has
#: its own tests (tests/desktop/busy/test_typing.py).
SETTINGS = 'reminder_interval = "10s"\nnatural_break = "10m"\n[busy]\ntyping = false\n'
WindowManager = Callable[[XServer, Path], AbstractContextManager[subprocess.Popen[Any]]]


@pytest.fixture(params=[openbox, mutter_x11], ids=["openbox", "mutter"])
def managed(request: pytest.FixtureRequest, tray: XServer, tmp_path: Path) -> Iterator[XServer]:
    """The X server with trayer and a window manager: Openbox, or Mutter, which refuses an
    application's own activation request once the user has typed elsewhere.
    """
    start: WindowManager = request.param
    home = tmp_path / "wm"
    home.mkdir()
    with start(tray, home):
        yield tray


@pytest.fixture
def typist(managed: XServer, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Another app's text field with the keyboard, activated through the window manager."""
    typed = tmp_path / "typed.txt"
    with focus_holder(managed, typed) as window:
        managed.run("xdotool", "windowactivate", "--sync", window)
        wait_for(lambda: focused(managed) == window, timeout=WAIT_S,
                 what="the focus holder to have the keyboard")
        yield window, typed


def focused(server: XServer) -> str:
    """The id of the X window that has the keyboard focus, from xdotool."""
    return server.run("xdotool", "getwindowfocus", check=False).strip()


def endings(home: Path) -> list[str]:
    """How each prompt ended, in order, from the app's health log (read after it quit)."""
    kinds = ", ".join(f"'{kind.value}'" for kind in ENDINGS)
    with closing(sqlite3.connect(home / ".local/share/deskbreath/health.sqlite3")) as db:
        rows = db.execute(f"SELECT kind FROM events WHERE kind IN ({kinds}) "  # noqa: S608 - our own constants
                          "ORDER BY at, id").fetchall()
    return [kind for (kind,) in rows]


def refused(app: RunningApp, *args: str) -> str:
    """The message on stderr of ``prompt ARGS``, which must exit 1 with nothing on stdout."""
    done = app.cli("prompt", *args)
    assert (done.returncode, done.stdout) == (1, ""), (done, app.output())
    return done.stderr


def test_a_shortcut_focuses_and_starts_an_offer_that_appeared_while_the_user_typed(
    managed: XServer, tmp_path: Path, typist: tuple[str, Path]
) -> None:
    """With no offer each command is refused; an offer appears without the keyboard while the
    user types; `prompt focus` gives it the keyboard, `prompt start` starts it (status --json
    says so), and the exercise then answers the keyboard (Esc stops it).
    """
    holder, typed = typist
    home = tmp_path / "home"
    with app_running(home, managed, SETTINGS) as app:
        assert refused(app, "focus") == "No prompt is on screen to focus.\n"
        assert refused(app, "start") == (
            "No prompt is on screen to start; `deskbreath now` starts an exercise at once.\n")

        keep_active(managed, WAIT_S, until=lambda: app.windows(PROMPT))
        offers = app.windows(PROMPT)
        assert offers, "no prompt while active:\n" + app.output()
        assert app.status()["prompt"] == {"exercise": "breathing", "state": "offered"}
        managed.run("xdotool", "type", "--delay", "20", "typing on")
        wait_for(lambda: typed.read_text() == "typing on", timeout=WAIT_S,
                 what="the typed text to reach the focus holder")
        assert focused(managed) == holder

        done = app.cli("prompt", "focus")
        assert (done.returncode, done.stdout) == (0, "Gave the keyboard to breathing.\n"), done
        app.wait_for(lambda: focused(managed) in offers, what="the offer to have the keyboard")
        shot(managed, "e2e-prompt-focus")

        done = app.cli("prompt", "start")
        assert (done.returncode, done.stdout) == (0, "Starting breathing.\n"), done
        assert app.status()["prompt"] == {"exercise": "breathing", "state": "in-progress"}
        assert refused(app, "skip") == ("Breathing is under way; finish it or stop it in its "
                                        "window (Stop or Esc).\n")

        managed.run("xdotool", "key", "Escape")
        app.wait_for(lambda: app.status()["prompt"] is None, what="Esc to stop the exercise")
        assert typed.read_text() == "typing on"
    assert "Traceback" not in app.output()
    assert endings(home) == ["stopped"]


def test_a_shortcut_snoozes_or_skips_the_offer(
    managed: XServer, tmp_path: Path, typist: tuple[str, Path]
) -> None:
    """`prompt snooze 10m` closes the offer as snoozed (status: snoozed); the next offer,
    after `resume`, is skipped with `prompt skip`; the keyboard never leaves the user's app.
    """
    holder, _typed = typist
    home = tmp_path / "home"
    with app_running(home, managed, SETTINGS) as app:
        keep_active(managed, WAIT_S, until=lambda: app.windows(PROMPT))
        assert app.windows(PROMPT), "no prompt while active:\n" + app.output()

        done = app.cli("prompt", "snooze", "10m")
        assert (done.returncode, done.stdout) == (0, "Snoozed breathing for 10 min.\n"), done
        app.wait_for(lambda: not app.windows(PROMPT), what="the offer to close")
        document = app.status()
        assert (document["state"], document["prompt"]) == ("snoozed", None)

        assert app.cli("resume").returncode == 0
        keep_active(managed, WAIT_S, until=lambda: app.windows(PROMPT))
        assert app.windows(PROMPT), "no second prompt:\n" + app.output()
        done = app.cli("prompt", "skip")
        assert (done.returncode, done.stdout) == (0, "Skipped breathing.\n"), done
        app.wait_for(lambda: not app.windows(PROMPT), what="the offer to close")
        assert focused(managed) == holder
    assert endings(home) == ["snoozed", "skipped"]
