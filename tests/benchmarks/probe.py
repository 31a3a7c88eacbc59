"""What the benchmarks' child processes measure with: their RSS and a widget's first paint.

The child scripts (run with this checkout on PYTHONPATH) import this before they take their
baseline, so it adds nothing to what they measure. It needs only the stdlib and PySide6's
QtCore: ``chart_candidates --python`` may run it in an interpreter without deskbreath's
dependencies.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject


def rss_mib() -> float:
    """This process's resident set size in MiB (``VmRSS`` of /proc/self/status)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS line in /proc/self/status")


class FirstPaint(QObject):
    """An event filter that keeps the ``time.perf_counter()`` of the first paint it sees."""

    def __init__(self) -> None:
        """Start with no paint seen (``at`` is None)."""
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Note the time of the first paint event; let every event through."""
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.perf_counter()
        return False
