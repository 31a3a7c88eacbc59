"""When the connection to the display server breaks, quit as cleanly as Quit does.

Qt says so only in a warning, and what follows depends on the platform plugin (checked with
Qt 6.11 on Xvfb and on KWin 5.27):

- ``xcb``: "The X11 connection broke (error 1). Did the X11 server die?", then
  ``QCoreApplication::exit(1)``: ``aboutToQuit`` runs and ``exec()`` returns 1, so the ordinary
  quit path records what was on screen and removes the lock and socket files. Here the break
  is only noted (:attr:`DisplayLoss.lost`), so that path leaves the windows alone and the app
  reports a clean quit (exit status 0). If an Xlib call of Qt's (GLX, a window being created
  at logout) meets the dead server first, Xlib would call ``exit(1)`` and Qt crash in its
  static destructors; :func:`guard_qt_xlib_display` makes that :meth:`DisplayLoss.end_now`.
- ``wayland``: "The Wayland connection broke. Did the Wayland compositor die?", then
  ``_exit()`` as soon as the message handler returns: no ``aboutToQuit``, no ``atexit``, no
  ``finally``. The message handler is the last place Python runs, so it calls
  :meth:`DisplayLoss.end_now`. With ``QT_WAYLAND_RECONNECT`` set, Qt tries to reconnect
  instead, and nothing is done here.

:meth:`DisplayLoss.end_now` says the *last words* (record the exercise on screen, remove the
lock and socket files: nothing that talks to the display server), flushes the log and ends
the process with status 0.

Every Qt message also goes to deskbreath's log (logger ``qt``) at its level, instead of only
to stderr.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication, QNativeInterface

from deskbreath.desktop import xlib_guard

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

#: The beginnings of Qt's messages for a broken display connection (qxcbconnection.cpp,
#: qwaylanddisplay.cpp); stable since Qt 5.
X11_BROKE = "The X11 connection broke"
WAYLAND_BROKE = "The Wayland connection broke"

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class DisplayLoss:
    """Watches Qt's messages for a broken display connection (see the module docstring).

    Args:
        last_words: what must happen before a process that cannot return to its event loop
            ends: record the exercise on screen, remove the lock and socket files, without
            calling into the display server. Called at most once, by :meth:`end_now`.
        environ: the environment (``QT_WAYLAND_RECONNECT``).
        end_process: ends the process with a status; ``os._exit`` (Qt is about to call
            ``_exit`` itself; nothing else may run).

    Attributes:
        lost: True once Qt reported that the display connection broke.
    """

    def __init__(self, last_words: Callable[[], None], *,
                 environ: Mapping[str, str] = os.environ,
                 end_process: Callable[[int], object] = os._exit) -> None:
        self._last_words: Callable[[], None] | None = last_words
        self._reconnect = bool(environ.get("QT_WAYLAND_RECONNECT"))
        self._end_process = end_process
        self.lost = False

    def install(self, app: QGuiApplication | None = None) -> None:
        """Route Qt's messages here and, on X11, end on an Xlib I/O error on Qt's display.

        Process-wide: Qt has one message handler. On X11 an Xlib I/O error on Qt's display
        calls :meth:`end_now` (:func:`guard_qt_xlib_display`).
        """
        qInstallMessageHandler(self.handle_message)
        if app is not None:
            guard_qt_xlib_display(app, self.end_now)

    def handle_message(self, kind: QtMsgType, context: QMessageLogContext,
                       message: str) -> None:
        """Qt's message handler: log the message; act on a broken display connection."""
        category = getattr(context, "category", None) or "default"
        where = "" if category == "default" else f"[{category}] "
        qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s%s", where, message)
        if message.startswith(X11_BROKE):
            if not self.lost:
                log.warning("lost the X11 display: quitting")
            self.lost = True
        elif message.startswith(WAYLAND_BROKE) and not self._reconnect:
            log.warning("lost the Wayland display: quitting (Qt ends the process right after)")
            self.end_now()

    def end_now(self) -> None:
        """The display is gone and Qt cannot go on: end the process with status 0.

        Says the last words, flushes the log and ends the process. A second call (from inside
        the last words) returns.
        """
        self.lost = True
        last_words, self._last_words = self._last_words, None
        if last_words is None:
            return
        try:
            last_words()
        except Exception:  # the process ends either way; keep what can be kept
            log.exception("could not finish cleanly after losing the display")
        log.info("deskbreath quit")
        for handler in logging.getLogger().handlers:  # _exit() skips logging's own flush
            handler.flush()
        self._end_process(0)


def guard_qt_xlib_display(app: QGuiApplication, end: Callable[[], object]) -> bool:
    """Make an Xlib I/O error on Qt's own display call ``end`` instead of ``exit(1)``.

    See :mod:`deskbreath.desktop.xlib_guard`. False when Qt does not run on X11 here.
    """
    native = app.nativeInterface()
    if not isinstance(native, QNativeInterface.QX11Application):
        return False
    display = native.display()
    return bool(display) and xlib_guard.end_process_on_io_error(display, end)
