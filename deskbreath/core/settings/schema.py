"""The settings file's schema as data, and the one function that validates a document.

Every key the file may hold is a :class:`Field` in :data:`FIELDS`: its dotted key, default,
help text, what is allowed, and converters both ways. Validation, the commented default
file and the "differs from the file" check in :mod:`deskbreath.storage.settings_file` are
all driven by this table, so a new setting is one new entry. Qt-free and free of file I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from deskbreath.core.settings.lines import find_line, key_lines
from deskbreath.core.settings.migrations import MIGRATIONS, document_version, migrate
from deskbreath.core.settings.model import (
    BREATH_HOLD,
    BREATHING_LENGTH,
    BREATHS_PER_MINUTE,
    DAY_NAMES,
    EXERCISE_IDS,
    HOLD_GRACE,
    INHALE_RATIO,
    MAX_HOLD,
    MAX_INTERVAL,
    MAX_SNOOZE_CHOICES,
    MIN_INTERVAL,
    ROTATION_HOLD,
    ROTATION_REPETITIONS,
    SCHEMA_VERSION,
    TYPING_LULL,
    WEEKDAYS,
    BreathingSettings,
    BusySettings,
    Order,
    ReducedMotion,
    RotationSettings,
    Settings,
)
from deskbreath.core.settings.values import (
    Invalid,
    format_clock,
    format_day_hours,
    format_duration,
    format_number,
    kind_of,
    show,
    to_bool,
    to_choice,
    to_clock,
    to_day_hours,
    to_duration,
    to_duration_list,
    to_id_list,
    to_number,
)

__all__ = [
    "FIELDS",
    "MIGRATIONS",
    "TABLES",
    "Field",
    "Problem",
    "default_document_text",
    "document_version",
    "migrate",
    "parse_settings",
    "settings_to_values",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a settings document, and what was done about it.

    Attributes:
        key: the dotted key, e.g. ``breathing.breaths_per_minute``.
        value: the value found in the file.
        message: what is wrong, what is allowed and what was used instead.
        line: the line in the file, when the text was available.
    """

    key: str
    value: Any
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.key} = {show(self.value)}: {self.message}"


@dataclass(frozen=True)
class Field:
    """One setting: how it is read, written, shown and explained.

    Attributes:
        key: dotted TOML key (``"breathing.length"``).
        help: what the setting does, for the default file and the settings dialog.
        allowed: what values are accepted, as a phrase ("a number from 4 to 10").
        convert: TOML value to model value; raises :class:`Invalid` with a short reason.
        to_toml: model value to a plain TOML value (durations as strings).
        get: reads the model value out of a :class:`Settings`.
    """

    key: str
    help: str
    allowed: str
    convert: Callable[[Any], Any]
    to_toml: Callable[[Any], Any]
    get: Callable[[Settings], Any]

    @property
    def default(self) -> Any:
        """The model value used when the file does not set it, or sets it badly."""
        return self.get(_DEFAULTS)


_DEFAULTS = Settings()
_MIN = format_duration(MIN_INTERVAL)
_MAX = format_duration(MAX_INTERVAL)
_DURATION_HINT = 'like "45m", "90s" or "1h30m"'


def _version(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"{kind_of(value)}, not a whole number")
    if value < 1:
        raise Invalid("an old layout that could not be migrated")
    return value


def _durations(values: tuple[float, ...]) -> list[str]:
    return [format_duration(v) for v in values]


