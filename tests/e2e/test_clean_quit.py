"""Every way out is a clean quit: the real app on Xvfb with trayer (and on KWin for Wayland)
records the exercise on screen as interrupted and leaves no lock or socket file behind.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.desktop.kwin import kwin
from tests.e2e.conftest import RunningApp, app_env, app_running, stop_app, write_settings
from tests.support.services import require_tools
from tests.support.xserver import REPO, XServer, running, tray_host, wait_for, xvfb

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROMPT = "deskbreath: "
#: Long enough that no prompt comes by itself while a test runs.
SETTINGS = 'reminder_interval = "2h"\n'
EXIT_TIMEOUT = 30.0


def _endings(app: RunningApp) -> dict[str, int]:
    """How today's prompts ended, as ``deskbreath stats --json`` reads the health log (it
    works with the app gone), leaving out endings that did not happen.
    """
    done = app.cli("stats", "--json")
    assert done.returncode == 0, done.stderr
    prompts = json.loads(done.stdout)["periods"][0]["prompts"]
    return {key: count for key, count in prompts.items()
            if key not in ("offered", "started") and count}


def _runtime_files(home: Path) -> list[str]:
    folder = home / "run" / "deskbreath"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _open_prompt(app: RunningApp) -> None:
    done = app.cli("now", "breathing")
    assert done.returncode == 0, done.stderr + app.output()
    wait_for(lambda: app.windows(PROMPT), timeout=20, what="the prompt window")


def _wait_for_exit(app: RunningApp) -> int:
    try:
        return app.process.wait(timeout=EXIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"the app did not quit within {EXIT_TIMEOUT} s:\n"
                             + app.output()) from None


def _assert_clean_quit(app: RunningApp, code: int) -> None:
    output = app.output()
    assert code == 0, f"exit status {code}:\n{output}"
    assert "Segmentation fault" not in output
    assert "Fatal Python error" not in output
    assert _endings(app) == {"interrupted": 1}, output
    assert _runtime_files(app.home) == [], output


@pytest.mark.parametrize("way_out", ["SIGTERM", "SIGINT", "SIGHUP", "quit command"])
def test_every_way_out_during_a_prompt_records_interrupted_and_removes_the_files(
    tray: XServer, tmp_path: Path, way_out: str,
) -> None:
    """SIGTERM, SIGINT, SIGHUP (the terminal closed) and `deskbreath quit` with a prompt on
    screen: exit status 0, the prompt recorded as interrupted (not skipped), and the lock and
    socket files gone.
    """
    with app_running(tmp_path / "home", tray, SETTINGS) as app:
        _open_prompt(app)

        if way_out == "quit command":
            done = app.cli("quit")
            assert done.returncode == 0, done.stderr
        else:
            app.process.send_signal(getattr(signal, way_out))
        code = _wait_for_exit(app)

    _assert_clean_quit(app, code)


def test_losing_the_x_server_quits_cleanly(tmp_path: Path) -> None:
    """The X server ends under a running app with a prompt open: it quits with status 0,
    records the prompt as interrupted and removes its lock and socket files (it used to be
    ended by Xlib at once, leaving them behind).
    """
    require_tools("Xvfb", "xdotool", "trayer")
    with xvfb() as server, tray_host(server), \
            app_running(tmp_path / "home", server, SETTINGS) as app:
        _open_prompt(app)
        assert server.process is not None

        server.process.terminate()
        code = _wait_for_exit(app)

    _assert_clean_quit(app, code)


@pytest.mark.parametrize("also_sigterm", [False, True], ids=["display-only", "with-sigterm"])
def test_logout_ends_x_tray_and_window_manager_at_once_without_a_crash(
    tmp_path: Path, also_sigterm: bool,
) -> None:
    """At logout the X server, the tray host and the window manager end together (and the
    session may send SIGTERM as well): the app quits with status 0, no segmentation fault,
    the prompt recorded as interrupted, no files left.

    The crash came from Xlib calling exit() inside a Qt event; Qt then crashed in its static
    destructors.
    """
    require_tools("Xvfb", "xdotool", "trayer", "openbox")
    with xvfb() as server, tray_host(server) as tray, \
            running(["openbox"], env=server.env) as window_manager, \
            app_running(tmp_path / "home", server, SETTINGS) as app:
        _open_prompt(app)
        assert server.process is not None

        for process in (server.process, tray, window_manager):
            process.terminate()
        if also_sigterm:
            app.process.terminate()
        code = _wait_for_exit(app)

    _assert_clean_quit(app, code)


def test_losing_the_wayland_compositor_quits_cleanly(tmp_path: Path) -> None:
    """The Wayland compositor (KWin) ends under a running app with a prompt open: Qt ends the
    process right after saying so, and by then the prompt is recorded as interrupted and the
    lock and socket files are gone; the exit status is 0.
    """
    home = tmp_path / "home"
    write_settings(home, SETTINGS)
    (tmp_path / "kwin").mkdir()
    with kwin(tmp_path / "kwin") as compositor:
        env = app_env(home, None) | {
            "QT_QPA_PLATFORM": "wayland", "XDG_SESSION_TYPE": "wayland",
            "WAYLAND_DISPLAY": str(compositor.runtime_dir / compositor.socket),
        }
        env.pop("DISPLAY", None)
        log = home / "app-output.txt"
        with log.open("w", encoding="utf-8") as handle:
            process = subprocess.Popen([sys.executable, "-m", "deskbreath", "--verbose"],
                                       env=env, stdout=handle, stderr=subprocess.STDOUT,
                                       text=True, cwd=REPO)
        app = RunningApp(process=process, home=home, server=XServer("", env), log=log,
                         env=env)
        try:
            _wait_until_serving(app)
            done = app.cli("now", "breathing")
            assert done.returncode == 0, done.stderr + app.output()
            wait_for(lambda: '"prompt_open": true' in app.cli("status", "--json").stdout,
                     timeout=20, what="the prompt to be open")

            compositor.stop()
            code = _wait_for_exit(app)
        finally:
            stop_app(app)

    _assert_clean_quit(app, code)


def _wait_until_serving(app: RunningApp) -> None:
    def serving() -> bool:
        assert app.process.poll() is None, "the app ended:\n" + app.output()
        return app.cli("status").returncode == 0

    wait_for(serving, timeout=30, what="the app to answer commands")


def test_a_temporary_file_left_by_a_killed_save_is_removed_at_start(
    tray: XServer, tmp_path: Path,
) -> None:
    """A `.settings.toml.*.tmp` left by a save that was killed is gone once the app has
    started; the settings file and other files stay.
    """
    home = tmp_path / "home"
    settings = write_settings(home, SETTINGS)
    leftover = settings.parent / ".settings.toml.a1b2c3d4.tmp"
    other = settings.parent / "notes.tmp"
    for path in (leftover, other):
        path.write_text("half a save")
        old = time.time() - 3600
        os.utime(path, (old, old))
    with app_running(home, tray) as app:
        assert not leftover.exists(), app.output()
        assert other.exists()
        assert settings.read_text(encoding="utf-8") == SETTINGS

