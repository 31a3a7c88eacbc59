"""Statistics from the health log: per local day and per period (today, 7 days, 30 days).

Pure functions of the records, the local timezone and "today"; nothing here reads a clock.

Days are local calendar days in the given timezone (``zoneinfo``), so a daylight-saving day
has 23 or 25 hours. Sitting time belongs to the day it happened: a bout across midnight is
split between the days in proportion to the wall time it spent in each (its sitting seconds
are spread evenly over its span, the best the record allows). Longest and average bout count
each bout once, on the day it started. A break is counted on the day it began (a bout's
end); an exercise, a hold and a prompt on the day they happened.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from deskbreath.core.health import POSTURE_SCORES, Bout, BoutEnd, EventKind, PromptEvent

#: The periods the window and ``deskbreath stats`` show by default, in days.
DEFAULT_PERIODS: tuple[int, ...] = (1, 7, 30)


@dataclass(frozen=True)
class HoldFigure:
    """How often and how long prompts were held back for one reason."""

    count: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class Figures:
    """The figures of one day or one period. Seconds unless named otherwise.

    Attributes:
        sitting: sitting time (input activity) in the day or period.
        bouts: bouts that started in it.
        longest_bout: sitting time of the longest of those bouts (0 without any).
        average_bout: their average sitting time (0 without any).
        natural_breaks: bouts that ended in it by a natural break, lock or sleep.
        exercises: completed exercises per exercise id.
        breathing_minutes: minutes spent in breathing exercises (completed or not).
        posture_scores: posture self-ratings as scores (``POSTURE_SCORES``: 1 slumped,
            2 so-so, 3 well), in time order.
        prompts: prompt events per :class:`EventKind` value (offered, started, done, …).
        holds: per hold reason, count and length.
    """

    sitting: float = 0.0
    bouts: int = 0
    longest_bout: float = 0.0
    average_bout: float = 0.0
    natural_breaks: int = 0
    exercises: Mapping[str, int] = field(default_factory=dict)
    breathing_minutes: float = 0.0
    posture_scores: tuple[int, ...] = ()
    prompts: Mapping[str, int] = field(default_factory=dict)
    holds: Mapping[str, HoldFigure] = field(default_factory=dict)

    @property
    def exercise_breaks(self) -> int:
        """Completed exercises: each was a break."""
        return sum(self.exercises.values())

    @property
    def posture_average(self) -> float | None:
        """The average posture score, or None without a rating."""
        if not self.posture_scores:
            return None
        return sum(self.posture_scores) / len(self.posture_scores)


@dataclass(frozen=True)
class Day:
    """One local calendar day.

    Attributes:
        day: the date.
        hours: its length in hours (23 or 25 on a daylight-saving change).
        figures: what happened on it.
    """

    day: date
    hours: float
    figures: Figures


@dataclass(frozen=True)
class Period:
    """The last ``days`` days up to and including ``last``."""

    days: int
    first: date
    last: date
    figures: Figures


def day_bounds(day: date, tz: tzinfo) -> tuple[float, float]:
    """The POSIX timestamps at which local ``day`` starts and the next one starts."""
    start = datetime.combine(day, time(0), tzinfo=tz).timestamp()
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).timestamp()
    return start, end


def daily(bouts: Iterable[Bout], events: Iterable[PromptEvent], *, first: date, last: date,
          tz: tzinfo) -> list[Day]:
    """One :class:`Day` for each date from ``first`` to ``last`` (inclusive).

    Days without records are included (all zero).
    """
    count = (last - first).days + 1
    if count <= 0:
        return []
    builders = [_DayBuilder() for _ in range(count)]
    bounds = [day_bounds(first + timedelta(days=index), tz) for index in range(count)]

    def index_of(moment: datetime) -> int | None:
        index = (moment.astimezone(tz).date() - first).days
        return index if 0 <= index < count else None

    for bout in bouts:
        _spread_bout(bout, bounds, builders)
        started = index_of(bout.start)
        if started is not None:
            builders[started].bout_lengths.append(bout.sitting)
        ended = index_of(bout.end)
        if ended is not None and bout.ended not in (BoutEnd.QUIT, BoutEnd.UNDER_WAY):
            builders[ended].natural_breaks += 1
    for event in events:
        index = index_of(event.at)
        if index is not None:
            builders[index].add_event(event)
    return [Day(first + timedelta(days=index), (bounds[index][1] - bounds[index][0]) / 3600,
                builder.build()) for index, builder in enumerate(builders)]


def periods(days: Sequence[Day], lengths: Iterable[int] = DEFAULT_PERIODS) -> list[Period]:
    """A :class:`Period` for each length, ending with the last of ``days``.

    ``days`` must be consecutive, oldest first, as :func:`daily` gives them.
    """
    result = []
    for length in lengths:
        chosen = list(days[-length:]) if length > 0 else []
        if not chosen:
            continue
        result.append(Period(length, chosen[0].day, chosen[-1].day,
                             combine([day.figures for day in chosen])))
    return result


def combine(parts: Iterable[Figures]) -> Figures:
    """The figures of several days together."""
    sitting = 0.0
    bouts = 0
    longest = 0.0
    bout_total = 0.0
    breaks = 0
    exercises: Counter[str] = Counter()
    breathing = 0.0
    scores: list[int] = []
    prompts: Counter[str] = Counter()
    hold_counts: Counter[str] = Counter()
    hold_seconds: dict[str, float] = defaultdict(float)
    for part in parts:
        sitting += part.sitting
        bouts += part.bouts
        longest = max(longest, part.longest_bout)
        bout_total += part.average_bout * part.bouts
        breaks += part.natural_breaks
        exercises.update(part.exercises)
        breathing += part.breathing_minutes
        scores.extend(part.posture_scores)
        prompts.update(part.prompts)
        for reason, hold in part.holds.items():
            hold_counts[reason] += hold.count
            hold_seconds[reason] += hold.seconds
    return Figures(
        sitting=sitting, bouts=bouts, longest_bout=longest,
        average_bout=bout_total / bouts if bouts else 0.0, natural_breaks=breaks,
        exercises=dict(exercises), breathing_minutes=breathing, posture_scores=tuple(scores),
        prompts=dict(prompts),
        holds={reason: HoldFigure(hold_counts[reason], hold_seconds[reason])
               for reason in hold_counts},
    )


def _spread_bout(bout: Bout, bounds: Sequence[tuple[float, float]],
                 builders: Sequence[_DayBuilder]) -> None:
    start = bout.start.timestamp()
    end = max(start, bout.end.timestamp())
    span = end - start
    for (day_start, day_end), builder in zip(bounds, builders, strict=True):
        if span <= 0:
            if day_start <= start < day_end:
                builder.sitting += bout.sitting
            continue
        overlap = min(end, day_end) - max(start, day_start)
        if overlap > 0:
            builder.sitting += bout.sitting * overlap / span


class _DayBuilder:
    def __init__(self) -> None:
        self.sitting = 0.0
        self.bout_lengths: list[float] = []
        self.natural_breaks = 0
        self.exercises: Counter[str] = Counter()
        self.breathing_seconds = 0.0
        self.scores: list[tuple[datetime, int]] = []
        self.prompts: Counter[str] = Counter()
        self.hold_counts: Counter[str] = Counter()
        self.hold_seconds: dict[str, float] = defaultdict(float)

    def add_event(self, event: PromptEvent) -> None:
        self.prompts[event.kind.value] += 1
        if event.kind is EventKind.HELD_BACK:
            reason = event.reason or "unknown"
            self.hold_counts[reason] += 1
            self.hold_seconds[reason] += event.seconds
            return
        if event.kind is EventKind.DONE:
            self.exercises[event.exercise] += 1
        if event.exercise == "breathing" and event.kind in (
                EventKind.DONE, EventKind.STOPPED, EventKind.INTERRUPTED, EventKind.MISSED):
            self.breathing_seconds += event.seconds
        rating = event.details.get("rating")
        if event.exercise == "posture" and isinstance(rating, str) and rating in POSTURE_SCORES:
            self.scores.append((event.at, POSTURE_SCORES[rating]))

    def build(self) -> Figures:
        lengths = self.bout_lengths
        return Figures(
            sitting=self.sitting, bouts=len(lengths), longest_bout=max(lengths, default=0.0),
            average_bout=sum(lengths) / len(lengths) if lengths else 0.0,
            natural_breaks=self.natural_breaks, exercises=dict(self.exercises),
            breathing_minutes=self.breathing_seconds / 60.0,
            posture_scores=tuple(score for _, score in sorted(self.scores,
                                                              key=lambda pair: pair[0])),
            prompts=dict(self.prompts),
            holds={reason: HoldFigure(self.hold_counts[reason], self.hold_seconds[reason])
                   for reason in self.hold_counts},
        )
