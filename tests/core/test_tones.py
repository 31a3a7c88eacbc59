"""The pacer's tones: one at the start of every phase, the end chime, and the sound itself."""

from __future__ import annotations

import io
import itertools
import wave
from array import array

import pytest

from deskbreath.core.breathing import BreathPattern, Phase
from deskbreath.core.tones import NOTES, PEAK, RATE, Tone, synthesize, tone_for, tone_schedule


def test_each_phase_starts_with_its_own_tone() -> None:
    """Rising to breathe in, falling to breathe out, the low tone for either hold."""
    assert [tone_for(phase) for phase in Phase] == [Tone.INHALE, Tone.HOLD, Tone.EXHALE,
                                                   Tone.HOLD]


def test_the_schedule_marks_every_phase_start_and_the_end() -> None:
    """4 s in, 2 s hold, 6 s out, 3 s hold, two breaths: a tone at 0, 4, 6, 12, 15, 19, 21,
    27, and the end chime at 30 s.
    """
    pattern = BreathPattern(inhale=4, exhale=6, hold_in=2, hold_out=3, length=30)

    schedule = tone_schedule(pattern)

    assert schedule == (
        (0.0, Tone.INHALE), (4.0, Tone.HOLD), (6.0, Tone.EXHALE), (12.0, Tone.HOLD),
        (15.0, Tone.INHALE), (19.0, Tone.HOLD), (21.0, Tone.EXHALE), (27.0, Tone.HOLD),
        (30.0, Tone.END),
    )


def test_without_holds_only_in_and_out_tones_come() -> None:
    """Holds of zero length are no phase, so they get no tone."""
    pattern = BreathPattern(inhale=4, exhale=6, length=20)

    assert tone_schedule(pattern) == ((0.0, Tone.INHALE), (4.0, Tone.EXHALE),
                                      (10.0, Tone.INHALE), (14.0, Tone.EXHALE),
                                      (20.0, Tone.END))


def samples(data: bytes) -> tuple[tuple[int, int, int], array[int]]:
    """(channels, bytes per sample, rate) and the samples of a WAV file."""
    with wave.open(io.BytesIO(data), "rb") as reader:
        form = (reader.getnchannels(), reader.getsampwidth(), reader.getframerate())
        return form, array("h", reader.readframes(reader.getnframes()))


@pytest.mark.parametrize("tone", list(Tone))
def test_each_tone_is_a_short_soft_mono_wav_that_starts_and_ends_silent(tone: Tone) -> None:
    """16-bit mono at 44.1 kHz, as long as its notes, no louder than PEAK at full volume, and
    faded in and out so it never clicks.
    """
    form, frames = samples(synthesize(tone, 1.0))

    assert form == (1, 2, RATE)
    assert len(frames) == sum(round(note.seconds * RATE) for note in NOTES[tone])
    assert 0.9 * PEAK * 32767 <= max(abs(s) for s in frames) <= PEAK * 32767
    assert abs(frames[0]) < 100
    assert abs(frames[-1]) < 100


def test_volume_scales_the_samples() -> None:
    """At volume 0.25 the loudest sample is a quarter of that at full volume."""
    _, loud = samples(synthesize(Tone.INHALE, 1.0))
    _, soft = samples(synthesize(Tone.INHALE, 0.25))

    assert max(soft) == pytest.approx(max(loud) / 4, abs=2)


@pytest.mark.parametrize("volume", [-0.1, 1.5])
def test_a_volume_outside_zero_to_one_is_refused(volume: float) -> None:
    """The setting allows 0.05–1; anything else is a bug, and says so."""
    with pytest.raises(ValueError, match="between 0 and 1"):
        synthesize(Tone.END, volume)


def test_the_inhale_tone_rises_and_the_exhale_tone_falls() -> None:
    """Counting zero crossings in the first and last tenth: more at the end of the inhale
    tone (higher pitch), fewer at the end of the exhale tone.
    """
    def crossings(frames: array[int]) -> int:
        return sum(1 for a, b in itertools.pairwise(frames) if a < 0 <= b)

    for tone, rises in ((Tone.INHALE, True), (Tone.EXHALE, False)):
        _, frames = samples(synthesize(tone, 1.0))
        tenth = len(frames) // 10
        first, last = crossings(frames[:tenth]), crossings(frames[-tenth:])
        assert (last > first) is rises, (tone, first, last)
