"""Activity events on X11: the user's return from XInput2, the natural break from a timer.

MIT-SCREEN-SAVER has no event for input, so an X11 session was polled every 15 s while the
user was idle, and once a second while away. :class:`X11ActivityEvents` lets the controller
rest instead (:class:`~deskbreath.core.idle.ActivityEvents`), as Mutter's watches do on GNOME.
The same events serve ``org.freedesktop.ScreenSaver`` on an X11 session (KDE Plasma on X11,
Xfce, …), whose D-Bus API has no input event either: raw input comes from the X server
whatever answers the idle time, and the threshold timer reads that backend's idle time.

- **the user's return**: XInput2 raw input events on the root window
  (:class:`~deskbreath.desktop.idle.x11_input.RawInput`, its own xcb connection), selected
  only while a watch is armed; the connection's socket is watched with a ``QSocketNotifier``;
- **the natural break**: a single-shot timer at the threshold minus the idle time read when
  the watch is armed (the idle time grows one second per second until input comes, and
  input fires the other event first).

The connection is opened at the first watch, not at start-up.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer

from deskbreath.desktop.idle.x11_input import RawInput, XInputUnavailable

log = logging.getLogger(__name__)

#: Added to the natural-break timer (ms), so the idle time read when it fires has reached the
#: threshold despite the X server's millisecond rounding.
THRESHOLD_MARGIN_MS = 20


class X11ActivityEvents(QObject):
    """:class:`~deskbreath.core.idle.ActivityEvents` of an X11 display.

    Args:
        display: the X display name, e.g. ``":0"``.
        idle_seconds: reads the idle time now, for the threshold: the idle source's the
            events belong to (X11 MIT-SCREEN-SAVER, or ``org.freedesktop.ScreenSaver``).
        parent: the Qt parent.

    Attributes:
        fired_count: how many watches have fired (for the diagnostics and tests).
    """

    def __init__(self, display: str, idle_seconds: Callable[[], float | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._display = display
        self._idle_seconds = idle_seconds
        self._input: RawInput | None = None
        self._unavailable: str | None = None
        self._notifier: QSocketNotifier | None = None
        self._fired: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("deskbreath-x11-idle-threshold")
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may fire 5 % early
        self._timer.timeout.connect(self._on_timer_timeout)
        self.fired_count = 0

    @property
    def armed(self) -> bool:
        """Whether a watch waits to fire."""
        return self._fired is not None

    def watch(self, idle_threshold: float | None, fired: Callable[[], None]) -> bool:
        """Select raw input (and time the threshold); False when XInput2 cannot deliver it."""
        self.unwatch()
        raw = self._open()
        if raw is None:
            return False
        if not raw.select():
            self._give_up("the X server refused the raw input selection")
            return False
        idle = self._idle_seconds() if idle_threshold is not None else None
        if idle_threshold is not None and idle is None:
            raw.deselect()
            log.info("cannot time the X11 idle threshold: no idle time (polling instead)")
            return False
        self._fired = fired
        assert self._notifier is not None  # opened with the connection
        self._notifier.setEnabled(True)
        if raw.drain():  # input the selecting round trip read already: no readable socket
            self._timer.start(0)
        elif idle_threshold is not None and idle is not None:
            wait_ms = math.ceil(max(0.0, idle_threshold - idle) * 1000) + THRESHOLD_MARGIN_MS
            self._timer.start(wait_ms)
        return True

    def unwatch(self) -> None:
        """Drop the watch and deselect the raw events; ``fired`` will not run."""
        self._fired = None
        self._timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._input is not None and self._input.selected:
            self._input.deselect()

    def close(self) -> None:
        """Drop the watch and close the connection. Safe to call twice."""
        self.unwatch()
        if self._notifier is not None:
            self._notifier.deleteLater()
            self._notifier = None
        if self._input is not None:
            self._input.close()
            self._input = None

    def _open(self) -> RawInput | None:
        if self._input is not None:
            if not self._input.broken:
                return self._input
            self._give_up("the X connection closed")  # the display is gone for the app too
        if self._unavailable is not None:
            return None
        try:
            raw = RawInput(self._display)
        except XInputUnavailable as error:
            self._give_up(str(error))
            return None
        self._input = raw
        self._notifier = QSocketNotifier(raw.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.setObjectName("deskbreath-x11-raw-input")
        self._notifier.setEnabled(False)
        self._notifier.activated.connect(self._on_notifier_activated)
        return raw

    def _give_up(self, reason: str) -> None:
        """Log once why there are no events here; later watches refuse at once."""
        self._unavailable = reason
        log.info("no X11 input events (the idle time is polled instead): %s", reason)
        self.close()

    def _fire(self) -> None:
        fired = self._fired
        self.unwatch()
        if fired is not None:
            self.fired_count += 1
            fired()

    def _on_notifier_activated(self) -> None:
        raw = self._input
        if raw is None:
            return
        if raw.drain():
            self._fire()
        elif raw.broken:  # the X server hung up: the caller refreshes and finds out
            fired = self._fired
            self._give_up("the X connection closed")
            if fired is not None:
                self.fired_count += 1
                fired()

    def _on_timer_timeout(self) -> None:
        self._fire()
