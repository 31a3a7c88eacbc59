"""The ext-idle-notify-v1 backend against a real KWin compositor, with fake pointer input:
the idle time from ``idled``/``resumed``, and the activity events (the user's return, the
natural break from a second notification) the controller rests on.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.desktop.idle.wayland import WaylandIdleSource
from deskbreath.desktop.idle.wayland_events import WaylandActivityEvents
from tests.desktop.kwin import Compositor, FakeInput, wait_for
from tests.support.waits import WAIT_MS, WAIT_S

TIMEOUT_MS = 1000


@pytest.fixture
def source(kwin_compositor: Compositor) -> Iterator[WaylandIdleSource]:
    """The backend connected to the test compositor with a 1 s notification timeout."""
    backend = WaylandIdleSource(kwin_compositor.socket, timeout_ms=TIMEOUT_MS)
    try:
        yield backend
    finally:
        backend.close()


def test_backend_connects_to_kwin_and_names_itself(source: WaylandIdleSource) -> None:
    """On KWin the backend comes up healthy, says what it is, and reads no idle time yet."""
    answer = source.idle_seconds()

    assert (source.name, source.healthy, answer) == ("Wayland ext-idle-notify-v1", True, 0.0)


def test_idle_time_grows_past_the_timeout_without_input(source: WaylandIdleSource) -> None:
    """With no input, idle time reaches the timeout (idled) and keeps growing after it."""
    first = wait_for(source, lambda s: s is not None and s >= TIMEOUT_MS / 1000, WAIT_S)
    assert first is not None
    assert first >= 1.0

    later = wait_for(source, lambda s: s is not None and s >= first + 0.3, WAIT_S)

    assert later is not None
    assert later >= first + 0.3
    assert source.healthy


def test_idle_time_drops_to_zero_after_pointer_input(
        source: WaylandIdleSource, fake_input: FakeInput) -> None:
    """Once idle, moving the pointer brings a resumed event and the idle time back to 0."""
    idle = wait_for(source, lambda s: s is not None and s >= TIMEOUT_MS / 1000, WAIT_S)
    assert idle is not None
    assert idle >= 1.0

    fake_input.move_pointer()
    after = wait_for(source, lambda s: s == 0.0, WAIT_S)

    assert after == 0.0
    assert source.healthy


def test_backend_reports_the_compositor_going_away(
        kwin_compositor: Compositor, source: WaylandIdleSource) -> None:
    """When KWin exits, answers turn to None and the backend soon reports itself unhealthy."""
    assert source.idle_seconds() == 0.0

    kwin_compositor.stop()
    wait_for(source, lambda _s: not source.healthy, WAIT_S)

    assert (source.healthy, source.idle_seconds()) == (False, None)


@pytest.fixture
def events(qtbot: QtBot, source: WaylandIdleSource) -> WaylandActivityEvents:
    """The source's activity events, attached as detection attaches them (closed with it)."""
    attached = WaylandActivityEvents(source)
    source.activity_events = attached
    return attached


def _idle_for(qtbot: QtBot, source: WaylandIdleSource, seconds: float) -> float:
    """Wait (the event loop running) until the seat has been idle ``seconds``; the idle time."""
    qtbot.waitUntil(lambda: (source.idle_seconds() or 0.0) >= seconds, timeout=WAIT_MS)
    idle = source.idle_seconds()
    assert idle is not None
    return idle


def test_pointer_input_fires_the_watch(qtbot: QtBot, source: WaylandIdleSource,
                                       events: WaylandActivityEvents,
                                       fake_input: FakeInput) -> None:
    """Armed while the seat is idle, the watch fires once the pointer moves (``resumed``)."""
    _idle_for(qtbot, source, TIMEOUT_MS / 1000)
    fired: list[float | None] = []
    assert events.watch(None, lambda: fired.append(source.idle_seconds()))
    assert fired == []

    fake_input.move_pointer()

    qtbot.waitUntil(lambda: len(fired) == 1, timeout=WAIT_MS)
    assert fired == [0.0]
    assert (events.fired_count, events.armed) == (1, False)


