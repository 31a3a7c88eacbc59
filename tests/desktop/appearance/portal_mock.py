"""A stand-in XDG Desktop Portal (Settings interface) on a private bus, by python-dbusmock.

python-dbusmock (Debian ``python3-dbusmock``) serves the object; its ``AddMethod`` gives it
``ReadOne`` (portal version 2) and ``Read`` (version 1, the value in a second variant) with
real D-Bus types (``color-scheme`` is a ``u``, as xdg-desktop-portal sends it), and a
``org.deskbreath.TestControl.SetColorScheme(u)`` that stores a new value and emits
``SettingChanged``. Everything is driven with ``dbus-send``, so it needs no Qt.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tests.support.services import require_tools, unavailable
from tests.support.waits import WAIT_S
from tests.support.xserver import running, wait_for

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SETTINGS = "org.freedesktop.portal.Settings"
CONTROL = "org.deskbreath.TestControl"
SYSTEM_PYTHON = "/usr/bin/python3"

_NOT_FOUND = ("    raise dbus.exceptions.DBusException('Requested setting not found', "
              "name='org.freedesktop.portal.Error.NotFound')\n")
_MATCH = "if (args[0], args[1]) != ('org.freedesktop.appearance', 'color-scheme'):\n"
READ_ONE = _MATCH + _NOT_FOUND + "ret = dbus.UInt32(getattr(self, 'scheme', 0))\n"
READ_V1 = (_MATCH + _NOT_FOUND +
           "ret = dbus.UInt32(getattr(self, 'scheme', 0), variant_level=2)\n")
SET_SCHEME = ("self.scheme = args[0]\n"
              f"self.EmitSignal('{SETTINGS}', 'SettingChanged', 'ssv', "
              "['org.freedesktop.appearance', 'color-scheme', dbus.UInt32(args[0])])\n")
SET_OTHER = (f"self.EmitSignal('{SETTINGS}', 'SettingChanged', 'ssv', "
             "['org.gnome.desktop.interface', 'color-scheme', dbus.String('prefer-dark')])\n")


def require_dbusmock() -> str:
    """The Python that has python-dbusmock; fail in CI, skip elsewhere, when missing."""
    require_tools("dbus-send")
    has_module = shutil.which(SYSTEM_PYTHON) is not None and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import dbusmock"], capture_output=True, check=False
    ).returncode == 0
    if not has_module:
        unavailable(f"python-dbusmock for {SYSTEM_PYTHON}", ["python3-dbusmock"])
    return SYSTEM_PYTHON


@dataclass
class MockPortal:
    """The running stand-in portal on the bus at ``address``."""

    address: str

    def send(self, interface: str, method: str, *args: str) -> str:
        """Call ``method`` with dbus-send typed ``args`` (``string:x``, ``uint32:1``)."""
        done = subprocess.run(
            ["dbus-send", f"--bus={self.address}", "--print-reply", f"--dest={PORTAL}",
             PORTAL_PATH, f"{interface}.{method}", *args],
            capture_output=True, text=True, timeout=30, check=False)
        assert done.returncode == 0, f"{method} failed: {done.stderr}"
        return done.stdout

    def set_color_scheme(self, value: int) -> None:
        """Store ``value`` (0, 1 or 2) and emit SettingChanged, as a desktop does on a switch."""
        self.send(CONTROL, "SetColorScheme", f"uint32:{value}")

    def change_other_setting(self) -> None:
        """Emit SettingChanged for another namespace (which must be ignored)."""
        self.send(CONTROL, "ChangeOther")

    def add_method(self, interface: str, name: str, in_sig: str, out_sig: str, code: str
                   ) -> None:
        self.send("org.freedesktop.DBus.Mock", "AddMethod", f"string:{interface}",
                  f"string:{name}", f"string:{in_sig}", f"string:{out_sig}", f"string:{code}")


def _owned(address: str) -> bool:
    done = subprocess.run(
        ["dbus-send", f"--bus={address}", "--print-reply", "--dest=org.freedesktop.DBus",
         "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{PORTAL}"],
        capture_output=True, text=True, timeout=30, check=False)
    return "boolean true" in done.stdout


@contextmanager
def mock_portal(address: str, *, version: int = 2, scheme: int = 0) -> Iterator[MockPortal]:
    """Serve a stand-in portal of ``version`` (1: ``Read`` only; 2: also ``ReadOne``) whose
    color-scheme starts as ``scheme``, on the bus at ``address``.
    """
    python = require_dbusmock()
    argv = [python, "-m", "dbusmock", "--session", PORTAL, PORTAL_PATH, SETTINGS]
    with running(argv, env={"DBUS_SESSION_BUS_ADDRESS": address, "PATH": "/usr/bin:/bin"}):
        wait_for(lambda: _owned(address), timeout=WAIT_S, what="the mock portal on the bus")
        portal = MockPortal(address)
        portal.add_method(CONTROL, "SetColorScheme", "u", "", SET_SCHEME)
        portal.add_method(CONTROL, "ChangeOther", "", "", SET_OTHER)
        portal.add_method(SETTINGS, "Read", "ss", "v", READ_V1)
        if version >= 2:
            portal.add_method(SETTINGS, "ReadOne", "ss", "v", READ_ONE)
        if scheme:
            portal.send(CONTROL, "SetColorScheme", f"uint32:{scheme}")
        yield portal
