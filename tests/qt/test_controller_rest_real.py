"""The controller resting on real idle backends that deliver events: X11 (Xvfb, XInput2 raw
input from xdotool's XTEST) and ext-idle-notify-v1 (a real KWin, its fake-input protocol).

On both, the tick stops while the user is idle, input ends the rest at once with the sitting
time a tick would count, and the natural break arrives while resting (X11: the rest's timer;
KWin: the compositor's second notification), after which the watch is for the return alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.clock import SystemClock
from deskbreath.core.idle import IdleSource
from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import ACTIVE_GRACE, SittingTracker, tick_interval_for
from deskbreath.desktop.idle.detect import real_factories
from deskbreath.desktop.idle.wayland_events import WaylandActivityEvents
from deskbreath.desktop.idle.x11_events import X11ActivityEvents
from deskbreath.qt.controller import REST_CHECK_S, Controller
from tests.desktop.kwin import FakeInput, fake_input_module, kwin
from tests.fakes import FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.support.waits import WAIT_MS
from tests.support.x11_idle import x11_idle_with_events, xvfb_for_idle

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Desk:
    """A real idle backend with its events, and the user's hand on its pointer."""

    source: IdleSource
    events: X11ActivityEvents | WaylandActivityEvents
    move_pointer: Callable[[], object]


@contextmanager
def _x11_desk() -> Iterator[Desk]:
    with xvfb_for_idle() as server, x11_idle_with_events(server.display) as source:
        events = source.activity_events
        assert isinstance(events, X11ActivityEvents)
        yield Desk(source, events, lambda: server.run(
            "xdotool", "mousemove_relative", "--sync", "--", "3", "2"))


@contextmanager
def _kwin_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    with kwin(tmp_path) as compositor:
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(compositor.runtime_dir))
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        pointer = FakeInput(compositor.socket, fake_input_module(tmp_path / "fake_input"))
        source = real_factories().wayland(compositor.socket)
        try:
            events = getattr(source, "activity_events", None)
            assert isinstance(events, WaylandActivityEvents)
            yield Desk(source, events, pointer.move_pointer)
        finally:
            source.close()
            pointer.close()


@pytest.fixture(params=["x11", "kwin"])
def desk(request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    """Each real backend with events in turn."""
    with (_x11_desk() if request.param == "x11" else _kwin_desk(tmp_path, monkeypatch)) as made:
        yield made


def _started_controller(desk: Desk, natural_break: float, scheduler: FakeScheduler,
                        prompts: PromptLog) -> Controller:
    settings = Settings(reminder_interval=45 * 60.0, natural_break=natural_break)
    clock = SystemClock()  # the backend's idle time runs on real time
    controller = Controller(
        clock=clock, tracker=SittingTracker(clock, desk.source, natural_break),
        policy=ReminderPolicy(settings), scheduler=scheduler, prompt_factory=prompts)
    controller.start()
    return controller


def _work_then_rest(qtbot: QtBot, desk: Desk, controller: Controller) -> None:
    """The user moves the pointer a few times over a second and a half, the tick reading it,
    then is idle past the grace period, and the next tick sees it.
    """
    for _ in range(4):
        desk.move_pointer()
        controller.refresh()
        qtbot.wait(500)  # pacing the input, not a wait that decides anything
    qtbot.waitUntil(lambda: (desk.source.idle_seconds() or 0.0) >= ACTIVE_GRACE + 0.5,
                    timeout=WAIT_MS)
    controller.refresh()


def _tick_ms(controller: Controller) -> int:
    return controller._tick.interval() if controller._tick.isActive() else 0


def test_input_ends_the_rest_at_once_and_the_pause_is_not_sitting(
    qtbot: QtBot, desk: Desk, fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """Idle, the 15 s tick gives way to the rare safety check and an armed watch; the user's
    next input ends the rest at once, the tick comes back, and the pause adds no sitting
    time and keeps the bout, as the ticks count a pause.
    """
    controller = _started_controller(desk, 180.0, fake_scheduler, prompts)
    _work_then_rest(qtbot, desk, controller)
    before = controller.presentation.status

    assert controller._tracker.resting
    assert _tick_ms(controller) == REST_CHECK_S * 1000
    assert desk.events.armed
    assert not controller._presence.polling
    assert before.bout_seconds > 1.0

    desk.move_pointer()

    qtbot.waitUntil(lambda: not controller._tracker.resting, timeout=WAIT_MS)
    after = controller.presentation.status
    assert _tick_ms(controller) == tick_interval_for(180.0) * 1000
    assert after.bout_seconds == before.bout_seconds
    assert after.present
    assert controller._tracker.snapshot().bout_id == 0
    assert desk.events.fired_count == 1
    controller.stop()


def test_the_natural_break_ends_the_bout_while_resting_and_then_waits_for_input(
    qtbot: QtBot, desk: Desk, fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """With an 8 s natural break, the watch fires when the idle time reaches it: the bout
    ends, and the next watch is for the user's return alone (no poll while away).
    """
    controller = _started_controller(desk, 8.0, fake_scheduler, prompts)
    _work_then_rest(qtbot, desk, controller)
    assert controller._tracker.resting
    assert controller.presentation.status.bout_seconds > 1.0

    qtbot.waitUntil(lambda: not controller.presentation.status.present, timeout=WAIT_MS)

    assert (desk.source.idle_seconds() or 0.0) >= 8.0
    assert controller.presentation.status.bout_seconds == 0
    assert controller._tracker.resting
    assert desk.events.armed
    assert not controller._presence.polling
    desk.move_pointer()
    qtbot.waitUntil(lambda: controller.presentation.status.present, timeout=WAIT_MS)
    assert controller._tracker.snapshot().bout_id == 1
    controller.stop()
