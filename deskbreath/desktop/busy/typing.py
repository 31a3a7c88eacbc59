"""Typing: the user gave keyboard or mouse input within the last ``typing_lull`` seconds.

A prompt never appears mid-sentence: while this source says busy, the due prompt waits for
a lull, for at most :data:`deskbreath.core.holds.TYPING_BOUND` seconds (the policy's
business). It reads the idle source the sitting tracker uses; the controller asks it at a
fine grain only while a prompt waits for a lull.
"""

from __future__ import annotations

from collections.abc import Callable

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.base import BusySourceBase


class TypingSource(BusySourceBase):
    """Busy while the last input is more recent than the lull.

    Args:
        idle_seconds: seconds since the last input, or None when unknown (the idle source
            in use: it may be replaced while the app runs).
        lull: the ``typing_lull`` setting, read at each question (it may change).
    """

    def __init__(self, idle_seconds: Callable[[], float | None],
                 lull: Callable[[], float]) -> None:
        super().__init__(HoldReason.TYPING, "keyboard and mouse idle time")
        self._idle_seconds = idle_seconds
        self._lull = lull

    def is_busy(self) -> bool | None:
        """True while the idle time is below the lull; None when the idle source cannot tell."""
        idle = self._idle_seconds()
        if idle is None:
            return self._answer.cannot_tell("the idle backend cannot tell")
        return self._answer.tells(idle < self._lull())

    def close(self) -> None:
        """Nothing to release: the idle source belongs to the sitting tracker."""
