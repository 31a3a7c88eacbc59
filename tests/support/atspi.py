"""The accessibility tree of a running app, as a screen reader sees it (AT-SPI on Linux).

:func:`accessibility_bus` starts the AT-SPI bus launcher on a private session bus; an app
started on that bus with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` registers its widgets there,
and :func:`accessible_tree` reads them back (through ``atspi_dump.py`` and the system's
python3, whose dbus-python the project's environment does not have).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.services import require_file
from tests.support.waits import WAIT_S
from tests.support.xserver import running

LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = Path("/usr/bin/python3")
DUMP = Path(__file__).with_name("atspi_dump.py")

#: AT-SPI state bits (at-spi2-core ``AtspiStateType``).
ENABLED = 8
SENSITIVE = 24
SHOWING = 25


@dataclass
class Accessible:
    """One object of the tree: what a screen reader is told about a widget."""

    name: str
    role: str
    description: str
    states: int
    extents: tuple[int, int, int, int] | None
    children: list[Accessible] = field(default_factory=list)

    def has(self, state: int) -> bool:
        """Whether the state bit ``state`` (e.g. :data:`ENABLED`) is set."""
        return bool(self.states >> state & 1)

    def walk(self) -> Iterator[Accessible]:
        """This object and every descendant, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def centre(self) -> tuple[int, int]:
        """The middle of the object on screen."""
        assert self.extents is not None, f"{self.name!r} has no place on screen"
        x, y, width, height = self.extents
        return x + width // 2, y + height // 2


def _accessible(raw: dict[str, Any]) -> Accessible:
    extents = raw["extents"]
    return Accessible(raw["name"], raw["role"], raw["description"], raw["states"],
                      tuple(extents) if extents else None,
                      [_accessible(child) for child in raw["children"]])


@contextmanager
def accessibility_bus(session_address: str, runtime_dir: Path) -> Iterator[None]:
    """Run the AT-SPI bus launcher (and through it the registry) for ``session_address``;
    its socket goes below ``runtime_dir``, away from the real session's.
    """
    require_file(LAUNCHER, "at-spi2-core")
    require_file(SYSTEM_PYTHON, "python3-dbus")
    runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # else it uses ~/.cache
    env = {"DBUS_SESSION_BUS_ADDRESS": session_address, "XDG_RUNTIME_DIR": str(runtime_dir),
           "PATH": "/usr/bin:/bin"}
    with running([str(LAUNCHER), "--launch-immediately"], env=env,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
        yield


def accessible_tree(session_address: str) -> list[Accessible]:
    """Every application on the accessibility bus, with all its objects."""
    done = subprocess.run([str(SYSTEM_PYTHON), str(DUMP), session_address], capture_output=True,
                          text=True, check=False, timeout=WAIT_S)
    assert done.returncode == 0, f"reading the AT-SPI tree failed: {done.stderr}"
    return [_accessible(app) for app in json.loads(done.stdout)]


def find(apps: list[Accessible], name: str, role: str) -> Accessible | None:
    """The first object named ``name`` with role ``role``, or None."""
    return next((obj for app in apps for obj in app.walk()
                 if obj.name == name and obj.role == role), None)
