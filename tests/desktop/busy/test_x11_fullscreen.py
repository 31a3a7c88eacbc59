"""Full screen on X11, for real: openbox on Xvfb sets the EWMH state wmctrl asks for."""

from __future__ import annotations

import pytest

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.x11_fullscreen import X11FullscreenSource
from deskbreath.desktop.idle.base import BackendUnavailable
from tests.desktop.busy.conftest import Window
from tests.support.waits import WAIT_S
from tests.support.xserver import wait_for, xvfb


def test_a_fullscreen_active_window_is_busy(other_window: Window) -> None:
    """The active window made full screen is busy; taken out of full screen it is not."""
    source = X11FullscreenSource(other_window.server.display)
    try:
        assert source.reason is HoldReason.FULLSCREEN
        assert source.is_busy() is False

        other_window.fullscreen(True)
        wait_for(other_window.is_fullscreen, timeout=WAIT_S, what="openbox to go full screen")
        assert source.is_busy() is True

        other_window.fullscreen(False)
        wait_for(lambda: not other_window.is_fullscreen(), timeout=WAIT_S,
                 what="openbox to leave full screen")
        assert source.is_busy() is False
    finally:
        source.close()


def test_without_a_window_manager_it_cannot_tell() -> None:
    """Nobody sets _NET_ACTIVE_WINDOW without a window manager: the source says so."""
    with xvfb() as server:
        source = X11FullscreenSource(server.display)
        try:
            assert source.is_busy() is None
            assert source.problem is not None
            assert "_NET_ACTIVE_WINDOW" in source.problem
        finally:
            source.close()


def test_a_lost_x_server_is_an_answer_not_an_exit() -> None:
    """When the X server goes away the source cannot tell; the process goes on."""
    with xvfb() as server:
        source = X11FullscreenSource(server.display)
    try:
        assert source.is_busy() is None
        assert source.problem is not None
    finally:
        source.close()


def test_no_display_is_unavailable() -> None:
    """Without DISPLAY the backend is unavailable, with a reason."""
    with pytest.raises(BackendUnavailable, match="DISPLAY"):
        X11FullscreenSource(None)
