"""The window activator picks the platform's way to give a prompt the keyboard on request."""

from __future__ import annotations

import logging
import os

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from deskbreath.core.history import MemoryRecorder
from deskbreath.qt.activation import WindowActivator
from tests.fakes import FakeClock
from tests.qt.fakes_qt import FakePromptView


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """A plain widget, shown and registered."""
    widget = QWidget()
    qtbot.add_widget(widget)
    widget.show()
    return widget


def test_on_wayland_the_shortcuts_token_goes_to_qt_for_the_activation(
    window: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The token the desktop gave the command is put where QtWayland reads it for the
    window's next activation request.
    """
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN", raising=False)
    requested: list[bool] = []
    handle = window.windowHandle()
    assert handle is not None
    monkeypatch.setattr(type(handle), "requestActivate", lambda self: requested.append(True))

    WindowActivator("wayland")(window, "token-from-the-shortcut")  # type: ignore[arg-type]

    assert os.environ.get("XDG_ACTIVATION_TOKEN") == "token-from-the-shortcut"
    assert requested == [True]


def test_without_a_display_the_x11_request_is_logged_not_raised(
    window: QWidget, caplog: pytest.LogCaptureFixture
) -> None:
    """On xcb with no DISPLAY (it cannot happen in a running app, but a broken environment
    must not crash a command) the failure is one warning.
    """
    with caplog.at_level(logging.WARNING, "deskbreath.qt.activation"):
        WindowActivator("xcb", env={})(window, None)  # type: ignore[arg-type]

    assert [r.getMessage() for r in caplog.records] == [
        "could not ask the window manager to focus the prompt: DISPLAY is not set"]


def test_a_view_that_is_not_a_window_is_left_alone(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """A view without a window (a stand-in) is not asked for one: no request, no warning."""
    view = FakePromptView("breathing", FakeClock(), MemoryRecorder())

    with caplog.at_level(logging.DEBUG, "deskbreath.qt.activation"):
        WindowActivator("xcb", env={})(view, "t")

    assert caplog.records == []
