"""Closed windows give back what they took: the settings dialog, diagnostics, statistics and a
finished prompt are deleted, nothing in Python keeps them, and the allocator is trimmed once
they are gone.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QColor, QPixmap, QPixmapCache
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from deskbreath.core.exercises import packaged_catalogue
from deskbreath.core.history import MemoryRecorder
from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.paths import Paths
from deskbreath.qt.controller import Controller
from deskbreath.qt.memory import MemoryTrim, glibc_trim
from deskbreath.qt.settings.service import RefusedSaveChoice, SettingsService
from deskbreath.qt.windows.manager import WindowManager
from deskbreath.qt.windows.prompt import PromptWindow
from deskbreath.qt.windows.statistics import StatisticsWindow
from deskbreath.storage.settings_file import SettingsFile
from tests.fakes import FakeClock, FakeIdleSource, FakeScheduler
from tests.support.waits import WAIT_MS


class CountingTrim:
    """Stands in for malloc_trim: counts the calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> bool:
        self.calls += 1
        return True


@pytest.fixture
def trim(qtbot: QtBot) -> tuple[MemoryTrim, CountingTrim]:
    """A MemoryTrim over a counting stand-in for malloc_trim, and the stand-in."""
    counting = CountingTrim()
    return MemoryTrim(counting), counting


@pytest.fixture
def controller(clock: FakeClock, idle: FakeIdleSource,
               fake_scheduler: FakeScheduler) -> Controller:
    """A controller whose prompts are real PromptWindows."""
    settings = Settings()
    return Controller(clock=clock, tracker=SittingTracker(clock, idle, settings.natural_break),
                      policy=ReminderPolicy(settings), scheduler=fake_scheduler,
                      prompt_factory=lambda exercise: PromptWindow(
                          exercise, packaged_catalogue(), settings, clock, MemoryRecorder()))


@pytest.fixture
def manager(qtbot: QtBot, paths: Paths, controller: Controller, clock: FakeClock,
            trim: tuple[MemoryTrim, CountingTrim]) -> WindowManager:
    """The window manager over a real settings service and statistics window."""
    service = SettingsService(SettingsFile(paths.settings_file), autostart=None,
                              launch_command=["deskbreath"],
                              ask_refused=lambda _message: RefusedSaveChoice.CANCEL)
    service.load()
    zone = ZoneInfo("Europe/Berlin")

    def make_statistics() -> QWidget:
        return StatisticsWindow(paths.health_log, now=lambda: datetime(2026, 11, 23, 17,
                                                                       tzinfo=zone),
                                tz=zone, flush=lambda: None, clear=lambda: 0,
                                catalogue=packaged_catalogue())

    return WindowManager(service, controller._tracker, controller, paths, ["using fake"],
                         make_statistics=make_statistics, trim=trim[0])


def _close_and_collect(qtbot: QtBot, window: QWidget) -> None:
    with qtbot.waitSignal(window.destroyed, timeout=WAIT_MS):
        window.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def _weak(window: QObject) -> weakref.ref[QObject]:
    return weakref.ref(window)


@pytest.mark.parametrize("kind", ["settings", "diagnostics", "statistics"])
def test_a_closed_window_is_deleted_and_nothing_keeps_it(
    qtbot: QtBot, manager: WindowManager, kind: str,
) -> None:
    """Closed as the user closes it, the window's Qt object is destroyed, the manager lets
    go of it and no Python reference is left; the next open builds a new one.
    """
    opened: dict[str, Callable[[], None]] = {"settings": manager.open_settings,
                                             "diagnostics": manager.open_diagnostics,
                                             "statistics": manager.open_statistics}
    opened[kind]()
    window = getattr(manager, kind)
    assert window is not None
    assert window.isVisible()
    ref = _weak(window)

    _close_and_collect(qtbot, window)
    del window
    gc.collect()

    assert getattr(manager, kind) is None
    assert ref() is None, f"something still refers to the closed {kind} window"
    opened[kind]()
    again = getattr(manager, kind)
    assert again is not None
    assert again.isVisible()
    again.close()


def test_a_second_open_raises_the_window_already_open(manager: WindowManager) -> None:
    """Asked again while open, the same settings dialog comes up (no second one)."""
    manager.open_settings()
    first = manager.settings
    manager.open_settings()

    assert manager.settings is first
    assert first is not None
    first.close()


