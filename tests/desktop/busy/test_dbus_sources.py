"""Do not disturb and idle inhibitors read over D-Bus from real services on private buses:
python-dbusmock's logind template and generic mocks, xfconfd, dunst, and gsettings.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy import dbus_sources
from deskbreath.desktop.busy.gnome_banners import GnomeBannersSource
from tests.desktop.conftest import PrivateBus
from tests.support.dbusmock import dbusmock, gdbus, mock_call
from tests.support.services import require_file, require_tools
from tests.support.waits import WAIT_S
from tests.support.xserver import running, wait_for, xvfb

pytestmark = pytest.mark.dbus

LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
MANAGER = "org.freedesktop.login1.Manager"
XFCONFD = Path("/usr/lib/x86_64-linux-gnu/xfce4/xfconf/xfconfd")


def test_logind_block_inhibited_with_idle_holds(system_bus: PrivateBus) -> None:
    """Logind listing ``idle`` among BlockInhibited is busy; other inhibitors are not."""
    with dbusmock(system_bus.address, "--template", "logind", name=LOGIND, system=True):
        mock_call(system_bus.address, LOGIND, LOGIND_PATH, "AddProperty", MANAGER,
                  "BlockInhibited", "<'handle-power-key:sleep'>")
        source = dbus_sources.logind_idle_inhibited(system_bus.connect())
        assert source.reason is HoldReason.IDLE_INHIBITED
        assert source.is_busy() is False

        gdbus(system_bus.address, "--dest", LOGIND, "--object-path", LOGIND_PATH, "--method",
              "org.freedesktop.DBus.Properties.Set", MANAGER, "BlockInhibited",
              "<'handle-power-key:idle:sleep'>")

        assert source.is_busy() is True


def test_logind_missing_means_cannot_tell(system_bus: PrivateBus) -> None:
    """With no logind on the bus the source cannot tell, and says so."""
    source = dbus_sources.logind_idle_inhibited(system_bus.connect())

    assert source.is_busy() is None
    assert source.problem is not None
    assert "logind is not running" in source.problem


GNOME_SESSION = "org.gnome.SessionManager"


def test_gnome_session_idle_flag_holds(session_bus: PrivateBus) -> None:
    """GNOME's session manager with the idle flag (8) among InhibitedActions is busy; the
    logout flag alone (1) is not.
    """
    with dbusmock(session_bus.address, GNOME_SESSION, "/org/gnome/SessionManager",
                  GNOME_SESSION, name=GNOME_SESSION):
        mock_call(session_bus.address, GNOME_SESSION, "/org/gnome/SessionManager",
                  "AddProperty", GNOME_SESSION, "InhibitedActions", "<uint32 1>")
        source = dbus_sources.gnome_idle_inhibited(session_bus.connect())
        assert source.is_busy() is False

        gdbus(session_bus.address, "--dest", GNOME_SESSION, "--object-path",
              "/org/gnome/SessionManager", "--method", "org.freedesktop.DBus.Properties.Set",
              GNOME_SESSION, "InhibitedActions", "<uint32 9>")

        assert source.is_busy() is True


NOTIFICATIONS = "org.freedesktop.Notifications"


def test_kde_inhibited_property_holds(session_bus: PrivateBus) -> None:
    """A notification server whose Inhibited property is true (KDE Plasma's do not disturb)
    is busy; false is not.
    """
    with dbusmock(session_bus.address, "--template", "notification_daemon", name=NOTIFICATIONS):
        mock_call(session_bus.address, NOTIFICATIONS, "/org/freedesktop/Notifications",
                  "AddProperty", NOTIFICATIONS, "Inhibited", "<false>")
        source = dbus_sources.kde_inhibited(session_bus.connect())
        assert source.is_busy() is False

        gdbus(session_bus.address, "--dest", NOTIFICATIONS, "--object-path",
              "/org/freedesktop/Notifications", "--method",
              "org.freedesktop.DBus.Properties.Set", NOTIFICATIONS, "Inhibited", "<true>")

        assert source.is_busy() is True


def test_a_server_without_inhibited_cannot_tell(session_bus: PrivateBus) -> None:
    """A notification server with no Inhibited property (not Plasma) gives no answer."""
    with dbusmock(session_bus.address, "--template", "notification_daemon", name=NOTIFICATIONS):
        source = dbus_sources.kde_inhibited(session_bus.connect())

        assert source.is_busy() is None
        assert source.problem


@pytest.fixture
def dunst(session_bus: PrivateBus, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A real dunst on Xvfb serving the private session bus; yields the environment for
    ``dunstctl``.
    """
    require_tools("dunst", "dunstctl")
    with xvfb() as server:
        env = dict(server.env, DBUS_SESSION_BUS_ADDRESS=session_bus.address, HOME=str(tmp_path))
        (tmp_path / "dunstrc").write_text("[global]\n", encoding="utf-8")
        with running(["dunst", "-config", str(tmp_path / "dunstrc")], env=env):
            wait_for(lambda: "true" in gdbus(
                session_bus.address, "--dest", "org.freedesktop.DBus", "--object-path",
                "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.NameHasOwner",
                NOTIFICATIONS), timeout=WAIT_S, what="dunst on the bus")
            yield env


def test_dunst_paused_holds(session_bus: PrivateBus, dunst: dict[str, str]) -> None:
    """``dunstctl set-paused true`` is busy, ``false`` is not."""
    source = dbus_sources.dunst_paused(session_bus.connect())
    assert source.is_busy() is False

    subprocess.run(["dunstctl", "set-paused", "true"], env=dunst, check=True, timeout=WAIT_S)

    assert source.is_busy() is True
    subprocess.run(["dunstctl", "set-paused", "false"], env=dunst, check=True, timeout=WAIT_S)
    assert source.is_busy() is False


def test_xfce_do_not_disturb_holds(session_bus: PrivateBus, tmp_path: Path) -> None:
    """A real xfconfd: the key never set is off; ``/do-not-disturb`` true is busy."""
    require_tools("xfconf-query")
    require_file(XFCONFD, "xfconf")
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=session_bus.address, HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    with running([str(XFCONFD)], env=env):
        wait_for(lambda: "true" in gdbus(
            session_bus.address, "--dest", "org.freedesktop.DBus", "--object-path",
            "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.NameHasOwner",
            dbus_sources.XFCONF), timeout=WAIT_S, what="xfconfd on the bus")
        source = dbus_sources.xfce_do_not_disturb(session_bus.connect())
        assert source.is_busy() is False

        subprocess.run(["xfconf-query", "-c", "xfce4-notifyd", "-p", "/do-not-disturb", "-n",
                        "-t", "bool", "-s", "true"], env=env, check=True, timeout=WAIT_S)

        assert source.is_busy() is True


def test_gnome_show_banners_off_holds(tmp_path: Path) -> None:
    """GNOME's do not disturb (show-banners false, through a keyfile GSettings backend) is
    busy; banners on is not.
    """
    require_tools("gsettings")
    require_file(Path("/usr/share/glib-2.0/schemas/org.gnome.desktop.notifications.gschema.xml"),
                 "gsettings-desktop-schemas")
    env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=str(tmp_path))
    source = GnomeBannersSource(env)
    assert source.is_busy() is False

    subprocess.run(["gsettings", "set", "org.gnome.desktop.notifications", "show-banners",
                    "false"], env=env, check=True, timeout=WAIT_S)

    assert source.is_busy() is True
    assert (tmp_path / "glib-2.0" / "settings" / "keyfile").exists()


def test_gnome_show_banners_without_the_schema_cannot_tell(tmp_path: Path) -> None:
    """Where the GNOME schema is missing, gsettings fails and the source says why."""
    require_tools("gsettings")
    env = dict(os.environ, GSETTINGS_SCHEMA_DIR=str(tmp_path), XDG_DATA_DIRS=str(tmp_path),
               GSETTINGS_BACKEND="memory")
    source = GnomeBannersSource(env)

    assert source.is_busy() is None
    assert source.problem is not None
    assert "org.gnome.desktop.notifications" in source.problem


