"""Guard against the PySide6 6.12.0 regression that made every signal emit drop a reference
to ``True`` (Python 3.11 then aborts with "bool_dealloc" after a few thousand emits).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(object)
    ticked = Signal()


def test_signal_emits_keep_reference_counts() -> None:
    """Ten thousand emits leave the reference count of True where it was."""
    emitter = _Emitter()
    received: list[object] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(10_000):
        emitter.changed.emit(number)
        emitter.ticked.emit()
    assert len(received) == 10_000
    assert abs(sys.getrefcount(True) - before) < 100
