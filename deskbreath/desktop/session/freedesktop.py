"""Lock and sleep from D-Bus: logind on the system bus, screensavers on the session bus.

Sources (each optional; a missing bus or service just stays silent):
  * logind ``org.freedesktop.login1.Manager.PrepareForSleep(b)`` → ``"asleep"``.
  * logind session ``LockedHint``, via ``org.freedesktop.DBus.Properties.PropertiesChanged`` on
    this process's session object → ``"locked"``. Signals carry the session's real object path
    (``/org/freedesktop/login1/session/_32``), never the ``session/auto`` alias, so the path is
    resolved first: ``GetSession($XDG_SESSION_ID)``, then ``GetSessionByPID``, then the ``Id``
    of ``session/auto`` (the user's display session when we run outside a session).
  * ``ActiveChanged(b)`` of ``org.freedesktop.ScreenSaver`` (KDE, Xfce, …) and
    ``org.gnome.ScreenSaver`` (GNOME Shell) → ``"locked"``.

Several sources can report "locked"; :class:`~deskbreath.desktop.session.events.AwayAggregator`
merges them so a reason ends only when every source agrees.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from PySide6.QtCore import QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from deskbreath.desktop.dbus import DEFAULT_TIMEOUT_MS, DBusCallError, call, slot, unwrap
from deskbreath.desktop.session.base import AggregatingWatcher
from deskbreath.desktop.session.events import ASLEEP, LOCKED, AwayEvent

log = logging.getLogger(__name__)

LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
LOGIND_SESSION = "org.freedesktop.login1.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"
_SCREENSAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "freedesktop-screensaver",
     "_on_freedesktop_screensaver_active_changed(bool)"),
    ("/ScreenSaver", "org.freedesktop.ScreenSaver", "freedesktop-screensaver",
     "_on_freedesktop_screensaver_active_changed(bool)"),
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "gnome-screensaver",
     "_on_gnome_screensaver_active_changed(bool)"),
)



class FreedesktopSessionWatcher(AggregatingWatcher):
    """Tells when the user is away because the session is locked or the machine sleeps.

    Args:
        session_bus: the session bus, or None to skip screensaver signals.
        system_bus: the system bus, or None to skip logind.
        env: the environment, for ``XDG_SESSION_ID``.
        pid: the process whose logind session is watched.
        timeout_ms: timeout of each D-Bus call (session lookup, LockedHint reads).
        parent: the Qt parent.

    Attributes:
        sources: what it listens to, one line each, for the diagnostics view.
        problems: what it could not listen to, and why.

    Signals:
        away_changed(str reason, bool away): ``"locked"`` or ``"asleep"`` began (True) or ended
            (False). Emitted only when the combined answer for that reason changes.
    """

    def __init__(self, session_bus: QDBusConnection | None, system_bus: QDBusConnection | None,
                 *, env: Mapping[str, str] = os.environ, pid: int | None = None,
                 timeout_ms: int = DEFAULT_TIMEOUT_MS, parent: QObject | None = None) -> None:
        super().__init__("logind and screensavers over D-Bus", parent)
        self.setObjectName("deskbreath-session-watcher")
        self.sources: list[str] = []
        self.problems: list[str] = []
        self._timeout_ms = timeout_ms
        self._system_bus = system_bus
        self._session_path: str | None = None
        if system_bus is not None and system_bus.isConnected():
            self._watch_logind(system_bus, env, os.getpid() if pid is None else pid)
        else:
            self.problems.append("system bus not connected: no logind sleep or lock signals")
        if session_bus is not None and session_bus.isConnected():
            self._watch_screensavers(session_bus)
        else:
            self.problems.append("session bus not connected: no screensaver signals")
        for line in self.sources:
            log.info("listening to %s", line)
        for line in self.problems:
            log.info("not listening: %s", line)

    def describe(self) -> list[str]:
        """What it listens to, then what it could not listen to and why."""
        return [*self.sources, *(f"not: {line}" for line in self.problems)]

    def _watch_logind(self, bus: QDBusConnection, env: Mapping[str, str], pid: int) -> None:
        if bus.connect(LOGIND, LOGIND_PATH, LOGIND_MANAGER, "PrepareForSleep",
                       self, slot("_on_logind_prepare_for_sleep(bool)")):
            self.sources.append("logind PrepareForSleep (system bus)")
        else:
            self.problems.append(
                f"cannot subscribe to PrepareForSleep: {bus.lastError().message()}")
        path = self._resolve_session_path(bus, env, pid)
        if path is None:
            return
        self._session_path = path
        if bus.connect(LOGIND, path, PROPERTIES, "PropertiesChanged",
                       self, slot("_on_logind_properties_changed(QDBusMessage)")):
            self.sources.append(f"logind LockedHint of {path} (system bus)")
            locked = self._read_locked_hint()
            if locked:
                self._aggregator.apply(AwayEvent("logind-lock", LOCKED, True))
        else:
            self.problems.append(f"cannot subscribe to {path}: {bus.lastError().message()}")

    def _resolve_session_path(self, bus: QDBusConnection, env: Mapping[str, str],
                              pid: int) -> str | None:
        attempts: list[tuple[str, str, tuple[object, ...]]] = []
        session_id = env.get("XDG_SESSION_ID")
        if session_id:
            attempts.append(("GetSession", LOGIND_MANAGER, (session_id,)))
        attempts.append(("GetSessionByPID", LOGIND_MANAGER, (pid,)))
        errors: list[str] = []
        for method, interface, args in attempts:
            try:
                reply = call(bus, LOGIND, LOGIND_PATH, interface, method, *args,
                             timeout_ms=self._timeout_ms)
            except DBusCallError as error:
                errors.append(f"{method}: {error}")
                continue
            path = unwrap(reply[0]) if reply else None
            if isinstance(path, str) and path.startswith("/"):
                return path
            errors.append(f"{method} answered {reply!r}")
        try:
            reply = call(bus, LOGIND, f"{LOGIND_PATH}/session/auto", PROPERTIES, "Get",
                         LOGIND_SESSION, "Id", timeout_ms=self._timeout_ms)
            auto_id = unwrap(reply[0]) if reply else None
            if isinstance(auto_id, str) and auto_id:
                reply = call(bus, LOGIND, LOGIND_PATH, LOGIND_MANAGER, "GetSession", auto_id,
                             timeout_ms=self._timeout_ms)
                path = unwrap(reply[0]) if reply else None
                if isinstance(path, str) and path.startswith("/"):
                    return path
        except DBusCallError as error:
            errors.append(f"session/auto: {error}")
        self.problems.append("no logind session to watch for LockedHint: " + "; ".join(errors))
        return None

    def _read_locked_hint(self) -> bool | None:
        if self._system_bus is None or self._session_path is None:
            return None
        try:
            reply = call(self._system_bus, LOGIND, self._session_path, PROPERTIES, "Get",
                         LOGIND_SESSION, "LockedHint", timeout_ms=self._timeout_ms)
        except DBusCallError as error:
            log.info("cannot read LockedHint of %s: %s", self._session_path, error)
            return None
        value = unwrap(reply[0]) if reply else None
        return value if isinstance(value, bool) else None

    def _watch_screensavers(self, bus: QDBusConnection) -> None:
        for path, interface, _source, handler in _SCREENSAVERS:
            if bus.connect("", path, interface, "ActiveChanged", self, slot(handler)):
                self.sources.append(f"{interface} ActiveChanged at {path} (session bus)")
            else:
                self.problems.append(
                    f"cannot subscribe to {interface} at {path}: {bus.lastError().message()}")

    @Slot(bool)
    def _on_logind_prepare_for_sleep(self, sleeping: bool) -> None:
        self.apply(AwayEvent("logind-sleep", ASLEEP, sleeping))

    @Slot(QDBusMessage)
    def _on_logind_properties_changed(self, message: QDBusMessage) -> None:
        # PySide6 hands the a{sv} over as an opaque QDBusArgument, so read LockedHint back
        # with Properties.Get (one short call; lock changes are rare).
        arguments = message.arguments()
        if not arguments or arguments[0] != LOGIND_SESSION:
            return
        locked = self._read_locked_hint()
        if locked is not None:
            self.apply(AwayEvent("logind-lock", LOCKED, locked))

    @Slot(bool)
    def _on_freedesktop_screensaver_active_changed(self, active: bool) -> None:
        self.apply(AwayEvent("freedesktop-screensaver", LOCKED, active))

    @Slot(bool)
    def _on_gnome_screensaver_active_changed(self, active: bool) -> None:
        self.apply(AwayEvent("gnome-screensaver", LOCKED, active))
