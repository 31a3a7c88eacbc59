"""The settings dialog on a real X server (Xvfb): it maps, draws and takes the keyboard."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.services import require_tools
from tests.support.waits import WAIT_S
from tests.support.xserver import running, wait_for, xvfb

SHOW_DIALOG = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from deskbreath.core.settings.model import Settings
from deskbreath.qt.settings.dialog import SettingsDialog

app = QApplication(sys.argv)
dialog = SettingsDialog(Settings(), confirm=lambda question: False)
dialog.editor("reminder_interval").line_edit.setText("5s")
dialog.editor("reminder_interval").revalidate()
dialog.show()
dialog.activateWindow()
dialog.editor("natural_break").line_edit.setFocus()
QTimer.singleShot(600_000, app.quit)  # a safety net; the test stops it long before
app.exec()
"""


@pytest.mark.e2e
def test_dialog_shows_on_x_with_a_refusal(tmp_path: Path) -> None:
    """Under Xvfb the dialog maps with its title, draws, and a screenshot shows it."""
    require_tools("Xvfb", "xdotool", "import", "identify")
    root = Path(__file__).resolve().parents[2]
    with xvfb() as server:
        env = dict(server.env, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(root))
        with (tmp_path / "dialog.log").open("wb") as log, \
                running([sys.executable, "-c", SHOW_DIALOG], env=env, cwd=root,
                        stdout=log, stderr=subprocess.STDOUT):
            window = str(wait_for(
                lambda: server.run("xdotool", "search", "--onlyvisible", "--name",
                                   "^deskbreath settings$", check=False).strip(),
                timeout=WAIT_S, what="the settings dialog window",
            )).splitlines()[0]
            geometry = server.run("xdotool", "getwindowgeometry", window)
            shot = server.screenshot(tmp_path / "settings-dialog-xvfb.png")
            colours = int(server.run("identify", "-format", "%k", str(shot)))
    assert "Geometry: " in geometry
    width, height = (int(n) for n in geometry.split("Geometry: ")[1].split()[0].split("x"))
    assert width >= 540
    assert height >= 300
    assert colours > 20, "the screenshot shows a drawn dialog, not a blank screen"
