"""The away watch: "Away" ends at the first input, not at the next 15 s tick; nothing extra
runs while the user is at the desk.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSocketNotifier, QTimer

from deskbreath.core.policy import ReminderPolicy
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.qt.controller import Controller
from deskbreath.qt.presence import AWAY_POLL_MS, PresenceWatch
from tests.fakes import FakeClock, FakeIdleSource, FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.qt.test_controller import sit


def present(controller: Controller) -> bool:
    """Whether the status shows the user at the desk (a call, so mypy does not narrow it)."""
    return controller.presentation.status.present


def _watch(controller: Controller) -> PresenceWatch:
    watch = controller.findChild(PresenceWatch)
    assert isinstance(watch, PresenceWatch)
    return watch


@pytest.fixture
def started(controller: Controller) -> Iterator[Controller]:
    """The controller, started for the test and stopped after."""
    controller.start()
    yield controller
    controller.stop()


def test_nothing_polls_while_the_user_is_at_the_desk(
    started: Controller, clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
) -> None:
    """Sitting and typing: only the usual tick runs, the away watch does not."""
    sit(started, clock, idle, fake_scheduler, 10 * 60)

    assert not _watch(started).polling
    timer = started.findChild(QTimer, "deskbreath-away-watch")
    assert isinstance(timer, QTimer)
    assert not timer.isActive()


def test_a_polled_backend_is_read_every_second_only_while_away_and_the_return_shows_at_once(
    started: Controller, clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
) -> None:
    """Away past the natural break: the watch reads the idle time every second; the first read
    after input shows the user back, without waiting for the tick, and the watch stops.
    """
    sit(started, clock, idle, fake_scheduler, 600)
    sit(started, clock, idle, fake_scheduler, 200, present=False)
    watch = _watch(started)
    assert not present(started)
    assert started.presentation.line.startswith("Away")
    assert watch.polling
    timer = watch.findChild(QTimer, "deskbreath-away-watch")
    assert isinstance(timer, QTimer)
    assert timer.interval() == AWAY_POLL_MS

    clock.advance(1)
    watch.poll()  # a read without input: still away
    assert not present(started)
    clock.advance(1)
    idle.touch()
    watch.poll()  # the once-a-second read after the user came back

    assert present(started)
    assert started.presentation.line.startswith("Sitting")
    assert not watch.polling


def test_locked_is_left_to_the_session_events(
    started: Controller, clock: FakeClock, idle: FakeIdleSource, fake_scheduler: FakeScheduler,
) -> None:
    """While the screen is locked the watch does not poll (unlocking ends it)."""
    sit(started, clock, idle, fake_scheduler, 60)
    started.set_away("locked", True)

    assert not _watch(started).polling


class DescriptorIdleSource(FakeIdleSource):
    """An idle backend that shows a readable descriptor (``fileno()`` and ``pump()``) but
    offers no activity events: a byte on the pipe is input, as a compositor's ``resumed``.
    """

    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock)
        self.read_end, self.write_end = os.pipe()

    def fileno(self) -> int:
        return self.read_end

    def pump(self) -> None:
        if os.read(self.read_end, 1):
            self.touch()

    def close(self) -> None:
        super().close()
        os.close(self.read_end)
        os.close(self.write_end)


def test_the_away_watch_never_watches_a_backends_descriptor(
    clock: FakeClock, fake_scheduler: FakeScheduler, prompts: PromptLog,
) -> None:
    """A backend's descriptor is its own activity events' business (two socket notifiers on
    one descriptor make Qt warn): away on a backend without events, the watch opens no
    notifier and polls once a second, and a poll after input shows the user back.
    """
    source = DescriptorIdleSource(clock)
    controller = Controller(clock=clock, tracker=SittingTracker(clock, source, 180.0),
                            policy=ReminderPolicy(Settings()), scheduler=fake_scheduler,
                            prompt_factory=prompts)
    controller.start()
    try:
        sit(controller, clock, source, fake_scheduler, 600)
        sit(controller, clock, source, fake_scheduler, 200, present=False)
        watch = _watch(controller)
        assert not present(controller)

        assert controller.findChildren(QSocketNotifier) == []
        assert watch.polling
        clock.advance(1)
        source.touch()
        watch.poll()
        assert present(controller)
        assert not watch.polling
    finally:
        controller.stop()
        source.close()
