"""Graded escalation for a prompt that is shown and ignored (Qt-free).

A prompt offered by deskbreath appears quietly in a corner without taking focus. If nobody
answers it, it stays there; after :data:`TRAY_AFTER` the tray icon shows that a prompt is
waiting; after :data:`NOTIFY_AFTER` one desktop notification says so. It never grows into
a focus-stealing or screen-blocking window, and it never nags twice. A prompt the user
starts, answers or closes ends the escalation; one left behind when the user goes away is
recorded as missed (the controller closes it), not skipped.
"""

from __future__ import annotations

from enum import IntEnum

#: Seconds an ignored prompt waits before the tray icon shows it is waiting.
TRAY_AFTER = 5 * 60.0
#: Seconds an ignored prompt waits before one desktop notification says so.
NOTIFY_AFTER = 15 * 60.0


class Escalation(IntEnum):
    """How far an ignored prompt has escalated; each step includes the ones before it."""

    NONE = 0  # no offered prompt is on screen, or the user started it
    QUIET = 1  # shown, waiting quietly in its corner
    TRAY = 2  # the tray icon shows a prompt is waiting
    NOTIFY = 3  # one desktop notification, then nothing more


class PromptWatch:
    """Watches the prompt on screen, for the escalation steps.

    Args:
        tray_after: seconds from showing to the tray step.
        notify_after: seconds from showing to the notification step.
    """

    def __init__(self, tray_after: float = TRAY_AFTER,
                 notify_after: float = NOTIFY_AFTER) -> None:
        self._tray_after = tray_after
        self._notify_after = notify_after
        self._shown_at: float | None = None
        self._notified = False

    def opened(self, monotonic: float, *, offered: bool) -> None:
        """A prompt is on screen.

        Only one deskbreath offered (not one the user started) escalates.
        """
        self._shown_at = monotonic if offered else None
        self._notified = False

    def started(self) -> None:
        """The user started the exercise: nothing is waiting any more."""
        self._shown_at = None

    def closed(self) -> None:
        """The prompt left the screen."""
        self._shown_at = None
        self._notified = False

    def notified(self) -> None:
        """The notification step was taken; it is not taken again for this prompt."""
        self._notified = True

    def step(self, monotonic: float) -> Escalation:
        """How far the prompt on screen has escalated at ``monotonic``."""
        if self._shown_at is None:
            return Escalation.NONE
        waited = monotonic - self._shown_at
        if waited >= self._notify_after:
            return Escalation.NOTIFY
        if waited >= self._tray_after:
            return Escalation.TRAY
        return Escalation.QUIET

    def notice_due(self, monotonic: float) -> bool:
        """True once the notification step is reached and not yet taken."""
        return self.step(monotonic) is Escalation.NOTIFY and not self._notified