_FIELD_LIST: tuple[Field, ...] = (
    Field(
        "schema_version",
        "Layout version of this file. deskbreath updates it; please leave it as it is.",
        f"a whole number (this deskbreath writes {SCHEMA_VERSION})",
        _version,
        int,
        lambda s: s.schema_version,
    ),
    Field(
        "reminder_interval",
        "How long you may sit before a prompt appears.",
        f"a duration from {_MIN} to {_MAX}, {_DURATION_HINT}",
        to_duration(MIN_INTERVAL, MAX_INTERVAL),
        format_duration,
        lambda s: s.reminder_interval,
    ),
    Field(
        "natural_break",
        "Time away from keyboard and mouse that counts as a break and resets the sitting time.",
        f"a duration from {_MIN} to {_MAX}, {_DURATION_HINT}",
        to_duration(MIN_INTERVAL, MAX_INTERVAL),
        format_duration,
        lambda s: s.natural_break,
    ),
    Field(
        "snooze_choices",
        "The snooze lengths offered in the tray menu and in the prompt.",
        f'a list of 1 to {MAX_SNOOZE_CHOICES} durations, each from {_MIN} to {_MAX}, '
        'like ["5m", "15m"]',
        to_duration_list(MIN_INTERVAL, 1, MAX_SNOOZE_CHOICES, maximum=MAX_INTERVAL),
        _durations,
        lambda s: s.snooze_choices,
    ),
    Field(
        "exercises",
        "The exercises a prompt offers, in the order they take turns. "
        "An empty list turns the prompts off.",
        "a list of different exercises from "
        + ", ".join(f'"{e}"' for e in EXERCISE_IDS)
        + " (may be empty)",
        to_id_list(EXERCISE_IDS),
        list,
        lambda s: s.exercises,
    ),
    Field(
        "order",
        'How the next exercise is chosen: "in-turn" takes them in the order above, '
        '"random" picks any.',
        '"in-turn" or "random"',
        to_choice(Order),
        str,
        lambda s: s.order,
    ),
    Field(
        "day_start",
        'When "pause until tomorrow" ends.',
        'a time of day like "08:00"',
        to_clock,
        format_clock,
        lambda s: s.day_start,
    ),
    Field(
        "pre_prompt_notification",
        "Show a quiet notification a minute before a prompt.",
        "true or false",
        to_bool,
        bool,
        lambda s: s.pre_prompt_notification,
    ),
    Field(
        "start_at_login",
        "Start deskbreath when you log in.",
        "true or false",
        to_bool,
        bool,
        lambda s: s.start_at_login,
    ),
    Field(
        "reduced_motion",
        'How the breathing pacer moves: "on" fills a bar instead of growing a shape, '
        '"off" always animates, "system" follows the desktop\'s setting.',
        '"system", "on" or "off"',
        to_choice(ReducedMotion),
        str,
        lambda s: s.reduced_motion,
    ),
    *(
        Field(
            f"working_hours.{day}",
            f"{name}.",
            '"always", "off", or time ranges like "08:00-12:00, 13:00-18:00" '
            '(each starting before it ends, not overlapping; "24:00" is the end of the day)',
            to_day_hours,
            format_day_hours,
            lambda s, day=day: s.working_hours.get(day),  # type: ignore[misc]
        )
        for day, name in DAY_NAMES.items()
    ),
    Field(
        "breathing.breaths_per_minute",
        "The pace: breaths per minute.",
        "a number from 4 to 10",
        to_number(*BREATHS_PER_MINUTE),
        format_number,
        lambda s: s.breathing.breaths_per_minute,
    ),
    Field(
        "breathing.inhale_ratio",
        "The share of each breath spent breathing in (0.4 at 6 per minute: 4 s in, 6 s out).",
        "a number from 0.2 to 0.6",
        to_number(*INHALE_RATIO),
        format_number,
        lambda s: s.breathing.inhale_ratio,
    ),
    Field(
        "breathing.hold_after_inhale",
        "A pause with full lungs after each breath in.",
        'a duration from 0s to 10s, like "2s"',
        to_duration(*BREATH_HOLD),
        format_duration,
        lambda s: s.breathing.hold_after_inhale,
    ),
    Field(
        "breathing.hold_after_exhale",
        "A pause with empty lungs after each breath out.",
        'a duration from 0s to 10s, like "2s"',
        to_duration(*BREATH_HOLD),
        format_duration,
        lambda s: s.breathing.hold_after_exhale,
    ),
    Field(
        "breathing.length",
        "How long the breathing exercise lasts.",
        'a duration from 1m to 5m, like "2m" or "2m30s"',
        to_duration(*BREATHING_LENGTH),
        format_duration,
        lambda s: s.breathing.length,
    ),
    Field(
        "rotation.repetitions",
        "Turns to each side.",
        "a whole number from 1 to 10",
        to_number(*ROTATION_REPETITIONS, integer=True),
        int,
        lambda s: s.rotation.repetitions,
    ),
    Field(
        "rotation.hold",
        "How long to stay at the end of each turn.",
        'a duration from 1s to 30s, like "5s"',
        to_duration(*ROTATION_HOLD),
        format_duration,
        lambda s: s.rotation.hold,
    ),
    *(
        Field(
            f"busy.{name}",
            text,
            "true or false",
            to_bool,
            bool,
            lambda s, name=name: getattr(s.busy, name),  # type: ignore[misc]
        )
        for name, text in (
            ("do_not_disturb", "Hold prompts back while the desktop's do-not-disturb is on."),
            ("fullscreen", "Hold prompts back while a full-screen window is in front."),
            ("idle_inhibited", "Hold prompts back while an application keeps the screen awake "
                               "(a video, a presentation)."),
            ("microphone", "Hold prompts back while a microphone is recording."),
            ("camera", "Hold prompts back while a camera is in use."),
            ("screen_sharing", "Hold prompts back while the screen is being shared."),
            ("typing", "Wait for a pause in typing before showing a prompt."),
        )
    ),
    Field(
        "busy.typing_lull",
        "How long the keyboard and mouse must rest before a prompt appears.",
        'a duration from 1s to 30s, like "3s"',
        to_duration(*TYPING_LULL),
        format_duration,
        lambda s: s.busy.typing_lull,
    ),
    Field(
        "busy.grace",
        "How long after the last busy signal ends a held-back prompt appears.",
        'a duration from 0s to 30m, like "1m"',
        to_duration(*HOLD_GRACE),
        format_duration,
        lambda s: s.busy.grace,
    ),
    Field(
        "busy.max_hold",
        "After holding a prompt back this long, deskbreath nudges you gently (tray icon and "
        "one notification) instead of waiting silently.",
        'a duration from 5m to 8h, like "1h"',
        to_duration(*MAX_HOLD),
        format_duration,
        lambda s: s.busy.max_hold,
    ),
)

