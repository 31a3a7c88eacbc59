"""The process-wide start-up workarounds: each still works, and each is still needed.

A test named ``..._still_...`` checks the upstream behaviour a workaround exists for; when it
fails, upstream has changed and the workaround (and its test) can go. The others check that
the workaround does its job. Each runs in a fresh interpreter, since both workarounds act on
what a process imports.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: What the app imports once PySide6 is loaded (each module a source PySide6 would cache).
APP_IMPORTS = "import deskbreath.app, deskbreath.qt.windows.prompt, deskbreath.qt.settings.dialog"


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, cwd=REPO, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_pyside_still_caches_the_source_of_every_module_imported_after_it() -> None:
    """Without the workaround PySide6's import hook leaves the sources of the app's modules
    in linecache (when this fails, PySide6 stopped doing it: drop stop_source_caching).
    """
    out = _run(
        "import linecache\n"
        "import PySide6.QtCore\n"
        f"{APP_IMPORTS}\n"
        "print(len(linecache.cache))\n"
    )
    assert int(out) > 50, (
        f"only {out} sources cached: PySide6 no longer caches module sources, so "
        "deskbreath.startup.stop_source_caching is not needed any more")


def test_app_imports_leave_linecache_empty() -> None:
    """With the workaround, importing the whole app caches no module sources."""
    out = _run(
        "import linecache\n"
        "from deskbreath.startup import stop_source_caching\n"
        "assert stop_source_caching()\n"
        f"{APP_IMPORTS}\n"
        "print(len(linecache.cache))\n"
    )
    assert int(out) < 10


def test_replacement_answers_like_pyside() -> None:
    """The replacement still tells modules that use PySide6 from those that do not."""
    out = _run(
        "import sys\n"
        "from deskbreath.startup import stop_source_caching\n"
        "stop_source_caching()\n"
        "import deskbreath.qt.tray.menu, deskbreath.core.durations\n"
        "f = sys.modules['shibokensupport.feature']\n"
        "print(f._mod_uses_pyside(sys.modules['deskbreath.qt.tray.menu']),"
        " f._mod_uses_pyside(sys.modules['deskbreath.core.durations']),"
        " f._mod_uses_pyside(sys))\n"
    )
    assert out.split() == ["True", "False", "False"]


def test_apscheduler_still_imports_asyncio_and_importlib_metadata() -> None:
    """Without the workaround, importing APScheduler loads asyncio, OpenSSL and importlib.metadata.

    When this fails, APScheduler stopped doing it: drop lean_apscheduler_import.
    """
    out = _run(
        "import sys\n"
        "import apscheduler.schedulers.base\n"
        "print(*(name in sys.modules for name in ('asyncio', '_ssl', 'importlib.metadata')))\n"
    )
    assert out == "True True True", (
        f"asyncio, _ssl, importlib.metadata loaded: {out}; APScheduler no longer pulls them "
        "in, so deskbreath.startup.lean_apscheduler_import is not needed any more")


def test_apscheduler_imported_lean_leaves_the_real_modules_usable() -> None:
    """Inside the workaround APScheduler imports without asyncio, ssl or importlib.metadata.

    Afterwards each imports as the real module and works for anyone who needs it.
    """
    out = _run(
        "import sys\n"
        "from deskbreath.startup import lean_apscheduler_import\n"
        "with lean_apscheduler_import():\n"
        "    import apscheduler.schedulers.base\n"
        "print('apscheduler.schedulers.base' in sys.modules,"
        " *(name in sys.modules for name in ('asyncio', 'ssl', 'importlib.metadata')))\n"
        "import asyncio, importlib.metadata, ssl\n"
        "print(asyncio.run(asyncio.sleep(0, 'ran')), importlib.metadata.version('APScheduler'),"
        " type(ssl.create_default_context()).__name__)\n"
    )
    lines = out.splitlines()
    assert lines[0] == "True False False False"
    ran, version, context = lines[1].split()
    assert (ran, context) == ("ran", "SSLContext")
    assert version.startswith("3.")


def test_modules_loaded_before_are_left_alone() -> None:
    """When asyncio and importlib.metadata are loaded first, APScheduler gets the real ones."""
    out = _run(
        "import asyncio, importlib.metadata\n"
        "from deskbreath.startup import lean_apscheduler_import\n"
        "with lean_apscheduler_import():\n"
        "    import apscheduler, apscheduler.util\n"
        "print(apscheduler.util.iscoroutinefunction is asyncio.iscoroutinefunction,"
        " apscheduler.__version__ != '3.5.0')\n"
    )
    assert out == "True True"
