"""The freedesktop.org ecosystem's own validators: ``desktop-file-validate`` and
``appstreamcli``. Missing tools follow the suite's rule (``tests/support/services.py``):
fail in CI, skip elsewhere naming the Debian package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.support.services import require_tools


def desktop_file_problems(path: Path) -> list[str]:
    """What ``desktop-file-validate`` (Debian ``desktop-file-utils``) says about ``path``:
    its error, warning and hint lines (none for a clean file).
    """
    require_tools("desktop-file-validate")
    done = subprocess.run([str(shutil.which("desktop-file-validate")), str(path)],
                          capture_output=True, text=True, check=False, timeout=60)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert lines or done.returncode == 0, f"desktop-file-validate exited {done.returncode}"
    return lines


def appstream_problems(*argv: str | Path) -> list[str]:
    """The issues ``appstreamcli COMMAND --no-net --pedantic ARGS`` (Debian ``appstream``)
    reports, one line each (E: errors, W: warnings, I: infos, P: pedantic notes).
    """
    require_tools("appstreamcli")
    command, *rest = (str(arg) for arg in argv)
    done = subprocess.run([str(shutil.which("appstreamcli")), command, "--no-net", "--pedantic",
                           *rest],
                          capture_output=True, text=True, check=False, timeout=120,
                          env={**os.environ, "LC_ALL": "C.UTF-8", "NO_COLOR": "1"})
    issues = [line for line in done.stdout.splitlines() if line[:2] in ("E:", "W:", "I:", "P:")]
    assert issues or done.returncode == 0, (
        f"appstreamcli exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return issues