FIELDS: dict[str, Field] = {f.key: f for f in _FIELD_LIST}
"""Every setting by dotted key, in the order of the default file."""

TABLES: dict[str, str] = {
    "working_hours": "When prompts may come, day by day; outside these hours deskbreath keeps "
    'quiet. Allowed for each day: "always", "off", or time ranges like "08:00-12:00, '
    '13:00-18:00" (each starting before it ends, not overlapping; "24:00" is the end of the '
    "day).",
    "breathing": "The paced breathing exercise.",
    "rotation": "The seated thoracic rotation exercise.",
    "busy": "When you are busy (in a call, presenting, do not disturb, typing), a due prompt "
    "waits instead of appearing; each signal can be switched off.",
}
"""The TOML tables and what each is for."""


def parse_settings(
    doc: Mapping[str, Any], *, source_text: str | None = None
) -> tuple[Settings, list[Problem]]:
    """Validate a parsed TOML document; keep the default for every key that is wrong.

    Args:
        doc: the document, already migrated to the current layout.
        source_text: the file's text, used only to put line numbers on problems.

    Returns:
        The settings, and one :class:`Problem` per bad or unknown key, in document order.
    """
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, raw in _entries(doc, problems):
        field = FIELDS.get(key)
        if field is None:
            problems.append(Problem(key, raw, _unknown_message(key)))
            continue
        try:
            values[key] = field.convert(raw)
        except Invalid as error:
            default = show(field.to_toml(field.default))
            message = f"{error}. Allowed: {field.allowed}. Using the default {default}."
            problems.append(Problem(key, raw, message))
    if source_text is not None:
        lines = key_lines(source_text)
        problems = [Problem(p.key, p.value, p.message, find_line(lines, p.key)) for p in problems]
    return _build(values), problems


