"""What playing the pacer's tones costs the app's memory, per way of playing them.

Run: ``python -m tests.benchmarks.sound_choice [--python PATH]``

For each way (PySide6-Addons' ``QSoundEffect``; a ``paplay`` or ``pw-play`` process started
with ``QProcess``) a fresh interpreter makes a ``QApplication``, plays deskbreath's inhale
tone once through the sound server that ``XDG_RUNTIME_DIR`` points at, and reports its
resident memory before, after the import and after playing. ``--python`` names an
interpreter that has PySide6-Addons (QtMultimedia); without it that way is skipped. Not a
test: it prints numbers for the README, it does not judge them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from deskbreath.core.tones import Tone, synthesize

SUBJECT = """
import sys
from pathlib import Path
from PySide6.QtCore import QProcess, QTimer, QUrl
from PySide6.QtWidgets import QApplication

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024

app = QApplication([])
tone = Path(sys.argv[2])
base = rss()
way = sys.argv[1]
if way == "qsoundeffect":
    from PySide6.QtMultimedia import QSoundEffect
    loaded = rss()
    player = QSoundEffect()
    player.setSource(QUrl.fromLocalFile(str(tone)))
    QTimer.singleShot(300, player.play)
else:
    loaded = rss()
    player = QProcess()
    QTimer.singleShot(300, lambda: player.start(way, [str(tone)]))
QTimer.singleShot(2500, app.quit)
app.exec()
print(f"{way:13} {base:6.1f} {loaded:6.1f} {rss():6.1f}")
"""


def main() -> int:
    """Play the inhale tone each available way, in its own process, and print its RSS (MiB)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", help="an interpreter with PySide6-Addons")
    args = parser.parse_args()

    tone = Path(os.environ.get("TMPDIR", "/tmp")) / "deskbreath-benchmark-tone.wav"
    tone.write_bytes(synthesize(Tone.INHALE, 0.5))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    print("way            RSS MiB: start  +import  after playing")
    ways = [("paplay", sys.executable), ("pw-play", sys.executable)]
    if args.python:
        ways.insert(0, ("qsoundeffect", args.python))
    for way, python in ways:
        done = subprocess.run([python, "-c", SUBJECT, way, str(tone)], env=env,
                              capture_output=True, text=True, timeout=60, check=False)
        print(done.stdout.strip() or f"{way}: failed: {done.stderr.strip()[-300:]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
