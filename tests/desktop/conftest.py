"""Fixtures for the idle backends: Xvfb, private D-Bus buses with test services, and KWin."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection

from deskbreath.desktop.dbus import call
from tests.desktop.kwin import Compositor, FakeInput, fake_input_module, kwin
from tests.support.services import require_library
from tests.support.x11_idle import xvfb_for_idle
from tests.support.xserver import XServer, dbus_daemon, stop_process, xvfb

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def xserver() -> Iterator[XServer]:
    """A fresh Xvfb display, and libXss for the X11 idle backend that reads it."""
    with xvfb_for_idle() as server:
        yield server


@pytest.fixture
def xserver_without_screensaver() -> Iterator[str]:
    """An Xvfb display started with the MIT-SCREEN-SAVER extension disabled; yields its name."""
    require_library("Xss", "libxss1")
    with xvfb(extra_args=("-extension", "MIT-SCREEN-SAVER")) as server:
        yield server.display


@dataclass
class PrivateBus:
    """A dbus-daemon of our own; ``connect()`` gives this test process a QtDBus connection."""

    address: str
    _connections: list[str] = field(default_factory=list)
    _services: list[subprocess.Popen[str]] = field(default_factory=list)

    def connect(self) -> QDBusConnection:
        name = f"deskbreath-test-{id(self)}-{len(self._connections)}"
        self._connections.append(name)
        connection = QDBusConnection.connectToBus(self.address, name)
        assert connection.isConnected(), f"cannot connect to {self.address}"
        return connection

    def start_fake_desktop(self, *names: str) -> None:
        """Run tests/desktop/dbus_service.py owning ``names`` and wait until it serves."""
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.desktop.dbus_service", self.address,
             "org.deskbreath.FakeDesktop", *names],
            cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True,
        )
        self._services.append(proc)
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line == "ready", f"fake desktop did not start: {line!r}"

    def control(self, method: str, *args: object) -> None:
        """Steer the fake desktop through its org.deskbreath.TestControl interface."""
        connection = self.connect()
        call(connection, "org.deskbreath.FakeDesktop", "/control", "org.deskbreath.TestControl",
             method, *args, timeout_ms=5000)

    def stop(self) -> None:
        for name in self._connections:
            QDBusConnection.disconnectFromBus(name)
        for proc in self._services:
            stop_process(proc)


@contextmanager
def private_bus() -> Iterator[PrivateBus]:
    """Start ``dbus-daemon --session`` on a fresh socket; stop it and its services after."""
    with dbus_daemon() as address:
        bus = PrivateBus(address)
        try:
            yield bus
        finally:
            bus.stop()


@pytest.fixture
def session_bus(qapp: QCoreApplication) -> Iterator[PrivateBus]:
    """A private bus playing the session bus."""
    with private_bus() as bus:
        yield bus


@pytest.fixture
def system_bus(qapp: QCoreApplication) -> Iterator[PrivateBus]:
    """A second private bus playing the system bus (logind lives there)."""
    with private_bus() as bus:
        yield bus


@pytest.fixture
def kwin_compositor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Compositor]:
    """A real KWin Wayland compositor; this process's XDG_RUNTIME_DIR points at its socket."""
    with kwin(tmp_path) as compositor:
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(compositor.runtime_dir))
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        yield compositor


@pytest.fixture(scope="session")
def fake_input_bindings(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Pywayland bindings for org_kde_kwin_fake_input, generated once per run."""
    return fake_input_module(tmp_path_factory.mktemp("fake_input"))


@pytest.fixture
def fake_input(kwin_compositor: Compositor, fake_input_bindings: Any) -> Iterator[FakeInput]:
    """A client that injects pointer motion into ``kwin_compositor``."""
    client = FakeInput(kwin_compositor.socket, fake_input_bindings)
    try:
        yield client
    finally:
        client.close()
