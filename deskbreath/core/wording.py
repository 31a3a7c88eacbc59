"""Every name and sentence the Qt-free core shows to people, in one place, ready for translation.

Identifiers are data: a :class:`~deskbreath.core.policy.Mode`, a
:class:`~deskbreath.core.history.Result` or a :class:`~deskbreath.core.policy.HoldReason`
value goes into ``status --json``, the history file and the log exactly as it is, and never
onto the screen. What people read is looked up here, per identifier, through
:mod:`deskbreath.i18n` at the moment it is shown, so a language installed after import
applies. Nothing here is built from an identifier's spelling, and no plural is built by
appending "s": every count goes through ``ngettext``.

The Qt layer keeps its widget labels where each widget is built, but takes every name of a
state, result or reason, every duration for people and the status line from here.

Exercise names come from the exercise catalogue each caller passes in
(:meth:`deskbreath.core.exercises.Catalogue.name`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, assert_never

from deskbreath.core.breathing import BreathPattern
from deskbreath.core.exercises import Catalogue, packaged_catalogue
from deskbreath.core.formats import PLAIN, Formats
from deskbreath.core.health import BoutEnd, EventKind
from deskbreath.core.history import Result
from deskbreath.core.holds import Hold, HoldReason
from deskbreath.core.idle import IdleProblem
from deskbreath.core.localtime import seconds_between
from deskbreath.core.policy import Mode, Status
from deskbreath.i18n import _, ngettext, pgettext

if TYPE_CHECKING:
    from deskbreath.core.stats import Figures

#: Joins the parts of a status line: "Sitting 47 min · breathing in 8 min".
SEPARATOR = " · "

_MODES = frozenset(mode.value for mode in Mode)


# -- names of identifiers ------------------------------------------------------------------


def mode_name(mode: Mode) -> str:
    """The reminder state as people read it: ``Mode.OFF_HOURS`` -> "Outside working hours"."""
    match mode:
        case Mode.RUNNING:
            return pgettext("reminder state", "Running")
        case Mode.SNOOZED:
            return pgettext("reminder state", "Snoozed")
        case Mode.PAUSED:
            return pgettext("reminder state", "Paused")
        case Mode.OFF_HOURS:
            return pgettext("reminder state", "Outside working hours")
    assert_never(mode)


def result_name(result: Result) -> str:
    """How a prompt ended, as people read it: ``Result.STOPPED`` -> "Stopped early"."""
    match result:
        case Result.DONE:
            return pgettext("exercise result", "Done")
        case Result.SNOOZED:
            return pgettext("exercise result", "Snoozed")
        case Result.SKIPPED:
            return pgettext("exercise result", "Skipped")
        case Result.STOPPED:
            return pgettext("exercise result", "Stopped early")
        case Result.MISSED:
            return pgettext("exercise result", "Missed")
        case Result.INTERRUPTED:
            return pgettext("exercise result", "Interrupted")
    assert_never(result)


def hold_reason_name(reason: HoldReason) -> str:
    """Why a due prompt waits, as people read it.

    ``HoldReason.CAMERA`` -> "The camera is in use".
    """
    match reason:
        case HoldReason.DO_NOT_DISTURB:
            return _("Do not disturb is on")
        case HoldReason.FULLSCREEN:
            return _("A full-screen window is in front")
        case HoldReason.IDLE_INHIBITED:
            return _("An application keeps the screen awake")
        case HoldReason.MICROPHONE:
            return _("The microphone is in use")
        case HoldReason.CAMERA:
            return _("The camera is in use")
        case HoldReason.SCREEN_SHARING:
            return _("The screen is being shared")
        case HoldReason.TYPING:
            return _("You are typing")
    assert_never(reason)


def hold_reason_short(reason: HoldReason) -> str:
    """Why a due prompt waits, as a short phrase inside the status line: "microphone in use"."""
    match reason:
        case HoldReason.DO_NOT_DISTURB:
            return _("do not disturb")
        case HoldReason.FULLSCREEN:
            return _("full-screen window")
        case HoldReason.IDLE_INHIBITED:
            return _("an app keeps the screen awake")
        case HoldReason.MICROPHONE:
            return _("microphone in use")
        case HoldReason.CAMERA:
            return _("camera in use")
        case HoldReason.SCREEN_SHARING:
            return _("screen shared")
        case HoldReason.TYPING:
            return _("typing")
    assert_never(reason)


def _name(exercise_id: str, catalogue: Catalogue | None) -> str:
    return (catalogue or packaged_catalogue()).name(exercise_id)


def held_back_text(exercise_id: str, hold: Hold, now: datetime,
                   catalogue: Catalogue | None = None) -> str:
    """A held-back prompt for the status line.

    "Breathing held back: microphone in use (12 min)"; ``catalogue`` names the exercise (the
    shipped one if not given).
    """
    held = max(0.0, seconds_between(now, hold.since))
    return _("%(exercise)s held back: %(reason)s (%(duration)s)") % {
        "exercise": _name(exercise_id, catalogue), "reason": hold_reason_short(hold.reason),
        "duration": humanize(held)}


def pre_prompt_text(exercise_id: str, catalogue: Catalogue | None = None) -> str:
    """The notification a minute before a prompt: "Breathing in about a minute"."""
    return _("%(exercise)s in about a minute") % {"exercise": _name(exercise_id, catalogue)}


def nudge_text(exercise_id: str, hold: Hold, now: datetime,
               catalogue: Catalogue | None = None) -> str:
    """The one notification after a long hold: no window comes while the user stays busy."""
    held = max(0.0, seconds_between(now, hold.since))
    return _("%(exercise)s has waited %(duration)s while you were busy (%(reason)s). Take "
             "a short break when you can.") % {
        "exercise": _name(exercise_id, catalogue), "duration": humanize(held),
        "reason": hold_reason_short(hold.reason)}


def waiting_text(exercise_id: str, catalogue: Catalogue | None = None) -> str:
    """The one notification for a prompt shown and left unanswered."""
    return _("%(exercise)s is waiting in the corner of your screen.") % {
        "exercise": _name(exercise_id, catalogue)}


def idle_warning(problem: IdleProblem, backend: str) -> str:
    """The standing warning for an idle ``problem`` of the backend named ``backend``."""
    match problem:
        case IdleProblem.NO_BACKEND:
            return _("No idle backend works (%(backend)s): sitting time counts whenever the "
                     "session runs.") % {"backend": backend}
        case IdleProblem.STUCK:
            return _("Idle time from %(backend)s has not moved for an hour while prompts kept "
                     "coming: the idle backend may be broken.") % {"backend": backend}
    assert_never(problem)


# -- durations and times for people --------------------------------------------------------
# The abbreviations do not change with the count in English, but they do in some languages,
# so each count still goes through ngettext and the catalogue picks the form.


def seconds_text(count: int) -> str:
    """``count`` seconds, abbreviated: "40 s"."""
    return ngettext("%(n)d s", "%(n)d s", count) % {"n": count}


def minutes_text(count: int) -> str:
    """``count`` minutes, abbreviated: "23 min"."""
    return ngettext("%(n)d min", "%(n)d min", count) % {"n": count}


def hours_text(count: int) -> str:
    """``count`` hours, abbreviated: "2 h"."""
    return ngettext("%(n)d h", "%(n)d h", count) % {"n": count}


def humanize(seconds: float) -> str:
    """A rounded duration for people.

    "40 s" under a minute, whole minutes under an hour ("23 min"), then hours and minutes
    ("1 h 5 min", "2 h").
    """
    whole = max(0, round(seconds))
    if whole < 60:
        return seconds_text(whole)
    minutes = round(whole / 60)
    if minutes < 60:
        return minutes_text(minutes)
    hours, minutes = divmod(minutes, 60)
    if not minutes:
        return hours_text(hours)
    return _("%(hours)s %(minutes)s") % {"hours": hours_text(hours),
                                         "minutes": minutes_text(minutes)}


def humanize_wait(seconds: float) -> str:
    """How long until something comes, never less than what remains.

    Whole minutes rounded up ("in 1 min" for 17 s, "in 2 min" for 61 s), then hours and
    minutes ("1 h 5 min"). Only a wait of zero or less is "now" (:func:`upcoming`).
    """
    minutes = max(1, math.ceil(seconds / 60 - 1e-9))
    if minutes < 60:
        return minutes_text(minutes)
    hours, minutes = divmod(minutes, 60)
    if not minutes:
        return hours_text(hours)
    return _("%(hours)s %(minutes)s") % {"hours": hours_text(hours),
                                         "minutes": minutes_text(minutes)}


def tenths_of_seconds_text(seconds: float, formats: Formats = PLAIN) -> str:
    """Seconds to a tenth, abbreviated: "4 s", "4.5 s" (the breathing rhythm).

    ``formats`` writes the decimal ("4,5 s").
    """
    tenths = round(seconds * 10)
    if tenths % 10 == 0:
        return seconds_text(tenths // 10)
    return _("%(n)s s") % {"n": formats.number(tenths / 10, 1)}


def breathing_rhythm(pattern: BreathPattern, formats: Formats = PLAIN) -> str:
    """One breath of ``pattern``, in order: "4 s in · 2 s hold · 6 s out".

    ``formats`` writes the decimals.
    """
    def seconds(value: float) -> str:
        return tenths_of_seconds_text(value, formats)

    parts = [_("%(duration)s in") % {"duration": seconds(pattern.inhale)}]
    if pattern.hold_in > 0:
        parts.append(_("%(duration)s hold") % {"duration": seconds(pattern.hold_in)})
    parts.append(_("%(duration)s out") % {"duration": seconds(pattern.exhale)})
    if pattern.hold_out > 0:
        parts.append(_("%(duration)s hold") % {"duration": seconds(pattern.hold_out)})
    return SEPARATOR.join(parts)


def breaths_a_minute(pattern: BreathPattern, formats: Formats = PLAIN) -> str:
    """How many breaths a minute ``pattern`` makes, holds included: "5 breaths a minute".

    "4.3 breaths a minute" with a decimal, which ``formats`` writes.
    """
    per_minute = round(pattern.per_minute, 1)
    number = formats.number(per_minute, 0 if per_minute == int(per_minute) else 1)
    return ngettext("%(n)s breath a minute", "%(n)s breaths a minute",
                    math.ceil(per_minute)) % {"n": number}


def clock_time(moment: datetime, now: datetime, formats: Formats = PLAIN) -> str:
    """When ``moment`` is, as seen from ``now``.

    "14:32" later today, "Wed 14:32" within a week, "3 Dec 14:32" later, each as ``formats``
    writes it. ``moment`` is shown on its own wall clock: the app's datetimes carry the UTC
    offset in force at their instant (:mod:`deskbreath.core.localtime`), so 08:00 the morning
    after a daylight-saving change reads 08:00, not 07:00.
    """
    days = (moment.date() - now.date()).days
    if days == 0:
        return formats.time_of_day(moment)
    if 0 < days < 7:
        return formats.weekday_time(moment)
    return _("%(date)s %(time)s") % {"date": formats.date(moment.date()),
                                     "time": formats.time_of_day(moment)}


# -- the status line -----------------------------------------------------------------------


def exercise_mid_sentence(exercise_id: str, catalogue: Catalogue | None = None) -> str:
    """The exercise's name as it reads inside a sentence: "breathing in 8 min".

    The name comes from ``catalogue``, the shipped one if not given. English writes it in
    lower case there, German keeps the capital of a noun: each language's form comes from
    its catalogue.
    """
    return (catalogue or packaged_catalogue()).name_in_sentence(exercise_id)


def upcoming(exercise_id: str, wait: float, catalogue: Catalogue | None = None, *,
             snoozed: bool = False) -> str:
    """The next prompt: "breathing in 8 min", or "breathing now" once nothing remains.

    Nothing remains when it is due but held back, or the user is away.
    """
    values = {"exercise": exercise_mid_sentence(exercise_id, catalogue),
              "duration": humanize_wait(wait)}
    if wait <= 0:
        return (_("%(exercise)s now (snoozed)") if snoozed else _("%(exercise)s now")) % values
    if snoozed:
        return _("%(exercise)s in %(duration)s (snoozed)") % values
    return _("%(exercise)s in %(duration)s") % values


def status_line(status: Status, now: datetime, catalogue: Catalogue | None = None,
                formats: Formats = PLAIN) -> str:
    """One line for the tray tooltip, the menu and the status window.

    "Sitting 47 min · breathing in 8 min"; ``catalogue`` names the exercise (the shipped one
    if not given), ``formats`` writes the times.
    """
    if status.present:
        sitting = _("Sitting %(duration)s") % {"duration": humanize(status.bout_seconds)}
    else:
        sitting = _("Away")
    if status.mode is Mode.PAUSED:
        tail = (_("paused") if status.until is None
                else _("paused until %(time)s") % {"time": clock_time(status.until, now, formats)})
    elif status.mode is Mode.OFF_HOURS:
        tail = (_("off") if status.until is None
                else _("off until %(time)s") % {"time": clock_time(status.until, now, formats)})
    elif status.prompt_open and status.waiting and status.next_exercise is not None:
        tail = _("%(exercise)s waiting on screen") % {
            "exercise": exercise_mid_sentence(status.next_exercise, catalogue)}
    elif status.prompt_open:
        tail = _("exercise on screen")
    elif status.next_exercise is None or status.next_prompt_at is None:
        tail = _("no exercises enabled")
    else:
        wait = seconds_between(status.next_prompt_at, now)
        tail = upcoming(status.next_exercise, wait, catalogue,
                        snoozed=status.mode is Mode.SNOOZED)
    if (status.held_back is not None and status.next_exercise is not None
            and status.mode is Mode.RUNNING):
        held = held_back_text(status.next_exercise, status.held_back, now, catalogue)
        return SEPARATOR.join((held, _("sitting %(duration)s") % {
            "duration": humanize(status.bout_seconds)}))
    return SEPARATOR.join((sitting, tail))


def status_summary(document: Mapping[str, Any], now: datetime,
                   catalogue: Catalogue | None = None, formats: Formats = PLAIN) -> str:
    """A ``status --json`` document as the one line ``deskbreath status`` prints.

    "Running · sitting 47 min · breathing in 8 min (14:32) · idle backend: X11 …";
    ``catalogue`` names the exercise (the shipped one if not given), ``formats`` writes the
    times.
    """
    state = document.get("state")
    if isinstance(state, str) and state in _MODES:
        head = mode_name(Mode(state))
    else:
        head = _("Unknown state")
    until = _parse_time(document.get("until"))
    if until is not None:
        head = _("%(state)s until %(time)s") % {"state": head,
                                                "time": clock_time(until, now, formats)}
    sitting = humanize(float(document.get("sitting_seconds") or 0))
    parts = [head, _("sitting %(duration)s") % {"duration": sitting}]
    next_prompt = document.get("next_prompt")
    held = document.get("held_back")
    reasons = {reason.value: reason for reason in HoldReason}
    if isinstance(held, Mapping) and held.get("reason") in reasons:
        since = _parse_time(held.get("since"))
        parts.append(_("held back: %(reason)s (%(duration)s)") % {
            "reason": hold_reason_short(reasons[str(held["reason"])]),
            "duration": humanize(seconds_between(now, since) if since else 0)})
    elif document.get("prompt_open"):
        parts.append(_("exercise on screen"))
    elif isinstance(next_prompt, Mapping):
        exercise = str(next_prompt.get("exercise"))
        wait = float(next_prompt.get("in_seconds") or 0)
        at = _parse_time(next_prompt.get("at"))
        if at is None:
            parts.append(upcoming(exercise, wait, catalogue))
        else:
            values = {"exercise": exercise_mid_sentence(exercise, catalogue),
                      "duration": humanize_wait(wait),
                      "time": clock_time(at, now, formats)}
            parts.append(_("%(exercise)s now (%(time)s)") % values if wait <= 0
                         else _("%(exercise)s in %(duration)s (%(time)s)") % values)
    else:
        parts.append(_("no exercise due"))
    backend = document.get("idle_backend") or _("unknown")
    parts.append(_("idle backend: %(name)s") % {"name": backend})
    return SEPARATOR.join(parts)


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


# -- statistics ----------------------------------------------------------------------------


def bout_end_name(ended: BoutEnd) -> str:
    """How a sitting bout ended, as people read it."""
    match ended:
        case BoutEnd.NATURAL_BREAK:
            return pgettext("bout end", "Natural break")
        case BoutEnd.LOCKED:
            return pgettext("bout end", "Screen locked")
        case BoutEnd.ASLEEP:
            return pgettext("bout end", "Computer asleep")
        case BoutEnd.QUIT:
            return pgettext("bout end", "deskbreath quit")
        case BoutEnd.UNDER_WAY:
            return pgettext("bout end", "Still sitting")
    assert_never(ended)


def period_name(days: int) -> str:
    """A statistics period's heading: "Today", "Last 7 days"."""
    if days == 1:
        return _("Today")
    return ngettext("Last %(n)d day", "Last %(n)d days", days) % {"n": days}


