"""The tones reach a real sound server: PulseAudio (whose protocol PipeWire serves too), in a
private runtime directory with a null sink.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.tones import Tone
from deskbreath.qt.sound import TonePlayer, find_player
from tests.support.pulse import Pulse, pulse_server
from tests.support.services import require_tools
from tests.support.waits import WAIT_MS

pytestmark = pytest.mark.slow


@pytest.fixture
def pulse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Pulse]:
    """A private PulseAudio server that this process (and the players it starts) reaches."""
    with pulse_server(tmp_path) as server:
        for name in ("XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH", "HOME"):
            monkeypatch.setenv(name, server.env[name])
        monkeypatch.delenv("PULSE_SERVER", raising=False)
        yield server


def test_a_tone_plays_as_a_stream_on_the_sound_server(
    qtbot: QtBot, pulse: Pulse, tmp_path: Path
) -> None:
    """The inhale tone, played with the player deskbreath picks (paplay), opens a playback
    stream (a sink input) on the server, which ends when the tone has played, with no error.
    """
    require_tools("paplay")
    command = find_player()
    assert command is not None
    assert Path(command[0]).name == "paplay"
    player = TonePlayer(tmp_path / "tones", command)
    player.set_volume(0.5)
    failures: list[str] = []
    player.failed.connect(failures.append)

    before = time.monotonic()
    player.play(Tone.INHALE)
    qtbot.waitUntil(lambda: bool(pulse.sink_input_events("new")), timeout=WAIT_MS)
    latency = time.monotonic() - before
    qtbot.waitUntil(lambda: player.playing() == 0 and bool(pulse.sink_input_events("remove")),
                    timeout=WAIT_MS)

    assert failures == []
    assert len(pulse.sink_input_events("new")) == 1
    print(f"from play() to the stream on the server: {latency * 1000:.0f} ms")
