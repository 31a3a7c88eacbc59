"""Sound costs the idle app nothing: the real app, in a fresh interpreter, loads no sound
module while it waits, even with tones switched on; they load when breathing starts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.waits import WAIT_S

ROOT = Path(__file__).resolve().parents[2]
SOUND_MODULES = {"deskbreath.qt.sound", "deskbreath.core.tones", "wave", "audioop",
                 "PySide6.QtMultimedia"}


@pytest.fixture
def home() -> Iterator[Path]:
    """A short private home (the socket goes in its runtime directory) with tones on."""
    root = Path(tempfile.mkdtemp(prefix="dbsnd-"))
    (root / "run").mkdir(mode=0o700)
    config = root / "config" / "deskbreath"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text("[sound]\nenabled = true\n", encoding="utf-8")
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def environment(root: Path) -> dict[str, str]:
    """The app's environment with every file under ``root``, offscreen and off the session bus."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return env | {
        "HOME": str(root), "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_RUNTIME_DIR": str(root / "run"), "XDG_STATE_HOME": str(root / "state"),
        "XDG_DATA_HOME": str(root / "data"), "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }


def modules_loaded(root: Path, *commands: tuple[str, ...]) -> set[str]:
    """Run the app with ``-X importtime``, give it ``commands`` once it answers, quit it, and
    return every module it imported.
    """
    env = environment(root)
    app = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "deskbreath"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "deskbreath", *args], env=env,
                              capture_output=True, text=True, timeout=WAIT_S, check=False)

    try:
        deadline = time.monotonic() + WAIT_S
        while cli("status").returncode != 0:
            assert app.poll() is None, f"the app exited: {app.communicate()[1][-2000:]}"
            assert time.monotonic() < deadline, "the app did not answer `status`"
        for command in commands:
            done = cli(*command)
            assert done.returncode == 0, done.stderr
        assert cli("quit").returncode == 0
        _, imports = app.communicate(timeout=WAIT_S)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    return {line.split("|")[-1].strip() for line in imports.splitlines()
            if line.startswith("import time:") and "|" in line}


def test_the_idle_app_loads_no_sound_module_even_with_tones_on(home: Path) -> None:
    """Started, asked for its status, and quit: none of the tone modules, `wave` or
    QtMultimedia was imported; starting breathing imports the tone modules, so the check
    sees them when they load.
    """
    idle = modules_loaded(home)
    breathing = modules_loaded(home, ("now", "breathing"))

    assert "deskbreath.qt.controller" in idle  # the import log is read
    assert idle & SOUND_MODULES == set()
    assert breathing & SOUND_MODULES == {"deskbreath.qt.sound", "deskbreath.core.tones", "wave"}
