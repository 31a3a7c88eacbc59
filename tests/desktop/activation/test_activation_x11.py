"""The X11 activation request: a ``_NET_ACTIVE_WINDOW`` client message marked as a direct user
action reaches the root window; failures are errors with a reason, never a crash.
"""

from __future__ import annotations

import pytest

from deskbreath.desktop.activation.x11 import ActivationError, request_activation
from tests.support.services import require_library, require_tools
from tests.support.xserver import xvfb


def test_no_display_is_an_error_that_says_so() -> None:
    """Without DISPLAY there is nothing to ask."""
    with pytest.raises(ActivationError, match="DISPLAY is not set"):
        request_activation(None, 0x400001)


def test_a_display_that_cannot_be_opened_is_an_error_not_an_exit() -> None:
    """Libxcb reports the failed connection; the process goes on (Xlib would exit)."""
    require_library("xcb", "libxcb1")
    with pytest.raises(ActivationError, match="cannot open the X display :987"):
        request_activation(":987", 0x400001)


def test_the_request_carries_the_x_servers_time_now() -> None:
    """On Xvfb the request goes out without an error, stamped with the server's time read
    just before (ICCCM's zero-length property append), which moves on between two requests
    (the window managers' answer is the end-to-end tests' subject).
    """
    require_library("xcb", "libxcb1")
    require_tools("Xvfb", "xwininfo")
    with xvfb() as server:
        root = int(server.run("xwininfo", "-root").split("Window id: ")[1].split()[0], 16)

        first = request_activation(server.display, root)
        server.run("xwininfo", "-root")  # a round trip of another client: time passes
        second = request_activation(server.display, root)

    assert 0 < first <= second


def test_a_window_that_is_gone_gets_current_time_not_a_hang() -> None:
    """The server's time cannot be read through a window that no longer exists: the request
    goes out with CurrentTime (0) and the call returns.
    """
    require_library("xcb", "libxcb1")
    require_tools("Xvfb")
    with xvfb() as server:
        assert request_activation(server.display, 0x3FFFFF) == 0
