"""The real app with an administrator's settings.toml found through $XDG_CONFIG_DIRS: its
defaults and locks are in effect, `config check` says where each value comes from, and the
settings dialog shows the locked field greyed out with a tooltip naming the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desktop.conftest import private_bus
from tests.e2e.conftest import RunningApp, app_running, shot, write_settings
from tests.support.atspi import (
    ENABLED,
    SENSITIVE,
    Accessible,
    accessibility_bus,
    accessible_tree,
    find,
)
from tests.support.xserver import XServer

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.dbus]

ADMIN = """\
# Set by the IT department for every desk.
locked = ["reminder_interval"]
reminder_interval = "20m"
natural_break = "5m"
"""
INTERVAL_LABEL = "Remind me after sitting for"
BREAK_LABEL = "Time away that counts as a break"


def _with_admin_file(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A home whose user file sets the locked key, an administrator's file in a folder of
    its own, and $XDG_CONFIG_DIRS naming that folder before one with no file.
    """
    home = tmp_path / "home"
    write_settings(home, 'reminder_interval = "10m"\n')
    site_dir = tmp_path / "etc-xdg"
    site = site_dir / "deskbreath" / "settings.toml"
    site.parent.mkdir(parents=True)
    site.write_text(ADMIN, encoding="utf-8")
    return home, site, {"XDG_CONFIG_DIRS": f"{site_dir}:{tmp_path / 'usr-etc-xdg'}"}


def test_admin_defaults_and_locks_are_in_effect(tray: XServer, tmp_path: Path) -> None:
    """The administrator's locked 20 min beats the user's 10 min: the next prompt needs
    about 20 min of sitting; the app says once that the user's value is ignored; `config
    check` lists each value with its file and fails on the ignored key.
    """
    home, site, env = _with_admin_file(tmp_path)
    with app_running(home, tray, extra_env=env) as app:
        status = app.status()
        check = app.cli("config", "check")

    next_prompt = status["next_prompt"]
    assert isinstance(next_prompt, dict)
    needed = next_prompt["sitting_seconds_needed"]
    assert isinstance(needed, int | float)
    assert 1200 - 120 < needed <= 1200, f"not the administrator's 20 min: {status}"
    assert app.output().count("your value for reminder_interval is ignored") == 1
    assert check.returncode == 1
    assert f'reminder_interval = "20m"  # administrator\'s file {site} (locked)' in check.stdout
    assert f"natural_break = \"5m\"  # administrator's file {site}" in check.stdout
    assert 'day_start = "08:00"  # built-in default' in check.stdout
    assert "locked by your administrator" in check.stderr
    assert site.read_text(encoding="utf-8") == ADMIN  # never written
    assert "Traceback" not in app.output()


def _field(app: RunningApp, session: str, label: str) -> Accessible:
    """The settings dialog's text field named ``label``, once the dialog is on the
    accessibility bus.
    """
    found = app.wait_for(lambda: find(accessible_tree(session), label, "text"),
                         what=f"the field {label!r} on the accessibility bus")
    assert isinstance(found, Accessible)
    return found


def _tooltip(session: str) -> str | None:
    """The text of the tooltip on screen, if one is."""
    found = [obj.name for app in accessible_tree(session) for obj in app.walk()
             if obj.role == "tool tip"]
    return found[0] if found else None


def test_the_dialog_shows_the_locked_field_greyed_with_its_tooltip(
    tray: XServer, tmp_path: Path
) -> None:
    """In the real dialog, as a screen reader sees it, the locked interval field is
    disabled and its description names the administrator's file, while the unlocked field
    beside it is enabled; hovering the greyed field opens a tooltip that names the file.
    """
    home, site, env = _with_admin_file(tmp_path)
    with private_bus() as bus, accessibility_bus(bus.address, home / "run"):
        accessible = {"DBUS_SESSION_BUS_ADDRESS": bus.address,
                      "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
        with app_running(home, tray, extra_env=env | accessible) as app:
            assert app.cli("settings").returncode == 0, app.output()
            interval = _field(app, bus.address, INTERVAL_LABEL)
            natural_break = _field(app, bus.address, BREAK_LABEL)
            tray.run("xdotool", "mousemove", *map(str, interval.centre()))
            tooltip = app.wait_for(lambda: _tooltip(bus.address),
                                   what="a tooltip over the locked field")
            shot(tray, "admin-locked-field-tooltip")

    assert not interval.has(ENABLED)
    assert not interval.has(SENSITIVE)
    assert interval.description.startswith(
        f"Locked by your administrator in {site}; it cannot be changed here.")
    assert natural_break.has(ENABLED)
    assert natural_break.has(SENSITIVE)
    assert tooltip == (f"Locked by your administrator in {site}; it cannot be changed here.\n"
                       "How long you may sit before a prompt appears.")
