"""Limits for waits in tests, and barriers for claims that something does not happen.

A wait ends as soon as its condition holds, so a generous limit costs nothing when things
work and only decides a test that is failing anyway; a tight one fails working tests on a
loaded 2-core machine. A claim that nothing happens never waits "long enough": it waits for
a barrier, an event that comes after the one that must not (or uses a fake clock).
"""

from __future__ import annotations

#: The limit for anything that should happen: a signal, a window, a process answering.
WAIT_S = 60.0
WAIT_MS = int(WAIT_S * 1000)
