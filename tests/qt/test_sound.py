"""The pacer's tones in the app: they follow the breathing widget's phases on the fake clock,
stay silent while the user is busy, and the player reports what goes wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from deskbreath.core.breathing import BreathPattern
from deskbreath.core.exercises import load_catalogue
from deskbreath.core.history import MemoryRecorder
from deskbreath.core.holds import HoldReason
from deskbreath.core.settings.model import BreathingSettings, Settings, SoundSettings
from deskbreath.core.tones import Tone, tone_schedule
from deskbreath.paths import resources_dir
from deskbreath.qt.sound import RECHECK, BreathCues, TonePlayer, find_player
from deskbreath.qt.windows.exercises.breathing import BreathingWidget
from deskbreath.qt.windows.prompt import PromptWindow
from tests.fakes import FakeClock
from tests.support.waits import WAIT_MS

#: Seconds of lead-in before the breathing starts: the catalogue's (``lead_in``).
BREATHING_LEAD_IN = load_catalogue(resources_dir() / "exercises.toml").get("breathing").lead_in \
    or 0.0

STEP = 0.05
ON = SoundSettings(enabled=True, volume=0.4)


class RecordingPlayer(TonePlayer):
    """Records each tone with the fake clock's time instead of playing it."""

    def __init__(self, clock: FakeClock, folder: Path) -> None:
        super().__init__(folder, ("true",))
        self.clock = clock
        self.heard: list[tuple[float, Tone]] = []

    def play(self, tone: Tone) -> None:
        self.heard.append((self.clock.monotonic(), tone))

    @property
    def volume(self) -> float:
        return self._volume


class Busy:
    """What the busy sources say; counts how often they were asked."""

    def __init__(self) -> None:
        self.reasons: frozenset[HoldReason] = frozenset()
        self.asked = 0

    def __call__(self) -> frozenset[HoldReason]:
        self.asked += 1
        return self.reasons


class Sound:
    """The sound settings as the app's settings service holds them; a test may change them."""

    def __init__(self, settings: SoundSettings = ON) -> None:
        self.settings = settings

    def __call__(self) -> SoundSettings:
        return self.settings


def breathe(qtbot: QtBot, clock: FakeClock, settings: Settings,
            cues: BreathCues) -> tuple[BreathingWidget, float]:
    """Start the breathing exercise with ``cues`` following it, as the app wires them; the
    widget and the fake-clock moment breathing begins (after the lead-in).
    """
    window = PromptWindow("breathing", load_catalogue(resources_dir() / "exercises.toml"),
                          settings, clock, MemoryRecorder())
    qtbot.add_widget(window)
    window.started.connect(lambda: cues.follow(window.exercise_widget or QObject()))
    window.present()
    window.start_button.click()
    widget = window.exercise_widget
    assert isinstance(widget, BreathingWidget)
    return widget, clock.monotonic() + BREATHING_LEAD_IN


def run(clock: FakeClock, widget: BreathingWidget, seconds: float) -> None:
    """Let ``seconds`` pass in frames of STEP, as the frame driver would."""
    for _ in range(round(seconds / STEP)):
        clock.advance(STEP)
        widget.sync()


@pytest.mark.parametrize(
    "breathing",
    [BreathingSettings(length=60),
     BreathingSettings(breaths_per_minute=5, length=60, hold_after_inhale=2,
                       hold_after_exhale=1.5)],
    ids=["in-out", "with-holds"],
)
def test_tones_come_on_the_pacers_schedule(
    qtbot: QtBot, clock: FakeClock, tmp_path: Path, breathing: BreathingSettings
) -> None:
    """Every tone of the core schedule plays, in order, within one frame of its moment."""
    player = RecordingPlayer(clock, tmp_path)
    cues = BreathCues(player, Sound(), Busy(), clock)
    widget, start = breathe(qtbot, clock, Settings(breathing=breathing), cues)

    run(clock, widget, BREATHING_LEAD_IN + widget.pattern.total + 1)

    expected = tone_schedule(widget.pattern)
    assert [tone for _, tone in player.heard] == [tone for _, tone in expected]
    for (at, _), (due, _) in zip(player.heard, expected, strict=True):
        assert due <= at - start < due + STEP + 1e-9
    assert widget.pattern == BreathPattern.from_settings(breathing)


def test_no_tones_while_do_not_disturb_is_on_and_they_come_back_after(
    qtbot: QtBot, clock: FakeClock, tmp_path: Path
) -> None:
    """Do not disturb silences the tones; the sources are asked again every RECHECK seconds
    (not before every tone), and the tones return once it is off.
    """
    player = RecordingPlayer(clock, tmp_path)
    busy = Busy()
    busy.reasons = frozenset({HoldReason.DO_NOT_DISTURB, HoldReason.TYPING})
    widget, start = breathe(qtbot, clock, Settings(breathing=BreathingSettings(length=120)),
                            BreathCues(player, Sound(), busy, clock))

    run(clock, widget, BREATHING_LEAD_IN + 20)
    assert player.heard == []
    assert busy.asked == 1
    busy.reasons = frozenset({HoldReason.TYPING})  # typing alone does not silence them
    run(clock, widget, RECHECK)

    assert busy.asked == 2
    assert player.heard
    assert min(at for at, _ in player.heard) - start >= RECHECK


