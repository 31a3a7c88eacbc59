"""The breathing pacer's maths: where in the breath we are at any moment.

The Qt pacer asks :meth:`BreathPattern.phase_at` on every frame with the seconds since the
exercise started (read from the injected clock), so drawing never accumulates drift and a test
can jump to any moment with a fake clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from deskbreath.core.settings.declare import declared_type
from deskbreath.core.settings.model import BreathingSettings
from deskbreath.core.settings.types import Number

PACE = declared_type(BreathingSettings, "breaths_per_minute", Number)
"""The pace setting's type, whose limits the pattern holds a pace to."""
MIN_PHASE_SECONDS = 1.0


class Phase(StrEnum):
    """A part of one breath."""

    INHALE = "in"
    HOLD_IN = "hold-in"  # after breathing in
    EXHALE = "out"
    HOLD_OUT = "hold-out"  # after breathing out


class PhaseState(NamedTuple):
    """Where the pacer is.

    Attributes:
        phase: the current part of the breath.
        progress: 0 at the start of the phase, 1 at its end.
        seconds_left: until the phase ends.
        breath_index: 0 for the first breath.
    """

    phase: Phase
    progress: float
    seconds_left: float
    breath_index: int

    @property
    def fullness(self) -> float:
        """How full the lungs are, 0..1, eased so the shape starts and ends each phase gently."""
        eased = (1.0 - math.cos(math.pi * self.progress)) / 2.0
        if self.phase is Phase.INHALE:
            return eased
        if self.phase is Phase.EXHALE:
            return 1.0 - eased
        return 1.0 if self.phase is Phase.HOLD_IN else 0.0


@dataclass(frozen=True)
class BreathPattern:
    """One breath's timing and the session length.

    A session is a whole number of breaths (the one nearest the requested length), so it
    always ends after breathing out.
    """

    inhale: float
    exhale: float
    hold_in: float = 0.0
    hold_out: float = 0.0
    length: float = 120.0

    def __post_init__(self) -> None:
        for name in ("inhale", "exhale"):
            if getattr(self, name) < MIN_PHASE_SECONDS:
                raise ValueError(f"{name} must last at least {MIN_PHASE_SECONDS} s, "
                                 f"got {getattr(self, name)!r}")
        for name in ("hold_in", "hold_out"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative, got {getattr(self, name)!r}")
        if self.length <= 0:
            raise ValueError(f"length must be positive, got {self.length!r}")

    @classmethod
    def from_settings(cls, settings: BreathingSettings) -> BreathPattern:
        """The pattern for the user's settings.

        The pace sets the breathing itself: at 6 breaths a minute with a 0.4 inhale share,
        4 s in and 6 s out. Holds are added to that, so they never take time from breathing
        in or out: with a 2 s hold after breathing in, each breath takes 12 s (4 s in, 2 s
        hold, 6 s out), five a minute. A breath in or out never lasts less than
        :data:`MIN_PHASE_SECONDS`.
        """
        pace = min(max(settings.breaths_per_minute, PACE.minimum), PACE.maximum)
        breathing = 60.0 / pace
        ratio = min(max(settings.inhale_ratio, 0.2), 0.8)
        inhale = min(max(MIN_PHASE_SECONDS, breathing * ratio), breathing - MIN_PHASE_SECONDS)
        return cls(
            inhale=inhale,
            exhale=breathing - inhale,
            hold_in=max(0.0, settings.hold_after_inhale),
            hold_out=max(0.0, settings.hold_after_exhale),
            length=settings.length,
        )

    # The pacer asks phase_at on every display frame: the figures it needs are worked out
    # once per pattern (cached_property stores them beside the frozen fields).

    @cached_property
    def period(self) -> float:
        """Seconds per breath."""
        return self.inhale + self.hold_in + self.exhale + self.hold_out

    @cached_property
    def breaths(self) -> int:
        """Whole breaths in the session: the number nearest the requested length."""
        return max(1, round(self.length / self.period))

    @property
    def per_minute(self) -> float:
        """Breaths a minute, holds included."""
        return 60.0 / self.period

    @cached_property
    def total(self) -> float:
        """Seconds in the whole session (whole breaths)."""
        return self.breaths * self.period

    @cached_property
    def _phases(self) -> tuple[tuple[Phase, float], ...]:
        parts = ((Phase.INHALE, self.inhale), (Phase.HOLD_IN, self.hold_in),
                 (Phase.EXHALE, self.exhale), (Phase.HOLD_OUT, self.hold_out))
        return tuple((phase, seconds) for phase, seconds in parts if seconds > 0)

    def phases(self) -> tuple[tuple[Phase, float], ...]:
        """The phases of one breath with their lengths, skipping holds of zero."""
        return self._phases

    def finished(self, elapsed: float) -> bool:
        """True once ``elapsed`` seconds reach the end of the session (:attr:`total`)."""
        return elapsed >= self.total

    def phase_at(self, elapsed: float) -> PhaseState:
        """Where the session is ``elapsed`` seconds in, clamped to its first and last moments.

        That is the phase, its progress, the seconds left in it and the breath number.
        """
        if elapsed >= self.total:
            last_phase, _ = self.phases()[-1]
            return PhaseState(last_phase, 1.0, 0.0, self.breaths - 1)
        elapsed = max(0.0, elapsed)
        breath_index, into = divmod(elapsed, self.period)
        for phase, seconds in self._phases:
            if into < seconds:
                return PhaseState(phase, into / seconds, seconds - into, int(breath_index))
            into -= seconds
        # Floating-point remainder at the very end of a breath.
        last_phase, _ = self.phases()[-1]
        return PhaseState(last_phase, 1.0, 0.0, int(breath_index))
