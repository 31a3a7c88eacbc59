"""The tray icon comes first: nothing before it talks to D-Bus, so a desktop service that never
answers cannot delay it, and the app still finishes starting (deskbreath/launch.py).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from tests.desktop.conftest import PrivateBus, private_bus
from tests.e2e.conftest import start_app, stop_app, wait_for_icon
from tests.support.xserver import REPO, XServer, stop_process

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

#: Every session-bus service deskbreath asks something at start-up, or would on GNOME.
SESSION_NAMES = (
    "org.gnome.Mutter.IdleMonitor", "org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver",
    "org.freedesktop.portal.Desktop", "org.freedesktop.Notifications",
    "org.gnome.SessionManager", "org.xfce.Xfconf",
)
#: And on the system bus: logind (lock and sleep, the session lookup, idle inhibitors).
SYSTEM_NAMES = ("org.freedesktop.login1",)
#: What Qt itself (its GNOME platform theme, the portal registry) and the AT-SPI bus launcher
#: ask while the QApplication is built: asynchronous calls, so the QApplication is there at
#: once although they are never answered. The claim is about deskbreath's own calls.
NOT_OURS = (
    "org.freedesktop.DBus.Properties.Get /org/freedesktop/portal/desktop",
    "org.freedesktop.portal.Settings.ReadAll ",
    "org.freedesktop.host.portal.Registry.Register ",
    "org.gnome.SessionManager.RegisterClient ",
    "org.freedesktop.DBus.Properties.GetAll /org/gnome/SessionManager",
)
_LOG_TIME = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) .*tray icon shown", re.M)


@contextmanager
def hung_services(bus: PrivateBus, names: tuple[str, ...],
                  calls: Path) -> Iterator[subprocess.Popen[str]]:
    """tests/support/hung_dbus.py owning ``names`` on ``bus``; the calls it gets go to
    ``calls``.
    """
    with calls.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.hung_dbus", bus.address, *names],
            cwd=REPO, stdout=subprocess.PIPE, stderr=log, text=True)
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line == "ready", f"the hung service did not start: {line!r}"
        try:
            yield proc
        finally:
            stop_process(proc)


def _arrivals(calls: Path) -> list[tuple[float, str]]:
    """(arrival time, "interface.member path args") of each call deskbreath made."""
    found = []
    for line in calls.read_text().splitlines():
        if not line.startswith("call "):
            continue
        _call, when, call = line.split(" ", 2)
        if not call.startswith(NOT_OURS):
            found.append((float(when), call))
    return found


def test_the_icon_docks_before_any_call_to_a_service_that_never_answers(
    tray: XServer, tmp_path: Path,
) -> None:
    """Every service deskbreath asks on a GNOME desktop owns its name and never answers:
    the icon docks, every call reaches them only after the icon was shown, and the app
    still finishes starting (with the X11 idle backend) and answers commands.
    """
    home = tmp_path / "home"
    session_calls, system_calls = tmp_path / "session-calls.txt", tmp_path / "system-calls.txt"
    with private_bus() as session, private_bus() as system, \
            hung_services(session, SESSION_NAMES, session_calls), \
            hung_services(system, SYSTEM_NAMES, system_calls):
        extra = {"DBUS_SESSION_BUS_ADDRESS": session.address,
                 "DBUS_SYSTEM_BUS_ADDRESS": system.address, "XDG_CURRENT_DESKTOP": "GNOME"}
        app = start_app(home, tray, extra_env=extra)
        try:
            wait_for_icon(app)
            status = app.cli("status", "--json")
        finally:
            stop_app(app)

        shown = _LOG_TIME.search(app.output())
        assert shown is not None, app.output()
        shown_at = datetime.strptime(shown.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
        arrivals = _arrivals(session_calls) + _arrivals(system_calls)
        members = {call.split(" ")[0] for _when, call in arrivals}
        assert "org.gnome.Mutter.IdleMonitor.GetIdletime" in members, arrivals
        assert "org.freedesktop.login1.Manager.GetSessionByPID" in members, arrivals
        early = [(when - shown_at, member) for when, member in arrivals if when < shown_at]
        assert early == [], f"called before the icon was shown: {early}"
        assert status.returncode == 0, status.stderr
        assert json.loads(status.stdout)["idle_backend"] == "X11 MIT-SCREEN-SAVER"
