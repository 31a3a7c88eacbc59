"""The command socket costs no extra memory: no QtNetwork, no OpenSSL in the app on Linux."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

from tests.qt.ipc.conftest import PROCESS_TIMEOUT, ROOT
from tests.support.waits import WAIT_MS, WAIT_S

HEAVY = ["PySide6.QtNetwork", "hashlib", "_hashlib", "ssl"]
SERVE_AND_ASK = f"""
import sys, threading, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from deskbreath.paths import Paths
from deskbreath.qt.ipc.server import send_command
from deskbreath.qt.ipc.instance import SingleInstance

class Target:
    def show(self):
        return "shown"

app = QCoreApplication([])
root = Path(sys.argv[1])
instance = SingleInstance(Paths.under(root))
assert instance.acquire()
server = instance.serve(Target())
replies = []
client = threading.Thread(target=lambda: replies.append(
    send_command(instance.name, {{"cmd": "show"}}, {WAIT_MS})))
client.start()
deadline = time.monotonic() + {WAIT_S}
while client.is_alive() and time.monotonic() < deadline:
    app.processEvents()
    client.join(0.01)
instance.release()
print(replies[0]["message"] if replies else "no reply")
print(",".join(name for name in {HEAVY!r} if name in sys.modules))
"""


def test_serving_and_a_round_trip_load_neither_qtnetwork_nor_openssl() -> None:
    """A fresh interpreter that serves and answers one command never imports QtNetwork,
    hashlib, _hashlib or ssl (2.8 and 3.4 MiB resident a tray app cannot spare).
    """
    root = tempfile.mkdtemp(prefix="dblean-")  # short, so the socket goes in its run/ dir
    try:
        done = subprocess.run(
            [sys.executable, "-c", SERVE_AND_ASK, root], cwd=ROOT, capture_output=True,
            text=True, timeout=PROCESS_TIMEOUT, check=False,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["shown", ""]
