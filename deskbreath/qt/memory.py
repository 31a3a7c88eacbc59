"""Giving memory back to the system once a window is gone.

A closed window is deleted (``WA_DeleteOnClose`` or ``deleteLater``): its widgets, their Qt
objects and the X11 backing store go at once. What glibc's allocator then holds as free
space inside its arenas stays in the process until ``malloc_trim(0)`` hands it back, and a
tray app runs for days. So :class:`MemoryTrim` calls it once, a moment after a window was
destroyed (deferred deletions of its children have run by then).

Measured (``python -m tests.benchmarks.window_memory``, README "Footprint"): the trim gives
back 0.2–0.6 MiB after each window, and after the second and later openings of a window
everything it took. ``gc.collect()`` freed nothing measurable (the windows leave no
reference cycles), so it is not called. What a first opening leaves is not garbage: the
modules and PySide6 types it loaded, and the pages of Qt's code and the fonts it read.

Qt's pixmap cache is emptied too (``QPixmapCache.clear()``): it holds little memory (a few
icons), but while it holds anything its flush timer wakes the process every 10–30 s
(``QPMCache``, measured with an event filter on the idle app: 5 of its 7 timer events in
75 s). The app asks for one trim once start-up has settled (:meth:`MemoryTrim.request`),
so an idle app does not wake for an icon it painted once.

Only where the C library is glibc (``malloc_trim`` is a GNU extension); elsewhere, and where
ctypes cannot find it, nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QPixmapCache

log = logging.getLogger(__name__)

#: How long after a window's destruction the trim runs (its deferred deletions are over).
TRIM_DELAY_MS = 1_000
#: How long after start-up the app asks for one trim: the icon is docked and painted, the
#: composition's imports and first reads are over.
SETTLED_MS = 30_000


def glibc_trim() -> Callable[[], bool] | None:
    """``malloc_trim(0)`` of glibc as a callable, or None where there is none.

    The callable answers True when memory was given back.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int

    def call() -> bool:
        return bool(trim(0))

    return call


class MemoryTrim(QObject):
    """Empties Qt's pixmap cache and calls ``trim`` once, after a window went away.

    That is :data:`TRIM_DELAY_MS` after the last watched window was destroyed, or when
    :meth:`request` says.

    Args:
        trim: what gives memory back (:func:`glibc_trim` by default; None: nothing to do).
        parent: the Qt parent.

    Attributes:
        trims: how many times it has trimmed (for tests).
    """

    def __init__(self, trim: Callable[[], bool] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._trim = trim if trim is not None else glibc_trim()
        self.trims = 0
        self._timer = QTimer(self)
        self._timer.setObjectName("deskbreath-memory-trim")
        self._timer.setSingleShot(True)
        self._timer.setInterval(TRIM_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def watch(self, window: QObject) -> None:
        """Trim once ``window`` has been destroyed."""
        window.destroyed.connect(self._on_window_destroyed)

    def request(self, delay_ms: int = TRIM_DELAY_MS) -> None:
        """Trim once, ``delay_ms`` from now (sooner if a window goes away meanwhile)."""
        self._timer.start(delay_ms)

    def _on_window_destroyed(self) -> None:
        self._timer.start(TRIM_DELAY_MS)

    def _on_timer_timeout(self) -> None:
        QPixmapCache.clear()  # also stops the cache's flush timer (see the module docstring)
        self.trims += 1
        if self._trim is None:
            return
        gave_back = self._trim()
        log.debug("malloc_trim(0) after a window closed: %s",
                  "memory given back" if gave_back else "nothing to give back")