def posture_text(figures: Figures, formats: Formats = PLAIN) -> str:
    """The posture self-ratings: "2.5 of 3 (4 checks)", or a dash without any.

    ``formats`` writes the average ("2,5").
    """
    average = figures.posture_average
    if average is None:
        return "–"
    count = len(figures.posture_scores)
    return ngettext("%(score)s of 3 (%(n)d check)", "%(score)s of 3 (%(n)d checks)",
                    count) % {"score": formats.number(average, 1), "n": count}


def holds_text(figures: Figures) -> str:
    """Prompts held back and why: "Full screen 3× (12 min)", or "none"."""
    parts = []
    for reason, hold in sorted(figures.holds.items(), key=lambda item: -item[1].count):
        name = (hold_reason_name(HoldReason(reason)) if reason in _HOLD_REASONS
                else reason)
        parts.append(ngettext("%(reason)s: %(n)d time (%(duration)s)",
                              "%(reason)s: %(n)d times (%(duration)s)", hold.count)
                     % {"reason": name, "n": hold.count, "duration": humanize(hold.seconds)})
    return "; ".join(parts) if parts else _("none")


def figure_rows(figures: Figures, catalogue: Catalogue | None = None,
                formats: Formats = PLAIN) -> list[tuple[str, str]]:
    """The figures of a day or period as (label, value) rows.

    For the statistics window's table and ``deskbreath stats``; ``catalogue`` names the
    exercises (the shipped one if not given), and exercises in the log it does not know get
    a row too; ``formats`` writes the numbers.
    """
    catalogue = catalogue or packaged_catalogue()
    known = catalogue.ids
    rows = [
        (_("Sitting time"), humanize(figures.sitting)),
        (_("Sitting bouts"), str(figures.bouts)),
        (_("Longest bout"), humanize(figures.longest_bout)),
        (_("Average bout"), humanize(figures.average_bout)),
        (_("Natural breaks"), str(figures.natural_breaks)),
        (_("Exercise breaks"), str(figures.exercise_breaks)),
    ]
    extra = sorted(set(figures.exercises) - set(known))
    rows += [(_("%(exercise)s done") % {"exercise": catalogue.name(exercise)},
              str(figures.exercises.get(exercise, 0)))
             for exercise in (*known, *extra)]
    rows += [
        (_("Breathing time"), humanize(figures.breathing_minutes * 60)),
        (_("Posture rating"), posture_text(figures, formats)),
        (_("Prompts snoozed"), str(figures.prompts.get(EventKind.SNOOZED.value, 0))),
        (_("Prompts skipped or missed"),
         str(sum(figures.prompts.get(kind.value, 0)
                 for kind in (EventKind.SKIPPED, EventKind.MISSED, EventKind.STOPPED)))),
        (_("Prompts held back"), holds_total_text(figures)),
    ]
    return rows


def holds_total_text(figures: Figures) -> str:
    """How many prompts were held back and for how long in all: "3 (24 min)", or "0"."""
    count = sum(hold.count for hold in figures.holds.values())
    if not count:
        return "0"
    seconds = sum(hold.seconds for hold in figures.holds.values())
    return _("%(n)d (%(duration)s)") % {"n": count, "duration": humanize(seconds)}


_HOLD_REASONS = frozenset(reason.value for reason in HoldReason)
