"""Fixtures for the exercise and prompt-window tests: the shipped catalogue, a recorder and a
factory that builds a PromptWindow on the fake clock.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.exercises import Catalogue, load_catalogue
from deskbreath.core.history import MemoryRecorder
from deskbreath.core.settings.model import Settings
from deskbreath.paths import resources_dir
from deskbreath.qt.windows.prompt import PromptWindow
from tests.fakes import FakeClock

MakeWindow = Callable[..., PromptWindow]


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The shipped exercise catalogue."""
    return load_catalogue(resources_dir() / "exercises.toml")


@pytest.fixture
def recorder() -> MemoryRecorder:
    """Outcomes recorded in memory."""
    return MemoryRecorder()


@pytest.fixture
def make_window(qtbot: QtBot, catalogue: Catalogue, clock: FakeClock,
                recorder: MemoryRecorder) -> MakeWindow:
    """Build a prompt window for an exercise id, with default or given settings."""

    def make(exercise_id: str, settings: Settings | None = None, *,
             variant: str | None = None, sitting_seconds: float = 0.0) -> PromptWindow:
        window = PromptWindow(exercise_id, catalogue, settings or Settings(), clock, recorder,
                              variant=variant, sitting_seconds=sitting_seconds)
        qtbot.add_widget(window)
        return window

    return make
