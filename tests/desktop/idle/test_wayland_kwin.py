"""The ext-idle-notify-v1 backend against a real KWin compositor, with fake pointer input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from deskbreath.desktop.idle.wayland import WaylandIdleSource
from tests.desktop.kwin import Compositor, FakeInput, wait_for
from tests.support.waits import WAIT_S

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
