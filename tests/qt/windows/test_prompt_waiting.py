"""Where a window would take keyboard focus, the prompt's offer waits in the tray and the
window opens only when the user asks for it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.exercises import Catalogue
from deskbreath.core.history import MemoryRecorder, Result
from deskbreath.core.settings.model import Settings
from deskbreath.qt.windows.prompt import PromptWindow
from tests.fakes import FakeClock


class Indicator:
    """Records what the prompt asks of the tray (the shell in the app)."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.reveal: Callable[[], None] | None = None
        self.cleared = 0

    def show_waiting(self, text: str, reveal: Callable[[], None]) -> None:
        self.text = text
        self.reveal = reveal

    def clear_waiting(self) -> None:
        self.text = None
        self.reveal = None
        self.cleared += 1


@pytest.fixture
def indicator() -> Indicator:
    """A tray stand-in that records the waiting offer."""
    return Indicator()


@pytest.fixture
def waiting_window(qtbot: QtBot, catalogue: Catalogue, clock: FakeClock,
                   recorder: MemoryRecorder, indicator: Indicator) -> PromptWindow:
    """A breathing prompt whose offer waits in ``indicator``."""
    window = PromptWindow("breathing", catalogue, Settings(), clock, recorder,
                          waiting=indicator)
    qtbot.add_widget(window)
    return window


def test_offer_waits_without_a_window(waiting_window: PromptWindow,
                                      indicator: Indicator) -> None:
    """present() shows no window; the indicator names the exercise and can reveal it."""
    waiting_window.present()

    assert not waiting_window.isVisible()
    assert indicator.text == ("Paced belly breathing is waiting: click the deskbreath icon "
                              "to see it.")
    assert indicator.reveal is not None


def test_reveal_shows_the_offer_for_the_user(waiting_window: PromptWindow,
                                             indicator: Indicator) -> None:
    """The user's click reveals the offer window; it still waits for Start."""
    waiting_window.present()
    assert indicator.reveal is not None

    indicator.reveal()

    assert waiting_window.isVisible()
    assert waiting_window.pages.currentIndex() == 0
    assert not waiting_window.running


def test_snooze_while_waiting_records_and_clears_the_tray(
        qtbot: QtBot, waiting_window: PromptWindow, indicator: Indicator,
        recorder: MemoryRecorder) -> None:
    """A snooze from the menu answers the waiting offer: recorded, and the tray is back."""
    waiting_window.present()

    with qtbot.waitSignal(waiting_window.finished):
        waiting_window.snooze(300.0)

    assert [o.result for o in recorder.outcomes] == [Result.SNOOZED]
    assert (indicator.text, indicator.cleared) == (None, 1)
    assert not waiting_window.isVisible()


def test_going_away_closes_a_waiting_offer_as_missed(
        waiting_window: PromptWindow, indicator: Indicator, recorder: MemoryRecorder) -> None:
    """A waiting offer nobody saw is missed when the user leaves, and the tray is back."""
    waiting_window.present()

    waiting_window.close_as_missed()

    assert [o.result for o in recorder.outcomes] == [Result.MISSED]
    assert indicator.cleared == 1


def test_begin_shows_the_window_and_starts(waiting_window: PromptWindow,
                                           indicator: Indicator) -> None:
    """Start now (the user asked) opens the window with the exercise under way, no waiting."""
    waiting_window.begin()

    assert waiting_window.isVisible()
    assert waiting_window.running
    assert indicator.text is None
