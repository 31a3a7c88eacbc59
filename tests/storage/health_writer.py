"""A child process for the kill -9 test: records events as fast as it can, in a loop, and
prints the count of records written after each write (``python -m tests.storage.health_writer
PATH``).
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from deskbreath.core.health import Bout, BoutEnd, EventKind, PromptEvent
from deskbreath.storage.health_log import HealthLog
from tests.fakes import START


def main() -> None:
    """Record an event and a bout at a time in ``argv[1]`` until killed, printing the count."""
    store = HealthLog(Path(sys.argv[1]), now=lambda: START)
    count = 0
    while True:
        at = START + timedelta(seconds=count)
        store.add(PromptEvent(EventKind.DONE, at, "breathing", 120.0,
                              details={"belly_moved_more": "yes", "padding": "x" * 500}))
        store.add(Bout(at, at + timedelta(seconds=60), 60.0, BoutEnd.NATURAL_BREAK))
        if store.waiting == 0:
            count += 1
            print(count, flush=True)


if __name__ == "__main__":
    main()
