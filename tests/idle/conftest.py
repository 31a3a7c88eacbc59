"""Fixtures for the idle backends: Xvfb displays and private D-Bus buses with test services."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest

from tests.support.xserver import XServer, xvfb


@pytest.fixture
def xserver() -> Iterator[XServer]:
    """A fresh Xvfb display."""
    with xvfb() as server:
        yield server


@pytest.fixture
def xserver_without_screensaver() -> Iterator[str]:
    """An Xvfb display started with the MIT-SCREEN-SAVER extension disabled; yields its name."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-extension", "MIT-SCREEN-SAVER",
         "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as reader:
            number = reader.readline().strip()
        assert number, "Xvfb did not report a display number"
        yield f":{number}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
