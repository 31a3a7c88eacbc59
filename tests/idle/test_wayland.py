"""The ext-idle-notify-v1 backend: unavailable paths and the idle arithmetic (no compositor)."""

from __future__ import annotations

import sys

import pytest

from deskbreath.idle.base import BackendUnavailable
from deskbreath.idle.wayland import IdleNotifyState, WaylandIdleSource


def test_without_pywayland_the_reason_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With pywayland missing the backend is unavailable and names the extra to install."""
    monkeypatch.setitem(sys.modules, "pywayland", None)
    monkeypatch.setitem(sys.modules, "pywayland.client", None)

    with pytest.raises(BackendUnavailable, match=r"install deskbreath\[wayland\]"):
        WaylandIdleSource("wayland-0")


def test_pywayland_without_the_bindings_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pywayland build lacking ext_idle_notify_v1 is unavailable with that reason."""
    fake = type(sys)("fake")
    fake.Display = object  # type: ignore[attr-defined]
    fake.WlSeat = object  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pywayland", fake)
    monkeypatch.setitem(sys.modules, "pywayland.client", fake)
    monkeypatch.setitem(sys.modules, "pywayland.protocol", fake)
    monkeypatch.setitem(sys.modules, "pywayland.protocol.wayland", fake)
    monkeypatch.setitem(sys.modules, "pywayland.protocol.ext_idle_notify_v1", None)

    with pytest.raises(BackendUnavailable, match="no ext_idle_notify_v1 bindings"):
        WaylandIdleSource("wayland-0")


def test_idle_is_zero_while_active_and_counts_from_the_timeout_once_idled() -> None:
    """Before idled: 0. After idled: timeout plus the time since. After resumed: 0 again."""
    state = IdleNotifyState(timeout_s=5.0)

    before = state.idle_seconds(now=100.0)
    state.idled(now=105.0)
    during = state.idle_seconds(now=165.0)
    state.resumed(now=170.0)
    after = state.idle_seconds(now=171.0)

    assert (before, during, after) == (0.0, 65.0, 0.0)
