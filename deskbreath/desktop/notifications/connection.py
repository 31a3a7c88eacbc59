"""One jeepney D-Bus connection whose incoming signals reach a callback on the Qt thread.

Notification servers send ``ActionInvoked`` to the connection that created the notification,
so the notifiers keep their own connection open. Its socket is watched with a
``QSocketNotifier``: no thread, no polling, and nothing runs while no message comes.

jeepney is used instead of QtDBus because the calls need argument types PySide6 cannot
marshal (``uint32``, ``aa{sv}``): PySide6 sends every Python ``int`` as ``int32`` and every
list of dicts as ``av``, and the servers refuse both.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSocketNotifier

if TYPE_CHECKING:
    from jeepney import Message
    from jeepney.io.blocking import DBusConnection

log = logging.getLogger(__name__)

CALL_TIMEOUT_S = 2.0
#: What a failed connection or call raises (jeepney raises these, or RuntimeError below).
ERRORS = (OSError, ConnectionError, TimeoutError, ValueError, RuntimeError, KeyError)


class SignalConnection(QObject):
    """A lazily opened jeepney connection to ``bus`` that hands signals to ``on_signal``.

    Only the signals matching ``match`` (keyword arguments of ``jeepney.MatchRule``) are
    handed on.

    Args:
        bus: ``"SESSION"`` or a D-Bus address.
        match: the match rule's fields, e.g. ``{"interface": "org.freedesktop.Notifications"}``.
        on_signal: called with each matching signal message, on the Qt thread.
        parent: the Qt parent.
    """

    def __init__(self, bus: str, match: dict[str, str], on_signal: Callable[[Message], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._match = match
        self._on_signal = on_signal
        self._conn: DBusConnection | None = None
        self._reader: QSocketNotifier | None = None
        self._queue: deque[Message] = deque()

    def call(self, message: Message) -> tuple[Any, ...]:
        """Send a method call and return the reply's body.

        Signals that arrive meanwhile are delivered right after.

        Raises:
            OSError, TimeoutError, RuntimeError, …: see :data:`ERRORS`; the connection is
            closed then, and the next call opens a new one.
        """
        from jeepney import MessageType  # noqa: PLC0415  (loaded on first use)

        try:
            conn = self._connect()
            reply = conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
        except ERRORS:
            self.close()
            raise
        if reply.header.message_type is MessageType.error:
            raise RuntimeError(f"{_error_name(reply)}: {' '.join(map(str, reply.body))}")
        self._deliver()
        body: tuple[Any, ...] = reply.body
        return body

    def close(self) -> None:
        """Close the connection (the next :meth:`call` opens a new one). Safe to call twice."""
        if self._reader is not None:
            self._reader.setEnabled(False)
            self._reader.deleteLater()
            self._reader = None
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.close()
            self._conn = None

    def _connect(self) -> DBusConnection:
        if self._conn is not None:
            return self._conn
        from jeepney import MatchRule  # noqa: PLC0415
        from jeepney.bus_messages import message_bus  # noqa: PLC0415
        from jeepney.io.blocking import Proxy, open_dbus_connection  # noqa: PLC0415

        conn = open_dbus_connection(bus=self._bus)
        try:
            rule = MatchRule(type="signal", **self._match)
            Proxy(message_bus, conn, timeout=CALL_TIMEOUT_S).AddMatch(rule)
            conn.filter(rule, queue=self._queue).__enter__()  # stays for the connection's life
        except ERRORS:
            conn.close()
            raise
        self._reader = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._on_reader_activated)
        self._conn = conn
        return conn

    def _on_reader_activated(self) -> None:
        conn = self._conn
        if conn is None:
            return
        try:
            while True:
                conn.recv_messages(timeout=0)
        except TimeoutError:
            pass
        except ERRORS as error:
            log.info("D-Bus connection for notifications closed: %s", error)
            self._deliver()
            self.close()
            return
        self._deliver()

    def _deliver(self) -> None:
        while self._queue:
            self._on_signal(self._queue.popleft())


def _error_name(message: Message) -> str:
    from jeepney import HeaderFields  # noqa: PLC0415

    return str(message.header.fields.get(HeaderFields.error_name, "error"))


def member(message: Message) -> str:
    """A signal message's member name, e.g. ``"ActionInvoked"``."""
    from jeepney import HeaderFields  # noqa: PLC0415

    return str(message.header.fields.get(HeaderFields.member, ""))
