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
TYPING_LULL = (1.0, 30.0)
HOLD_GRACE = (0.0, 30 * 60.0)
MAX_HOLD = (5 * 60.0, 8 * 3600.0)


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


@dataclass(frozen=True)
class BusySettings:
    """Which busy signals hold a due prompt back, and how the prompt comes back.

    One switch per signal, named as the hold reason with ``_`` for ``-``
    (:attr:`deskbreath.core.holds.HoldReason.setting`).

    Attributes:
        typing_lull: seconds without keyboard or mouse input a prompt waits for.
        grace: seconds from the end of the last busy signal to the prompt.
        max_hold: seconds of holding back after which a gentle nudge replaces the wait.
    """

    do_not_disturb: bool = True
    fullscreen: bool = True
    idle_inhibited: bool = True
    microphone: bool = True
    camera: bool = True
    screen_sharing: bool = True
    typing: bool = True
    typing_lull: float = 3.0
    grace: float = 60.0
    max_hold: float = 60 * 60.0

    def watches(self, setting: str) -> bool:
        """Whether the signal whose switch is called ``setting`` is on (unknown: off)."""
        value = getattr(self, setting, False)
        return value is True


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
        busy: the busy signals that hold prompts back (``[busy]``).
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
    breathing: BreathingSettings = field(default_factory=BreathingSettings)
    rotation: RotationSettings = field(default_factory=RotationSettings)
    busy: BusySettings = field(default_factory=BusySettings)
