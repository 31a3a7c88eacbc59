"""The settings model, frozen all the way down, and the one declaration of every setting.

Each field of :class:`Settings` (and of the tables it holds) declares its value type with
its limits, its default, help text, dialog label and unit, once (:mod:`.declare`). The
schema (:mod:`deskbreath.core.settings.schema`) derives keys, getters, validation, the
commented default file and the dialog's widgets from these declarations; reading and
writing files is :mod:`deskbreath.storage.settings_file`'s job.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import time
from enum import StrEnum

from deskbreath.core.exercises import packaged_exercise_ids
from deskbreath.core.settings.declare import setting, table
from deskbreath.core.settings.types import (
    Bool,
    Choice,
    ClockTime,
    DayHours,
    Duration,
    DurationList,
    IdList,
    Number,
    Version,
)
from deskbreath.core.settings.values import DayRanges, TimeRange
from deskbreath.i18n import N_

__all__ = [
    "SCHEMA_VERSION",
    "WEEKDAYS",
    "BreathingSettings",
    "BusySettings",
    "DayRanges",
    "Language",
    "Order",
    "ReducedMotion",
    "RotationSettings",
    "Settings",
    "SoundSettings",
    "TimeRange",
    "WorkingHours",
]

SCHEMA_VERSION = 1
DAY = 24 * 3600.0


class Order(StrEnum):
    """How the next exercise is chosen."""

    IN_TURN = "in-turn"
    RANDOM = "random"


class Language(StrEnum):
    """The language deskbreath speaks: the system's, or one with a shipped catalogue.

    A new translation adds its code here (and its own name as the label below); the
    catalogue test (tests/test_translations.py) fails while the two lists differ.
    """

    SYSTEM = "system"
    ENGLISH = "en"
    GERMAN = "de"
    SPANISH = "es"


class ReducedMotion(StrEnum):
    """Whether the breathing pacer animates a growing shape or fills a bar."""

    SYSTEM = "system"
    ON = "on"
    OFF = "off"


_ANY_DAY = DayHours()


@dataclass(frozen=True, eq=False)
class WorkingHours(Mapping[str, DayRanges]):
    """Per weekday ("mon".."sun"), the ranges in which prompts may come.

    A day's value is None for no limit that day and ``()`` for no prompts at all that day.
    It is an immutable mapping from day key to ranges: ``hours["mon"]``, ``hours.get(day)``,
    and equal to any mapping with the same days and ranges.
    """

    mon: DayRanges = setting(_ANY_DAY, None, help=N_("Monday."), label=N_("Monday"))
    tue: DayRanges = setting(_ANY_DAY, None, help=N_("Tuesday."), label=N_("Tuesday"))
    wed: DayRanges = setting(_ANY_DAY, None, help=N_("Wednesday."), label=N_("Wednesday"))
    thu: DayRanges = setting(_ANY_DAY, None, help=N_("Thursday."), label=N_("Thursday"))
    fri: DayRanges = setting(_ANY_DAY, None, help=N_("Friday."), label=N_("Friday"))
    sat: DayRanges = setting(_ANY_DAY, None, help=N_("Saturday."), label=N_("Saturday"))
    sun: DayRanges = setting(_ANY_DAY, None, help=N_("Sunday."), label=N_("Sunday"))

    @classmethod
    def from_mapping(cls, days: Mapping[str, DayRanges]) -> WorkingHours:
        """Working hours from any mapping of day keys; a missing day has no limit.

        Raises:
            KeyError: a key that is not one of :data:`WEEKDAYS`.
        """
        if isinstance(days, WorkingHours):
            return days
        unknown = sorted(set(days) - set(WEEKDAYS))
        if unknown:
            raise KeyError(f"not a weekday: {', '.join(unknown)} (known: {', '.join(WEEKDAYS)})")
        return cls(**days)

    def __getitem__(self, day: str) -> DayRanges:
        if day not in WEEKDAYS:
            raise KeyError(day)
        ranges: DayRanges = getattr(self, day)
        return ranges

    def __iter__(self) -> Iterator[str]:
        return iter(WEEKDAYS)

    def __len__(self) -> int:
        return len(WEEKDAYS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    def __hash__(self) -> int:
        return hash(tuple(self.values()))

    def __repr__(self) -> str:
        limited = ", ".join(f"{day}={ranges!r}" for day, ranges in self.items()
                            if ranges is not None)
        return f"WorkingHours({limited})"


WEEKDAYS: tuple[str, ...] = tuple(f.name for f in fields(WorkingHours))
"""The day keys of :class:`WorkingHours`, Monday first (as ``datetime.weekday()`` counts)."""


@dataclass(frozen=True)
class BreathingSettings:
    """Paced belly breathing: pace, inhale share, optional holds and length."""

    breaths_per_minute: float = setting(
        Number(4, 10, step=0.5), 6.0,
        help=N_("The pace of breathing in and out, in breaths per minute. Holds are added to "
                "each breath, so with holds there are fewer breaths a minute."),
        label=N_("&Pace"), unit=N_("breaths/min"))
    inhale_ratio: float = setting(  # 4 s in, 6 s out at 6 breaths a minute
        Number(0.2, 0.6, step=0.05, percent=True), 0.4,
        help=N_("The share of breathing in and out spent breathing in (0.4 at 6 per minute: "
                "4 s in, 6 s out); holds come on top."),
        label=N_("Breathing &in"),
        # A no-break space keeps "%" with its words (and tells gettext it is no placeholder).
        unit=N_("%\u00a0of in and out"))
    hold_after_inhale: float = setting(
        Duration(0, 10, examples=("2s",)), 0.0,
        help=N_("A pause with full lungs after each breath in; it makes each breath longer "
                "and never shortens breathing in or out."),
        label=N_("&Hold after breathing in"))
    hold_after_exhale: float = setting(
        Duration(0, 10, examples=("2s",)), 0.0,
        help=N_("A pause with empty lungs after each breath out; it makes each breath longer "
                "and never shortens breathing in or out."),
        label=N_("Hold a&fter breathing out"))
    length: float = setting(
        Duration(60, 300, examples=("2m", "2m30s")), 120.0,
        help=N_("How long the breathing exercise lasts."), label=N_("Len&gth"))


@dataclass(frozen=True)
class RotationSettings:
    """Seated thoracic rotation: repetitions per side and the hold at the end of each turn."""

    repetitions: int = setting(
        Number(1, 10, integer=True), 5, help=N_("Turns to each side."),
        label=N_("&Turns"), unit=N_("per side"))
    hold: float = setting(
        Duration(1, 30, examples=("5s",)), 5.0,
        help=N_("How long to stay at the end of each turn."), label=N_("Hold each tur&n"))


@dataclass(frozen=True)
class SoundSettings:
    """Tones that let the breathing pacer be followed with eyes closed; off by default."""

    enabled: bool = setting(
        Bool(), False,
        help=N_("Play soft tones with the breathing pacer: rising when breathing in starts, "
                "falling when breathing out starts, a low one when a hold starts. They stay "
                "quiet while do not disturb is on or a microphone, camera or screen sharing "
                "is in use."),
        label=N_("Pl&ay tones with the breathing pacer"))
    volume: float = setting(
        Number(0.05, 1, step=0.05, percent=True), 0.5,
        help=N_("How loud the tones are, as a share of full volume (the desktop's own "
                "volume applies on top)."),
        label=N_("Tone &volume"), unit=N_("%"))


@dataclass(frozen=True)
class BusySettings:
    """Which busy signals hold a due prompt back, and how the prompt comes back.

    One switch per signal, named as the hold reason with ``_`` for ``-``
    (:attr:`deskbreath.core.holds.HoldReason.setting`); then the typing lull, the grace
    period after the last signal, and the cap after which a gentle nudge replaces the wait.
    """

    do_not_disturb: bool = setting(
        Bool(), True, help=N_("Hold prompts back while the desktop's do not disturb is on."),
        label=N_("While &do not disturb is on"))
    fullscreen: bool = setting(
        Bool(), True, help=N_("Hold prompts back while a full-screen window is in front."),
        label=N_("While a &full-screen window is in front"))
    idle_inhibited: bool = setting(
        Bool(), True,
        help=N_("Hold prompts back while an application keeps the screen awake (a video, "
                "a presentation)."),
        label=N_("While an app keeps the screen awa&ke"))
    microphone: bool = setting(
        Bool(), True, help=N_("Hold prompts back while a microphone is recording."),
        label=N_("While a &microphone is recording"))
    camera: bool = setting(
        Bool(), True, help=N_("Hold prompts back while a camera is in use."),
        label=N_("While a &camera is in use"))
    screen_sharing: bool = setting(
        Bool(), True, help=N_("Hold prompts back while the screen is being shared."),
        label=N_("While the screen is &shared"))
    typing: bool = setting(
        Bool(), True, help=N_("Wait for a pause in typing before showing a prompt."),
        label=N_("Wait for a pause in &typing"))
    typing_lull: float = setting(
        Duration(1, 30, examples=("3s",)), 3.0,
        help=N_("How long the keyboard and mouse must rest before a prompt appears."),
        label=N_("&Pause in typing"))
    grace: float = setting(
        Duration(0, 30 * 60, examples=("1m", "30s")), 60.0,
        help=N_("How long after the last busy signal ends a held-back prompt appears."),
        label=N_("Show the prompt &after"))
    max_hold: float = setting(
        Duration(5 * 60, 8 * 3600, examples=("1h",)), 3600.0,
        help=N_("After holding a prompt back this long, deskbreath nudges you gently (the "
                "tray icon and one notification) instead of waiting silently."),
        label=N_("&Nudge me after holding back for"))

    def watches(self, setting_key: str) -> bool:
        """Whether the signal whose switch is ``setting_key`` is on (unknown: off)."""
        value = getattr(self, setting_key, False)
        return value is True


_INTERVAL = Duration(10, DAY)


@dataclass(frozen=True)
class Settings:
    """Everything the user can set, frozen all the way down. Durations are seconds.

    Every field declares itself (type and limits, default, help, label); the help texts say
    what each one means. ``exercises`` defaults to the shipped catalogue's order; a schema
    built for another catalogue defaults to that one's (see
    :meth:`deskbreath.core.settings.schema.Schema.defaults`). ``working_hours`` accepts any
    mapping of weekday keys and holds it as an immutable :class:`WorkingHours`.
    """

    schema_version: int = setting(
        Version(SCHEMA_VERSION), SCHEMA_VERSION,
        help=N_("Layout version of this file. deskbreath updates it; please leave it as it is."))
    reminder_interval: float = setting(
        _INTERVAL, 45 * 60.0, help=N_("How long you may sit before a prompt appears."),
        label=N_("Remind me after sitting &for"))
    natural_break: float = setting(
        _INTERVAL, 3 * 60.0,
        help=N_("Time away from keyboard and mouse that counts as a break and resets the "
                "sitting time."),
        label=N_("&Time away that counts as a break"))
    snooze_choices: tuple[float, ...] = setting(
        DurationList(_INTERVAL, min_items=1, max_items=6), (300.0, 900.0, 1800.0, 3600.0),
        help=N_("The snooze lengths offered in the tray menu and in the prompt."),
        label=N_("&Snooze choices"))
    exercises: tuple[str, ...] = setting(
        IdList(item=N_("an exercise"), items=N_("exercises")),
        default_factory=packaged_exercise_ids,
        help=N_("The exercises a prompt offers, in the order they take turns. An empty list "
                "turns the prompts off."),
        label=N_("E&xercises"))
    order: Order = setting(
        Choice(Order, {Order.IN_TURN: N_("In turn, as listed"), Order.RANDOM: N_("Random")}),
        Order.IN_TURN,
        help=N_('How the next exercise is chosen: "in-turn" takes them in the order above, '
                '"random" picks any.'),
        label=N_("&Order"))
    day_start: time = setting(
        ClockTime(), time(8, 0), help=N_('When "pause until tomorrow" ends.'),
        label=N_("“Pause until tomorrow” ends &at"))
    pre_prompt_notification: bool = setting(
        Bool(), False, help=N_("Show a quiet notification a minute before a prompt."),
        label=N_("Show a quiet &notification a minute before each prompt"))
    start_at_login: bool = setting(
        Bool(), False, help=N_("Start deskbreath when you log in."),
        label=N_("Start deskbreath when I log &in"))
    stand_up_suggestion: bool = setting(
        Bool(), True,
        help=N_("After a long sitting bout, end the posture check with a suggestion to stand "
                "up and move for a minute: long sitting is itself a load on the back."),
        label=N_("Suggest &standing up after a long sitting bout"))
    stand_up_after: float = setting(
        Duration(30 * 60, 8 * 3600, examples=("1h", "1h30m")), 3600.0,
        help=N_("How long a sitting bout must be before the posture check suggests standing "
                "up."),
        label=N_("Sitting bout that counts as &long"))
    reduced_motion: ReducedMotion = setting(
        Choice(ReducedMotion, {
            ReducedMotion.SYSTEM: N_("As the system says"),
            ReducedMotion.ON: N_("Reduced: a bar that fills"),
            ReducedMotion.OFF: N_("Full: a shape that grows"),
        }),
        ReducedMotion.SYSTEM,
        help=N_('How the breathing pacer moves: "on" fills a bar instead of growing a shape, '
                '"off" always animates, "system" follows the desktop\'s setting.'),
        label=N_("Pacer &motion"))
    language: Language = setting(
        Choice(Language, {
            # Each language is named in its own words, as language menus do.
            Language.SYSTEM: N_("As the system says"),
            Language.ENGLISH: N_("English"),
            Language.GERMAN: N_("Deutsch (German)"),
            Language.SPANISH: N_("Español (Spanish)"),
        }),
        Language.SYSTEM,
        help=N_('The language of deskbreath\'s windows, menus and messages: "system" '
                'follows the desktop (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, or the language '
                'setting of Windows and macOS), or a language code such as "de". A change '
                "applies when deskbreath restarts."),
        label=N_("&Language"))
    history_days: int = setting(
        Number(0, 36500, integer=True), 0,
        help=N_("How many days of the health log (sitting bouts and exercises) to keep; "
                "older records are deleted. 0 keeps everything."),
        label=N_("Keep the &health log for"), unit=N_("days (0: always)"))
    working_hours: Mapping[str, DayRanges] = table(
        WorkingHours, title=N_("Working hours"), each=N_("each day"),
        help=N_("When prompts may come, day by day; outside these hours deskbreath keeps "
                "quiet."))
    breathing: BreathingSettings = table(
        BreathingSettings, title=N_("Breathing"), help=N_("The paced breathing exercise."))
    rotation: RotationSettings = table(
        RotationSettings, title=N_("Thoracic rotation"),
        help=N_("The seated thoracic rotation exercise."))
    sound: SoundSettings = table(
        SoundSettings, title=N_("Sound"), help=N_("Tones for the breathing pacer."))
    busy: BusySettings = table(
        BusySettings, title=N_("While you are busy"),
        help=N_("When you are busy (in a call, presenting, do not disturb, typing), a due "
                "prompt waits instead of appearing; each signal can be switched off."))

    def __post_init__(self) -> None:
        if not isinstance(self.working_hours, WorkingHours):  # a plain dict from a caller
            object.__setattr__(self, "working_hours", WorkingHours.from_mapping(self.working_hours))
