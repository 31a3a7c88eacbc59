"""The controller resting on ext-idle-notify-v1 with a real KWin (fake pointer input): the tick
stops while the user is idle, input ends the rest at once with the sitting time a tick would
count, and the natural break arrives by the compositor's second notification.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.idle import IdleSource
from deskbreath.core.sitting import tick_interval_for
from deskbreath.desktop.idle.detect import real_factories
from deskbreath.desktop.idle.wayland_events import WaylandActivityEvents
from deskbreath.qt.controller import REST_CHECK_S
from tests.desktop.kwin import Compositor, FakeInput, fake_input_module, kwin
from tests.fakes import FakeScheduler
from tests.qt.fakes_qt import PromptLog
from tests.qt.rest_support import rest, started_controller, tick_ms, work
from tests.support.waits import WAIT_MS

pytestmark = pytest.mark.slow


@pytest.fixture
def compositor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Compositor]:
    """A real KWin; this process's XDG_RUNTIME_DIR points at its socket."""
    with kwin(tmp_path) as running:
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(running.runtime_dir))
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        yield running


@pytest.fixture
def pointer(tmp_path: Path, compositor: Compositor) -> Iterator[FakeInput]:
    """A client that moves KWin's pointer, as a user would."""
    client = FakeInput(compositor.socket, fake_input_module(tmp_path / "fake_input"))
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def source(qtbot: QtBot, compositor: Compositor) -> Iterator[IdleSource]:
    """The ext-idle-notify-v1 source with its activity events, as detection builds it."""
    idle = real_factories().wayland(compositor.socket)
    try:
        yield idle
    finally:
        idle.close()


def _events(source: IdleSource) -> WaylandActivityEvents:
    events = getattr(source, "activity_events", None)
    assert isinstance(events, WaylandActivityEvents)
    return events


def test_input_ends_the_rest_at_once_and_the_pause_is_not_sitting(
    qtbot: QtBot, pointer: FakeInput, source: IdleSource, fake_scheduler: FakeScheduler,
    prompts: PromptLog,
) -> None:
    """Idle on ext-idle-notify-v1, the 15 s tick gives way to the rare safety check and an
    armed watch; the pointer's next move (``resumed``) ends the rest at once, the tick comes
    back, and the pause adds no sitting time and keeps the bout, as the ticks count a pause.
    """
    controller = started_controller(source, 180.0, fake_scheduler, prompts)
    events = _events(source)
    work(qtbot, pointer.move_pointer, controller)
    rest(qtbot, source, controller)
    before = controller.presentation.status

    assert controller._tracker.resting
    assert tick_ms(controller) == REST_CHECK_S * 1000
    assert events.armed
    assert not controller._presence.polling
    assert before.bout_seconds > 1.0

    pointer.move_pointer()

    qtbot.waitUntil(lambda: not controller._tracker.resting, timeout=WAIT_MS)
    after = controller.presentation.status
    assert tick_ms(controller) == tick_interval_for(180.0) * 1000
    assert after.bout_seconds == before.bout_seconds
    assert after.present
    assert controller._tracker.snapshot().bout_id == 0
    assert events.fired_count == 1
    controller.stop()


def test_the_natural_break_ends_the_bout_by_the_compositor_and_then_waits_for_input(
    qtbot: QtBot, pointer: FakeInput, source: IdleSource, fake_scheduler: FakeScheduler,
    prompts: PromptLog,
) -> None:
    """With an 8 s natural break, the second notification's ``idled`` comes when the idle
    time reaches it: the bout ends, and the next watch is for the user's return alone (no
    poll while away).
    """
    controller = started_controller(source, 8.0, fake_scheduler, prompts)
    events = _events(source)
    work(qtbot, pointer.move_pointer, controller)
    rest(qtbot, source, controller)
    assert controller._tracker.resting
    assert controller.presentation.status.bout_seconds > 1.0

    qtbot.waitUntil(lambda: not controller.presentation.status.present, timeout=WAIT_MS)

    assert (source.idle_seconds() or 0.0) >= 8.0
    assert controller.presentation.status.bout_seconds == 0
    assert controller._tracker.resting
    assert events.armed
    assert not controller._presence.polling
    pointer.move_pointer()
    qtbot.waitUntil(lambda: controller.presentation.status.present, timeout=WAIT_MS)
    assert controller._tracker.snapshot().bout_id == 1
    controller.stop()
