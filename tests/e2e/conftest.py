"""End-to-end fixtures: a real X server with a tray host, and the real app as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.support.services import require_tools
from tests.support.waits import WAIT_S
from tests.support.xserver import (
    REPO,
    XServer,
    stop_process,
    tray_host,
    tray_icon_centre,
    wait_for,
    xvfb,
)

SHOTS = Path(os.environ.get("DESKBREATH_SHOTS", "/tmp/deskbreath-shots"))


@pytest.fixture
def xserver() -> Iterator[XServer]:
    """A fresh Xvfb, with the X clients the end-to-end tests drive it with."""
    require_tools("Xvfb", "xdotool", "xwininfo", "import", "trayer")
    with xvfb() as server:
        yield server


@pytest.fixture
def tray(xserver: XServer) -> Iterator[XServer]:
    """The X server with trayer running as the system tray."""
    with tray_host(xserver):
        yield xserver


@dataclass
class RunningApp:
    """The app under test and where its files are."""

    process: subprocess.Popen[str]
    home: Path
    server: XServer
    log: Path
    env: dict[str, str] = field(default_factory=dict)

    def output(self) -> str:
        """The app's log so far (it runs with --verbose into this file)."""
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def windows(self, name: str) -> list[str]:
        """X window ids of visible windows whose title matches ``name``."""
        out = self.server.run("xdotool", "search", "--onlyvisible", "--name", name, check=False)
        return out.split()

    def wait_for(self, condition: Callable[[], object], what: str) -> object:
        """Wait (WAIT_S at most) until ``condition()`` is truthy; on a timeout the failure
        carries whether the app still runs and its log.
        """
        try:
            return wait_for(condition, timeout=WAIT_S, what=what)
        except AssertionError as error:
            state = ("running" if self.process.poll() is None
                     else f"exited with {self.process.returncode}")
            raise AssertionError(f"{error}; the app is {state}; its output:\n"
                                 f"{self.output()}") from None

    def cli(self, *args: str, timeout: float = WAIT_S) -> subprocess.CompletedProcess[str]:
        """Run ``deskbreath ARGS`` against this instance."""
        return subprocess.run([sys.executable, "-m", "deskbreath", *args], env=self.env,
                              capture_output=True, text=True, timeout=timeout, check=False)

    def status(self) -> dict[str, Any]:
        """The app's ``status --json`` document (the command must succeed)."""
        done = self.cli("status", "--json")
        assert done.returncode == 0, done.stderr + self.output()
        document = json.loads(done.stdout)
        assert isinstance(document, dict)
        return document


def app_env(home: Path, server: XServer | None) -> dict[str, str]:
    """An environment that keeps the app's files in ``home`` and off the real session."""
    env = dict(server.env if server else os.environ)
    for name in ("DBUS_SESSION_BUS_ADDRESS", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP",
                 "XDG_SESSION_TYPE", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    runtime = home / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env |= {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        # No administrator's file unless a test writes one: not the machine's /etc/xdg.
        "XDG_CONFIG_DIRS": str(home / "etc-xdg"),
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "xcb" if server else "offscreen",
    }
    return env


def write_settings(home: Path, text: str) -> Path:
    """Write ``text`` as the user's settings.toml under ``home``; returns its path."""
    path = home / ".config" / "deskbreath" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


#: The log line that ends start-up (deskbreath/app.py).
STARTED = "deskbreath started"


def start_app(home: Path, server: XServer,
              extra_env: dict[str, str] | None = None) -> RunningApp:
    """Start ``deskbreath --verbose`` on ``server`` with its files in ``home``, output to a log."""
    env = app_env(home, server) | (extra_env or {})
    log = home / "app-output.txt"
    handle = log.open("w", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "deskbreath", "--verbose"], env=env,
                               stdout=handle, stderr=subprocess.STDOUT, text=True)
    handle.close()
    return RunningApp(process=process, home=home, server=server, log=log, env=env)


def stop_app(app: RunningApp) -> None:
    """Terminate the app if it still runs, and kill it after 10 s if it will not end."""
    stop_process(app.process, timeout=10)


@contextmanager
def app_running(home: Path, server: XServer, settings: str | None = None,
                extra_env: dict[str, str] | None = None, *,
                icon: bool = True) -> Iterator[RunningApp]:
    """The app on ``server`` with its files in ``home`` (and ``settings`` as the user's
    settings.toml, if given), its tray icon embedded unless ``icon`` is False; stopped on the
    way out, whatever the test did.
    """
    if settings is not None:
        write_settings(home, settings)
    app = start_app(home, server, extra_env)
    try:
        if icon:
            wait_for_icon(app)
        yield app
    finally:
        stop_app(app)


def wait_for_icon(app: RunningApp) -> tuple[int, int]:
    """Wait until the tray icon is embedded and the app has started (the icon comes first,
    the rest a moment later: deskbreath/launch.py); fail with the app's log otherwise.
    """
    centre = app.wait_for(lambda: tray_icon_centre(app.server, "deskbreath"),
                          what="the tray icon to embed in trayer")
    assert isinstance(centre, tuple)
    wait_for_start(app)
    return centre


def wait_for_start(app: RunningApp) -> None:
    """Wait until the app says it has started: everything built, the first decision made."""
    app.wait_for(lambda: STARTED in app.output(), what="the app to finish starting")


def shot(server: XServer, name: str) -> Path:
    """A screenshot for people to look at (kept outside the repo)."""
    return server.screenshot(SHOTS / f"{name}.png")


def keep_active(server: XServer, seconds: float, until: object = None) -> None:
    """Move the pointer a little every second (a user at the desk)."""
    deadline = time.monotonic() + seconds
    step = 0
    while time.monotonic() < deadline:
        step += 1
        server.run("xdotool", "mousemove_relative", "--", str(1 if step % 2 else -1), "0")
        if callable(until) and until():
            return
        time.sleep(1)
