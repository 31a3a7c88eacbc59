"""The controller rests on the idle backend's events while the user is idle: no 15 s tick,
a watch for the user's return and the natural break instead, and ticking again once the
user is back; backends without events keep the tick.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.qt.controller import REST_CHECK_S, Controller
from tests.fakes import FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import PromptLog

TICK_MS = 15_000


class FakeEvents:
    """Activity events a test fires by hand; records what was watched."""

    def __init__(self, *, armable: bool = True) -> None:
        self.armable = armable
        self.threshold: float | None = None
        self.fired: Callable[[], None] | None = None
        self.watches = 0

    def watch(self, idle_threshold: float | None, fired: Callable[[], None]) -> bool:
        if not self.armable:
            return False
        self.watches += 1
        self.threshold, self.fired = idle_threshold, fired
        return True

    def unwatch(self) -> None:
        self.fired = None

    def fire(self) -> None:
        fired, self.fired = self.fired, None
        assert fired is not None, "no watch was armed"
        fired()


class EventIdleSource(FakeIdleSource):
    """A fake idle source that also reports input and idle crossings as events."""

    def __init__(self, clock: FakeClock, events: FakeEvents) -> None:
        super().__init__(clock)
        self.activity_events = events


@pytest.fixture
def events() -> FakeEvents:
    """Events the test fires by hand."""
    return FakeEvents()


@pytest.fixture
def source(clock: FakeClock, events: FakeEvents) -> EventIdleSource:
    """A fake idle source that offers ``events``."""
    return EventIdleSource(clock, events)


@pytest.fixture
def resting_controller(qtbot: QtBot, clock: FakeClock, source: EventIdleSource,
                       fake_scheduler: FakeScheduler, prompts: PromptLog,
                       settings: Settings) -> Controller:
    """A started controller over the event-offering idle source."""
    ctrl = Controller(clock=clock, tracker=SittingTracker(clock, source, settings.natural_break),
                      policy=ReminderPolicy(settings), scheduler=fake_scheduler,
                      prompt_factory=prompts)
    ctrl.start()
    return ctrl


def _type_for(controller: Controller, clock: FakeClock, idle: FakeIdleSource,
              seconds: float) -> None:
    for _ in range(int(seconds // 15)):
        clock.advance(15)
        idle.touch()
        controller.refresh()


def _tick_ms(controller: Controller) -> int:
    return controller._tick.interval() if controller._tick.isActive() else 0


def test_an_idle_user_stops_the_tick_and_arms_the_natural_break_watch(
    resting_controller: Controller, clock: FakeClock, source: EventIdleSource,
    events: FakeEvents,
) -> None:
    """Idle for 10 s: the tick slows to the rare safety check, and a watch waits for input
    or for the idle time to reach the natural break.
    """
    _type_for(resting_controller, clock, source, 300)
    assert _tick_ms(resting_controller) == TICK_MS

    clock.advance(10)
    resting_controller.refresh()

    assert _tick_ms(resting_controller) == REST_CHECK_S * 1000
    assert events.fired is not None
    assert events.threshold == 180.0


def test_input_ends_the_rest_with_the_sitting_time_a_tick_would_count(
    resting_controller: Controller, clock: FakeClock, source: EventIdleSource,
    events: FakeEvents,
) -> None:
    """The user's input fires the watch: ticking resumes, and the pause counts as no sitting."""
    _type_for(resting_controller, clock, source, 300)
    clock.advance(10)
    resting_controller.refresh()

    clock.advance(50)
    source.touch()
    events.fire()

    assert _tick_ms(resting_controller) == TICK_MS
    assert resting_controller.presentation.status.bout_seconds == 300
    assert not resting_controller._tracker.resting


def test_the_natural_break_event_ends_the_bout_and_waits_for_input_only(
    resting_controller: Controller, clock: FakeClock, source: EventIdleSource,
    events: FakeEvents,
) -> None:
    """The idle watch fires at the natural break: the bout ends, and the next watch is for
    the user's return alone.
    """
    _type_for(resting_controller, clock, source, 300)
    clock.advance(10)
    resting_controller.refresh()

    clock.advance(170)
    events.fire()

    assert resting_controller.presentation.status.bout_seconds == 0
    assert events.fired is not None
    assert events.threshold is None
    assert _tick_ms(resting_controller) == REST_CHECK_S * 1000


def test_a_backend_without_events_keeps_the_tick(
    controller: Controller, clock: FakeClock, idle: FakeIdleSource,
) -> None:
    """A polled backend (no events) is read on the usual tick while the user is idle."""
    controller.start()
    clock.advance(60)
    controller.refresh()

    assert _tick_ms(controller) == TICK_MS
    assert not controller._tracker.resting


def test_a_watch_that_cannot_be_armed_keeps_the_tick(
    resting_controller: Controller, clock: FakeClock, events: FakeEvents,
) -> None:
    """When the desktop refuses the watch, the backend is polled on the tick as before."""
    events.armable = False
    clock.advance(60)
    resting_controller.refresh()

    assert _tick_ms(resting_controller) == TICK_MS
    assert not resting_controller._tracker.resting


def test_no_rest_while_a_prompt_is_on_screen(
    resting_controller: Controller, clock: FakeClock, source: EventIdleSource,
    events: FakeEvents, prompts: PromptLog,
) -> None:
    """With a prompt on screen the tick keeps running (it closes a prompt offered to an empty
    desk, and it watches the hold).
    """
    resting_controller.start_now("breathing")
    assert prompts.open is not None
    clock.advance(60)
    resting_controller.refresh()

    assert _tick_ms(resting_controller) == TICK_MS
    assert events.watches == 0


def test_stopping_drops_the_watch(
    resting_controller: Controller, clock: FakeClock, events: FakeEvents,
) -> None:
    """Once the app stops, a late event reaches nothing."""
    clock.advance(60)
    resting_controller.refresh()
    assert events.fired is not None

    resting_controller.stop()

    assert events.fired is None


def test_an_away_user_on_events_costs_no_away_poll(
    resting_controller: Controller, clock: FakeClock, source: EventIdleSource,
    events: FakeEvents,
) -> None:
    """Away past the natural break with the return watched by an event, the once-a-second
    away poll does not run; without events it would.
    """
    _type_for(resting_controller, clock, source, 300)
    clock.advance(200)
    resting_controller.refresh()

    assert not resting_controller.presentation.status.present
    assert events.fired is not None
    assert not resting_controller._presence.polling
