"""The X11 activation request: a ``_NET_ACTIVE_WINDOW`` client message marked as a direct user
action reaches the root window; failures are errors with a reason, never a crash."""

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
    """libxcb reports the failed connection; the process goes on (Xlib would exit)."""
    require_library("xcb", "libxcb1")
    with pytest.raises(ActivationError, match="cannot open the X display :987"):
        request_activation(":987", 0x400001)


def test_the_request_reaches_a_real_x_server() -> None:
    """On Xvfb without a window manager the message is sent without an error (no one acts
    on it; the window managers' answer is the end-to-end tests' subject)."""
    require_library("xcb", "libxcb1")
    require_tools("Xvfb")
    with xvfb() as server:
        request_activation(server.display, 0x400001, timestamp=1234)
