"""Print the accessibility (AT-SPI) tree of every application as JSON, for the tests.

Run with the system's python3 (Debian ``python3-dbus``, which ``python3-dbusmock`` brings):
``python3 atspi_dump.py SESSION_BUS_ADDRESS``. It asks the session bus for the
accessibility bus (``org.a11y.Bus.GetAddress``) and walks the registry's applications
through ``org.a11y.atspi.Accessible``: name, description, role, the state set (the two
32-bit words as one number) and, for visible components, the extents on screen.
"""

from __future__ import annotations

import contextlib
import json
import sys
from typing import Any

import dbus  # type: ignore[import-not-found]  # the system python's, not the project's

ACCESSIBLE = "org.a11y.atspi.Accessible"
COMPONENT = "org.a11y.atspi.Component"
SCREEN = 0  # ATSPI_COORD_TYPE_SCREEN


def node(bus: Any, name: str, path: str, depth: int = 0) -> dict[str, Any]:
    """The accessible at ``path`` of ``name`` and its children (40 levels at most), as JSON data."""
    proxy = bus.get_object(name, path, introspect=False)
    accessible = dbus.Interface(proxy, ACCESSIBLE)
    properties = dbus.Interface(proxy, "org.freedesktop.DBus.Properties")
    low, high = accessible.GetState()
    found: dict[str, Any] = {
        "name": str(properties.Get(ACCESSIBLE, "Name")),
        "description": str(properties.Get(ACCESSIBLE, "Description")),
        "role": str(accessible.GetRoleName()),
        "states": int(low) | (int(high) << 32),
        "extents": None,
        "children": [],
    }
    with contextlib.suppress(dbus.exceptions.DBusException):  # not a component (the app)
        found["extents"] = [int(v) for v in
                            dbus.Interface(proxy, COMPONENT).GetExtents(dbus.UInt32(SCREEN))]
    if depth < 40:
        found["children"] = [node(bus, str(n), str(p), depth + 1)
                             for n, p in accessible.GetChildren()]
    return found


def main(session_address: str) -> None:
    """Print the AT-SPI tree of every application on the session bus as JSON."""
    session = dbus.bus.BusConnection(session_address)
    address = session.get_object("org.a11y.Bus", "/org/a11y/bus").GetAddress(
        dbus_interface="org.a11y.Bus")
    bus = dbus.bus.BusConnection(str(address))
    root = bus.get_object("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root",
                          introspect=False)
    apps = dbus.Interface(root, ACCESSIBLE).GetChildren()
    json.dump([node(bus, str(n), str(p)) for n, p in apps], sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
