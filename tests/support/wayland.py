"""Real Wayland sessions for end-to-end tests: KWin 5.27 or Mutter 43, headless, as a KDE or
GNOME desktop runs them: with Xwayland, a session bus and a StatusNotifierItem watcher (the
tray protocol of KDE and of GNOME's AppIndicator extension).

- KWin: ``kwin_wayland --virtual [--xwayland]`` (Debian ``kwin-wayland``), started through a
  copy of the binary (see :mod:`tests.desktop.kwin`). KWin exports no Xwayland display
  name; it starts the program given on its command line with ``DISPLAY`` set once Xwayland
  is up, so a two-line script reports it. Input comes from ``org_kde_kwin_fake_input``.
- Mutter: ``mutter --headless --wayland --virtual-monitor WxH [--no-x11]`` (Debian
  ``mutter``), which logs "Using public X11 display :N" and writes an Xauthority file into
  the runtime dir. Input comes from ``org.gnome.Mutter.RemoteDesktop`` on one D-Bus
  connection held open (the session ends with the connection that made it).

Every process runs with its own runtime dir, HOME and ``dbus-daemon``, and is stopped by its
PID.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from tests.desktop.kwin import FakeInput, fake_input_module, runnable_kwin
from tests.support.services import require_tools
from tests.support.waits import WAIT_S
from tests.support.xserver import dbus_daemon, running, wait_for

WIDTH, HEIGHT = 1280, 800
SOCKET = "wl-deskbreath"
START_TIMEOUT_S = WAIT_S
#: linux/input-event-codes.h
BTN_LEFT = 0x110

#: Tools a session needs (tests.support.services names the Debian package of each).
TOOLS = {
    "kwin": ("kwin_wayland", "Xwayland", "dbus-daemon", "status-notifier-watcher", "gdbus",
             "xdotool", "xwininfo"),
    "mutter": ("mutter", "Xwayland", "dbus-daemon", "status-notifier-watcher", "gdbus",
               "xdotool", "xwininfo"),
}
DESKTOPS = {"kwin": "KDE", "mutter": "GNOME"}
_MUTTER_DISPLAY = re.compile(r"Using public X11 display (:\d+)")


@dataclass(frozen=True)
class WaylandSession:
    """A running compositor and its session services.

    Attributes:
        compositor: ``kwin`` or ``mutter``.
        runtime_dir: ``XDG_RUNTIME_DIR`` of the session (holds the Wayland socket).
        display: the Xwayland display (``:N``), or None for a session without Xwayland.
        xauthority: the Xauthority file clients need for ``display`` (Mutter), or None.
        bus_address: the session bus.
        log: the compositor's output.
    """

    compositor: str
    runtime_dir: Path
    display: str | None
    xauthority: str | None
    bus_address: str
    log: Path

    @property
    def socket(self) -> Path:
        """The Wayland socket's path."""
        return self.runtime_dir / SOCKET

    def env(self, base: Mapping[str, str]) -> dict[str, str]:
        """``base`` as a program started in this session sees it: ``WAYLAND_DISPLAY``,
        ``DISPLAY`` (and ``XAUTHORITY``) when Xwayland runs, ``XDG_SESSION_TYPE=wayland``,
        ``XDG_CURRENT_DESKTOP``, the session bus; ``QT_QPA_PLATFORM`` unset.
        """
        env = {key: value for key, value in base.items()
               if key not in {"DISPLAY", "XAUTHORITY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY"}}
        env |= {"XDG_RUNTIME_DIR": str(self.runtime_dir), "WAYLAND_DISPLAY": SOCKET,
                "XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": DESKTOPS[self.compositor],
                "DBUS_SESSION_BUS_ADDRESS": self.bus_address}
        if self.display is not None:
            env["DISPLAY"] = self.display
        if self.xauthority is not None:
            env["XAUTHORITY"] = self.xauthority
        return env

    def x11(self, *argv: str) -> str:
        """Run an X client (xdotool, xwininfo, xprop) on this session's Xwayland; its output."""
        assert self.display is not None, "this session has no Xwayland"
        done = subprocess.run(argv, env=self.env(os.environ), capture_output=True, text=True,
                              check=False, timeout=30)
        return done.stdout

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


