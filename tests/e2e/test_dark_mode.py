"""The real app follows the desktop's dark preference live: a portal on a private session
bus (python-dbusmock) switches the colour scheme, and the open status window follows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.desktop.appearance.portal_mock import mock_portal
from tests.desktop.conftest import private_bus
from tests.e2e.conftest import SHOTS, RunningApp, app_running
from tests.support.waits import WAIT_S
from tests.support.xserver import XServer, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.dbus]


def _window_lightness(app: RunningApp, window: str, name: str) -> int:
    """The lightness (0–255) of the window's background near its top-left corner, from a
    screenshot of it (kept for people to look at).
    """
    path = SHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    app.server.run("import", "-window", window, str(path))
    image = QImage(str(path))
    assert not image.isNull(), f"cannot read {path}"
    return image.pixelColor(4, 4).lightness()


def test_status_window_turns_dark_and_back_live(tray: XServer, tmp_path: Path) -> None:
    """With the portal saying "prefer dark" the window is dark; switching to "prefer light"
    turns the open window light without a restart.
    """
    with private_bus() as bus, mock_portal(bus.address, scheme=1) as portal, \
            app_running(tmp_path / "home", tray, 'reminder_interval = "30m"\n',
                        {"DBUS_SESSION_BUS_ADDRESS": bus.address}) as app:
        assert app.cli("show").returncode == 0, app.output()
        found = wait_for(lambda: app.windows("^deskbreath$"), timeout=WAIT_S,
                         what="the status window")
        assert isinstance(found, list)
        window = found[0]
        wait_for(lambda: _window_lightness(app, window, "dark-mode-window-dark") < 100,
                 timeout=WAIT_S, what="the window to be dark")

        portal.set_color_scheme(2)
        wait_for(lambda: _window_lightness(app, window, "dark-mode-window-light") > 180,
                 timeout=WAIT_S, what="the window to turn light")

    assert "using a dark palette" in app.output()
    assert "back to the theme's palette" in app.output()
