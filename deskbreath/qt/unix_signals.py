"""SIGTERM, SIGINT and SIGHUP end the app the way Quit does.

At logout, on ``kill``, on Ctrl+C, when its terminal closes (SIGHUP; some session managers
send it at logout too).
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import sys
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal, Slot

log = logging.getLogger(__name__)

Handler = Callable[[int, FrameType | None], Any] | int | None

#: The signals that mean "quit": their default action would end the process on the spot, with
#: the exercise on screen unrecorded and the lock and socket files left behind. (Windows has
#: none of them but SIGINT and SIGTERM, and never sends those to a GUI process.)
QUIT_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


class QuitSignals(QObject):
    """Turns the given Unix signals into ``received`` on the Qt thread.

    Why the socket pair: Python runs signal handlers only between bytecodes, and while Qt's
    event loop waits in C++ no bytecode runs, so a plain handler would wait for the next
    event (a SIGTERM at logout could wait for minutes). ``signal.set_wakeup_fd`` makes the C
    handler write the signal number into a socket that a ``QSocketNotifier`` watches, so the
    loop wakes at once. Without it the default action would end the process on the spot:
    no outcome recorded for an open prompt, and the lock and socket left behind.

    Signals:
        received(int): one of the signals arrived; its number.
    """

    received = Signal(int)

    def __init__(self, signals: Sequence[signal.Signals] = QUIT_SIGNALS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = tuple(signals)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(),
                                                 warn_on_full_buffer=False)
        self._previous: dict[signal.Signals, Handler] = {
            number: signal.signal(number, _note_only) for number in self._signals
        }
        self._notifier: QSocketNotifier | None = QSocketNotifier(
            self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.setObjectName("deskbreath-unix-signals")
        self._notifier.activated.connect(self._on_notifier_activated)

    def close(self) -> None:
        """Give the signals and the wake-up descriptor back as they were. Safe to call twice."""
        if self._notifier is None:
            return
        self._notifier.setEnabled(False)
        self._notifier.deleteLater()
        self._notifier = None
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()

    @Slot()
    def _on_notifier_activated(self) -> None:
        data = b""
        with contextlib.suppress(BlockingIOError):
            data = self._reader.recv(64)
        for number in data:
            if number in self._signals:
                log.info("%s received: quitting", signal.Signals(number).name)
                self.received.emit(number)


def install_quit_signals(parent: QObject, *,
                         platform: str = sys.platform) -> QuitSignals | None:
    """:data:`QUIT_SIGNALS` as :class:`QuitSignals` where the platform has them.

    None on Windows, where a GUI process gets no such signals (logout ends it through Qt).
    """
    if platform == "win32":
        return None
    return QuitSignals(parent=parent)


def _note_only(_number: int, _frame: FrameType | None) -> None:
    """The Python-level handler: nothing to do here, the wake-up socket carries the news."""
