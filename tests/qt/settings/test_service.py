"""The settings service: edits apply at once and are saved; hand edits are reloaded; broken
files are never written over; problems are explained once.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskbreath.core.settings.model import SCHEMA_VERSION, Settings
from deskbreath.core.settings.schema import packaged_schema
from deskbreath.desktop.autostart.base import AutostartError
from deskbreath.desktop.autostart.xdg import XdgAutostart
from deskbreath.paths import Paths
from deskbreath.qt.settings.service import RefusedSaveChoice, SettingsService
from deskbreath.storage.settings_file import SettingsFile
from deskbreath.storage.site_settings import read_site_settings
from tests.support.file_events import nothing_emitted
from tests.support.waits import WAIT_MS


class _Asked:
    """Answers the "file could not be saved" question and remembers it was asked."""

    def __init__(self, choice: RefusedSaveChoice) -> None:
        self.choice = choice
        self.messages: list[str] = []

    def __call__(self, message: str) -> RefusedSaveChoice:
        self.messages.append(message)
        return self.choice


class _FailingAutostart:
    def is_enabled(self) -> bool:
        return False

    def enable(self, command: list[str]) -> None:
        raise AutostartError("cannot write ~/.config/autostart/deskbreath.desktop: read-only")

    def disable(self) -> None:
        return None


def _service(qtbot: QtBot, paths: Paths, *, ask: _Asked | None = None,
             autostart: object = None, opened: list[Path] | None = None,
             load: bool = True) -> SettingsService:
    """A service over the user's file, with the administrator's file in ``paths`` if any."""
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    site = read_site_settings(paths.site_settings_files, packaged_schema())
    service = SettingsService(
        SettingsFile(paths.settings_file, schema=site.schema), site=site, debounce_ms=50,
        autostart=autostart,  # type: ignore[arg-type]
        launch_command=["deskbreath"],
        ask_refused=ask or _Asked(RefusedSaveChoice.CANCEL),
        open_file=(opened.append if opened is not None else lambda _path: None),
    )
    if load:
        service.load()
    return service


def test_edit_applies_and_is_saved(qtbot: QtBot, paths: Paths) -> None:
    """A dialog edit takes effect at once and lands in settings.toml."""
    service = _service(qtbot, paths)
    assert not paths.settings_file.exists()
    new = replace(service.settings, reminder_interval=1800.0)
    with qtbot.waitSignal(service.settings_changed) as changed:
        service.apply_edit(new)
    assert changed.args == [new]
    assert 'reminder_interval = "30m"' in paths.settings_file.read_text()


def test_own_save_is_not_taken_for_a_hand_edit(qtbot: QtBot, paths: Paths) -> None:
    """Saving from the dialog does not come back as a reload."""
    service = _service(qtbot, paths)
    service.apply_edit(replace(service.settings, reminder_interval=1800.0))  # emits at once
    with nothing_emitted(qtbot, service.settings_changed, service, paths.config_dir):
        pass  # the save's own file events must not come back as a reload


def test_hand_edit_by_atomic_replace_is_applied(qtbot: QtBot, paths: Paths) -> None:
    """An editor that saves by writing a new file and renaming it over the old one is seen,
    and the new values apply.
    """
    service = _service(qtbot, paths)
    service.apply_edit(replace(service.settings, reminder_interval=1800.0))
    temp = paths.settings_file.with_name("settings.toml.swp")
    temp.write_text('schema_version = 1\nreminder_interval = "20m"\n')
    with qtbot.waitSignal(service.settings_changed, timeout=WAIT_MS) as changed:
        temp.replace(paths.settings_file)
    settings = changed.args[0]
    assert isinstance(settings, Settings)
    assert settings.reminder_interval == 1200.0


def test_hand_edit_with_a_bad_value_keeps_good_keys_and_says_why(
    qtbot: QtBot, paths: Paths
) -> None:
    """A bad value is reported with file, key and value; the good keys still apply."""
    service = _service(qtbot, paths)
    service.apply_edit(replace(service.settings, reminder_interval=1800.0))
    with qtbot.waitSignal(service.notice, timeout=WAIT_MS) as notice:
        paths.settings_file.write_text(
            'schema_version = 1\nreminder_interval = "20m"\nnatural_break = "soon"\n')
    _title, text = notice.args
    assert "settings.toml" in text
    assert "natural_break" in text
    assert "soon" in text
    assert service.settings.reminder_interval == 1200.0
    assert service.settings.natural_break == Settings().natural_break


def test_unparseable_file_is_never_written_over(qtbot: QtBot, paths: Paths) -> None:
    """With a broken file, an edit applies but the file stays byte-for-byte; the user is
    offered to open it.
    """
    paths.config_dir.mkdir(parents=True)
    broken = b"reminder_interval = \"30m\nthis is not toml"
    paths.settings_file.write_bytes(broken)
    opened: list[Path] = []
    ask = _Asked(RefusedSaveChoice.OPEN_FILE)
    service = _service(qtbot, paths, ask=ask, opened=opened)
    service.apply_edit(replace(service.settings, natural_break=300.0))
    assert service.settings.natural_break == 300.0
    assert paths.settings_file.read_bytes() == broken
    assert ask.messages
    assert "not valid TOML" in ask.messages[0]
    assert opened == [paths.settings_file]


def test_unparseable_file_can_be_backed_up_and_replaced(qtbot: QtBot, paths: Paths) -> None:
    """Choosing "back up and start fresh" keeps the broken file as .bak and writes a file
    holding just the change that could not be saved.
    """
    paths.config_dir.mkdir(parents=True)
    broken = b"[[[nope"
    paths.settings_file.write_bytes(broken)
    service = _service(qtbot, paths, ask=_Asked(RefusedSaveChoice.RESET))
    with qtbot.waitSignal(service.notice) as notice:
        service.apply_edit(replace(service.settings, natural_break=300.0))
    assert notice.args[1] == (
        f"The old file was kept as {paths.settings_file}.bak. {paths.settings_file} starts "
        "fresh: every setting is at its default except the one you just changed.")
    backup = paths.settings_file.with_name("settings.toml.bak")
    assert backup.read_bytes() == broken
    assert tomllib.loads(paths.settings_file.read_text()) == {
        "schema_version": SCHEMA_VERSION, "natural_break": "5m"}


def test_start_fresh_carries_nothing_over_from_the_file_that_broke(
    qtbot: QtBot, paths: Paths
) -> None:
    """Values read from the file before it broke are not written back by "start fresh":
    the new file holds only the change just made, and the running settings follow it.
    """
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(
        'natural_break = "5m"\n[working_hours]\nmon = "09:00-17:00"\n'
        '[breathing]\nlength = "3m"\n')
    service = _service(qtbot, paths, ask=_Asked(RefusedSaveChoice.RESET))
    with qtbot.waitSignal(service.notice, timeout=WAIT_MS):
        paths.settings_file.write_text('natural_break = "5m\n')  # broken by hand
    assert service.settings.natural_break == 300.0  # kept while the file is broken

    service.apply_edit(replace(service.settings, reminder_interval=2400.0))

    assert tomllib.loads(paths.settings_file.read_text()) == {
        "schema_version": SCHEMA_VERSION, "reminder_interval": "40m"}
    assert service.settings == replace(Settings(), reminder_interval=2400.0)


def test_restore_defaults_empties_the_users_layer(qtbot: QtBot, paths: Paths) -> None:
    """Restoring every setting leaves a file that sets nothing, even where it had the
    default value written by hand, so the administrator's defaults apply afterwards.
    """
    _admin(paths, 'natural_break = "4m"\n')
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(
        '# mine\nschema_version = 1\nreminder_interval = "40m"\nnatural_break = "3m"\n'
        '[working_hours]\nmon = "09:00-17:00"\n')
    service = _service(qtbot, paths)

    with qtbot.waitSignal(service.settings_changed) as changed:
        service.restore_defaults(service.schema.fields)

    assert tomllib.loads(paths.settings_file.read_text()) == {"schema_version": SCHEMA_VERSION}
    assert changed.args[0] == service.schema.defaults()
    assert changed.args[0].natural_break == 240.0


def test_restore_defaults_of_some_keeps_the_others(qtbot: QtBot, paths: Paths) -> None:
    """Restoring some settings takes only those out of the file; the others keep their
    values, and a locked setting keeps its line.
    """
    _admin(paths, 'locked = ["order"]\n')
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(
        'order = "random"\nreminder_interval = "40m"\n[breathing]\nlength = "3m"\n')
    service = _service(qtbot, paths)

    service.restore_defaults(["order", "breathing.length"])

    assert tomllib.loads(paths.settings_file.read_text()) == {
        "order": "random", "reminder_interval": "40m"}
    assert service.settings.breathing.length == Settings().breathing.length
    assert service.settings.reminder_interval == 2400.0


def test_a_file_broken_while_running_says_the_settings_in_use_are_kept(
    qtbot: QtBot, paths: Paths, caplog: pytest.LogCaptureFixture
) -> None:
    """Broken by hand while deskbreath runs, the file is reported as what happens: the
    settings in use stay until it is fixed, in the notification and the log alike.
    """
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text('natural_break = "5m"\n')
    service = _service(qtbot, paths)

    with qtbot.waitSignal(service.notice, timeout=WAIT_MS) as notice:
        paths.settings_file.write_text('natural_break = "5m\n')

    assert notice.args[1].endswith(
        "; keeping the settings in use until it is fixed; the file was left as it is.")
    assert notice.args[1] in caplog.text
    assert service.settings.natural_break == 300.0


def test_failed_save_keeps_running_settings_and_explains(qtbot: QtBot, paths: Paths,
                                                         tmp_path: Path) -> None:
    """If the config folder cannot hold the file, the change still applies and a message
    says it was not saved.
    """
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the folder should be")
    file = SettingsFile(blocker / "settings.toml")
    service = SettingsService(file, autostart=None, launch_command=["deskbreath"],
                              ask_refused=_Asked(RefusedSaveChoice.CANCEL), debounce_ms=50)
    service.load()
    with qtbot.waitSignal(service.notice) as notice:
        service.apply_edit(replace(service.settings, natural_break=300.0))
    assert notice.args[0] == "Settings not saved"
    assert "in use until deskbreath quits" in notice.args[1]
    assert service.settings.natural_break == 300.0


def test_start_at_login_writes_and_removes_autostart_entry(
    qtbot: QtBot, paths: Paths, tmp_path: Path
) -> None:
    """Turning start at login on writes the XDG entry; off removes exactly it."""
    autostart = XdgAutostart(tmp_path / "xdg" / "autostart")
    service = _service(qtbot, paths, autostart=autostart)
    service.apply_edit(replace(service.settings, start_at_login=True))
    entry = tmp_path / "xdg" / "autostart" / "io.github.deskbreath.deskbreath.desktop"
    assert entry.exists()
    assert autostart.is_enabled()
    service.apply_edit(replace(service.settings, start_at_login=False))
    assert not entry.exists()


def test_autostart_failure_is_explained_and_setting_reverted(
    qtbot: QtBot, paths: Paths
) -> None:
    """If the entry cannot be written, the user is told and the setting stays off."""
    service = _service(qtbot, paths, autostart=_FailingAutostart())
    with qtbot.waitSignal(service.notice) as notice:
        service.apply_edit(replace(service.settings, start_at_login=True))
    assert "read-only" in notice.args[1]
    assert service.settings.start_at_login is False


@pytest.mark.parametrize("text", ['reminder_interval = "5s"\n', "reminder_interval = [\n"])
def test_problems_at_start_are_reported_once(qtbot: QtBot, paths: Paths, text: str) -> None:
    """A problem found at start-up is reported, and loading the same file again does not
    repeat the message.
    """
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(text)
    service = _service(qtbot, paths, load=False)
    with qtbot.waitSignal(service.notice) as notice:
        service.load()
    assert str(paths.settings_file) in notice.args[1]
    with qtbot.assertNotEmitted(service.notice):
        service.load()


def test_fresh_install_is_watched_after_the_first_save(qtbot: QtBot, paths: Paths) -> None:
    """With no config folder at start, the first save from the dialog creates it, and a
    later hand edit is still noticed.
    """
    assert not paths.config_dir.exists()
    service = SettingsService(SettingsFile(paths.settings_file), autostart=None,
                              launch_command=["deskbreath"],
                              ask_refused=_Asked(RefusedSaveChoice.CANCEL), debounce_ms=50)
    service.load()
    service.apply_edit(replace(service.settings, reminder_interval=1800.0))
    with qtbot.waitSignal(service.settings_changed, timeout=WAIT_MS) as changed:
        paths.settings_file.write_text('schema_version = 1\nreminder_interval = "25m"\n')
    assert changed.args[0].reminder_interval == 1500.0


def _admin(paths: Paths, text: str) -> Path:
    site = paths.site_settings_files[0]
    site.parent.mkdir(parents=True, exist_ok=True)
    site.write_text(text, encoding="utf-8")
    return site


def test_an_edit_never_changes_a_locked_setting(qtbot: QtBot, paths: Paths) -> None:
    """Settings arriving with a locked key changed keep the administrator's value, in effect
    and in the file; the rest of the edit applies.
    """
    _admin(paths, 'locked = ["reminder_interval"]\nreminder_interval = "20m"\n')
    service = _service(qtbot, paths)

    with qtbot.waitSignal(service.settings_changed) as changed:
        service.apply_edit(replace(service.settings, reminder_interval=60.0,
                                   natural_break=300.0))

    assert (changed.args[0].reminder_interval, changed.args[0].natural_break) == (1200.0, 300.0)
    assert "reminder_interval" not in paths.settings_file.read_text()


def test_a_hand_edit_of_a_locked_key_is_reported_not_applied(
    qtbot: QtBot, paths: Paths
) -> None:
    """Writing a locked key into settings.toml by hand: one notice says it is ignored and
    who locked it; the other keys of the edit apply.
    """
    site = _admin(paths, 'locked = ["reminder_interval"]\nreminder_interval = "20m"\n')
    service = _service(qtbot, paths)
    service.apply_edit(replace(service.settings, natural_break=300.0))

    with qtbot.waitSignal(service.notice, timeout=WAIT_MS) as notice, \
            qtbot.waitSignal(service.settings_changed, timeout=WAIT_MS):
        paths.settings_file.write_text('reminder_interval = "10m"\nnatural_break = "4m"\n')

    assert notice.args[1].startswith(
        f"{paths.settings_file}: your value for reminder_interval is ignored: your "
        f"administrator locked it in {site}.")
    assert "\n" not in notice.args[1]  # one message, not the same thing twice
    assert service.settings.reminder_interval == 1200.0
    assert service.settings.natural_break == 240.0


def test_admin_problems_are_told_at_start_naming_the_file(
    qtbot: QtBot, paths: Paths
) -> None:
    """A bad value in the administrator's file is reported once at start-up, naming that
    file and the key, and the built-in default is used.
    """
    site = _admin(paths, 'reminder_interval = "2s"\n')
    service = _service(qtbot, paths, load=False)

    with qtbot.waitSignal(service.notice) as notice:
        service.load()

    text = notice.args[1]
    assert text.startswith(f"{site} (your administrator's file): 1 problem")
    assert f'{site}: line 1: reminder_interval = "2s"' in text
    assert service.settings.reminder_interval == Settings().reminder_interval
