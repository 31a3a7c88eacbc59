"""What a running process costs, read from ``/proc`` without waking it.

Memory comes from ``/proc/PID/smaps_rollup`` (RSS, PSS, and the anonymous part, which is the
heap: Python objects, Qt's caches and what the allocator keeps); CPU from ``/proc/PID/stat``
(whole process, exited threads included, in clock ticks of ``SC_CLK_TCK``); wake-ups per
thread from ``/proc/PID/task/TID/status`` (``voluntary_ctxt_switches`` +
``nonvoluntary_ctxt_switches``: a sleeping thread that wakes up and runs is switched in once).

Counting per thread, and keeping the last value seen of each thread, is what makes the total
right when threads come and go: a process-wide figure taken as "sum of the threads now" minus
"sum of the threads then" goes down, even negative, when a thread that ran exits in between.
:class:`ThreadWatch` samples once a second, so a thread that exits still counts with what it
did up to its last sample (at most a second of it can be missed, and the figure says how
many threads exited).
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Memory:
    """Resident memory of one process, in MiB."""

    rss: float
    pss: float
    anonymous: float


def memory(pid: int) -> Memory:
    """RSS, PSS and anonymous resident memory of ``pid`` (``smaps_rollup``)."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if parts and parts[0] in ("Rss:", "Pss:", "Anonymous:"):
            values[parts[0]] = int(parts[1]) / 1024
    return Memory(values["Rss:"], values["Pss:"], values["Anonymous:"])


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of the whole process so far (exited threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@dataclass(frozen=True)
class ThreadSample:
    """One thread's counters at one moment."""

    name: str
    switches: int
    cpu_ticks: int


def threads(pid: int) -> dict[int, ThreadSample]:
    """Every thread of ``pid`` now, by thread id (threads that exit while read are left out)."""
    found: dict[int, ThreadSample] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            status = (task / "status").read_text()
            stat = (task / "stat").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        counts = {key: int(value) for key, _, value in
                  (line.partition(":") for line in status.splitlines())
                  if key in ("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")}
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        ticks = stat.rsplit(")", 1)[1].split()
        found[int(task.name)] = ThreadSample(
            name, sum(counts.values()), int(ticks[11]) + int(ticks[12]))
    return found


@dataclass
class ThreadFigure:
    """What one thread did during a watch: wake-ups and CPU ticks, and whether it came or
    went meanwhile.
    """

    name: str
    switches: int = 0
    cpu_ticks: int = 0
    started: bool = False
    exited: bool = False


@dataclass
class WatchResult:
    """Per-thread wake-ups and CPU over ``seconds``; the process's own CPU beside them."""

    seconds: float
    threads: dict[int, ThreadFigure] = field(default_factory=dict)
    process_cpu_seconds: float = 0.0

    @property
    def wakeups_per_second(self) -> float:
        return sum(t.switches for t in self.threads.values()) / self.seconds

    @property
    def cpu_per_minute(self) -> float:
        return self.process_cpu_seconds / self.seconds * 60

    def by_name(self) -> dict[str, ThreadFigure]:
        """Threads with the same name summed (Qt names its threads; pools repeat names)."""
        merged: dict[str, ThreadFigure] = {}
        for figure in self.threads.values():
            total = merged.setdefault(figure.name, ThreadFigure(figure.name))
            total.switches += figure.switches
            total.cpu_ticks += figure.cpu_ticks
            total.started |= figure.started
            total.exited |= figure.exited
        return merged


class ThreadWatch:
    """Samples every thread of ``pid`` once a second from a thread of this process.

    Use: ``with ThreadWatch(pid) as watch: time.sleep(60)``, then ``watch.result``.
    """

    def __init__(self, pid: int, interval: float = 1.0) -> None:
        self._pid = pid
        self._interval = interval
        self._stop = threading.Event()
        self._first: dict[int, ThreadSample] = {}
        self._last: dict[int, ThreadSample] = {}
        self._gone: set[int] = set()
        self._thread = threading.Thread(target=self._run, name="thread-watch", daemon=True)
        self._started_at = 0.0
        self.result = WatchResult(0.0)

    def __enter__(self) -> ThreadWatch:
        self._first = threads(self._pid)
        self._last = dict(self._first)
        self._cpu_before = cpu_seconds(self._pid)
        self._started_at = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        seconds = time.monotonic() - self._started_at
        result = WatchResult(seconds, process_cpu_seconds=cpu_seconds(self._pid)
                             - self._cpu_before)
        for tid, last in self._last.items():
            first = self._first.get(tid)
            base = first or ThreadSample(last.name, 0, 0)
            result.threads[tid] = ThreadFigure(
                last.name, last.switches - base.switches, last.cpu_ticks - base.cpu_ticks,
                started=first is None, exited=tid in self._gone)
        self.result = result

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._sample()

    def _sample(self) -> None:
        now = threads(self._pid)
        for tid in self._last:
            if tid not in now:
                self._gone.add(tid)
        self._last.update(now)
