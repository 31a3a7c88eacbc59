"""The ext-idle-notify-v1 backend: unavailable paths and the idle arithmetic (no compositor)."""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from deskbreath.desktop.idle.base import BackendUnavailable
from deskbreath.desktop.idle.wayland import IdleNotifyState, WaylandIdleSource


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


def _silent_compositor(folder: Path) -> socket.socket:
    """A Wayland socket that takes connections and never says a word."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(folder / "silent-0"))
    listener.listen(4)
    return listener


def test_a_compositor_that_never_answers_is_given_up_on_in_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Start-up does not hang on a compositor that accepts the connection and stays silent."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    listener = _silent_compositor(tmp_path)
    started = time.monotonic()
    try:
        with pytest.raises(BackendUnavailable, match=r"did not answer within 0\.3 s"):
            WaylandIdleSource("silent-0", answer_timeout_s=0.3)
    finally:
        listener.close()

    assert time.monotonic() - started < 3.0


def test_a_compositor_that_hangs_up_at_once_is_unavailable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A connection the compositor closes straight away makes the backend unavailable."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    listener = _silent_compositor(tmp_path)

    def hang_up() -> None:
        connection, _address = listener.accept()
        connection.close()

    closer = threading.Thread(target=hang_up, daemon=True)
    closer.start()
    try:
        with pytest.raises(BackendUnavailable, match="lost the Wayland connection"):
            WaylandIdleSource("silent-0", answer_timeout_s=5.0)
    finally:
        closer.join(timeout=5)
        listener.close()
