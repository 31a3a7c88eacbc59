"""A real PulseAudio server for tests: an ordinary daemon in a private runtime directory, with
a null sink (a speaker that plays into nothing) as its default sink.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.services import require_tools
from tests.support.waits import WAIT_S
from tests.support.xserver import running, wait_for


@dataclass
class Pulse:
    """A private PulseAudio server; ``env`` reaches it (``XDG_RUNTIME_DIR`` and
    ``PULSE_RUNTIME_PATH``), ``events`` collects the lines of ``pactl subscribe``.
    """

    env: dict[str, str]
    events: list[str] = field(default_factory=list)

    def sink_input_events(self, kind: str) -> list[str]:
        """The ``pactl subscribe`` lines about sink inputs (playback streams) of ``kind``:
        ``new``, ``change`` or ``remove``.
        """
        return [line for line in list(self.events)
                if line.startswith(f"Event '{kind}' on sink-input")]


@contextmanager
def pulse_server(home: Path) -> Iterator[Pulse]:
    """Run PulseAudio in ``home/run`` with the null sink ``speakers`` and watch its events
    with ``pactl subscribe``; both stop afterwards.
    """
    require_tools("pulseaudio", "pactl")
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), HOME=str(home),
               PULSE_RUNTIME_PATH=str(runtime / "pulse"))
    env.pop("PULSE_SERVER", None)
    argv = ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n", "--disable-shm",
            "--load=module-native-protocol-unix", "--load=module-null-sink sink_name=speakers"]
    with running(argv, env=env):
        wait_for(lambda: subprocess.run(["pactl", "info"], env=env, capture_output=True,
                                        timeout=WAIT_S, check=False).returncode == 0,
                 timeout=WAIT_S, what="PulseAudio to answer")
        pulse = Pulse(env)
        with running(["pactl", "subscribe"], env=env, stdout=subprocess.PIPE,
                     text=True) as watcher:
            stream = watcher.stdout
            assert stream is not None
            reader = threading.Thread(target=lambda: pulse.events.extend(iter(stream.readline,
                                                                              "")),
                                      daemon=True)
            reader.start()
            # A barrier: the watcher is subscribed once it reports a change made after it
            # started; until then each look makes one more.

            def subscribed() -> bool:
                if any("on sink #" in line for line in pulse.events):
                    return True
                subprocess.run(["pactl", "set-sink-volume", "speakers", "-1%"], env=env,
                               check=True, timeout=WAIT_S)
                return False

            wait_for(subscribed, timeout=WAIT_S, what="pactl subscribe to report events",
                     interval=0.2)
            yield pulse
