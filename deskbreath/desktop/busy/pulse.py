"""A microphone in use on Linux: a recording stream on a source that is not a monitor.

The PulseAudio server tells of each recording stream (a *source output*). PipeWire serves the
same protocol (``pipewire-pulse``), so this covers both.

It asks through ``pulsectl`` (ctypes over libpulse), imported at the first question and
connected only for the question: no connection, thread or memory while nothing is due.
Recording from a ``.monitor`` source (capturing what plays, e.g. a screen recorder's audio)
is not a microphone; neither is a corked (paused) stream, nor a volume meter's peak-detect
stream. Only whether a stream exists is read, never any audio.
"""

from __future__ import annotations

import logging
from typing import Any

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.base import BusySourceBase

log = logging.getLogger(__name__)

NAME = "microphone recording (PulseAudio/PipeWire source outputs)"
#: What volume meters (pavucontrol, Plasma's applet) call their level-watching streams.
PEAK_DETECT = "Peak detect"
PA_INVALID_INDEX = 0xFFFFFFFF


def recording_sources(sources: list[Any], outputs: list[Any]) -> list[str]:
    """The names of non-monitor sources that an active recording stream reads from.

    Args:
        sources: pulsectl ``PulseSourceInfo`` objects (``index``, ``name``,
            ``monitor_of_sink``).
        outputs: pulsectl ``PulseSourceOutputInfo`` objects (``source``, ``corked``,
            ``proplist``).
    """
    microphones = {s.index: s.name for s in sources
                   if getattr(s, "monitor_of_sink", PA_INVALID_INDEX) == PA_INVALID_INDEX
                   and not str(s.name).endswith(".monitor")}
    found: list[str] = []
    for output in outputs:
        if getattr(output, "corked", False):
            continue
        if (getattr(output, "proplist", None) or {}).get("media.name") == PEAK_DETECT:
            continue
        name = microphones.get(output.source)
        if name is not None:
            found.append(name)
    return found


class PulseMicrophoneSource(BusySourceBase):
    """Busy while a microphone is being recorded.

    Args:
        server: the server address (None: the default, from ``PULSE_SERVER`` or the user's
            runtime directory).
    """

    def __init__(self, server: str | None = None) -> None:
        super().__init__(HoldReason.MICROPHONE, NAME)
        self._server = server

    def is_busy(self) -> bool | None:
        """True while a microphone is recorded; None when the server cannot be asked."""
        try:
            import pulsectl  # noqa: PLC0415  (only while a prompt is due)
        except ImportError as error:
            return self._answer.cannot_tell(f"pulsectl is not installed ({error})")
        except OSError as error:  # libpulse missing
            return self._answer.cannot_tell(f"libpulse cannot be loaded ({error})")
        try:
            with pulsectl.Pulse("deskbreath-busy-check", server=self._server,
                                connect=True) as pulse:
                recording = recording_sources(pulse.source_list(), pulse.source_output_list())
        except (pulsectl.PulseError, OSError) as error:
            return self._answer.cannot_tell(f"no PulseAudio/PipeWire server answers ({error})")
        if recording:
            log.debug("recording from %s", ", ".join(recording))
        return self._answer.tells(bool(recording))

    def close(self) -> None:
        """Nothing to release: each question opens and closes its own connection."""
