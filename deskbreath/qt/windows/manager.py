"""The settings, diagnostics and statistics windows.

Built when asked for, raised when asked again while open, and deleted when closed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from deskbreath.core.sitting import SittingTracker
from deskbreath.desktop.busy.base import BusySource
from deskbreath.desktop.offers.detect import OfferChoice
from deskbreath.paths import Paths
from deskbreath.qt.controller import Controller
from deskbreath.qt.memory import MemoryTrim
from deskbreath.qt.settings.service import SettingsService

if TYPE_CHECKING:
    from deskbreath.qt.settings.dialog import SettingsDialog
    from deskbreath.qt.windows.diagnostics import DiagnosticsDialog


class WindowManager(QObject):
    """Opens the settings, diagnostics and statistics windows; raises one asked for again.

    Each is built when it is opened and deleted when it is closed (``WA_DeleteOnClose``): an
    idle tray app should carry neither modules it may not need today nor windows nobody
    looks at, and the statistics window should not keep the data it read. Once a window is
    gone, ``trim`` gives what the allocator kept back to the system (README "Footprint").

    Args:
        service: the settings service the dialog edits through.
        tracker: the sitting tracker, for the live idle time in diagnostics.
        controller: the controller, for the idle backend's health.
        paths: where deskbreath's files are, shown in diagnostics.
        detection_log: how the idle backend was chosen, one line each.
        offers: how this session shows offers, shown in diagnostics.
        make_statistics: builds the statistics window (imported there, on first use).
        busy_sources: the busy-signal backends, listed with their live answers.
        notifier_name: how notifications are given.
        language_at_start: the ``language`` setting the app started with (the settings
            dialog offers a restart while the setting differs); None: the setting when the
            dialog opens.
        restart: restarts deskbreath (the settings dialog's Restart now); None hides it.
        trim: gives memory back once a window is gone (None: nothing is done).
    """

    def __init__(self, service: SettingsService, tracker: SittingTracker,
                 controller: Controller, paths: Paths, detection_log: list[str], *,
                 offers: OfferChoice | None = None,
                 make_statistics: Callable[[], QWidget] | None = None,
                 busy_sources: Sequence[BusySource] = (), notifier_name: str = "",
                 language_at_start: str | None = None,
                 restart: Callable[[], None] | None = None,
                 trim: MemoryTrim | None = None) -> None:
        super().__init__()
        self._language_at_start = language_at_start
        self._restart = restart
        self._trim = trim
        self._make_statistics = make_statistics
        self._statistics: QWidget | None = None
        self._service = service
        self._tracker = tracker
        self._controller = controller
        self._paths = paths
        self._detection_log = detection_log
        self._offers = offers
        self._busy_sources = tuple(busy_sources)
        self._notifier_name = notifier_name
        self._settings: SettingsDialog | None = None
        self._diagnostics: DiagnosticsDialog | None = None

    @property
    def settings(self) -> SettingsDialog | None:
        """The settings dialog while it is open, else None."""
        return self._settings

    @property
    def diagnostics(self) -> DiagnosticsDialog | None:
        """The diagnostics dialog while it is open, else None."""
        return self._diagnostics

    def open_settings(self) -> None:
        """Show the settings dialog (reloaded if it was closed) and give it the keyboard."""
        if self._settings is None:
            from deskbreath.qt.settings.dialog import SettingsDialog  # noqa: PLC0415

            dialog = SettingsDialog(self._service.settings, schema=self._service.schema,
                                    language_at_start=self._language_at_start)
            dialog.settings_edited.connect(self._service.apply_edit)
            if self._restart is not None:
                dialog.restart_requested.connect(self._restart)
            else:
                dialog.restart_button.hide()
            self._service.settings_changed.connect(dialog.set_settings)
            self._delete_on_close(dialog, self._on_settings_destroyed)
            self._settings = dialog
        self._settings.show()
        self._settings.raise_()
        self._settings.activateWindow()  # the user asked for it: focus belongs here

    def open_diagnostics(self) -> None:
        """Show the diagnostics dialog with its live display."""
        if self._diagnostics is None:
            from deskbreath.qt.windows.diagnostics import DiagnosticsDialog  # noqa: PLC0415

            dialog = DiagnosticsDialog(
                self._tracker, self._controller.idle_health, self._paths, self._detection_log,
                offers=self._offers, busy_sources=self._busy_sources,
                notifier_name=self._notifier_name)
            self._delete_on_close(dialog, self._on_diagnostics_destroyed)
            self._diagnostics = dialog
        self._diagnostics.open_live()

    @property
    def statistics(self) -> QWidget | None:
        """The statistics window while it is open, else None."""
        return self._statistics

    def open_statistics(self) -> None:
        """Show the statistics window and give it the keyboard; nothing if there is none to make."""
        if self._make_statistics is None:
            return
        if self._statistics is None:
            window = self._make_statistics()
            self._delete_on_close(window, self._on_statistics_destroyed)
            self._statistics = window
        self._statistics.show()
        self._statistics.raise_()
        self._statistics.activateWindow()  # the user asked for it

    def _delete_on_close(self, window: QWidget, forget: Callable[[], None]) -> None:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(forget)
        if self._trim is not None:
            self._trim.watch(window)

    def _on_settings_destroyed(self) -> None:
        self._settings = None

    def _on_diagnostics_destroyed(self) -> None:
        self._diagnostics = None

    def _on_statistics_destroyed(self) -> None:
        self._statistics = None
