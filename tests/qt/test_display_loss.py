"""Qt's "connection broke" warnings become a clean quit; every Qt message reaches the log."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType

from deskbreath.qt.display_loss import DisplayLoss

X11_MESSAGE = "The X11 connection broke (error 1). Did the X11 server die?"
WAYLAND_MESSAGE = "The Wayland connection broke. Did the Wayland compositor die?"


class Ending:
    """Records what the watch did instead of ending the test process."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def last_words(self) -> None:
        self.events.append("last words")

    def end_process(self, status: int) -> None:
        self.events.append(f"exit {status}")


def _watch(ending: Ending, **environ: str) -> DisplayLoss:
    return DisplayLoss(ending.last_words, environ=environ, end_process=ending.end_process)


def test_a_broken_wayland_connection_says_last_words_then_ends_with_status_0() -> None:
    """Qt ends the process right after this warning, so the last words run inside the
    handler, once, followed by a clean exit status.
    """
    ending = Ending()
    watch = _watch(ending)

    watch.handle_message(QtMsgType.QtWarningMsg, QMessageLogContext(), WAYLAND_MESSAGE)
    watch.handle_message(QtMsgType.QtWarningMsg, QMessageLogContext(), WAYLAND_MESSAGE)

    assert ending.events == ["last words", "exit 0"]
    assert watch.lost


def test_a_broken_x11_connection_is_noted_and_left_to_the_ordinary_quit() -> None:
    """On X11 Qt ends the event loop itself, so the ordinary quit path runs: only note it."""
    ending = Ending()
    watch = _watch(ending)

    watch.handle_message(QtMsgType.QtWarningMsg, QMessageLogContext(), X11_MESSAGE)

    assert ending.events == []
    assert watch.lost


def test_with_qt_wayland_reconnect_set_nothing_is_done() -> None:
    """QT_WAYLAND_RECONNECT makes Qt try to reconnect: the app must not end itself."""
    ending = Ending()
    watch = _watch(ending, QT_WAYLAND_RECONNECT="1")

    watch.handle_message(QtMsgType.QtWarningMsg, QMessageLogContext(), WAYLAND_MESSAGE)

    assert ending.events == []


def test_failing_last_words_still_end_the_process_and_are_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An error in the last words is logged; the process still ends with status 0."""
    ended: list[int] = []

    def broken() -> None:
        raise OSError("disk gone")

    watch = DisplayLoss(broken, environ={}, end_process=ended.append)
    with caplog.at_level(logging.INFO):
        watch.handle_message(QtMsgType.QtWarningMsg, QMessageLogContext(), WAYLAND_MESSAGE)

    assert ended == [0]
    assert any(r.exc_info and "disk gone" in str(r.exc_info[1]) for r in caplog.records)


@pytest.mark.parametrize(("kind", "level"), [
    (QtMsgType.QtDebugMsg, logging.DEBUG),
    (QtMsgType.QtInfoMsg, logging.INFO),
    (QtMsgType.QtWarningMsg, logging.WARNING),
    (QtMsgType.QtCriticalMsg, logging.ERROR),
])
def test_qt_messages_go_to_the_log_at_their_level(
    caplog: pytest.LogCaptureFixture, kind: QtMsgType, level: int,
) -> None:
    """Every Qt message is logged under "qt" at the matching level."""
    watch = _watch(Ending())
    with caplog.at_level(logging.DEBUG, logger="qt"):
        watch.handle_message(kind, QMessageLogContext(), "something from Qt")

    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("qt", level, "something from Qt")]
