"""The status as data, for ``deskbreath status --json`` and for every view.

One stable JSON-ready document, and the :class:`Presentation` every view draws from. Its texts
come from :mod:`deskbreath.core.wording`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from deskbreath import __version__
from deskbreath.core.localtime import seconds_between
from deskbreath.core.policy import Status

if TYPE_CHECKING:
    from deskbreath.core.command_rules import Command

STATUS_FORMAT = 1


@dataclass(frozen=True)
class Presentation:
    """The status plus the texts every view shows, computed once per change.

    Attributes:
        status: the policy's status.
        line: the one-line summary for tooltip and status line.
        warning: a standing warning (e.g. no idle backend works), or None.
        refusals: each command refused in this state, with the sentence saying why
            (:mod:`deskbreath.core.command_rules`); the views disable those entries.
    """

    status: Status
    line: str
    warning: str | None
    refusals: Mapping[Command, str] = field(default_factory=dict)


def status_document(status: Status, *, idle_backend: str, idle_seconds: float | None,
                    now: datetime, on_screen: str | None = None,
                    in_progress: bool = False) -> dict[str, Any]:
    """The ``status --json`` document (format 1, documented in the README).

    ``on_screen`` is the exercise whose prompt is open (None: none is), ``in_progress``
    whether the user has started it; they make the document's ``prompt``.
    """
    next_prompt: dict[str, Any] | None = None
    if status.next_exercise is not None and status.next_prompt_at is not None:
        next_prompt = {
            "exercise": status.next_exercise,
            "at": status.next_prompt_at.isoformat(timespec="seconds"),
            # Rounded up: 0 only when nothing remains, so "now" is never said too early.
            "in_seconds": max(0, math.ceil(seconds_between(status.next_prompt_at, now) - 1e-6)),
            "sitting_seconds_needed": round(status.due_in or 0.0),
        }
    held_back: dict[str, Any] | None = None
    if status.held_back is not None:
        held_back = {
            "reason": status.held_back.reason.value,
            "since": status.held_back.since.isoformat(timespec="seconds"),
        }
    return {
        "format": STATUS_FORMAT,
        "version": __version__,
        "state": status.mode.value,  # the identifier, never display text
        "until": None if status.until is None else status.until.isoformat(timespec="seconds"),
        "sitting_seconds": round(status.bout_seconds),
        "present": status.present,
        "prompt_open": status.prompt_open,
        "prompt": None if on_screen is None else {
            "exercise": on_screen, "state": "in-progress" if in_progress else "offered"},
        "held_back": held_back,
        "next_prompt": next_prompt,
        "idle_backend": idle_backend,
        "idle_seconds": None if idle_seconds is None else round(idle_seconds, 1),
    }
