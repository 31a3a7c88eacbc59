"""The focus promise in Wayland sessions, against the real compositors (KWin 5.27, Mutter 43).

A native Wayland text field holds the keyboard, deskbreath runs as it would in a GNOME or KDE
Wayland session (``WAYLAND_DISPLAY``, ``DISPLAY`` of the session's Xwayland,
``XDG_SESSION_TYPE=wayland``, the session bus), a user keeps moving the mouse, and a prompt
comes due. Focus is decided by events: the text field prints every change of keyboard focus,
so a loss is seen when it happens.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from deskbreath.qt.windows.offer import SCREEN_MARGIN
from tests.e2e.conftest import RunningApp, app_env, stop_app, write_settings
from tests.e2e.wayland_focus_client import TITLE
from tests.support.waits import WAIT_S
from tests.support.wayland import (
    HEIGHT,
    WIDTH,
    UserInput,
    WaylandSession,
    user_input,
    visible_windows,
    wayland_session,
    window_geometry,
)
from tests.support.wayland_shots import shooter
from tests.support.xserver import REPO, XServer, stop_process, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROMPT = "^deskbreath: "
#: How long the text field must keep the keyboard once the offer is on screen.
KEEP_FOCUS_S = 10.0
#: Each wait ends as soon as its event comes (tests/support/waits.py).
EVENT_TIMEOUT_S = WAIT_S


class FocusClient:
    """The text field's process and its log of focus events."""

    def __init__(self, session: WaylandSession, log: Path) -> None:
        self.log = log
        env = session.env(os.environ) | {"QT_QPA_PLATFORM": "wayland", "PYTHONPATH": str(REPO)}
        with log.open("w", encoding="utf-8") as out:
            self.process = subprocess.Popen(
                [sys.executable, str(REPO / "tests/e2e/wayland_focus_client.py")], env=env,
                stdout=out, stderr=subprocess.STDOUT)

    def events(self) -> list[str]:
        """The focus events so far: window titles, or ``none`` for a loss."""
        lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return [line.removeprefix("focus ") for line in lines if line.startswith("focus ")]

    def losses(self) -> int:
        return self.events().count("none")

    def stop(self) -> None:
        stop_process(self.process, timeout=10)


@pytest.fixture(params=["kwin", "mutter"])
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[WaylandSession]:
    """A KDE (KWin) or GNOME (Mutter) Wayland session with Xwayland, headless."""
    with wayland_session(request.param, tmp_path) as running_session:
        yield running_session


@pytest.fixture
def wayland_only(tmp_path: Path) -> Iterator[WaylandSession]:
    """A KWin Wayland session without Xwayland."""
    with wayland_session("kwin", tmp_path, xwayland=False) as running_session:
        yield running_session


def _start_app(session: WaylandSession, tmp_path: Path) -> RunningApp:
    home = tmp_path / "home"
    # The user stays active throughout, which never leaves a typing lull: the lull has its
    # own test (tests/desktop/busy/test_typing.py); here the offer must come while typing.
    write_settings(home, 'reminder_interval = "10s"\nnatural_break = "1m"\n'
                         '[busy]\ntyping = false\n')
    env = session.env(app_env(home, None))
    log = home / "app-output.txt"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "-m", "deskbreath", "--verbose"], env=env,
                                   stdout=out, stderr=subprocess.STDOUT, text=True)
    server = XServer(display=session.display or "", env=env)
    return RunningApp(process=process, home=home, server=server, log=log, env=env)


def _wait_until_running(app: RunningApp) -> None:
    app.wait_for(lambda: app.cli("status", "--json").returncode == 0,
                 "the app to answer commands")


def _wait_for_focus(client: FocusClient) -> None:
    wait_for(lambda: TITLE in client.events(), timeout=EVENT_TIMEOUT_S,
             what="the Wayland text field to get the keyboard")
    assert client.losses() == 0, client.events()


def _kept(client: FocusClient) -> bool:
    """True while the text field has not lost the keyboard; fails the test at a loss."""
    assert client.losses() == 0, f"the text field lost the keyboard: {client.events()}"
    return True


def _keep_active_until_offered(user: UserInput, app: RunningApp) -> None:
    """Move the mouse now and then, as a user at the desk, until the offer is open."""

    def offered() -> bool:
        user.move_pointer()
        return app.status()["prompt_open"] is True

    app.wait_for(offered, "the offer")


@contextmanager
def _offered(session: WaylandSession,
             tmp_path: Path) -> Iterator[tuple[RunningApp, FocusClient, UserInput]]:
    """The app in ``session`` while the Wayland text field has the keyboard, once the user
    has kept active until the offer is open; yields the app, the text field and the user's
    input, and stops both processes after.
    """
    app = _start_app(session, tmp_path)
    client = FocusClient(session, tmp_path / "focus.log")
    try:
        with user_input(session, tmp_path / "bindings") as user:
            _wait_until_running(app)
            _wait_for_focus(client)
            _keep_active_until_offered(user, app)
            yield app, client, user
    finally:
        client.stop()
        stop_app(app)


