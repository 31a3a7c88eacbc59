"""The freedesktop.org ecosystem's own validators, and the rule for tools a test needs.

A test that needs a tool fails under CI (``CI=true``: CI installs everything in
``.ci/system-packages.txt``) and is skipped elsewhere, with the Debian package to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def require_tool(tool: str, package: str) -> str:
    """The path of ``tool``; when it is missing, fail under CI and skip elsewhere."""
    path = shutil.which(tool)
    if path:
        return path
    message = f"{tool} is not installed (Debian package {package}, in .ci/system-packages.txt)"
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def desktop_file_problems(path: Path) -> list[str]:
    """What ``desktop-file-validate`` (Debian ``desktop-file-utils``) says about ``path``:
    its error, warning and hint lines (none for a clean file)."""
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False,
                          timeout=60)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert lines or done.returncode == 0, f"desktop-file-validate exited {done.returncode}"
    return lines


def appstream_problems(*argv: str | Path) -> list[str]:
    """The issues ``appstreamcli validate --no-net --pedantic ARGV`` (Debian ``appstream``)
    reports, one line each (E: errors, W: warnings, I: infos, P: pedantic notes)."""
    tool = require_tool("appstreamcli", "appstream")
    done = subprocess.run([tool, *map(str, argv[:1]), "--no-net", "--pedantic",
                           *map(str, argv[1:])],
                          capture_output=True, text=True, check=False, timeout=120,
                          env={**os.environ, "LC_ALL": "C.UTF-8", "NO_COLOR": "1"})
    issues = [line for line in done.stdout.splitlines() if line[:2] in ("E:", "W:", "I:", "P:")]
    assert issues or done.returncode == 0, (
        f"appstreamcli exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return issues
