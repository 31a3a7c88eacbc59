"""The pacer's phase maths."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreath.core.breathing import MIN_PHASE_SECONDS, BreathPattern, Phase
from deskbreath.core.settings.model import BreathingSettings


def test_default_settings_give_four_seconds_in_six_out() -> None:
    """Six breaths a minute with the default ratio is 4 s in, 6 s out, no holds."""
    pattern = BreathPattern.from_settings(BreathingSettings())

    assert pattern.inhale == pytest.approx(4.0)
    assert pattern.exhale == pytest.approx(6.0)
    assert (pattern.hold_in, pattern.hold_out) == (0.0, 0.0)
    assert pattern.breaths == 12
    assert pattern.total == pytest.approx(120.0)


@pytest.mark.parametrize(("elapsed", "phase", "progress", "left", "breath"), [
    (0.0, Phase.INHALE, 0.0, 4.0, 0),
    (2.0, Phase.INHALE, 0.5, 2.0, 0),
    (4.0, Phase.EXHALE, 0.0, 6.0, 0),
    (7.0, Phase.EXHALE, 0.5, 3.0, 0),
    (10.0, Phase.INHALE, 0.0, 4.0, 1),
    (115.0, Phase.EXHALE, 1 / 6, 5.0, 11),
])
def test_phase_at_follows_the_default_pattern(
    elapsed: float, phase: Phase, progress: float, left: float, breath: int,
) -> None:
    """At each moment the pacer is in the expected phase with the expected time left."""
    pattern = BreathPattern.from_settings(BreathingSettings())

    state = pattern.phase_at(elapsed)

    assert state.phase is phase
    assert state.progress == pytest.approx(progress)
    assert state.seconds_left == pytest.approx(left)
    assert state.breath_index == breath


def test_holds_are_added_to_the_breath() -> None:
    """Holds lengthen each breath and never take time from breathing in or out."""
    pattern = BreathPattern.from_settings(
        BreathingSettings(breaths_per_minute=5, inhale_ratio=0.5, hold_after_inhale=2,
                          hold_after_exhale=2))

    assert pattern.inhale == pytest.approx(6.0)
    assert pattern.exhale == pytest.approx(6.0)
    assert pattern.period == pytest.approx(16.0)
    assert [p for p, _ in pattern.phases()] == [
        Phase.INHALE, Phase.HOLD_IN, Phase.EXHALE, Phase.HOLD_OUT]
    assert pattern.phase_at(6.5).phase is Phase.HOLD_IN
    assert pattern.phase_at(15.0).phase is Phase.HOLD_OUT
    assert pattern.phase_at(15.0).fullness == 0.0
    assert pattern.phase_at(6.5).fullness == 1.0


def test_long_holds_at_a_fast_pace_keep_the_whole_breath() -> None:
    """At 10 breaths a minute with two 10 s holds the user still breathes in and out for the
    full 6 s the pace gives (the case that once left 1 s in and 1 s out).
    """
    pattern = BreathPattern.from_settings(
        BreathingSettings(breaths_per_minute=10, inhale_ratio=0.4, hold_after_inhale=10,
                          hold_after_exhale=10))

    assert pattern.inhale == pytest.approx(2.4)
    assert pattern.exhale == pytest.approx(3.6)
    assert (pattern.hold_in, pattern.hold_out) == (10.0, 10.0)
    assert pattern.period == pytest.approx(26.0)
    assert pattern.per_minute == pytest.approx(60 / 26)


def test_no_breath_in_or_out_is_shorter_than_the_minimum() -> None:
    """The shortest inhale the settings allow still lasts at least the minimum phase."""
    pattern = BreathPattern.from_settings(
        BreathingSettings(breaths_per_minute=10, inhale_ratio=0.2))

    assert pattern.inhale >= MIN_PHASE_SECONDS
    assert pattern.exhale >= MIN_PHASE_SECONDS


def test_session_ends_after_breathing_out() -> None:
    """The session is a whole number of breaths and its last moment is the end of an exhale."""
    pattern = BreathPattern.from_settings(BreathingSettings(breaths_per_minute=7, length=65))

    end = pattern.phase_at(pattern.total + 5)

    assert pattern.finished(pattern.total)
    assert not pattern.finished(pattern.total - 0.01)
    assert (end.phase, end.progress, end.seconds_left) == (Phase.EXHALE, 1.0, 0.0)
    assert end.breath_index == pattern.breaths - 1


def test_fullness_grows_on_the_inhale_and_shrinks_on_the_exhale() -> None:
    """The pacer shape is empty at the start, full after breathing in, empty again after."""
    pattern = BreathPattern(inhale=4, exhale=6)

    assert pattern.phase_at(0).fullness == pytest.approx(0.0)
    assert pattern.phase_at(2).fullness == pytest.approx(0.5)
    assert pattern.phase_at(3.999).fullness == pytest.approx(1.0, abs=1e-4)
    assert pattern.phase_at(7).fullness == pytest.approx(0.5)


@given(
    settings=st.builds(
        BreathingSettings,
        breaths_per_minute=st.floats(4, 10),
        inhale_ratio=st.floats(0.2, 0.8),
        hold_after_inhale=st.sampled_from([0.0, 1.0, 2.0]),
        hold_after_exhale=st.sampled_from([0.0, 1.0]),
        length=st.floats(60, 300),
    ),
    fraction=st.floats(0, 1),
)
def test_phase_at_is_consistent_for_any_pattern(
    settings: BreathingSettings, fraction: float,
) -> None:
    """For any allowed pattern and moment: progress in 0..1, time left within the phase,
    breath index in range, and progress plus time left add up to the phase length.
    """
    pattern = BreathPattern.from_settings(settings)
    lengths = dict(pattern.phases())

    state = pattern.phase_at(fraction * pattern.total)

    assert 0.0 <= state.progress <= 1.0
    assert 0 <= state.breath_index < pattern.breaths
    assert state.seconds_left == pytest.approx(lengths[state.phase] * (1 - state.progress),
                                               abs=1e-6)
    assert pattern.inhale + pattern.exhale == pytest.approx(60 / settings.breaths_per_minute)
    assert pattern.period == pytest.approx(60 / settings.breaths_per_minute
                                           + settings.hold_after_inhale
                                           + settings.hold_after_exhale)
    assert 0.0 <= state.fullness <= 1.0
