"""Screenshots of a headless KWin or Mutter session, for people to look at (not assertions).

- KWin: ``org.kde.KWin.ScreenShot2.CaptureWorkspace`` writes the raw image into a pipe
  (allowed for any caller with ``KWIN_SCREENSHOT_NO_PERMISSION_CHECKS=1``, which
  :mod:`tests.support.wayland` sets).
- Mutter has no screenshot call without GNOME Shell; its ``org.gnome.Mutter.ScreenCast``
  records the monitor into a PipeWire stream, which ``gst-launch-1.0 pipewiresrc`` turns into
  one PNG. That needs a PipeWire daemon and a session manager in the session (Debian
  ``pipewire``, ``wireplumber``, ``gstreamer1.0-pipewire``, ``gstreamer1.0-tools``), so shots
  are taken only when ``DESKBREATH_WAYLAND_SHOTS`` names a directory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import cast

from tests.support.wayland import HEIGHT, WIDTH, WaylandSession
from tests.support.xserver import running

Shoot = Callable[[str], Path | None]
SHOTS_DIR = os.environ.get("DESKBREATH_WAYLAND_SHOTS", "")


@contextmanager
def shooter(session: WaylandSession) -> Iterator[Shoot]:
    """A function that saves a screenshot named ``<compositor>-<name>.png`` into
    ``DESKBREATH_WAYLAND_SHOTS`` and returns its path (None when shots are off).
    """
    if not SHOTS_DIR:
        yield lambda _name: None
        return
    folder = Path(SHOTS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        if session.compositor == "mutter":
            missing = [tool for tool in ("pipewire", "wireplumber", "gst-launch-1.0")
                       if shutil.which(tool) is None]
            assert not missing, f"screenshots on Mutter need {', '.join(missing)}"
            env = session.env(os.environ)
            stack.enter_context(running(["pipewire"], env=env))
            stack.enter_context(running(["wireplumber"], env=env))

        def shoot(name: str) -> Path:
            path = folder / f"{session.compositor}-{name}.png"
            if session.compositor == "kwin":
                _kwin_shot(session, path)
            else:
                _mutter_shot(session, path)
            return path

        yield shoot


def _kwin_shot(session: WaylandSession, path: Path) -> None:
    from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusUnixFileDescriptor
    from PySide6.QtGui import QImage

    name = f"deskbreath-shot-{id(path)}"
    bus = QDBusConnection.connectToBus(session.bus_address, name)
    read_end, write_end = os.pipe()
    chunks: list[bytes] = []

    def drain() -> None:
        while chunk := os.read(read_end, 1 << 20):
            chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        message = QDBusMessage.createMethodCall("org.kde.KWin", "/org/kde/KWin/ScreenShot2",
                                                "org.kde.KWin.ScreenShot2", "CaptureWorkspace")
        handle = QDBusUnixFileDescriptor(write_end)
        message.setArguments([{}, handle])
        reply = bus.call(message, timeout=10_000)
        handle.swap(QDBusUnixFileDescriptor())  # drop Qt's duplicate so the pipe can end
        message.setArguments([])
    finally:
        os.close(write_end)
        reader.join(timeout=10)
        os.close(read_end)
        QDBusConnection.disconnectFromBus(name)
    assert reply.type() == QDBusMessage.MessageType.ReplyMessage, reply.errorMessage()
    data = b"".join(chunks)
    assert len(data) % HEIGHT == 0, f"{len(data)} bytes is no image {WIDTH}x{HEIGHT}"
    image = QImage(data, WIDTH, HEIGHT, len(data) // HEIGHT,
                   QImage.Format.Format_ARGB32_Premultiplied)
    assert image.save(str(path)), f"could not save {path}"


def _mutter_shot(session: WaylandSession, path: Path) -> None:
    from PySide6.QtCore import SLOT, QEventLoop, QObject, QTimer, Slot
    from PySide6.QtDBus import QDBusConnection

    from deskbreath.desktop.dbus import call, unwrap

    service = "org.gnome.Mutter.ScreenCast"
    name = f"deskbreath-shot-{id(path)}"
    bus = QDBusConnection.connectToBus(session.bus_address, name)
    loop = QEventLoop()

    class Stream(QObject):
        node: int | None = None

        @Slot("uint")
        def added(self, node: int) -> None:
            self.node = node
            loop.quit()

    stream = Stream()
    try:
        screencast = str(unwrap(call(bus, service, "/org/gnome/Mutter/ScreenCast", service,
                               "CreateSession", {}, timeout_ms=5000)[0]))
        recording = str(unwrap(call(bus, service, screencast, f"{service}.Session", "RecordMonitor",
                                    "", {}, timeout_ms=5000)[0]))
        # cast: PySide6's stubs type the slot as bytes; only SLOT()'s str works at run time.
        assert bus.connect(service, recording, f"{service}.Stream", "PipeWireStreamAdded",
                           stream, cast("bytes", SLOT("added(uint)")))
        call(bus, service, screencast, f"{service}.Session", "Start", timeout_ms=5000)
        QTimer.singleShot(10_000, loop.quit)
        if stream.node is None:
            loop.exec()
        assert stream.node is not None, "Mutter announced no PipeWire stream"
        subprocess.run(["gst-launch-1.0", "-q", "pipewiresrc", f"path={stream.node}",
                        "num-buffers=1", "!", "videoconvert", "!", "pngenc", "!", "filesink",
                        f"location={path}"], env=session.env(os.environ), check=True,
                       timeout=30, capture_output=True)
        call(bus, service, screencast, f"{service}.Session", "Stop", timeout_ms=5000)
    finally:
        QDBusConnection.disconnectFromBus(name)
