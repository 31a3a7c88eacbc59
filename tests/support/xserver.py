"""Real X server helpers for end-to-end tests: Xvfb on a free display, a tray host, xdotool."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.services import require_tools
from tests.support.waits import WAIT_S


@dataclass
class XServer:
    """A running Xvfb; ``env`` is os.environ with DISPLAY pointing at it; ``process`` is the
    server itself (tests that make the X server go away end it).
    """

    display: str
    env: dict[str, str]
    process: subprocess.Popen[Any] | None = None

    def state(self) -> str:
        """Whether the server still runs, for failure messages ("running", "exited with 1")."""
        if self.process is None or self.process.poll() is None:
            return "the X server is running"
        return f"the X server exited with {self.process.returncode}"

    def run(self, *argv: str, check: bool = True) -> str:
        """Run an X client (xdotool, xwininfo, import) against this display; return stdout.

        A missing client fails the test in CI and skips it elsewhere (tests.support.services).
        """
        require_tools(argv[0])
        done = subprocess.run(
            argv, env=self.env, capture_output=True, text=True, check=check, timeout=WAIT_S
        )
        return done.stdout

    def screenshot(self, path: Path) -> Path:
        """Save the whole screen as a PNG."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.run("import", "-window", "root", str(path))
        return path


def stop_process(proc: subprocess.Popen[Any], *, timeout: float = 5) -> None:
    """Stop a process we started: terminate it if it still runs, kill it if it lingers past
    ``timeout`` seconds, close its stdout pipe; safe to call twice.
    """
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


@contextmanager
def running(argv: Sequence[str], *, env: dict[str, str] | None = None,
            **popen_args: Any) -> Iterator[subprocess.Popen[Any]]:
    """Run ``argv`` (output discarded unless ``popen_args`` say otherwise); stop it after."""
    popen_args.setdefault("stdout", subprocess.DEVNULL)
    popen_args.setdefault("stderr", subprocess.DEVNULL)
    proc: subprocess.Popen[Any] = subprocess.Popen(argv, env=env, **popen_args)
    try:
        yield proc
    finally:
        stop_process(proc)


@contextmanager
def dbus_daemon(env: dict[str, str] | None = None) -> Iterator[str]:
    """Run a private ``dbus-daemon --session`` (with ``env``); yield its address, stop it after."""
    require_tools("dbus-daemon")
    argv = ["dbus-daemon", "--session", "--nofork", "--print-address=1"]
    with running(argv, env=env, stdout=subprocess.PIPE, text=True) as daemon:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address, "dbus-daemon did not print its address"
        yield address


#: Display numbers are claimed from this range: far above where servers that search from 0
#: (``-displayfd``, compositors starting Xwayland) look.
DISPLAY_RANGE = range(200, 30_000)


def claim_display() -> tuple[int, Path]:
    """A display number nobody uses, held by its lock file ``/tmp/.X<n>-lock``.

    Why not ``Xvfb -displayfd`` alone: it writes no lock file and, while searching, briefly
    binds and then unlinks the socket path of a display that is in use, so two servers
    started at once (tests in parallel, a compositor's Xwayland) could leave a running server
    without its socket file ("cannot open display"). The lock file, created exclusively, is
    what every X server and compositor checks before taking a number.
    """
    for _ in range(200):
        number = random.choice(DISPLAY_RANGE)
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            continue
        lock = Path(f"/tmp/.X{number}-lock")
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w") as stream:
            stream.write(f"{os.getpid():>10}\n")  # the X servers' own lock file format
        return number, lock
    raise RuntimeError("no free X display number found in 200 tries")


@contextmanager
def xvfb(size: str = "1280x800x24", *, extra_args: Sequence[str] = ()) -> Iterator[XServer]:
    """Start Xvfb on a display of its own (see :func:`claim_display`) and stop it afterwards.

    The server runs with ``-nolock`` (the lock file is ours), reports through ``-displayfd``
    when it accepts clients, and runs with ``-noreset``: by default an X server resets when its
    last client disconnects, and a client connecting during the reset is refused ("cannot open
    display"; seen with trayer, whose toolkit connects twice, in 2 of 40 starts).

    Args:
        size: the screen's width x height x depth.
        extra_args: more Xvfb arguments, e.g. ``("-extension", "MIT-SCREEN-SAVER")``.
    """
    require_tools("Xvfb")
    number, lock = claim_display()
    try:
        read_fd, write_fd = os.pipe()
        argv = ["Xvfb", f":{number}", "-nolock", "-displayfd", str(write_fd), "-screen", "0",
                size, "-nolisten", "tcp", "-noreset", *extra_args]
        with running(argv, pass_fds=(write_fd,)) as process:
            os.close(write_fd)
            with os.fdopen(read_fd) as reader:
                ready = reader.readline().strip()
            if ready != str(number):
                raise RuntimeError(f"Xvfb did not start on :{number} (it said {ready!r})")
            env = dict(os.environ, DISPLAY=f":{number}")
            env.pop("WAYLAND_DISPLAY", None)
            yield XServer(display=f":{number}", env=env, process=process)
    finally:
        lock.unlink(missing_ok=True)


