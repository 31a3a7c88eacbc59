"""The breathing pacer's tones: which one marks each phase, when they come, and their sound.

With eyes closed the pacer can be followed by ear: a soft rising tone when breathing in
starts, a falling one when breathing out starts, a short low tone when a hold starts (the
hold ends with the next rising or falling tone), and a two-note chime when the last breath
is out. Each tone marks the start of a phase, so the schedule is the pacer's own
(:meth:`deskbreath.core.breathing.BreathPattern.phases`), and the sound module plays a tone
when the breathing widget reports that its phase has begun.

Only loaded when sound is on (``[sound] enabled``): the tones are made here, as 16-bit mono
WAV data, with the standard library.
"""

from __future__ import annotations

import io
import math
import wave
from array import array
from dataclasses import dataclass
from enum import StrEnum

from deskbreath.core.breathing import BreathPattern, Phase

RATE = 44100
"""Samples per second of the generated tones (every sound server takes it as it is)."""
PEAK = 0.5
"""Loudest sample at volume 1, as a share of full scale: the tones are cues, not alarms."""
FADE = 0.04
"""Seconds of raised-cosine fade in and out, so a tone never clicks."""


class Tone(StrEnum):
    """A cue; the value names its file."""

    INHALE = "in"
    EXHALE = "out"
    HOLD = "hold"
    END = "end"


@dataclass(frozen=True)
class Note:
    """One part of a tone: a glide from ``start_hz`` to ``end_hz`` over ``seconds``."""

    start_hz: float
    end_hz: float
    seconds: float


#: The notes of each tone: a rising fourth (E4 to A4) in, the same falling out, a short G3
#: for a hold and A4 then E5 at the end. Soft sine glides, 0.3–0.6 s.
NOTES: dict[Tone, tuple[Note, ...]] = {
    Tone.INHALE: (Note(329.63, 440.0, 0.6),),
    Tone.EXHALE: (Note(440.0, 329.63, 0.6),),
    Tone.HOLD: (Note(196.0, 196.0, 0.3),),
    Tone.END: (Note(440.0, 440.0, 0.3), Note(659.26, 659.26, 0.5)),
}

_PHASE_TONES = {
    Phase.INHALE: Tone.INHALE,
    Phase.EXHALE: Tone.EXHALE,
    Phase.HOLD_IN: Tone.HOLD,
    Phase.HOLD_OUT: Tone.HOLD,
}


def tone_for(phase: Phase) -> Tone:
    """The tone that marks the start of ``phase``."""
    return _PHASE_TONES[phase]


def tone_schedule(pattern: BreathPattern) -> tuple[tuple[float, Tone], ...]:
    """Every tone of a session with its start, in seconds after breathing begins.

    One at the start of each phase of each breath, then :attr:`Tone.END` when the last breath
    is out.

    Holds of zero length have no phase and so no tone.
    """
    schedule: list[tuple[float, Tone]] = []
    start = 0.0
    for _breath in range(pattern.breaths):
        for phase, seconds in pattern.phases():
            schedule.append((start, tone_for(phase)))
            start += seconds
    schedule.append((pattern.total, Tone.END))
    return tuple(schedule)


def synthesize(tone: Tone, volume: float) -> bytes:
    """The WAV file (16-bit mono PCM at :data:`RATE`) of ``tone`` at ``volume`` (0–1).

    The volume scales the samples, so every player plays it as loud as the setting says,
    whatever volume options it has.

    Raises:
        ValueError: ``volume`` outside 0–1.
    """
    if not 0.0 <= volume <= 1.0:
        raise ValueError(f"volume must be between 0 and 1, got {volume!r}")
    samples = array("h")
    for note in NOTES[tone]:
        samples.extend(_glide(note, volume * PEAK * 32767))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def _glide(note: Note, amplitude: float) -> array[int]:
    count = round(note.seconds * RATE)
    fade = max(1, round(FADE * RATE))
    rise = (note.end_hz - note.start_hz) / note.seconds
    samples = array("h", bytes(2 * count))
    for index in range(count):
        t = index / RATE
        # The phase of a linear glide: the integral of start + rise * t.
        angle = 2 * math.pi * (note.start_hz * t + rise * t * t / 2)
        edge = min(index, count - 1 - index)
        envelope = 1.0 if edge >= fade else (1 - math.cos(math.pi * edge / fade)) / 2
        samples[index] = round(amplitude * envelope * math.sin(angle))
    return samples