def test_input_before_the_watch_fires_it_at_once(qtbot: QtBot, source: WaylandIdleSource,
                                                 events: WaylandActivityEvents,
                                                 fake_input: FakeInput) -> None:
    """Input that came after the caller read the idle time, before the watch was armed,
    fires the watch at once instead of waiting for the next input or the threshold.
    """
    _idle_for(qtbot, source, TIMEOUT_MS / 1000)
    fake_input.move_pointer()  # the compositor has sent resumed; nobody read it yet
    fired: list[str] = []

    assert events.watch(3600.0, lambda: fired.append("fired"))

    qtbot.waitUntil(lambda: fired == ["fired"], timeout=WAIT_MS)
    assert events.fired_count == 1


def test_the_threshold_fires_without_input_and_not_before_it(
        qtbot: QtBot, source: WaylandIdleSource, events: WaylandActivityEvents) -> None:
    """Without input, a watch for the idle time now plus 3.5 s fires by itself, with the
    idle time at the threshold or past it, and not before 3.5 s went by (KWin's coarse timer
    may send the second notification's ``idled`` early: the rest is waited for).
    """
    idle = _idle_for(qtbot, source, TIMEOUT_MS / 1000)
    threshold = idle + 3.5
    fired: list[tuple[float, float | None]] = []
    armed_at = time.monotonic()

    assert events.watch(threshold, lambda: fired.append((time.monotonic(),
                                                         source.idle_seconds())))

    qtbot.waitUntil(lambda: len(fired) == 1, timeout=WAIT_MS)
    fired_at, idle_then = fired[0]
    assert idle_then is not None
    assert idle_then >= threshold
    assert fired_at - armed_at >= 3.5 - 0.05
    assert fired_at - armed_at < 3.5 + 2.0, "the threshold came far too late"
    assert events.fired_count == 1


def test_unwatch_drops_the_threshold_and_the_return(
        qtbot: QtBot, source: WaylandIdleSource, events: WaylandActivityEvents,
        fake_input: FakeInput) -> None:
    """A watch dropped with unwatch() neither fires at its threshold nor at input: a later
    watch with a farther threshold fires alone, and so does one for the next input.
    """
    idle = _idle_for(qtbot, source, TIMEOUT_MS / 1000)
    fired: list[str] = []
    assert events.watch(idle + 0.5, lambda: fired.append("dropped"))
    events.unwatch()

    assert events.watch(idle + 1.5, lambda: fired.append("threshold"))
    qtbot.waitUntil(lambda: fired == ["threshold"], timeout=WAIT_MS)
    assert events.watch(None, lambda: fired.append("dropped"))
    events.unwatch()
    assert events.watch(None, lambda: fired.append("input"))
    fake_input.move_pointer()

    qtbot.waitUntil(lambda: fired == ["threshold", "input"], timeout=WAIT_MS)
    assert events.fired_count == 2


def test_events_are_stamped_on_arrival_without_anyone_reading(
        qtbot: QtBot, kwin_compositor: Compositor) -> None:
    """The socket notifier reads ``idled`` when it comes, so an idle time read later counts
    from its arrival, not from the read.
    """
    clock = [1000.0]
    source = WaylandIdleSource(kwin_compositor.socket, timeout_ms=TIMEOUT_MS,
                               monotonic=lambda: clock[0])
    try:
        source.activity_events = events = WaylandActivityEvents(source)
        assert events.listening
        qtbot.waitUntil(lambda: source.idle, timeout=WAIT_MS)  # nobody asked for the time
        clock[0] += 100.0

        idle = source.idle_seconds()

        assert idle == TIMEOUT_MS / 1000 + 100.0
    finally:
        source.close()


def test_closing_kwin_fires_the_watch_and_the_backend_turns_unhealthy(
        qtbot: QtBot, kwin_compositor: Compositor, source: WaylandIdleSource,
        events: WaylandActivityEvents) -> None:
    """When KWin exits, an armed watch fires (the caller refreshes), the connection is no
    longer watched (no busy loop on a closed socket), later watches refuse, and the backend
    soon reports itself unhealthy.
    """
    _idle_for(qtbot, source, TIMEOUT_MS / 1000)
    fired: list[str] = []
    assert events.watch(3600.0, lambda: fired.append("fired"))

    kwin_compositor.stop()

    qtbot.waitUntil(lambda: fired == ["fired"], timeout=WAIT_MS)
    assert not events.listening
    assert not events.watch(None, lambda: fired.append("again"))
    qtbot.waitUntil(lambda: source.idle_seconds() is None and not source.healthy,
                    timeout=WAIT_MS)
