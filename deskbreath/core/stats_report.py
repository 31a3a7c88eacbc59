"""The statistics as data: the ``deskbreath stats --json`` document and the CSV rows.

The document is stable; the CSV export has one row per day. Identifiers only; the words
people read are in :mod:`deskbreath.core.wording`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from deskbreath import __version__
from deskbreath.core.health import ENDINGS, EventKind
from deskbreath.core.stats import Day, Figures, Period

STATS_FORMAT = 1
"""Bumped only for incompatible changes of :func:`stats_document` (README, "stats --json")."""

def day_columns(exercises: Sequence[str]) -> tuple[str, ...]:
    """The columns of the per-day CSV export, in order.

    One per exercise id (completed exercises) after the day's sitting figures.
    """
    return ("day", "hours", "sitting_minutes", "bouts", "longest_bout_minutes",
            "average_bout_minutes", "natural_breaks", "exercise_breaks", *exercises,
            "breathing_minutes", "posture_average", "offered", "snoozed", "skipped", "stopped",
            "missed", "interrupted", "held_back", "held_back_minutes")


def figures_document(figures: Figures, exercises: Sequence[str]) -> dict[str, Any]:
    """One period's or day's figures as JSON-ready data (see the README).

    ``exercises`` are the catalogue's ids, listed even when zero (others found in the log
    follow).
    """
    prompts = {kind.value: figures.prompts.get(kind.value, 0)
               for kind in (EventKind.OFFERED, EventKind.STARTED, *ENDINGS)}
    posture = figures.posture_average
    return {
        "sitting_seconds": round(figures.sitting),
        "bouts": figures.bouts,
        "longest_bout_seconds": round(figures.longest_bout),
        "average_bout_seconds": round(figures.average_bout),
        "breaks": {"natural": figures.natural_breaks, "exercise": figures.exercise_breaks},
        "exercises_done": {exercise: figures.exercises.get(exercise, 0)
                           for exercise in _exercise_ids(figures, exercises)},
        "breathing_minutes": round(figures.breathing_minutes, 1),
        "posture_ratings": {"count": len(figures.posture_scores),
                            "average": None if posture is None else round(posture, 2)},
        "prompts": prompts,
        "held_back": {reason: {"count": hold.count, "seconds": round(hold.seconds)}
                      for reason, hold in sorted(figures.holds.items())},
    }


def stats_document(periods: Sequence[Period], days: Sequence[Day], *, now: datetime,
                   timezone: str, database: str | None,
                   exercises: Sequence[str]) -> dict[str, Any]:
    """The ``deskbreath stats --json`` document (format 1, documented in the README)."""
    return {
        "format": STATS_FORMAT,
        "version": __version__,
        "generated": now.isoformat(timespec="seconds"),
        "timezone": timezone,
        "database": database,
        "periods": [
            {"days": period.days, "first_day": period.first.isoformat(),
             "last_day": period.last.isoformat(),
             **figures_document(period.figures, exercises)}
            for period in periods
        ],
        "per_day": [
            {"day": day.day.isoformat(), "hours": day.hours,
             **figures_document(day.figures, exercises)}
            for day in days
        ],
    }


def day_row(day: Day, exercises: Sequence[str]) -> dict[str, Any]:
    """One row of the per-day CSV export (keys: :func:`day_columns`)."""
    figures = day.figures
    posture = figures.posture_average
    held = sum(hold.count for hold in figures.holds.values())
    held_seconds = sum(hold.seconds for hold in figures.holds.values())
    return {
        "day": day.day.isoformat(),
        "hours": f"{day.hours:g}",
        "sitting_minutes": f"{figures.sitting / 60:.1f}",
        "bouts": figures.bouts,
        "longest_bout_minutes": f"{figures.longest_bout / 60:.1f}",
        "average_bout_minutes": f"{figures.average_bout / 60:.1f}",
        "natural_breaks": figures.natural_breaks,
        "exercise_breaks": figures.exercise_breaks,
        **{exercise: figures.exercises.get(exercise, 0) for exercise in exercises},
        "breathing_minutes": f"{figures.breathing_minutes:.1f}",
        "posture_average": "" if posture is None else f"{posture:.2f}",
        **{kind.value: figures.prompts.get(kind.value, 0)
           for kind in (EventKind.OFFERED, EventKind.SNOOZED, EventKind.SKIPPED,
                        EventKind.STOPPED, EventKind.MISSED, EventKind.INTERRUPTED)},
        "held_back": held,
        "held_back_minutes": f"{held_seconds / 60:.1f}",
    }


def _exercise_ids(figures: Figures, exercises: Sequence[str]) -> list[str]:
    extra = sorted(set(figures.exercises) - set(exercises))
    return [*exercises, *extra]