@contextmanager
def tray_host(server: XServer) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``trayer`` as the XEmbed system tray on ``server``.

    If trayer exits before its window appears, the failure says so at once, with what it
    printed, instead of waiting out the limit.
    """
    require_tools("trayer", "xwininfo")
    argv = ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
            "--height", "32", "--SetDockType", "true", "--transparent", "false"]
    with tempfile.TemporaryFile() as log, running(argv, env=server.env, stderr=log) as proc:

        def window_or_exit() -> bool:
            if proc.poll() is not None:
                log.seek(0)
                said = log.read().decode(errors="replace").strip()
                raise AssertionError(f"trayer exited with {proc.returncode} before its window "
                                     f"appeared on {server.display} ({server.state()}): "
                                     f"{said or 'no output'}")
            return "trayer" in server.run("xwininfo", "-root", "-tree", check=False)

        wait_for(window_or_exit, timeout=WAIT_S, what=f"trayer's window on {server.display}")
        yield proc


@contextmanager
def openbox(server: XServer, home: Path) -> Iterator[subprocess.Popen[Any]]:
    """Run openbox as the window manager of ``server`` (it sets _NET_ACTIVE_WINDOW and the
    full-screen state wmctrl asks for); its output goes to ``home/openbox.log`` and is shown
    if it exits before managing the screen.
    """
    require_tools("openbox", "xprop")
    log = home / "openbox.log"
    with log.open("w") as output, running(
            ["openbox", "--sm-disable"], env=dict(server.env, HOME=str(home)),
            stdout=output, stderr=subprocess.STDOUT) as wm:

        _wait_until_managed(server, wm, "openbox", log)
        yield wm


@contextmanager
def mutter_x11(server: XServer, home: Path) -> Iterator[subprocess.Popen[Any]]:
    """Run Mutter (GNOME's window manager) as the X11 window manager of ``server``, on a
    private session bus of its own; its output goes to ``home/mutter.log``. Mutter is the
    strict one: it refuses activation requests older than the user's last input.
    """
    require_tools("mutter", "dbus-daemon", "xprop")
    log = home / "mutter.log"
    with dbus_daemon() as address:
        env = dict(server.env, HOME=str(home), DBUS_SESSION_BUS_ADDRESS=address)
        with log.open("w") as output, running(["mutter", "--x11", "--replace"], env=env,
                                              stdout=output, stderr=subprocess.STDOUT) as wm:
            _wait_until_managed(server, wm, "mutter", log)
            yield wm


def _wait_until_managed(server: XServer, wm: subprocess.Popen[Any], name: str,
                        log: Path) -> None:
    """Wait until the window manager ``wm`` has claimed the screen (it sets
    _NET_SUPPORTING_WM_CHECK on the root window); fail with its log if it exits first.
    """

    def managed() -> bool:
        if wm.poll() is not None:
            raise AssertionError(f"{name} exited with {wm.returncode} "
                                 f"({server.state()}): {log.read_text(errors='replace')}")
        return "_NET_SUPPORTING_WM_CHECK(WINDOW)" in server.run(
            "xprop", "-root", "_NET_SUPPORTING_WM_CHECK", check=False)

    wait_for(managed, timeout=WAIT_S, what=f"{name} to manage the screen")


#: The repository's root: the focus holder runs with it on PYTHONPATH.
REPO = Path(__file__).resolve().parents[2]


@contextmanager
def focus_holder(server: XServer, typed: Path) -> Iterator[str]:
    """Run another app's text field (tests/e2e/focus_holder.py) on ``server``, which writes
    what it gets to ``typed``; yield its X window id once it is visible, stop it after.
    """
    env = dict(server.env, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(REPO))
    argv = [sys.executable, str(REPO / "tests/e2e/focus_holder.py"), str(typed)]
    with running(argv, env=env, stdout=None, stderr=None):
        found = wait_for(lambda: server.run("xdotool", "search", "--onlyvisible", "--name",
                                            "^focus-holder$", check=False).split(),
                         timeout=WAIT_S, what="the focus holder window")
        assert isinstance(found, list)
        yield found[0]


def wait_for(condition: Callable[[], object], *, timeout: float, what: str,
             interval: float = 0.1) -> object:
    """Poll ``condition`` until it returns something truthy; fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)




_GEOMETRY = re.compile(r"Absolute upper-left X:\s+(-?\d+).*?Absolute upper-left Y:\s+(-?\d+)"
                       r".*?Width:\s+(\d+).*?Height:\s+(\d+)", re.S)


def tray_icon_centre(server: XServer, name: str) -> tuple[int, int] | None:
    """Where the tray icon of the app called ``name`` sits in trayer's panel, once embedded."""
    tree = server.run("xwininfo", "-root", "-tree", check=False)
    in_panel = False
    for line in tree.splitlines():
        if '"panel"' in line and "trayer" in line:
            in_panel = True
        elif in_panel and f'"{name}"' in line:
            info = server.run("xwininfo", "-id", line.split()[0], check=False)
            match = _GEOMETRY.search(info)
            if match:
                x, y, width, height = (int(v) for v in match.groups())
                if width > 1 and height > 1:
                    return x + width // 2, y + height // 2
    return None
