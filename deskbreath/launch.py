"""Start-up in two stages: the tray icon first, everything else a moment later.

The user waits for the icon, and nothing else needs to come before it. So this module does
only what the icon needs: the QApplication, the quit signals and the display watch (a
``kill`` or a lost display during start-up still ends cleanly), and a bare
``QSystemTrayIcon`` with the app icon, shown before the event loop starts. It imports none of
deskbreath's own tray, menu or core modules: :class:`~deskbreath.qt.tray.icon.TrayIcon`
adopts that icon in the second stage and gives it its menu and state icons.

The rest is the composition root, :func:`deskbreath.app.compose`, which the command line
passes in as a loader: its modules (APScheduler, the settings file, the health log, the idle,
busy, session and notification backends, the command socket, …) are imported on a helper
thread while the Qt thread serves the event loop, so the icon is painted, and a
StatusNotifierItem host that asks for it over D-Bus gets its answer, meanwhile. Then the
composition runs on the Qt thread: it builds everything, and the controller's first decision
comes last, so it uses all of it.

Nothing before the icon calls D-Bus (Qt's own tray code aside), so a D-Bus service that
never answers cannot delay it (``tests/e2e/test_startup_order.py``). Launch-to-docked
figures: README "Footprint".
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from deskbreath import APP_ID, APP_NAME, __version__
from deskbreath.desktop.integration.files import app_icon_svg
from deskbreath.desktop.offers.detect import qt_platform_request
from deskbreath.paths import Paths
from deskbreath.qt.display_loss import DisplayLoss
from deskbreath.qt.unix_signals import QuitSignals, install_quit_signals

if TYPE_CHECKING:
    from deskbreath.qt.ipc.instance import SingleInstance

log = logging.getLogger(__name__)

RESTART = 75
"""The exit code of :func:`run` that asks the command line to start deskbreath again (the
settings dialog's Restart now, after the language changed): the new process chooses the
language anew."""


@dataclass
class Early:
    """What the first stage built, handed to :func:`deskbreath.app.compose`.

    ``quit_app`` and ``last_words`` start as what fits an app that is not composed yet (quit
    the loop; release the lock and socket); the composition replaces them with the full
    versions (record the exercise on screen, close the health log, …), and holds its
    objects in ``running``.
    """

    app: QApplication
    instance: SingleInstance
    paths: Paths
    icon: QSystemTrayIcon
    display_loss: DisplayLoss
    quit_signals: QuitSignals | None
    quit_app: Callable[[], None]
    last_words: Callable[[], None]
    failure: list[BaseException] = field(default_factory=list)
    icon_shown_at: float = 0.0
    """When the icon was shown (``time.monotonic()``)."""
    running: tuple[object, ...] = ()
    """What the composition keeps alive until the app quits."""
    restart: bool = False
    """The app quits to be started again (Restart now in the settings dialog)."""


Composer = Callable[[Early], None]


def run(instance: SingleInstance, paths: Paths, load: Callable[[], Composer]) -> int:
    """Show the tray icon, ``load`` and run the composition, run the app until it quits.

    Every way out is the same clean quit: Quit in the menu, ``deskbreath quit``, SIGTERM,
    SIGINT and SIGHUP, and the display server going away. The exercise on screen is recorded
    as interrupted, and the lock and socket files are removed (by the caller, or here when
    Qt would end the process at once; see :mod:`deskbreath.qt.display_loss`).

    Logging is set up by the caller (the command line), before the single-instance check.

    Args:
        instance: the single-instance lock, held; its socket is served by ``compose``.
        paths: where deskbreath's files are.
        load: imports the composition root and returns its composer
            (:func:`deskbreath.app.compose`); called on a helper thread, the composer then
            on the Qt thread.

    Returns:
        The exit code; :data:`RESTART` when the app quit to be started again.

    Raises:
        Exception: whatever made the composition fail (the app quits first).
    """
    # In a Wayland session deskbreath runs through Xwayland when it can: only there can an
    # offer keep away from the keyboard (deskbreath/desktop/offers/detect.py).
    platform = qt_platform_request(os.environ)
    app = QApplication(sys.argv[:1] + (["-platform", platform] if platform else []))
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # the Wayland app_id: matches the menu entry and its icon
    app.setQuitOnLastWindowClosed(False)
    log.info("deskbreath %s starting (pid %d)", __version__, os.getpid())
    quit_signals = install_quit_signals(app)  # logout, `kill`, Ctrl+C and hang-up quit as Quit

    def last_words() -> None:  # the process ends right after (display_loss's docstring)
        early.last_words()

    display_loss = DisplayLoss(last_words)
    display_loss.install(app)
    app_icon = QIcon(str(app_icon_svg()))
    app.setWindowIcon(app_icon)
    icon = QSystemTrayIcon(app_icon, app)
    icon.setToolTip(APP_NAME)
    icon.show()  # Qt docks it by itself once a tray host is there
    log.info("tray icon shown")
    early = Early(app=app, instance=instance, paths=paths, icon=icon,
                  display_loss=display_loss, quit_signals=quit_signals, quit_app=app.quit,
                  last_words=instance.release, icon_shown_at=time.monotonic())
    if quit_signals is not None:
        quit_signals.received.connect(lambda _number: early.quit_app())
    loader = _Loader(load, early)
    QTimer.singleShot(0, loader.start)  # after the first turn: the dock request is out
    code = app.exec()
    # Only now give the quit signals back: at logout a SIGTERM often comes while the loop is
    # ending, and its default action would kill the process before the files are removed.
    instance.release()
    if quit_signals is not None:
        quit_signals.close()
    if early.failure:
        raise early.failure[0]
    if display_loss.lost:  # Qt ended the loop with 1; everything was recorded and closed
        log.info("deskbreath quit: the display went away")
        return 0
    if early.restart:
        log.info("deskbreath quit to restart")
        return RESTART
    log.info("deskbreath quit")
    return code


class _Loader(QObject):
    """Imports the composition root on a helper thread, then composes on the Qt thread.

    The helper thread only imports: modules create no QObject when imported, and everything
    is built by the composer on the Qt thread. A failure quits the app and :func:`run`
    raises it again, as it would have been raised without the stages.

    Signals:
        loaded(): the import is done (or failed); delivered on the Qt thread.
    """

    loaded = Signal()

    def __init__(self, load: Callable[[], Composer], early: Early) -> None:
        super().__init__(early.app)
        self._load = load
        self._early = early
        self._composer: Composer | None = None
        self._thread = threading.Thread(target=self._run, name="deskbreath-import",
                                        daemon=True)
        self.loaded.connect(self._on_loaded)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            self._composer = self._load()
        except Exception as error:
            self._early.failure.append(error)
        self.loaded.emit()  # queued: the receiver lives on the Qt thread

    def _on_loaded(self) -> None:
        self._thread.join()
        if self._composer is None:
            self._early.app.exit(1)
            return
        try:
            self._composer(self._early)
        except Exception as error:
            self._early.failure.append(error)
            self._early.app.exit(1)