def _entries(doc: Mapping[str, Any], problems: list[Problem]) -> list[tuple[str, Any]]:
    """Flatten the known tables into dotted keys; report tables that are not tables."""
    entries: list[tuple[str, Any]] = []
    for key, raw in doc.items():
        if key in TABLES:
            if isinstance(raw, Mapping):
                entries += [(f"{key}.{sub}", value) for sub, value in raw.items()]
            else:
                message = f"{kind_of(raw)}, not a table like [{key}]; its defaults are used."
                problems.append(Problem(key, raw, message))
        elif "." in str(key):  # a quoted key like "breathing.length" is not the table's key
            problems.append(Problem(str(key), raw, _unknown_message(str(key))))
        else:
            entries.append((str(key), raw))
    return entries


def _unknown_message(key: str) -> str:
    """ "unknown key, ignored", with the closest known key in the same table, if any."""
    table, _, name = key.rpartition(".")
    if table in TABLES:
        known = [k.rpartition(".")[2] for k in FIELDS if k.startswith(table + ".")]
    else:
        table, name = "", key
        known = [*(k for k in FIELDS if "." not in k), *TABLES]
    import difflib  # noqa: PLC0415 - only for a mistyped key; the app runs without it

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    suggestion = f"{table}.{close[0]}" if close and table else (close[0] if close else "")
    hint = f" (did you mean {suggestion}?)" if suggestion else ""
    return f"unknown key, ignored{hint}"


def _build(values: Mapping[str, Any]) -> Settings:
    def section(prefix: str) -> dict[str, Any]:
        return {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith(prefix + ".")}

    top = {k: v for k, v in values.items() if "." not in k and k != "schema_version"}
    hours = {day: values.get(f"working_hours.{day}") for day in WEEKDAYS}
    return Settings(
        **top,
        working_hours=hours,
        breathing=BreathingSettings(**section("breathing")),
        rotation=RotationSettings(**section("rotation")),
        busy=BusySettings(**section("busy")),
    )


def flat_values(settings: Settings) -> dict[str, Any]:
    """Every setting as a plain TOML value, by dotted key."""
    return {key: field.to_toml(field.get(settings)) for key, field in FIELDS.items()}


def settings_to_values(settings: Settings) -> dict[str, Any]:
    """The settings as a TOML-ready nested dict; durations are human strings."""
    result: dict[str, Any] = {}
    for key, value in flat_values(settings).items():
        if "." in key:
            table, sub = key.split(".", 1)
            result.setdefault(table, {})[sub] = value
        else:
            result[key] = value
    return result


def default_document_text() -> str:
    """A complete default settings.toml where every key says what it does and allows."""
    out = [
        "# deskbreath settings",
        "#",
        "# deskbreath notices when you save this file and applies the changes. A value it",
        "# cannot use is reported (run `deskbreath config check`) and its default is used.",
        f"# Durations are written {_DURATION_HINT}.",
        "",
    ]
    current_table = ""
    for key, field in FIELDS.items():
        table, _, name = key.rpartition(".")
        if table != current_table:
            current_table = table
            out += ["", f"[{table}]", *_comment(TABLES[table]), ""]
        value = show(field.to_toml(field.default), limit=1000)
        if table == "working_hours":  # the table's comment says what is allowed
            out.append(f"{name} = {value}  # {field.help.rstrip('.')}")
            continue
        out += [*_comment(field.help), *_comment(f"Allowed: {field.allowed}."), f"{name} = {value}"]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _comment(text: str, width: int = 88) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append("# " + word)
    return lines
