"""Qt-free mapping of native lock/sleep notifications to ``(reason, away)`` changes.

Several notifications can say the same thing ("locked" from both the lock screen and a user
switch; a screensaver that blanks while logind reports the lock). :class:`AwayAggregator`
keeps one flag per source and reports a change of a reason only when the combined answer
changes, so the sitting tracker never sees "unlocked" while another source still says locked.

The Windows and macOS mappings are pure functions, tested with fake codes. The Windows one is
fed by a thin native event filter (:mod:`deskbreath.desktop.session.windows`), not exercised
on Linux. The macOS one is fed by NSWorkspace and distributed-notification observers
(:mod:`deskbreath.desktop.session.macos`), which need the optional PyObjC extra
(``deskbreath[macos]``).
"""

from __future__ import annotations

from dataclasses import dataclass

LOCKED = "locked"
ASLEEP = "asleep"

# Windows message and parameter codes (winuser.h, wtsapi32.h).
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x0004
PBT_APMRESUMESUSPEND = 0x0007
PBT_APMRESUMEAUTOMATIC = 0x0012
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WTS_SESSION_UNLOCK = 0x8


@dataclass(frozen=True)
class AwayEvent:
    """One native notification, already interpreted.

    Attributes:
        source: which notification stream said it, e.g. ``"logind-sleep"``.
        reason: ``"locked"`` or ``"asleep"``.
        away: True when the reason begins, False when it ends.
    """

    source: str
    reason: str
    away: bool


def windows_message_to_event(message: int, wparam: int) -> AwayEvent | None:
    """Interpret a ``WM_POWERBROADCAST`` or ``WM_WTSSESSION_CHANGE`` message, else None.

    Only suspend/resume and lock/unlock matter; battery, console connect/disconnect and the
    other WTS codes are ignored (a user switch locks the session first).
    """
    if message == WM_POWERBROADCAST:
        if wparam == PBT_APMSUSPEND:
            return AwayEvent("windows-power", ASLEEP, True)
        if wparam in (PBT_APMRESUMESUSPEND, PBT_APMRESUMEAUTOMATIC):
            return AwayEvent("windows-power", ASLEEP, False)
    elif message == WM_WTSSESSION_CHANGE:
        if wparam == WTS_SESSION_LOCK:
            return AwayEvent("windows-session", LOCKED, True)
        if wparam == WTS_SESSION_UNLOCK:
            return AwayEvent("windows-session", LOCKED, False)
    return None


_MACOS_NOTIFICATIONS: dict[str, AwayEvent] = {
    # NSWorkspace notification centre.
    "NSWorkspaceWillSleepNotification": AwayEvent("macos-power", ASLEEP, True),
    "NSWorkspaceDidWakeNotification": AwayEvent("macos-power", ASLEEP, False),
    "NSWorkspaceSessionDidResignActiveNotification": AwayEvent("macos-session", LOCKED, True),
    "NSWorkspaceSessionDidBecomeActiveNotification": AwayEvent("macos-session", LOCKED, False),
    # Distributed notification centre (the lock screen).
    "com.apple.screenIsLocked": AwayEvent("macos-lock", LOCKED, True),
    "com.apple.screenIsUnlocked": AwayEvent("macos-lock", LOCKED, False),
}

MACOS_NOTIFICATION_NAMES = tuple(_MACOS_NOTIFICATIONS)


def macos_notification_to_event(name: str) -> AwayEvent | None:
    """Interpret a macOS workspace or distributed notification name, else None."""
    return _MACOS_NOTIFICATIONS.get(name)


class AwayAggregator:
    """Combines per-source away flags into one flag per reason and reports its changes."""

    def __init__(self) -> None:
        self._flags: dict[tuple[str, str], bool] = {}

    def away(self, reason: str) -> bool:
        """Whether any source currently says the user is away for ``reason``."""
        return any(flag for (_, r), flag in self._flags.items() if r == reason)

    def apply(self, event: AwayEvent | None) -> tuple[str, bool] | None:
        """Record ``event``; return ``(reason, away)`` if the combined answer changed.

        ``None`` (a notification that means nothing here) changes nothing.
        """
        if event is None:
            return None
        before = self.away(event.reason)
        self._flags[(event.source, event.reason)] = event.away
        after = self.away(event.reason)
        return None if before == after else (event.reason, after)
