"""The settings model: typed, frozen, with defaults. Parsing and validation live beside it
in :mod:`deskbreath.core.settings.schema`; reading and writing files in
:mod:`deskbreath.storage.settings_file`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from enum import StrEnum

SCHEMA_VERSION = 1
EXERCISE_IDS: tuple[str, ...] = ("breathing", "rotation", "posture")
EXERCISE_NAMES: dict[str, str] = dict(zip(EXERCISE_IDS, (
    "Breathing", "Thoracic rotation", "Posture check"), strict=True))
"""The names the menu, status line, settings dialog and command line use (prompt windows
show the catalogue's longer titles)."""
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES: dict[str, str] = dict(zip(WEEKDAYS, (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), strict=True))


# Limits of each setting: one source for the settings file, the dialog and the command line.
MIN_INTERVAL = 10.0  # reminder interval, natural break, each snooze choice (seconds)
MAX_INTERVAL = 24 * 3600.0  # the same three, at most a day
MAX_SNOOZE_CHOICES = 6
BREATHS_PER_MINUTE = (4.0, 10.0)
INHALE_RATIO = (0.2, 0.6)
BREATH_HOLD = (0.0, 10.0)
BREATHING_LENGTH = (60.0, 300.0)
ROTATION_REPETITIONS = (1, 10)
ROTATION_HOLD = (1.0, 30.0)


class Order(StrEnum):
    """How the next exercise is chosen."""

    IN_TURN = "in-turn"
    RANDOM = "random"


class ReducedMotion(StrEnum):
    """Whether the breathing pacer animates a growing shape or fills a bar."""

    SYSTEM = "system"
    ON = "on"
    OFF = "off"


@dataclass(frozen=True)
class TimeRange:
    """A span of local time within one day, ``start < end``."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True)
class BreathingSettings:
    """Paced belly breathing: pace, inhale share, optional holds and length."""

    breaths_per_minute: float = 6.0
    inhale_ratio: float = 0.4  # share of one breath spent breathing in (4 s in, 6 s out at 6/min)
    hold_after_inhale: float = 0.0
    hold_after_exhale: float = 0.0
    length: float = 120.0


@dataclass(frozen=True)
class RotationSettings:
    """Seated thoracic rotation: repetitions per side and the hold at the end of each turn."""

    repetitions: int = 5
    hold: float = 5.0


def _default_hours() -> dict[str, tuple[TimeRange, ...] | None]:
    # None: no limit on that day. An empty tuple: no prompts at all that day.
    return dict.fromkeys(WEEKDAYS)


@dataclass(frozen=True)
class Settings:
    """Everything the user can set. Durations are seconds.

    Attributes:
        reminder_interval: sitting time between two prompts.
        natural_break: idle time that ends a sitting bout.
        snooze_choices: the snooze lengths offered in the tray and prompt windows.
        exercises: the enabled exercises, in rotation order.
        order: in turn, or random.
        day_start: when "pause until tomorrow" ends.
        working_hours: per weekday ("mon".."sun"), the ranges in which prompts may come;
            ``None`` for no limit that day, ``()`` for no prompts that day.
        pre_prompt_notification: a quiet notification a minute before a prompt.
        start_at_login: whether the autostart entry is installed.
        reduced_motion: pacer style.
        history_days: days of health log to keep; None keeps everything.
    """

    schema_version: int = SCHEMA_VERSION
    reminder_interval: float = 45 * 60.0
    natural_break: float = 3 * 60.0
    snooze_choices: tuple[float, ...] = (5 * 60.0, 15 * 60.0, 30 * 60.0, 60 * 60.0)
    exercises: tuple[str, ...] = EXERCISE_IDS
    order: Order = Order.IN_TURN
    day_start: time = time(8, 0)
    working_hours: dict[str, tuple[TimeRange, ...] | None] = field(default_factory=_default_hours)
    pre_prompt_notification: bool = False
    start_at_login: bool = False
    reduced_motion: ReducedMotion = ReducedMotion.SYSTEM
    history_days: int | None = None
    breathing: BreathingSettings = field(default_factory=BreathingSettings)
    rotation: RotationSettings = field(default_factory=RotationSettings)
