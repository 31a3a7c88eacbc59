"""Microphone in use, for real: a private PulseAudio server, a null source and parecord."""

from __future__ import annotations

from types import SimpleNamespace

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.pulse import (
    PA_INVALID_INDEX,
    PEAK_DETECT,
    PulseMicrophoneSource,
    recording_sources,
)
from tests.desktop.busy.conftest import Pulse
from tests.support.waits import WAIT_S
from tests.support.xserver import stop_process, wait_for


def test_recording_a_microphone_holds(pulse: Pulse) -> None:
    """Parecord on the null source is busy; once it stops, not busy."""
    source = PulseMicrophoneSource(pulse.server)
    assert source.reason is HoldReason.MICROPHONE
    assert source.is_busy() is False

    recorder = pulse.record("mic")
    try:
        wait_for(lambda: pulse.source_outputs().strip(), timeout=WAIT_S,
                 what="parecord's stream to appear")
        assert source.is_busy() is True
    finally:
        stop_process(recorder)
    wait_for(lambda: not pulse.source_outputs().strip(), timeout=WAIT_S,
             what="parecord's stream to end")
    assert source.is_busy() is False


def test_recording_a_monitor_does_not_count(pulse: Pulse) -> None:
    """Recording what plays (``speakers.monitor``) is not a microphone in use."""
    source = PulseMicrophoneSource(pulse.server)
    recorder = pulse.record("speakers.monitor")
    try:
        wait_for(lambda: pulse.source_outputs().strip(), timeout=WAIT_S,
                 what="the monitor recording to appear")
        assert source.is_busy() is False
    finally:
        stop_process(recorder)


def test_no_server_cannot_tell(tmp_path: object) -> None:
    """With no server at the address the source cannot tell, and says so."""
    source = PulseMicrophoneSource("unix:/nonexistent/pulse/native")

    assert source.is_busy() is None
    assert source.problem is not None
    assert "PulseAudio" in source.problem


def test_paused_and_peak_detect_streams_are_not_recording() -> None:
    """A corked stream and a volume meter's peak-detect stream do not count; a live one on a
    microphone does.
    """
    sources = [SimpleNamespace(index=1, name="mic", monitor_of_sink=PA_INVALID_INDEX),
               SimpleNamespace(index=2, name="speakers.monitor", monitor_of_sink=0)]
    corked = SimpleNamespace(source=1, corked=True, proplist={})
    meter = SimpleNamespace(source=1, corked=False, proplist={"media.name": PEAK_DETECT})
    live = SimpleNamespace(source=1, corked=False, proplist={"media.name": "Call"})
    screen_audio = SimpleNamespace(source=2, corked=False, proplist={})

    assert recording_sources(sources, [corked, meter, screen_audio]) == []
    assert recording_sources(sources, [corked, live]) == ["mic"]
