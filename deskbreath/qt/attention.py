"""How a due prompt asks for the user's attention when it cannot simply appear.

It watches for a pause in typing, nudges once after a long hold, and reminds once of a prompt
left unanswered. Nothing here decides: the reminder policy says when each step is due, the
controller owns the prompt and what a notification's button does.

Signals a desktop notification never takes keyboard focus and never covers the screen
(:mod:`deskbreath.desktop.notifications`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from deskbreath.core.clock import Clock, Moment
from deskbreath.core.exercises import Catalogue
from deskbreath.core.localtime import seconds_between
from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.sitting import SittingSnapshot
from deskbreath.core.wording import humanize, nudge_text, pre_prompt_text, waiting_text
from deskbreath.desktop.notifications.base import Action, ActionHandler, Notification, Notifier
from deskbreath.i18n import _

log = logging.getLogger(__name__)

#: How often the idle time is read while a due prompt waits for a pause in typing (and only
#: then): fine enough that the prompt appears within a quarter second of the lull.
LULL_POLL_MS = 250
#: Notification action ids (stable; the labels are translated where shown).
START_ACTION = "start"
SNOOZE_ACTION = "snooze"


class Attention(QObject):
    """The typing-lull watch and the gentle notifications of one controller.

    Args:
        policy: the reminder policy (asked, and told what was done).
        clock: the clock.
        catalogue: names the exercises.
        notifier: gives notifications; None sends them to ``notice`` instead (no actions).
        still_typing: asks the typing sources now (True while the user types).
        refresh: the controller's refresh, run when the lull comes or typing gives way.
        on_action: what a notification's button does (``START_ACTION``, ``SNOOZE_ACTION``).
        notice: a plain message, when there is no notifier.
        parent: the Qt parent.
    """

    def __init__(self, *, policy: ReminderPolicy, clock: Clock, catalogue: Catalogue,
                 notifier: Notifier | None, still_typing: Callable[[], bool],
                 refresh: Callable[[], None], on_action: ActionHandler,
                 notice: Callable[[str, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._policy = policy
        self._clock = clock
        self._catalogue = catalogue
        self._notifier = notifier
        self._still_typing = still_typing
        self._refresh = refresh
        self._on_action = on_action
        self._notice = notice
        self._lull = QTimer(self)
        self._lull.setObjectName("deskbreath-typing-lull")
        self._lull.setInterval(LULL_POLL_MS)
        self._lull.timeout.connect(self._on_lull_timeout)
        self._lull_until = 0.0

    def stop(self) -> None:
        """Stop watching for a lull in typing (the app is ending)."""
        self._lull.stop()

    def watch_for_lull(self, snapshot: SittingSnapshot, now: Moment) -> None:
        """While typing alone holds the due prompt, watch for the first lull in typing.

        Reads the idle time at a fine grain (and only the idle time) so the prompt comes at
        the first lull.
        """
        until = self._policy.typing_until(snapshot, now)
        if until is None:
            self._lull.stop()
            return
        self._lull_until = until
        if not self._lull.isActive():
            self._lull.start()

    def nudge_if_due(self, snapshot: SittingSnapshot, now: Moment) -> None:
        """After ``max_hold`` of holding back: one notification, never a window."""
        hold = self._policy.held_back(snapshot, now)
        exercise = self._policy.next_exercise
        if hold is None or exercise is None or not self._policy.nudge_due(snapshot, now):
            return
        log.info("prompt held back for %s (%s); nudging", humanize(
            seconds_between(now.wall, hold.since)), hold.reason.value)
        self._policy.nudged()
        text = nudge_text(exercise, hold, now.wall, self._catalogue)
        self.notify(Notification("deskbreath", text, self.actions(), key="nudge"))

    def escalate_if_due(self, now: Moment, exercise: str | None) -> None:
        """A prompt shown and left unanswered gets one notification, never more."""
        if exercise is None or not self._policy.escalation_notice_due(now):
            return
        log.info("the %s prompt has waited unanswered; one notification", exercise)
        self._policy.escalation_notified()
        text = waiting_text(exercise, self._catalogue)
        self.notify(Notification("deskbreath", text, self.actions(), key="waiting"))

    def pre_prompt(self, exercise: str) -> None:
        """The quiet notification a minute before a prompt."""
        text = pre_prompt_text(exercise, self._catalogue)
        self.notify(Notification("deskbreath", text, self.actions(), key="pre-prompt"))

    def actions(self) -> tuple[Action, ...]:
        """The buttons every notification here carries: "Start now" and "Snooze"."""
        return (Action(START_ACTION, _("Start now")), Action(SNOOZE_ACTION, _("Snooze")))

    def notify(self, notification: Notification) -> None:
        """Send ``notification``; without a notifier, its title and body go out as a notice."""
        if self._notifier is None:
            self._notice(notification.title, notification.body)
            return
        self._notifier.notify(notification, self._on_action)

    def _on_lull_timeout(self) -> None:
        if self._clock.monotonic() >= self._lull_until or not self._still_typing():
            self._lull.stop()
            self._refresh()
