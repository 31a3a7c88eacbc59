"""The X11 idle source on a test display, as detection builds it, for tests in any folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from deskbreath.desktop.idle.x11 import X11IdleSource
from deskbreath.desktop.idle.x11_events import X11ActivityEvents
from tests.support.services import require_library
from tests.support.xserver import XServer, xvfb


@contextmanager
def xvfb_for_idle() -> Iterator[XServer]:
    """A fresh Xvfb, after checking that libXss (the X11 idle source's library) is there."""
    require_library("Xss", "libxss1")
    with xvfb() as server:
        yield server


@contextmanager
def x11_idle_with_events(display: str) -> Iterator[X11IdleSource]:
    """The X11 idle source of ``display`` with its activity events attached; closed after."""
    idle = X11IdleSource(display)
    idle.activity_events = X11ActivityEvents(display, idle.idle_seconds)
    try:
        yield idle
    finally:
        idle.close()
