"""The core stays Qt-free: importing it in a fresh interpreter loads no PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import deskbreath.core

QT_FREE_PACKAGES = ["deskbreath.core", "deskbreath.storage", "deskbreath.idle"]


def _modules() -> list[str]:
    names: list[str] = []
    root = Path(deskbreath.core.__file__).parent.parent
    for package in QT_FREE_PACKAGES:
        folder = root / package.split(".")[1]
        names.append(package)
        names += [f"{package}.{m.name}" for m in pkgutil.iter_modules([str(folder)])]
    return names


def test_core_storage_and_idle_import_without_pyside6() -> None:
    """Every module of core/, storage/ and idle/ imports without pulling in PySide6."""
    modules = _modules()
    assert "deskbreath.core.sitting" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=Path(deskbreath.core.__file__).parents[2])
    assert done.stdout.strip() == ""
