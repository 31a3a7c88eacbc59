"""A broken X server connection never reaches Xlib's exit(1): a display deskbreath uses fails
its calls, a display Qt uses ends the process through the given function.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.xserver import XServer

REPO = Path(__file__).resolve().parents[2]

_PROBE = """
import ctypes, ctypes.util, os, sys
from deskbreath.desktop import xlib_guard
xlib = ctypes.CDLL(ctypes.util.find_library("X11"))
xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
xlib.XOpenDisplay.restype = ctypes.c_void_p
xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
display = xlib.XOpenDisplay(sys.argv[1].encode())

def end():
    print("last words", flush=True)
    os._exit(0)

xlib_guard.end_process_on_io_error(display, end)
print("ready", flush=True)
sys.stdin.readline()
xlib.XSync(display, 0)
print("went back into Xlib", flush=True)
"""


def test_a_broken_display_of_qts_ends_the_process_through_the_given_function(
    xserver: XServer,
) -> None:
    """The X server ends; the next round trip on a display registered with
    end_process_on_io_error calls its function (which ends the process cleanly) and never
    returns into Xlib; Xlib's own exit(1) and its message never happen.
    """
    assert xserver.process is not None
    probe = subprocess.Popen([sys.executable, "-c", _PROBE, xserver.display],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, cwd=REPO)
    try:
        assert probe.stdout is not None
        assert probe.stdout.readline().strip() == "ready"
        xserver.process.terminate()
        xserver.process.wait(timeout=10)

        output, _ = probe.communicate("go\n", timeout=30)
    finally:
        if probe.poll() is None:
            probe.kill()
            probe.wait()

    assert probe.returncode == 0, output
    assert "last words" in output
    assert "went back into Xlib" not in output
    assert "XIO" not in output
