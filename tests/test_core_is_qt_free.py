"""The Qt-free layers stay Qt-free when actually imported, beside the static import contract.

The contract in ``pyproject.toml`` (``[tool.importlinter]``) reads the import statements; this
test imports every module for real in a fresh interpreter, which also catches an import made
by a third-party module on our behalf.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import deskbreath

ROOT = Path(deskbreath.__file__).parent
QT_FREE_PACKAGES = ["deskbreath.core", "deskbreath.storage"]
QT_FREE_ADAPTERS = [
    "deskbreath.desktop.idle.base",
    "deskbreath.desktop.idle.x11",
    "deskbreath.desktop.idle.wayland",
    "deskbreath.desktop.idle.windows",
    "deskbreath.desktop.idle.macos",
    "deskbreath.desktop.session.events",
    "deskbreath.desktop.session_type",
    "deskbreath.desktop.offers.detect",
    "deskbreath.desktop.autostart.base",
    "deskbreath.desktop.autostart.detect",
    "deskbreath.desktop.autostart.xdg",
    "deskbreath.desktop.autostart.windows",
    "deskbreath.desktop.autostart.macos",
    "deskbreath.desktop.busy.base",
]


def _modules() -> list[str]:
    names: list[str] = []
    for package in QT_FREE_PACKAGES:
        folder = ROOT.joinpath(*package.split(".")[1:])
        names.append(package)
        names += [m.name for m in pkgutil.walk_packages([str(folder)], prefix=package + ".")]
    return names + QT_FREE_ADAPTERS


def test_qt_free_modules_import_without_pyside6_or_apscheduler() -> None:
    """Every module of core/, storage/ and the Qt-free adapters imports without pulling in
    PySide6, shiboken6 or APScheduler.
    """
    modules = _modules()
    assert "deskbreath.core.sitting" in modules
    assert "deskbreath.core.settings.schema" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules\n"
        "             if m.startswith(('PySide6', 'shiboken6', 'apscheduler')))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT.parent, timeout=120)
    assert done.stdout.strip() == ""
