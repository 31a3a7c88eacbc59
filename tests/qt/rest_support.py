"""What the controller-rest tests against real idle backends (X11, KWin) share.

The backend's idle time runs on real time there, so the controller gets the system clock;
the input comes from a callable that moves the pointer on the backend's display.
"""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from deskbreath.core.clock import SystemClock
from deskbreath.core.idle import IdleSource
from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import ACTIVE_GRACE, SittingTracker
from deskbreath.qt.controller import Controller
from tests.fakes import FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.support.waits import WAIT_MS


def started_controller(source: IdleSource, natural_break: float, scheduler: FakeScheduler,
                       prompts: PromptLog) -> Controller:
    """A started controller reading ``source``, with a 45 min interval and ``natural_break``."""
    settings = Settings(reminder_interval=45 * 60.0, natural_break=natural_break)
    clock = SystemClock()  # the backend's idle time runs on real time
    controller = Controller(clock=clock, tracker=SittingTracker(clock, source, natural_break),
                            policy=ReminderPolicy(settings), scheduler=scheduler,
                            prompt_factory=prompts)
    controller.start()
    return controller


def work(qtbot: QtBot, move_pointer: Callable[[], None], controller: Controller) -> None:
    """The user moves the pointer a few times over a second and a half, the tick reading it."""
    for _ in range(4):
        move_pointer()
        controller.refresh()
        qtbot.wait(500)  # pacing the input, not a wait that decides anything


def tick_ms(controller: Controller) -> int:
    """The running tick's period in ms, 0 when it is stopped."""
    return controller._tick.interval() if controller._tick.isActive() else 0


def rest(qtbot: QtBot, source: IdleSource, controller: Controller) -> None:
    """Let the user be idle past the grace period, and the next tick see it."""
    qtbot.waitUntil(lambda: (source.idle_seconds() or 0.0) >= ACTIVE_GRACE + 0.5,
                    timeout=WAIT_MS)
    controller.refresh()