@pytest.mark.parametrize("reason", [HoldReason.MICROPHONE, HoldReason.CAMERA,
                                    HoldReason.SCREEN_SHARING])
def test_a_call_or_a_shared_screen_silences_the_tones(
    qtbot: QtBot, clock: FakeClock, tmp_path: Path, reason: HoldReason
) -> None:
    """Others could hear them: a microphone, a camera or screen sharing in use."""
    player = RecordingPlayer(clock, tmp_path)
    busy = Busy()
    busy.reasons = frozenset({reason})
    widget, _ = breathe(qtbot, clock, Settings(breathing=BreathingSettings(length=60)),
                        BreathCues(player, Sound(), busy, clock))

    run(clock, widget, BREATHING_LEAD_IN + 20)

    assert player.heard == []


def test_with_sound_off_nothing_is_played_or_asked(
    qtbot: QtBot, clock: FakeClock, tmp_path: Path
) -> None:
    """The default: no tones, and the busy sources are not even asked."""
    player = RecordingPlayer(clock, tmp_path)
    busy = Busy()
    widget, _ = breathe(qtbot, clock, Settings(breathing=BreathingSettings(length=60)),
                        BreathCues(player, Sound(SoundSettings()), busy, clock))

    run(clock, widget, BREATHING_LEAD_IN + 20)

    assert (player.heard, busy.asked) == ([], 0)


def test_switching_tones_off_during_an_exercise_silences_them_at_once(
    qtbot: QtBot, clock: FakeClock, tmp_path: Path
) -> None:
    """The settings are read before each tone: off means no further tone, and a new volume
    applies to the next one.
    """
    player = RecordingPlayer(clock, tmp_path)
    sound = Sound()
    widget, _ = breathe(qtbot, clock, Settings(breathing=BreathingSettings(length=60)),
                        BreathCues(player, sound, Busy(), clock))
    run(clock, widget, BREATHING_LEAD_IN + 5)
    heard = len(player.heard)
    assert heard == 2

    sound.settings = SoundSettings(enabled=True, volume=0.9)
    run(clock, widget, 10)
    assert (len(player.heard), player.volume) == (heard + 2, 0.9)
    sound.settings = SoundSettings(enabled=False)
    run(clock, widget, 20)

    assert len(player.heard) == heard + 2


def test_the_tone_files_follow_the_volume_and_are_written_once(tmp_path: Path) -> None:
    """One file per tone and volume, made on first use, private folder."""
    player = TonePlayer(tmp_path / "tones", ("true",))
    player.set_volume(0.4)
    first = player.file_for(Tone.INHALE)
    stamp = first.stat().st_mtime_ns
    player.set_volume(0.8)
    louder = player.file_for(Tone.INHALE)
    player.set_volume(0.4)

    assert (first.name, louder.name) == ("in-040.wav", "in-080.wav")
    assert player.file_for(Tone.INHALE).stat().st_mtime_ns == stamp
    assert (tmp_path / "tones").stat().st_mode & 0o777 == 0o700


def test_a_player_that_fails_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    """A player that exits with an error, or cannot start, is reported with what it said;
    nothing is left running.
    """
    failing = TonePlayer(tmp_path, ("sh", "-c", "echo no sink >&2; exit 3", "sh"))
    with qtbot.waitSignal(failing.failed, timeout=WAIT_MS) as blocker:
        failing.play(Tone.HOLD)
    assert blocker.args == ["sh could not play a tone (exit status 3): no sink"]

    missing = TonePlayer(tmp_path, ("/nonexistent/player",))
    with qtbot.waitSignal(missing.failed, timeout=WAIT_MS) as blocker:
        missing.play(Tone.HOLD)
    assert str(blocker.args[0]).startswith("Cannot start /nonexistent/player to play a tone")
    qtbot.waitUntil(lambda: failing.playing() == missing.playing() == 0, timeout=WAIT_MS)


@pytest.mark.parametrize(
    ("platform", "installed", "expected"),
    [
        ("linux", {"paplay", "pw-play", "aplay"}, ("/usr/bin/paplay",)),
        ("linux", {"pw-play", "aplay"}, ("/usr/bin/pw-play",)),
        ("linux", {"aplay"}, ("/usr/bin/aplay", "-q")),
        ("linux", set(), None),
        ("darwin", {"afplay"}, ("/usr/bin/afplay",)),
        ("win32", set(), ("winsound",)),
    ],
)
def test_the_player_is_the_sound_servers_own_first(
    platform: str, installed: set[str], expected: tuple[str, ...] | None
) -> None:
    """Paplay (PulseAudio and PipeWire alike) before pw-play before aplay; afplay on macOS;
    winsound on Windows; None when nothing can play.
    """
    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name in installed else None

    assert find_player(platform, which) == expected