def test_settings_changed_after_the_dialog_closed_reach_nothing_deleted(
    qtbot: QtBot, manager: WindowManager,
) -> None:
    """A setting that changes (a hand edit) after the dialog was closed does not reach the
    deleted dialog (that would crash); the next dialog shows the new value.
    """
    manager.open_settings()
    dialog = manager.settings
    assert dialog is not None
    _close_and_collect(qtbot, dialog)
    del dialog

    service = manager._service
    service.apply_edit(Settings(reminder_interval=1800.0))
    manager.open_settings()

    assert manager.settings is not None
    assert manager.settings._settings.reminder_interval == 1800.0
    manager.settings.close()


def test_the_allocator_is_trimmed_once_after_windows_close(
    qtbot: QtBot, manager: WindowManager, trim: tuple[MemoryTrim, CountingTrim],
) -> None:
    """After the settings dialog and diagnostics close, the trim runs once (not once per
    window, not while they are open).
    """
    memory_trim, counting = trim
    manager.open_settings()
    manager.open_diagnostics()
    assert counting.calls == 0
    for window in (manager.settings, manager.diagnostics):
        assert window is not None
        _close_and_collect(qtbot, window)

    qtbot.waitUntil(lambda: counting.calls == 1, timeout=WAIT_MS)
    assert memory_trim.trims == 1


def test_a_finished_prompt_is_deleted_and_nothing_keeps_it(
    qtbot: QtBot, controller: Controller,
) -> None:
    """A prompt the user stops is deleted by the controller; no Python reference outlives
    it, and the next prompt is a new window.
    """
    controller.start_now("breathing")
    window = controller._prompt
    assert isinstance(window, PromptWindow)
    ref = _weak(window)
    with qtbot.waitSignal(window.destroyed, timeout=WAIT_MS):
        window.close()  # the window manager's close button: the exercise stops
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del window

    assert _prompt_of(controller) is None
    # A timer the window started for its first turn lets go once the event loop turns.
    qtbot.waitUntil(lambda: gc.collect() >= 0 and ref() is None, timeout=WAIT_MS)
    controller.start_now("posture")
    again = _prompt_of(controller)
    assert isinstance(again, PromptWindow)
    assert isValid(again)
    again.close()


def _prompt_of(controller: Controller) -> object:
    return controller._prompt


def test_glibc_trim_is_found_and_callable_here() -> None:
    """On this Linux machine (glibc) the real malloc_trim is there and answers."""
    trim = glibc_trim()

    assert trim is not None
    assert trim() in (True, False)


def test_statistics_keep_no_data_after_closing(qtbot: QtBot, manager: WindowManager) -> None:
    """The statistics window and the data it read go with it: the manager holds nothing."""
    manager.open_statistics()
    window = manager.statistics
    assert window is not None
    _close_and_collect(qtbot, window)

    assert manager.statistics is None


def test_the_trim_empties_the_pixmap_cache(qtbot: QtBot,
                                           trim: tuple[MemoryTrim, CountingTrim]) -> None:
    """A requested trim empties Qt's pixmap cache, whose flush timer would otherwise wake the
    idle app every 10–30 s.
    """
    memory_trim, counting = trim
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor("teal"))
    QPixmapCache.insert("deskbreath-test-icon", pixmap)
    assert QPixmapCache.find("deskbreath-test-icon", QPixmap())

    memory_trim.request(0)

    qtbot.waitUntil(lambda: counting.calls == 1, timeout=WAIT_MS)
    assert not QPixmapCache.find("deskbreath-test-icon", QPixmap())


def test_restore_defaults_in_the_opened_dialog_reaches_the_settings_file(
    manager: WindowManager, paths: Paths
) -> None:
    """The dialog the manager opens is wired to the service: a confirmed Restore defaults
    takes every setting out of the user's file.
    """
    manager._service.apply_edit(Settings(reminder_interval=2400.0))
    manager.open_settings()
    dialog = manager.settings
    assert dialog is not None
    dialog._confirm = lambda _question: True

    dialog.restore_button.click()

    assert "reminder_interval" not in paths.settings_file.read_text()
    assert manager._service.settings == Settings()
    dialog.close()
