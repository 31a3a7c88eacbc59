"""The autostart backends and the settings text parsers stay usable without Qt."""

from __future__ import annotations

import subprocess
import sys


def test_autostart_and_settings_text_do_not_load_pyside6() -> None:
    """Importing them in a fresh interpreter loads no PySide6 module."""
    code = (
        "import sys, deskbreath.autostart, deskbreath.settings_text; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )

    assert done.stdout.strip() == "[]"