@contextmanager
def wayland_session(compositor: str, tmp_path: Path, *,
                    xwayland: bool = True) -> Iterator[WaylandSession]:
    """Start ``compositor`` (``kwin`` or ``mutter``) headless with its session services.

    Args:
        compositor: which compositor.
        tmp_path: a fresh directory (the socket path inside it must stay under 108 bytes).
        xwayland: start Xwayland as real sessions do; False gives a Wayland-only session.
    """
    require_tools(*TOOLS[compositor])
    runtime_dir = tmp_path / "session-run"
    runtime_dir.mkdir(mode=0o700)
    assert len(os.fsencode(runtime_dir / SOCKET)) < 108, f"path too long: {runtime_dir}"
    home = tmp_path / "session-home"
    home.mkdir()
    with ExitStack() as stack:
        address = stack.enter_context(dbus_daemon())
        env = {key: value for key, value in os.environ.items()
               if key not in {"DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM",
                              "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                              "XDG_STATE_HOME"}}
        env |= {"XDG_RUNTIME_DIR": str(runtime_dir), "HOME": str(home),
                "DBUS_SESSION_BUS_ADDRESS": address}
        log = tmp_path / f"{compositor}.log"
        start = _start_kwin if compositor == "kwin" else _start_mutter
        display, xauthority = start(stack, env, tmp_path, log, xwayland=xwayland)
        session = WaylandSession(compositor, runtime_dir, display, xauthority, address, log)
        stack.enter_context(running(["status-notifier-watcher"], env=session.env(env)))
        yield session


def _wait_for_socket(proc: subprocess.Popen[Any], socket: Path, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not socket.exists():
        assert proc.poll() is None, f"compositor exited:\n{log.read_text(errors='replace')}"
        assert time.monotonic() < deadline, (
            f"no Wayland socket after {START_TIMEOUT_S} s:\n{log.read_text(errors='replace')}")
        time.sleep(0.05)


def _start_kwin(stack: ExitStack, env: dict[str, str], tmp_path: Path, log: Path, *,
                xwayland: bool) -> tuple[str | None, str | None]:
    argv = [str(runnable_kwin(tmp_path / "kwin-bin")), "--virtual", "--socket", SOCKET,
            "--width", str(WIDTH), "--height", str(HEIGHT), "--no-lockscreen",
            "--no-global-shortcuts", "--no-kactivities"]
    reported = tmp_path / "kwin-display"
    if xwayland:
        script = tmp_path / "report-display.sh"
        script.write_text(f'#!/bin/sh\nprintf "%s" "$DISPLAY" > "{reported}.part" && '
                          f'mv "{reported}.part" "{reported}"\n', encoding="utf-8")
        script.chmod(0o755)
        argv += ["--xwayland", str(script)]
    kwin_env = env | {"KWIN_WAYLAND_NO_PERMISSION_CHECKS": "1",
                      "KWIN_SCREENSHOT_NO_PERMISSION_CHECKS": "1"}
    with log.open("wb") as out:
        proc = stack.enter_context(running(argv, env=kwin_env, stdout=out,
                                           stderr=subprocess.STDOUT))
    _wait_for_socket(proc, Path(env["XDG_RUNTIME_DIR"]) / SOCKET, log)
    if not xwayland:
        return None, None
    wait_for(lambda: reported.exists() or proc.poll() is not None, timeout=START_TIMEOUT_S,
             what="KWin to start Xwayland")
    assert proc.poll() is None, f"kwin_wayland exited:\n{log.read_text(errors='replace')}"
    return reported.read_text(encoding="utf-8").strip(), None


def _start_mutter(stack: ExitStack, env: dict[str, str], tmp_path: Path, log: Path, *,
                  xwayland: bool) -> tuple[str | None, str | None]:
    argv = ["mutter", "--headless", "--wayland", "--virtual-monitor", f"{WIDTH}x{HEIGHT}",
            "--wayland-display", SOCKET]
    if not xwayland:
        argv.append("--no-x11")
    with log.open("wb") as out:
        proc = stack.enter_context(running(argv, env=env, stdout=out, stderr=subprocess.STDOUT))
    runtime_dir = Path(env["XDG_RUNTIME_DIR"])
    _wait_for_socket(proc, runtime_dir / SOCKET, log)
    if not xwayland:
        return None, None
    found = wait_for(lambda: _MUTTER_DISPLAY.search(log.read_text(errors="replace"))
                     or proc.poll() is not None, timeout=START_TIMEOUT_S,
                     what="Mutter to report its Xwayland display")
    assert isinstance(found, re.Match), f"mutter exited:\n{log.read_text(errors='replace')}"
    auth = sorted(runtime_dir.glob(".mutter-Xwaylandauth.*"))
    return found.group(1), str(auth[0]) if auth else None


class UserInput(Protocol):
    """A user at the keyboard and mouse, as the compositor sees one."""

    def move_pointer(self) -> None:
        """Move the pointer a few pixels (activity that resets idle time)."""
        ...

    def click_at(self, x: int, y: int) -> None:
        """Click the left button at (x, y) in compositor coordinates."""
        ...

    def close(self) -> None: ...


class MutterInput:
    """Pointer input through ``org.gnome.Mutter.RemoteDesktop`` on a connection of our own.

    Mutter's absolute motion needs a screen-cast stream; a relative move far beyond the
    top-left corner pins the pointer at (0, 0) first (virtual devices get no acceleration).
    """

    def __init__(self, bus_address: str) -> None:
        from PySide6.QtDBus import QDBusConnection

        self._name = f"deskbreath-remote-desktop-{id(self)}"
        self._bus = QDBusConnection.connectToBus(bus_address, self._name)
        assert self._bus.isConnected(), f"cannot connect to {bus_address}"
        from deskbreath.desktop.dbus import unwrap

        # Mutter claims its D-Bus names one by one while it starts; on a loaded machine the
        # session can be up before RemoteDesktop is: wait for that name (a condition).
        interface = self._bus.interface()
        wait_for(lambda: interface.isServiceRegistered("org.gnome.Mutter.RemoteDesktop").value(),
                 timeout=WAIT_S, what="Mutter's org.gnome.Mutter.RemoteDesktop", interval=0.05)

        reply = self._call("/org/gnome/Mutter/RemoteDesktop", "org.gnome.Mutter.RemoteDesktop",
                           "CreateSession")
        self._session = str(unwrap(reply[0]))
        self._call(self._session, SESSION, "Start")
        self._direction = 1.0

    def _call(self, path: str, interface: str, method: str, *args: object) -> list[object]:
        from deskbreath.desktop.dbus import call

        return call(self._bus, "org.gnome.Mutter.RemoteDesktop", path, interface, method,
                    *args, timeout_ms=5000)

    def move_pointer(self) -> None:
        self._direction = -self._direction
        self._call(self._session, SESSION, "NotifyPointerMotionRelative",
                   5.0 * self._direction, 5.0 * self._direction)

    def click_at(self, x: int, y: int) -> None:
        self._call(self._session, SESSION, "NotifyPointerMotionRelative", -1e5, -1e5)
        self._call(self._session, SESSION, "NotifyPointerMotionRelative", float(x), float(y))
        self._call(self._session, SESSION, "NotifyPointerButton", BTN_LEFT, True)
        self._call(self._session, SESSION, "NotifyPointerButton", BTN_LEFT, False)

    def close(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        try:
            self._call(self._session, SESSION, "Stop")
        finally:
            QDBusConnection.disconnectFromBus(self._name)


SESSION = "org.gnome.Mutter.RemoteDesktop.Session"


@contextmanager
def user_input(session: WaylandSession, bindings_dir: Path) -> Iterator[UserInput]:
    """The session's way to inject pointer input (KWin fake input, Mutter remote desktop)."""
    device: UserInput
    if session.compositor == "kwin":
        device = FakeInput(str(session.socket), fake_input_module(bindings_dir))
    else:
        device = MutterInput(session.bus_address)
    try:
        yield device
    finally:
        device.close()


def window_geometry(session: WaylandSession, window: str) -> tuple[int, int, int, int]:
    """(x, y, width, height) of an X window on the session's Xwayland, from xwininfo."""
    info = session.x11("xwininfo", "-id", window)
    values = {}
    for key in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height"):
        match = re.search(rf"{key}:\s+(-?\d+)", info)
        assert match, f"xwininfo gave no {key}:\n{info}"
        values[key] = int(match.group(1))
    return (values["Absolute upper-left X"], values["Absolute upper-left Y"], values["Width"],
            values["Height"])


def visible_windows(session: WaylandSession, name: str) -> Sequence[str]:
    """X window ids of mapped windows whose title matches the regular expression ``name``."""
    return session.x11("xdotool", "search", "--onlyvisible", "--name", name).split()
