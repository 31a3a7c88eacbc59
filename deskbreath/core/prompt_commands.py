"""The ``deskbreath prompt start|snooze|skip|focus`` commands: what they act on, when refused.

They exist for a keyboard shortcut: a prompt appears while the user types in another window
and, by design, does not take the keyboard; a desktop shortcut that runs one of these commands
answers it without reaching for the mouse. Each acts on the prompt on screen, so with none
each is refused with a sentence saying why (the command line prints it and exits 1), like
every other command that does not fit the state.

``focus`` also applies to an exercise under way (its window may have lost the keyboard to
another one); ``start``, ``snooze`` and ``skip`` answer an offer, so they are refused once
the exercise has begun: it is finished or stopped in its own window.
"""

from __future__ import annotations

from enum import StrEnum

from deskbreath.core.exercises import Catalogue, packaged_catalogue
from deskbreath.i18n import _


class PromptAction(StrEnum):
    """What ``deskbreath prompt`` does to the prompt on screen (the protocol's ``action``)."""

    START = "start"
    SNOOZE = "snooze"
    SKIP = "skip"
    FOCUS = "focus"


def prompt_refusal(action: PromptAction, on_screen: str | None, in_progress: bool,
                   catalogue: Catalogue | None = None) -> str | None:
    """Why ``action`` is refused (one sentence for people), or None when it applies.

    Args:
        action: the command.
        on_screen: the exercise whose prompt or exercise window is open, or None.
        in_progress: the user has started that exercise (it is no longer an offer).
        catalogue: names the exercise (the shipped catalogue if not given).
    """
    if on_screen is None:
        return {
            PromptAction.START: _("No prompt is on screen to start; `deskbreath now` starts "
                                  "an exercise at once."),
            PromptAction.SNOOZE: _("No prompt is on screen to snooze; `deskbreath snooze` "
                                   "puts off the next one."),
            PromptAction.SKIP: _("No prompt is on screen to skip."),
            PromptAction.FOCUS: _("No prompt is on screen to focus."),
        }[action]
    if not in_progress or action is PromptAction.FOCUS:
        return None
    name = (catalogue or packaged_catalogue()).name(on_screen)
    if action is PromptAction.START:
        return _("%(exercise)s has already started.") % {"exercise": name}
    return _("%(exercise)s is under way; finish it or stop it in its window (Stop or Esc).") % {
        "exercise": name}
