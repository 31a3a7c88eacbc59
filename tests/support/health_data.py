"""Generated health log data: plausible working days of bouts and prompt events, from a seed
(for the window tests, the screenshots and the benchmark's "a year of data").
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from deskbreath.core.health import Bout, BoutEnd, EventKind, PromptEvent, Record
from deskbreath.storage.health_log import HealthLog

EXERCISES = ("breathing", "rotation", "posture")
HOLD_REASONS = ("fullscreen", "microphone", "do-not-disturb", "camera")


def day_records(day: date, tz: tzinfo, rng: random.Random, events: int = 30, *,
                quiet_weekends: bool = True) -> list[Record]:
    """One working day: bouts from 08:30 on, and about ``events`` records (bouts, offers,
    starts, endings with details, holds). Weekends are quiet (a third) if so asked.
    """
    if quiet_weekends and day.weekday() >= 5:
        events //= 3
    records: list[Record] = []
    moment = datetime.combine(day, time(8, 30), tzinfo=tz)
    produced = 0
    exercise_index = 0
    while produced < events:
        length = rng.uniform(25, 75) * 60
        end = moment + timedelta(seconds=length)
        ended = rng.choice((BoutEnd.NATURAL_BREAK, BoutEnd.NATURAL_BREAK, BoutEnd.LOCKED))
        records.append(Bout(moment, end, length * rng.uniform(0.75, 0.95), ended))
        produced += 1
        at = moment + timedelta(seconds=length * 0.8)
        exercise = EXERCISES[exercise_index % 3]
        exercise_index += 1
        if rng.random() < 0.2:
            reason = rng.choice(HOLD_REASONS)
            records.append(PromptEvent(EventKind.HELD_BACK, at, exercise,
                                       rng.uniform(60, 900), reason))
            produced += 1
        records.append(PromptEvent(EventKind.OFFERED, at, exercise))
        produced += 1
        roll = rng.random()
        if roll < 0.6:
            records.append(PromptEvent(EventKind.STARTED, at, exercise))
            records.append(PromptEvent(EventKind.DONE, at + timedelta(minutes=2), exercise,
                                       _seconds(exercise), details=_details(exercise, rng)))
            produced += 2
        elif roll < 0.8:
            records.append(PromptEvent(EventKind.SNOOZED, at, exercise, 900.0))
            produced += 1
        else:
            records.append(PromptEvent(EventKind.SKIPPED, at, exercise))
            produced += 1
        moment = end + timedelta(minutes=rng.uniform(4, 20))
    return records


def generate(path: Path, *, last: date, days: int, tz: tzinfo, events: int = 30,
             seed: int = 7, quiet_weekends: bool = True) -> int:
    """Write ``days`` generated days ending with ``last`` into the health log at ``path``;
    returns the number of records.
    """
    rng = random.Random(seed)
    store = HealthLog(path, now=lambda: datetime.combine(last, time(18), tzinfo=tz))
    count = 0
    for offset in range(days - 1, -1, -1):
        records = day_records(last - timedelta(days=offset), tz, rng, events,
                              quiet_weekends=quiet_weekends)
        store.add_many(records)  # one transaction per day
        count += len(records)
    store.close()
    return count


def _seconds(exercise: str) -> float:
    return {"breathing": 120.0, "rotation": 95.0, "posture": 15.0}[exercise]


def _details(exercise: str, rng: random.Random) -> dict[str, str | float | int | tuple[str, ...]]:
    if exercise == "breathing":
        return {"breaths_per_minute": 6.0, "inhale_ratio": 0.4, "minutes": 2.0,
                "belly_moved_more": rng.choice(("yes", "yes", "no", "unsure"))}
    if exercise == "rotation":
        return {"turns_per_side": 5, "hold": 5.0}
    return {"fixed": ("feet", "screen"), "rating": rng.choice(("good", "fair", "fair", "poor"))}
