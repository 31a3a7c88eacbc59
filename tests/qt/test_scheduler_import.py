"""APScheduler is imported without asyncio, OpenSSL and importlib.metadata.

That leaves them usable for anyone else, and the app keeps what it does not need at start for
later (the README's footprint relies on it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.waits import WAIT_MS, WAIT_S

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
                          check=False, timeout=2 * WAIT_S)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_scheduler_runs_jobs_without_loading_openssl() -> None:
    """In a fresh process the adapter schedules and runs a job, and asyncio, ssl, _ssl and
    importlib.metadata never load.
    """
    out = _run(
        "import sys\n"
        "from datetime import datetime\n"
        "from PySide6.QtCore import QCoreApplication, QTimer\n"
        "from deskbreath.qt.scheduler import QtJobScheduler\n"
        "app = QCoreApplication([])\n"
        "scheduler = QtJobScheduler()\n"
        "scheduler.schedule_at('job', datetime.now().astimezone(), app.quit)\n"
        f"QTimer.singleShot({WAIT_MS}, lambda: app.exit(3))\n"
        "code = app.exec()\n"
        "scheduler.shutdown()\n"
        "print(code, *(name in sys.modules for name in"
        " ('asyncio', 'ssl', '_ssl', 'importlib.metadata')))\n"
    )
    assert out == "0 False False False False"


def test_ssl_still_imports_and_works_after_the_scheduler() -> None:
    """Code that imports ssl after the scheduler gets the real module with a usable context."""
    out = _run(
        "import deskbreath.qt.scheduler\n"
        "import ssl\n"
        "print(type(ssl.create_default_context()).__name__)\n"
    )
    assert out == "SSLContext"


def test_an_already_loaded_ssl_is_left_alone() -> None:
    """When ssl and asyncio are loaded first, asyncio keeps its TLS support."""
    out = _run(
        "import sys, ssl, asyncio.sslproto\n"
        "import deskbreath.qt.scheduler\n"
        "print(asyncio.sslproto.ssl is ssl, sys.modules['ssl'] is ssl)\n"
    )
    assert out == "True True"


LAZY = ["PySide6.QtNetwork", "hashlib", "_hashlib", "ssl", "_ssl", "tomlkit", "plistlib",
        "difflib", "deskbreath.qt.tray.status_window", "deskbreath.qt.windows.prompt",
        "deskbreath.qt.settings.dialog", "deskbreath.qt.windows.diagnostics"]


def test_the_app_loads_none_of_what_it_keeps_for_later() -> None:
    """Importing the command line, the app and the command socket, as a start does, loads
    no QtNetwork or OpenSSL, and none of the windows and libraries kept for first use.
    """
    out = _run(
        "import sys\n"
        "import deskbreath.cli, deskbreath.qt.ipc.server, deskbreath.app\n"
        f"print(','.join(name for name in {LAZY!r} if name in sys.modules))\n"
    )
    assert out == ""
