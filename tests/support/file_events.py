"""A barrier for "a file watcher reports nothing" claims, instead of a guessed wait."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, SignalInstance
from pytestqt.qtbot import QtBot

from tests.support.waits import WAIT_MS

#: The object name of the settings watcher's debounce timer.
DEBOUNCE = "deskbreath-settings-watch-debounce"


@contextmanager
def nothing_emitted(qtbot: QtBot, signal: SignalInstance, owner: QObject,
                    folder: Path) -> Iterator[None]:
    """Assert that what the block does to files in ``folder`` makes ``signal`` emit nothing.

    After the block a new file appears in ``folder``: a file system event that comes after
    all of the block's. When the settings watcher's debounce (a child of ``owner``) has run
    after it, and found nothing new, every earlier event has been handled too.
    """
    debounce = owner.findChild(QTimer, DEBOUNCE)
    assert isinstance(debounce, QTimer), f"no {DEBOUNCE} timer below {owner!r}"
    with qtbot.assertNotEmitted(signal):
        yield
        with qtbot.waitSignal(debounce.timeout, timeout=WAIT_MS):
            (folder / f"barrier-{uuid.uuid4().hex}").touch()
