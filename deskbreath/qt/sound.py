"""Tones for the breathing pacer (``[sound] enabled``).

Played through the desktop's sound server, and silent while the user is in a call or has
asked for quiet.

Why a command-line player and not QtMultimedia: PySide6-Essentials has no QtMultimedia, and
PySide6-Addons' ``QSoundEffect`` added 20 MiB to the app's resident memory once it had
played a tone (measured: 44.4 → 64.7 MiB; it loads FFmpeg), against 0.4 MiB for starting a
player process with ``QProcess`` (README, "Sound"). The player is the one the desktop's sound
server ships: ``paplay`` speaks the PulseAudio protocol, which PipeWire serves too
(``pipewire-pulse``); ``pw-play`` is PipeWire's own; ``aplay`` goes through ALSA. macOS has
``afplay``. On Windows the standard library's ``winsound`` plays the file without a process.

This module, and :mod:`deskbreath.core.tones` with ``wave``, load only when a breathing
exercise starts with sound on: the idle app never loads them
(``tests/qt/test_sound_idle.py``).
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from deskbreath.core.breathing import Phase
from deskbreath.core.clock import Clock
from deskbreath.core.holds import HoldReason
from deskbreath.core.settings.model import SoundSettings
from deskbreath.core.tones import Tone, synthesize, tone_for
from deskbreath.i18n import _
from deskbreath.qt.windows.exercises.breathing import BreathingWidget

log = logging.getLogger(__name__)

#: The busy signals that silence the tones: the user asked for quiet, or others may hear.
SILENCING: frozenset[HoldReason] = frozenset({
    HoldReason.DO_NOT_DISTURB, HoldReason.MICROPHONE, HoldReason.CAMERA,
    HoldReason.SCREEN_SHARING,
})
#: Seconds a busy answer is trusted before the sources are asked again (an exercise lasts a
#: few minutes; asking before every tone would cost a D-Bus or PulseAudio round trip each).
RECHECK = 30.0
#: Players, most preferred first: ``paplay`` reaches PulseAudio and PipeWire alike.
LINUX_PLAYERS: tuple[tuple[str, ...], ...] = (("paplay",), ("pw-play",), ("aplay", "-q"))


def find_player(platform: str = sys.platform,
                which: Callable[[str], str | None] = shutil.which) -> tuple[str, ...] | None:
    """The command that plays a WAV file here, or None when there is none.

    The program and options; the file comes last. ``("winsound",)`` on Windows.
    """
    if platform == "win32":
        return ("winsound",)
    candidates = (("afplay",),) if platform == "darwin" else LINUX_PLAYERS
    for command in candidates:
        program = which(command[0])
        if program is not None:
            return (program, *command[1:])
    return None


class TonePlayer(QObject):
    """Plays tones with a player command, one short process per tone.

    Args:
        folder: where the tone files go (created private); the runtime directory's
            ``tones`` folder in the app.
        command: from :func:`find_player`.

    Signals:
        started(str): a tone's player started (the :class:`Tone` value).
        failed(str): a player could not start or ended with an error; what happened.
    """

    started = Signal(str)
    failed = Signal(str)

    def __init__(self, folder: Path, command: Sequence[str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.command = tuple(command)
        self._volume = 0.5
        self._playing: set[QProcess] = set()

    def set_volume(self, volume: float) -> None:
        """0.05–1, as the setting; tone files are made per volume, on first use."""
        self._volume = volume

    def file_for(self, tone: Tone) -> Path:
        """The WAV file of ``tone`` at the current volume, written the first time.

        Raises:
            OSError: the folder or file cannot be written.
        """
        path = self.folder / f"{tone.value}-{round(self._volume * 100):03d}.wav"
        if not path.exists():
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            partial.write_bytes(synthesize(tone, self._volume))
            partial.replace(path)
        return path

    def play(self, tone: Tone) -> None:
        """Start playing ``tone`` and return at once."""
        try:
            path = self.file_for(tone)
        except OSError as error:
            self._fail(_("Cannot write the tone files to %(folder)s: %(problem)s")
                       % {"folder": self.folder, "problem": error.strerror or error})
            return
        if sys.platform == "win32":
            import winsound  # noqa: PLC0415 - Windows only

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
            self.started.emit(tone.value)
            return
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.finished.connect(self._on_process_finished)
        process.errorOccurred.connect(self._on_process_error_occurred)
        self._playing.add(process)
        process.start(self.command[0], [*self.command[1:], str(path)])
        self.started.emit(tone.value)

    def playing(self) -> int:
        """How many tones are playing now."""
        return len(self._playing)

    def _on_process_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        del status  # a crashed player has a code too
        process = self.sender()
        if not isinstance(process, QProcess):
            return
        if code != 0:
            said = bytes(process.readAll().data()).decode(errors="replace").strip()
            self._fail(_("%(player)s could not play a tone (exit status %(code)d): %(said)s")
                       % {"player": self.command[0], "code": code, "said": said})
        self._release(process)

    def _on_process_error_occurred(self, error: QProcess.ProcessError) -> None:
        process = self.sender()
        if isinstance(process, QProcess) and error is QProcess.ProcessError.FailedToStart:
            self._fail(_("Cannot start %(player)s to play a tone: %(problem)s")
                       % {"player": self.command[0], "problem": process.errorString()})
            self._release(process)

    def _release(self, process: QProcess) -> None:
        if process in self._playing:
            self._playing.discard(process)
            process.deleteLater()

    def _fail(self, message: str) -> None:
        log.warning("%s", message)
        self.failed.emit(message)


class BreathCues(QObject):
    """Plays the pacer's tones for a breathing exercise that runs with sound on.

    Args:
        player: plays the tones.
        settings: the sound settings now (read before each tone, so switching tones off or
            changing the volume applies at once, also during an exercise).
        quiet: the busy reasons active now (the controller asks its busy sources); tones stay
            silent while any of :data:`SILENCING` is among them.
        clock: measures :data:`RECHECK`.
    """

    def __init__(self, player: TonePlayer, settings: Callable[[], SoundSettings],
                 quiet: Callable[[], frozenset[HoldReason]], clock: Clock,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self._settings = settings
        self._quiet = quiet
        self._clock = clock
        self._silenced: frozenset[HoldReason] = frozenset()
        self._asked_at: float | None = None

    def follow(self, widget: QObject) -> None:
        """Play tones for ``widget``'s phases while it runs.

        Only for a breathing exercise (the others have no pacer to follow), and only if the
        settings have tones on.
        """
        if not self._settings().enabled or not isinstance(widget, BreathingWidget):
            return
        self._asked_at = None  # a new exercise: ask the busy sources afresh
        widget.phase_started.connect(self._on_widget_phase_started)
        widget.reached_end.connect(self._on_widget_reached_end)

    def _on_widget_phase_started(self, phase: str) -> None:
        self._play(tone_for(Phase(phase)))

    def _on_widget_reached_end(self) -> None:
        self._play(Tone.END)

    def _play(self, tone: Tone) -> None:
        settings = self._settings()
        if settings.enabled and not self._silent():
            self.player.set_volume(settings.volume)
            self.player.play(tone)

    def _silent(self) -> bool:
        now = self._clock.monotonic()
        if self._asked_at is None or now - self._asked_at >= RECHECK:
            self._asked_at = now
            silenced = self._quiet() & SILENCING
            if silenced != self._silenced:
                log.info("tones %s", f"silenced: {', '.join(sorted(silenced))}" if silenced
                         else "back on")
                self._silenced = silenced
        return bool(self._silenced)
