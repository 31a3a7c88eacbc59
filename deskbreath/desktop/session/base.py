"""The :class:`SessionWatcher` protocol (screen lock and sleep) and its null fallback.

Threading contract: watchers live on the Qt thread and emit ``away_changed`` there; the
native notifications they listen to (D-Bus signals, window messages, Cocoa notification
blocks on the main queue) are all delivered by the Qt event loop.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

from deskbreath.desktop.session.events import AwayAggregator, AwayEvent

log = logging.getLogger(__name__)


class SessionWatcher(Protocol):
    """Tells when the user is away because the session is locked or the machine sleeps."""

    @property
    def away_changed(self) -> SignalInstance:
        """``(str reason, bool away)``: ``"locked"`` or ``"asleep"`` began or ended.

        ``away`` is True when it began, False when it ended; emitted only when the combined
        answer for that reason changes.
        """
        ...

    def is_away(self, reason: str) -> bool:
        """Whether ``reason`` holds now (e.g. the session was already locked at start)."""
        ...

    def describe(self) -> list[str]:
        """What it listens to and what it could not, one line each, for diagnostics."""
        ...

    def close(self) -> None:
        """Stop listening. Safe to call twice."""
        ...


class NullSessionWatcher(QObject):
    """The fallback when nothing can report lock or sleep: it never says the user is away.

    Sleep still shows as a long idle time afterwards, and a locked screen as idle input, so
    sitting time stays right; only the moment is later. It says it is a fallback, so the
    diagnostics view can say why.

    Signals:
        away_changed(str, bool): never emitted.
    """

    away_changed = Signal(str, bool)
    is_fallback = True

    def __init__(self, reason: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason = reason

    def is_away(self, reason: str) -> bool:  # noqa: ARG002 - never away
        """Always False: nothing here reports lock or sleep."""
        return False

    def describe(self) -> list[str]:
        """One line: ``none (<reason>)``."""
        return [f"none ({self.reason})"]

    def close(self) -> None:
        """Nothing to release."""


class AggregatingWatcher(QObject):
    """Base of the real watchers: it merges away events per reason and emits the changes.

    Native notifications, already read as :class:`AwayEvent` values, go through
    :meth:`apply`, which merges them per reason and emits the changes.

    Args:
        description: what the watcher listens to, one line, for :meth:`describe`.
        parent: the Qt parent.

    Signals:
        away_changed(str reason, bool away): ``"locked"`` or ``"asleep"`` began (True) or ended
            (False); emitted only when the combined answer for that reason changes.
    """

    away_changed = Signal(str, bool)

    def __init__(self, description: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._aggregator = AwayAggregator()
        self._description = description

    def apply(self, event: AwayEvent | None) -> None:
        """Take in one notification (None: one that means nothing here)."""
        change = self._aggregator.apply(event)
        if change is not None and event is not None:
            log.info("%s: %s %s", event.source, change[0], "began" if change[1] else "ended")
            self.away_changed.emit(*change)

    def is_away(self, reason: str) -> bool:
        """Whether ``reason`` holds now (e.g. the session was already locked at start)."""
        return self._aggregator.away(reason)

    def describe(self) -> list[str]:
        """What it listens to, for diagnostics."""
        return [self._description]

    def close(self) -> None:
        """Stop listening; subclasses release what they registered. Safe to call twice."""
        return
