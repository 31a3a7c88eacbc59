"""python-dbusmock services on a private bus, and ``gdbus`` to steer them.

The mock runs under Debian's system Python (package ``python3-dbusmock``, which brings
dbus-python and PyGObject), not in the test venv: building those from PyPI needs compilers
and development headers (FIELD-NOTES). Tests talk to it over D-Bus only.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.services import require_tools, unavailable
from tests.support.waits import WAIT_S
from tests.support.xserver import running, wait_for

SYSTEM_PYTHON = "/usr/bin/python3"
MOCK = "org.freedesktop.DBus.Mock"


def require_dbusmock() -> None:
    """Fail (CI) or skip (elsewhere) unless the system Python has ``dbusmock``."""
    try:
        done = subprocess.run([SYSTEM_PYTHON, "-c", "import dbusmock"], capture_output=True,
                              timeout=WAIT_S, check=False)
    except OSError:
        unavailable("python3 with dbusmock", ["python3-dbusmock"])
    if done.returncode != 0:
        unavailable("python-dbusmock", ["python3-dbusmock"])


def gdbus(address: str, *args: str) -> str:
    """Run ``gdbus call --address ADDRESS ARGS``; return its output."""
    require_tools("gdbus")
    done = subprocess.run(["gdbus", "call", "--address", address, *args], capture_output=True,
                          text=True, timeout=WAIT_S, check=True)
    return done.stdout.strip()


def has_owner(address: str, name: str) -> bool:
    """Whether ``name`` has an owner on the bus at ``address``."""
    out = gdbus(address, "--dest", "org.freedesktop.DBus", "--object-path",
                "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.NameHasOwner", name)
    return "true" in out


@contextmanager
def dbusmock(address: str, *args: str, name: str, system: bool = False) -> Iterator[None]:
    """Run ``python3 -m dbusmock ARGS`` on the bus at ``address`` until ``name`` is owned.

    Args:
        address: the private bus.
        args: dbusmock's arguments, e.g. ``("--template", "logind")`` or
            ``(NAME, PATH, INTERFACE)``.
        name: the bus name the mock owns (waited for).
        system: the mock plays the system bus (``--system``; the template's bus).
    """
    require_dbusmock()
    env = {"DBUS_SESSION_BUS_ADDRESS": address, "DBUS_SYSTEM_BUS_ADDRESS": address,
           "PATH": "/usr/bin:/bin"}
    argv = [SYSTEM_PYTHON, "-m", "dbusmock", *(["--system"] if system else []), *args]
    with running(argv, env=env):
        wait_for(lambda: has_owner(address, name), timeout=WAIT_S,
                 what=f"dbusmock to own {name}")
        yield


def mock_call(address: str, name: str, path: str, method: str, *args: str) -> str:
    """Call a method of dbusmock's control interface (``AddProperty``, ``EmitSignal``, …)."""
    return gdbus(address, "--dest", name, "--object-path", path, "--method",
                 f"{MOCK}.{method}", *args)
