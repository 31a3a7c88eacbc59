"""The PySide6 source-caching workaround: modules imported afterwards leave no source text
behind, and PySide6 still gets its answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_app_imports_leave_linecache_empty() -> None:
    """After the fix, importing the whole app caches no module sources (it cached ~190)."""
    code = (
        "import linecache, sys\n"
        "from deskbreath.startup import stop_source_caching\n"
        "assert stop_source_caching()\n"
        "import deskbreath.app, deskbreath.qt.windows.prompt, deskbreath.qt.settings.dialog\n"
        "print(len(linecache.cache))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO, env={"QT_QPA_PLATFORM": "offscreen",
                                                     "PATH": "/usr/bin:/bin"})
    assert int(done.stdout.strip()) < 10


def test_replacement_answers_like_pyside() -> None:
    """The replacement still tells modules that use PySide6 from those that do not."""
    code = (
        "import sys\n"
        "from deskbreath.startup import stop_source_caching\n"
        "stop_source_caching()\n"
        "import deskbreath.qt.tray.menu, deskbreath.core.durations\n"
        "f = sys.modules['shibokensupport.feature']\n"
        "print(f._mod_uses_pyside(sys.modules['deskbreath.qt.tray.menu']),"
        " f._mod_uses_pyside(sys.modules['deskbreath.core.durations']),"
        " f._mod_uses_pyside(sys))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO, env={"QT_QPA_PLATFORM": "offscreen",
                                                     "PATH": "/usr/bin:/bin"})
    assert done.stdout.split() == ["True", "False", "False"]
