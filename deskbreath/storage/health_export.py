"""CSV export of the health log: one row per event, or one row per day (RFC 4180, UTF-8).

The column names and values are identifiers, not display text, so a spreadsheet or a script
reads the same columns in every language. Times are ISO 8601 with the UTC offset the user's
clock had then.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from deskbreath.core.health import Bout, PromptEvent
from deskbreath.core.stats import Day
from deskbreath.core.stats_report import day_columns, day_row

EVENT_COLUMNS: tuple[str, ...] = (
    "type", "start", "end", "kind", "exercise", "seconds", "sitting_seconds", "reason",
    "details",
)
"""One row per record: ``type`` is ``bout`` or ``prompt``; a bout has ``start``, ``end``,
``sitting_seconds`` and its end in ``kind`` (natural-break, locked, asleep, quit); a prompt
event has ``start`` (when), ``kind``, ``exercise``, ``seconds``, ``reason`` (holds) and
``details`` (a JSON object: the exercise's parameters and answers)."""


def write_events(bouts: Iterable[Bout], events: Iterable[PromptEvent], out: TextIO) -> int:
    """Write the header and one row per bout and event, in time order; returns the rows."""
    writer = csv.DictWriter(out, EVENT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    rows: list[tuple[float, dict[str, object]]] = []
    for bout in bouts:
        rows.append((bout.start.timestamp(), {
            "type": "bout", "start": bout.start.isoformat(timespec="seconds"),
            "end": bout.end.isoformat(timespec="seconds"), "kind": bout.ended.value,
            "sitting_seconds": round(bout.sitting)}))
    for event in events:
        details = {key: list(value) if isinstance(value, tuple) else value
                   for key, value in event.details.items()}
        rows.append((event.at.timestamp(), {
            "type": "prompt", "start": event.at.isoformat(timespec="seconds"),
            "kind": event.kind.value, "exercise": event.exercise,
            "seconds": round(event.seconds, 1), "reason": event.reason or "",
            "details": json.dumps(details, ensure_ascii=False, sort_keys=True)
            if details else ""}))
    rows.sort(key=lambda pair: pair[0])
    writer.writerows(row for _, row in rows)
    return len(rows)


def write_days(days: Iterable[Day], out: TextIO, exercises: Sequence[str]) -> int:
    """Write the header and one row per day; returns the rows.

    The columns are :func:`~deskbreath.core.stats_report.day_columns`, with a column per
    exercise id in ``exercises``.
    """
    writer = csv.DictWriter(out, day_columns(exercises), lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for day in days:
        writer.writerow(day_row(day, exercises))
        count += 1
    return count
