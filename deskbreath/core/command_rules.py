"""Which commands apply in which state, and why one is refused: one rule for every front end.

The controller refuses a command with the sentence from :func:`refusal` (the command line
prints it and exits 1, the socket replies with it), and the tray menu and the status window
disable the same entries with the same sentence as their tooltip. The README's table
("What each command does in each state") is this module in words; tests/qt/
test_command_rules.py checks every cell.

The states are those of :class:`Situation`, taken in this order when several hold at once:
a prompt or exercise on screen, paused, outside working hours, snoozed, held back, no
exercise enabled, running. A prompt offered and left waiting (the escalation steps of
:mod:`deskbreath.core.escalation`) is a prompt on screen; a hold for typing or one past
``max_hold`` is a hold; the grace period after a hold is running (the prompt simply comes).

``status``, ``settings``, ``show`` and ``quit`` apply in every state; ``pause`` applies in
every state too (a pause replaces a pause or a snooze, and a prompt offered on screen is put
off as snoozed). The others:

* ``now``: refused while a prompt or an exercise is on screen; without a named exercise,
  also when none is enabled.
* ``snooze``: refused while paused, outside working hours, with no exercise enabled (no prompt
  is coming) and while an exercise is in progress (a snooze puts off prompts; an exercise that
  has begun is finished or stopped in its window). While snoozed it replaces the snooze; a
  prompt offered on screen closes as snoozed.
* ``resume``: applies only while paused or snoozed. While a prompt is held back the refusal
  says when it comes by itself: at the first pause in typing, or the grace period after the
  busy signal ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from deskbreath.core.exercises import Catalogue, packaged_catalogue
from deskbreath.core.formats import PLAIN, Formats
from deskbreath.core.holds import TYPING_BOUND, HoldReason
from deskbreath.core.policy import Mode, Status
from deskbreath.core.settings.model import BusySettings
from deskbreath.core.wording import clock_time, hold_reason_name, humanize
from deskbreath.i18n import _


class Command(StrEnum):
    """The commands whose effect depends on the state (the protocol's ``cmd`` values)."""

    NOW = "now"
    SNOOZE = "snooze"
    PAUSE = "pause"
    RESUME = "resume"


@dataclass(frozen=True)
class Situation:
    """What a command meets.

    Attributes:
        status: the policy's status (mode, until, held back, next exercise).
        on_screen: the exercise whose prompt or exercise window is open, or None.
        in_progress: the user has started the exercise on screen.
        grace: the ``[busy] grace`` in force: seconds from the end of a busy signal to the
            held-back prompt.
    """

    status: Status
    on_screen: str | None = None
    in_progress: bool = False
    grace: float = BusySettings.grace


def refusal(command: Command, situation: Situation, now: datetime,
            catalogue: Catalogue | None = None, *, named: bool = True,
            formats: Formats = PLAIN) -> str | None:
    """Why ``command`` is refused in ``situation``, or None when it applies.

    The reason is one sentence for people. ``named`` says whether ``now`` names its exercise
    (the tray's always do); ``formats`` writes the times.
    """
    status = situation.status
    screen = (None if situation.on_screen is None
              else (catalogue or packaged_catalogue()).name(situation.on_screen))
    if command is Command.NOW:
        if screen is not None:
            return _("%(exercise)s is already on screen; finish or close it first.") % {
                "exercise": screen}
        if not named and status.next_exercise is None:
            return _("No exercise is enabled; name one (deskbreath now breathing) or enable "
                     "one in the settings.")
        return None
    if command is Command.SNOOZE:
        if status.mode is Mode.PAUSED:
            if status.until is None:
                return _("deskbreath is paused until you resume, so no prompt is coming to "
                         "snooze; resume first, or pause for another length.")
            return _("deskbreath is paused until %(time)s, so no prompt is coming to snooze; "
                     "resume first, or pause for another length.") % {
                         "time": clock_time(status.until, now, formats)}
        if status.mode is Mode.OFF_HOURS:
            if status.until is None:
                return _("It is outside working hours, so no prompt is coming to snooze.")
            return _("It is outside working hours until %(time)s, so no prompt is coming "
                     "to snooze.") % {"time": clock_time(status.until, now, formats)}
        if screen is not None and situation.in_progress:
            return _("%(exercise)s is in progress; a snooze puts off prompts, not an "
                     "exercise under way. Finish or stop it first.") % {"exercise": screen}
        if status.next_exercise is None:
            return _("No exercise is enabled, so no prompt is coming to snooze.")
        return None
    if command is Command.RESUME:
        if status.mode in (Mode.PAUSED, Mode.SNOOZED):
            return None
        if status.mode is Mode.OFF_HOURS:
            if status.until is None:
                return _("It is outside working hours, which only the working hours setting "
                         "changes; there is nothing to resume.")
            return _("It is outside working hours until %(time)s; prompts come back by "
                     "themselves then, so there is nothing to resume.") % {
                         "time": clock_time(status.until, now, formats)}
        if status.held_back is not None:
            return _held_back(status.held_back.reason, situation.grace)
        return _("deskbreath is neither paused nor snoozed, so there is nothing to resume.")
    return None  # PAUSE applies in every state


def _held_back(reason: HoldReason, grace: float) -> str:
    """Why ``resume`` does nothing while a prompt is held back, and when it comes."""
    if reason is HoldReason.TYPING:
        return _("Nothing to resume: the prompt waits for a pause in your typing (at most "
                 "%(bound)s); deskbreath now starts it at once.") % {
                     "bound": humanize(TYPING_BOUND)}
    if grace <= 0:
        return _("Nothing to resume: the prompt is held back (%(reason)s) and comes as soon "
                 "as that ends; deskbreath now starts it at once.") % {
                     "reason": hold_reason_name(reason)}
    return _("Nothing to resume: the prompt is held back (%(reason)s) and comes %(grace)s "
             "after that ends; deskbreath now starts it at once.") % {
                 "reason": hold_reason_name(reason), "grace": humanize(grace)}
