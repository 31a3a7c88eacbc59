"""The idle package stays Qt-free, so it can be used (and tested) without PySide6."""

from __future__ import annotations

import subprocess
import sys


def test_idle_modules_do_not_import_pyside6() -> None:
    """Importing every deskbreath.idle module in a fresh interpreter loads no PySide6."""
    code = (
        "import sys\n"
        "import deskbreath.idle.base, deskbreath.idle.x11, deskbreath.idle.wayland\n"
        "import deskbreath.idle.windows, deskbreath.idle.macos, deskbreath.idle.power_events\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)

    assert done.stdout.strip() == "[]"
