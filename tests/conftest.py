"""Fixtures shared by every test: offscreen Qt and a private set of paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from deskbreath.paths import Paths
from tests.fakes import FakeClock, FakeIdleSource, FakeScheduler


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    """Deskbreath's files, all below a temporary directory."""
    return Paths.under(tmp_path)


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock starting on a Monday at 09:00."""
    return FakeClock()


@pytest.fixture
def idle(clock: FakeClock) -> FakeIdleSource:
    """A fake idle source driven by the fake clock."""
    return FakeIdleSource(clock)


@pytest.fixture
def fake_scheduler(clock: FakeClock) -> FakeScheduler:
    """A scheduler that runs jobs only when the test says so."""
    return FakeScheduler(clock)


# Tests read English unless they choose a language themselves: a developer's German or
# Spanish desktop must not change what the suite expects (LANGUAGE wins over LC_ALL, LANG,
# and "en" needs no catalogue). The language tests pass their own environments.
os.environ["LANGUAGE"] = "en"
