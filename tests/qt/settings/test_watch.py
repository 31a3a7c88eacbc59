"""The settings file watcher: every way an editor saves gives exactly one ``changed``.

The watcher's owner here is a real :class:`SettingsFile` that reloads on ``changed``, as the
settings service does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.settings.model import Settings
from deskbreath.qt.settings.watch import SettingsWatcher
from deskbreath.storage.settings_file import SettingsFile
from tests.support.file_events import nothing_emitted
from tests.support.waits import WAIT_MS


def assert_quiet(qtbot: QtBot, watcher: SettingsWatcher, folder: Path) -> None:
    """No further ``changed`` comes (a barrier, not a guessed wait: see nothing_emitted)."""
    with nothing_emitted(qtbot, watcher.changed, watcher, folder):
        pass


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    """A settings file with a 45-minute reminder interval."""
    path = tmp_path / "settings.toml"
    path.write_text("reminder_interval = \"45m\"\n", encoding="utf-8")
    return path


def _watched(path: Path) -> tuple[SettingsWatcher, SettingsFile]:
    owner = SettingsFile(path)
    owner.load()
    watcher = SettingsWatcher(path, owner.changed_on_disk)
    watcher.changed.connect(owner.load)
    return watcher, owner


@pytest.fixture
def watched(settings_file: Path) -> Iterator[tuple[SettingsWatcher, SettingsFile]]:
    """A watcher over the settings file and the file's owner, which reloads on ``changed``."""
    watcher, owner = _watched(settings_file)
    yield watcher, owner
    watcher.deleteLater()


@pytest.fixture
def watcher(watched: tuple[SettingsWatcher, SettingsFile]) -> SettingsWatcher:
    """The watcher of the ``watched`` pair."""
    return watched[0]


def test_write_in_place_emits_once(qtbot: QtBot, watcher: SettingsWatcher,
                                   settings_file: Path) -> None:
    """Rewriting the file in place, in several writes, emits changed once."""
    with (
        qtbot.waitSignal(watcher.changed, timeout=WAIT_MS),
        settings_file.open("w", encoding="utf-8") as stream,
    ):
        stream.write("reminder_interval = ")
        stream.flush()
        stream.write("\"30m\"\n")

    assert_quiet(qtbot, watcher, settings_file.parent)


def test_atomic_replace_emits_once_and_keeps_watching(
    qtbot: QtBot, watcher: SettingsWatcher, settings_file: Path
) -> None:
    """A rename over the file emits once, and a later in-place write is still noticed."""
    temporary = settings_file.with_name(".settings.toml.swp")
    temporary.write_text("reminder_interval = \"20m\"\n", encoding="utf-8")

    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
        temporary.replace(settings_file)  # os.replace: a rename over the old file
    assert_quiet(qtbot, watcher, settings_file.parent)
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
        settings_file.write_text("reminder_interval = \"25m\"\n", encoding="utf-8")

    assert str(settings_file) in watcher._watcher.files()


def test_delete_then_recreate_emits_once_each(
    qtbot: QtBot, watcher: SettingsWatcher, settings_file: Path
) -> None:
    """Deleting the file emits once; creating it again emits once more and is watched."""
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
        settings_file.unlink()
    assert_quiet(qtbot, watcher, settings_file.parent)

    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
        settings_file.write_text("natural_break = \"5m\"\n", encoding="utf-8")
    assert_quiet(qtbot, watcher, settings_file.parent)

    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
        settings_file.write_text("natural_break = \"4m\"\n", encoding="utf-8")


def test_file_created_later_is_noticed(qtbot: QtBot, tmp_path: Path) -> None:
    """A watcher started before the file exists emits when it appears."""
    path = tmp_path / "settings.toml"
    watcher, _owner = _watched(path)

    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
        path.write_text("order = \"random\"\n", encoding="utf-8")

    assert str(path) in watcher._watcher.files()


def test_other_files_and_unchanged_saves_stay_silent(
    qtbot: QtBot, watcher: SettingsWatcher, settings_file: Path
) -> None:
    """A neighbour file, or a save that writes the same bytes, emits nothing."""
    content = settings_file.read_bytes()

    with nothing_emitted(qtbot, watcher.changed, watcher, settings_file.parent):
        (settings_file.parent / "settings.toml.bak").write_text("x", encoding="utf-8")
        settings_file.write_bytes(content)


def test_the_owners_own_save_is_not_reported(
    qtbot: QtBot, watched: tuple[SettingsWatcher, SettingsFile], settings_file: Path
) -> None:
    """A save by the file's owner (the app itself) is not a hand edit."""
    watcher, owner = watched
    with nothing_emitted(qtbot, watcher.changed, watcher, settings_file.parent):
        owner.save(Settings(reminder_interval=50 * 60.0))
