"""Notice hand edits of settings.toml, however the editor saves them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

log = logging.getLogger(__name__)


class SettingsWatcher(QObject):
    """Watches one file and its folder and says when the file's content has changed.

    Editors rarely write a file in place: most write a new file and rename it over the old
    one (an "atomic replace"), and some delete and recreate it. QFileSystemWatcher then stops
    watching the file, because the watched file is gone. So the folder is watched too, and
    the file is added back whenever it exists again. One save makes several file system
    events; a single-shot timer collects them, and ``changed`` is emitted only when
    ``is_new()`` says the file differs from what its owner last read or wrote
    (:meth:`SettingsFile.changed_on_disk`), so unrelated files in the folder, saves that
    change nothing and the app's own saves stay silent. The owner is the one place that
    remembers the file's content.

    The folder must exist when the watcher starts; a missing folder is logged and watched
    from the next :meth:`watch_again`.

    Signals:
        changed(): the file was written, replaced, created or deleted, and its content is new.
    """

    changed = Signal()

    def __init__(self, path: Path, is_new: Callable[[], bool], parent: QObject | None = None,
                 *, debounce_ms: int = 300) -> None:
        super().__init__(parent)
        self._path = path
        self._is_new = is_new
        self._watcher = QFileSystemWatcher(self)
        self._watcher.setObjectName("deskbreath-settings-file-watcher")
        self._debounce = QTimer(self)
        self._debounce.setObjectName("deskbreath-settings-watch-debounce")
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self._watcher.fileChanged.connect(self._on_watcher_file_changed)
        self._watcher.directoryChanged.connect(self._on_watcher_directory_changed)
        if not path.parent.is_dir():
            log.info("%s does not exist yet; watching starts once deskbreath saves", path.parent)
        self._watch_file()

    def watch_again(self) -> None:
        """Call after deskbreath saved the file itself.

        The save may have created the folder and the file, which nothing watched yet.
        """
        self._watch_file()

    def _watch_file(self) -> None:
        folder = str(self._path.parent)
        if self._path.parent.is_dir() and folder not in self._watcher.directories():
            self._watcher.addPath(folder)
        if self._path.is_file() and str(self._path) not in self._watcher.files():
            self._watcher.addPath(str(self._path))

    def _on_watcher_file_changed(self, _path: str) -> None:
        # After a rename-over or delete the file is no longer watched; add it back if it is there.
        self._watch_file()
        self._debounce.start()

    def _on_watcher_directory_changed(self, _path: str) -> None:
        self._watch_file()
        self._debounce.start()

    def _on_debounce_timeout(self) -> None:
        self._watch_file()
        if not self._is_new():
            return
        log.info("%s changed on disk", self._path)
        self.changed.emit()