def _registered_tray_items(session: WaylandSession) -> list[str]:
    done = subprocess.run(
        ["gdbus", "call", "--session", "--dest", "org.kde.StatusNotifierWatcher",
         "--object-path", "/StatusNotifierWatcher", "--method",
         "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierWatcher",
         "RegisteredStatusNotifierItems"],
        env=session.env(os.environ), capture_output=True, text=True, check=True, timeout=30)
    return [item for item in done.stdout.split("'")[1::2] if item]


def _tray_tooltip(session: WaylandSession, item: str) -> str:
    service, _, path = item.partition("/")
    done = subprocess.run(
        ["gdbus", "call", "--session", "--dest", service, "--object-path",
         "/" + (path or "StatusNotifierItem"), "--method",
         "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierItem", "ToolTip"],
        env=session.env(os.environ), capture_output=True, text=True, check=True, timeout=30)
    return done.stdout


def test_offer_leaves_the_keyboard_with_the_wayland_app(
        session: WaylandSession, tmp_path: Path, qapp: QCoreApplication) -> None:
    """In a KDE or GNOME Wayland session an offer appears in the screen's corner through
    Xwayland, the Wayland app being typed in keeps the keyboard for 10 s after it, and only a
    click on the offer moves the keyboard there.
    """
    with shooter(session) as shoot, _offered(session, tmp_path) as (app, client, user):
        found = wait_for(lambda: _kept(client) and visible_windows(session, PROMPT),
                         timeout=EVENT_TIMEOUT_S, what="the offer window on Xwayland")
        assert isinstance(found, list)
        window = found[0]

        watch_until = time.monotonic() + KEEP_FOCUS_S
        while time.monotonic() < watch_until:
            assert _kept(client)
            user.move_pointer()
            time.sleep(0.5)
        assert _kept(client)

        assert app.status()["prompt_open"] is True
        x, y, width, height = window_geometry(session, window)
        assert abs(x + width - (WIDTH - SCREEN_MARGIN)) <= 2, (x, y, width, height)
        assert abs(y + height - (HEIGHT - SCREEN_MARGIN)) <= 2, (x, y, width, height)
        assert "offers: xwayland-window" in app.output()
        assert _registered_tray_items(session), "the tray icon is not registered over SNI"
        shoot("offer")

        user.click_at(x + 8, y + 8)
        wait_for(lambda: client.losses() == 1, timeout=EVENT_TIMEOUT_S,
                 what="the clicked offer to take the keyboard")
        assert visible_windows(session, PROMPT) == [window]


def test_without_xwayland_the_offer_waits_in_the_tray(
        wayland_only: WaylandSession, tmp_path: Path, qapp: QCoreApplication) -> None:
    """In a Wayland session without Xwayland no window appears for an offer: the tray icon's
    tooltip says it waits, the Wayland app keeps the keyboard, and a click on the icon opens
    the offer.
    """
    session = wayland_only
    with _offered(session, tmp_path) as (app, client, _user):
        items = wait_for(lambda: _registered_tray_items(session), timeout=EVENT_TIMEOUT_S,
                         what="the tray icon over SNI")
        assert isinstance(items, list)
        wait_for(lambda: _kept(client) and "is waiting" in _tray_tooltip(session, items[0]),
                 timeout=EVENT_TIMEOUT_S, what="the tooltip to say the offer waits")
        assert client.losses() == 0, client.events()
        assert "offers: tray" in app.output()

        service, _, path = items[0].partition("/")
        subprocess.run(
            ["gdbus", "call", "--session", "--dest", service, "--object-path",
             "/" + (path or "StatusNotifierItem"), "--method",
             "org.kde.StatusNotifierItem.Activate", "0", "0"],
            env=session.env(os.environ), capture_output=True, check=True, timeout=30)
        wait_for(lambda: client.losses() == 1, timeout=EVENT_TIMEOUT_S,
                 what="the offer opened from the tray to take the keyboard")
        assert app.status()["prompt_open"] is True


def test_prompt_focus_moves_the_keyboard_to_the_offer(
        session: WaylandSession, tmp_path: Path, qapp: QCoreApplication) -> None:
    """`deskbreath prompt focus`, as a desktop shortcut runs it, takes the keyboard from the
    Wayland app to the offer on Xwayland (the request marked as the user's own action), and
    `prompt start` then starts the exercise there.
    """
    with _offered(session, tmp_path) as (app, client, _user):
        wait_for(lambda: _kept(client) and visible_windows(session, PROMPT),
                 timeout=EVENT_TIMEOUT_S, what="the offer window on Xwayland")

        done = app.cli("prompt", "focus")
        assert (done.returncode, done.stdout) == (0, "Gave the keyboard to breathing.\n"), (
            done, app.output())
        wait_for(lambda: client.losses() == 1, timeout=EVENT_TIMEOUT_S,
                 what="prompt focus to move the keyboard to the offer")
        done = app.cli("prompt", "start")
        assert done.returncode == 0, done
        assert app.status()["prompt"] == {"exercise": "breathing", "state": "in-progress"}
