"""A real KWin Wayland compositor for tests, and a client for its fake-input protocol.

KWin 5.27 (Debian package ``kwin-wayland``) serves ``ext_idle_notifier_v1`` and, with
``KWIN_WAYLAND_NO_PERMISSION_CHECKS=1``, lets any client inject input through
``org_kde_kwin_fake_input``, which resets its idle timers like a real mouse would.

Two workarounds, both found on Debian 12:

- ``/usr/bin/kwin_wayland`` carries the file capability ``cap_sys_resource``; in containers
  that refuse it, exec fails with "Operation not permitted". A plain copy (no capability)
  runs; it must keep the name ``kwin_wayland``, which KWin checks at start.
- pywayland's wheel ships no bindings for KDE's own protocols, so the fake-input client is
  generated here with pywayland's scanner from ``fake-input.xml`` (Debian package
  ``plasma-wayland-protocols``) into a temporary directory.
"""

from __future__ import annotations

import importlib.util
import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.services import require_file, require_tools
from tests.support.waits import WAIT_S
from tests.support.xserver import stop_process

FAKE_INPUT_XML = Path("/usr/share/plasma-wayland-protocols/fake-input.xml")
SOCKET_NAME = "deskbreath-test"
#: linux/input-event-codes.h
BTN_LEFT = 0x110
PRESSED, RELEASED = 1, 0
START_TIMEOUT_S = WAIT_S


@dataclass(frozen=True)
class Compositor:
    """A running KWin: its socket name, the runtime dir holding it, its log and process."""

    socket: str
    runtime_dir: Path
    log: Path
    process: subprocess.Popen[bytes]

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:]

    def stop(self) -> None:
        """Stop KWin by its PID (kill it if it lingers); safe to call twice."""
        stop_process(self.process)


def runnable_kwin(directory: Path) -> Path:
    """A copy of ``kwin_wayland`` in ``directory`` that runs where the file capability of the
    installed binary is refused (see the module docstring).
    """
    require_tools("kwin_wayland")
    installed = shutil.which("kwin_wayland")
    assert installed is not None
    directory.mkdir(parents=True, exist_ok=True)
    copy = directory / "kwin_wayland"
    shutil.copyfile(installed, copy)
    copy.chmod(0o755)
    return copy


@contextmanager
def kwin(tmp_path: Path) -> Iterator[Compositor]:
    """Run ``kwin_wayland --virtual`` with its own runtime dir, HOME and no D-Bus; stop it after.

    Args:
        tmp_path: a fresh directory; the socket path inside it must stay under 108 bytes.
    """
    runtime_dir = tmp_path / "runtime"
    runtime_dir.mkdir(mode=0o700)
    socket_path = runtime_dir / SOCKET_NAME
    assert len(os.fsencode(socket_path)) < 108, f"socket path too long: {socket_path}"
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in {"DBUS_SESSION_BUS_ADDRESS", "WAYLAND_DISPLAY", "DISPLAY",
                          "QT_QPA_PLATFORM", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                          "XDG_CACHE_HOME", "XDG_STATE_HOME"}}
    env |= {"XDG_RUNTIME_DIR": str(runtime_dir), "HOME": str(home),
            "KWIN_WAYLAND_NO_PERMISSION_CHECKS": "1"}
    argv = [str(runnable_kwin(tmp_path / "bin")), "--virtual", "--socket", SOCKET_NAME,
            "--no-lockscreen", "--no-global-shortcuts", "--no-kactivities"]
    log = tmp_path / "kwin.log"
    with log.open("wb") as log_file:
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=log_file,
                                stderr=subprocess.STDOUT)
    compositor = Compositor(SOCKET_NAME, runtime_dir, log, proc)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not socket_path.exists():
            assert proc.poll() is None, (
                f"kwin_wayland exited with {proc.returncode}:\n{compositor.log_tail()}")
            assert time.monotonic() < deadline, (
                f"kwin_wayland made no socket in {START_TIMEOUT_S} s:\n{compositor.log_tail()}")
            time.sleep(0.02)
        yield compositor
    finally:
        compositor.stop()


def fake_input_module(directory: Path) -> Any:
    """Generate pywayland bindings for ``org_kde_kwin_fake_input`` into ``directory``."""
    from pywayland.scanner.protocol import Protocol

    require_file(FAKE_INPUT_XML, "plasma-wayland-protocols")
    protocol = Protocol.parse_file(str(FAKE_INPUT_XML))
    protocol.output(str(directory), {iface.name: protocol.name for iface in protocol.interface})
    spec = importlib.util.spec_from_file_location("deskbreath_test_fake_input",
                                                  directory / "fake_input.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FakeInput:
    """A Wayland client that moves the compositor's pointer, as a user would.

    Args:
        socket: the compositor's socket name (resolved in ``XDG_RUNTIME_DIR``).
        bindings: the module :func:`fake_input_module` generated.
    """

    def __init__(self, socket: str, bindings: Any) -> None:
        from pywayland.client.display import Display

        self._display: Any = Display(socket)
        self._display.connect()
        found: dict[str, Any] = {}

        def on_global(registry: Any, name: int, interface: str, version: int) -> None:
            if interface == "org_kde_kwin_fake_input":
                found["fake_input"] = registry.bind(
                    name, bindings.OrgKdeKwinFakeInput, min(version, 4))

        registry = self._display.get_registry()
        registry.dispatcher["global"] = on_global
        self._display.roundtrip()
        assert "fake_input" in found, "the compositor offers no org_kde_kwin_fake_input"
        self._fake_input = found["fake_input"]
        self._registry = registry
        self._fake_input.authenticate("deskbreath tests", "simulate a user moving the mouse")
        self._direction = 1.0

    def move_pointer(self) -> None:
        """Move the pointer a few pixels (back and forth, so it never sticks at an edge)."""
        self._direction = -self._direction
        self._fake_input.pointer_motion(5.0 * self._direction, 5.0 * self._direction)
        self._display.roundtrip()

    def click_at(self, x: int, y: int) -> None:
        """Move the pointer to (x, y) in compositor coordinates and click the left button."""
        self._fake_input.pointer_motion_absolute(float(x), float(y))
        self._fake_input.button(BTN_LEFT, PRESSED)
        self._fake_input.button(BTN_LEFT, RELEASED)
        self._display.roundtrip()

    def close(self) -> None:
        self._display.disconnect()


def wait_for(source: Any, done: Callable[[float | None], bool],
             timeout_s: float) -> float | None:
    """Ask ``source.idle_seconds()`` until ``done(answer)``; sleep in select on its socket.

    Returns the last answer (the caller asserts on it, so a timeout shows the value).
    """
    deadline = time.monotonic() + timeout_s
    answer: float | None = source.idle_seconds()
    while not done(answer) and time.monotonic() < deadline:
        select.select([source.fileno()], [], [], 0.05)
        answer = source.idle_seconds()
    return answer
