"""``deskbreath desktop install|check|remove`` from the command line, in a private home."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskbreath import APP_ID
from deskbreath.cli import main


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private home with the XDG variables pointing into it."""
    for name, folder in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_DATA_HOME", "share"), ("XDG_STATE_HOME", "state"),
                         ("XDG_RUNTIME_DIR", "run")):
        (tmp_path / folder).mkdir(mode=0o700)
        monkeypatch.setenv(name, str(tmp_path / folder))
    return tmp_path


def test_install_check_remove_round_trip(home: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    """Install adds the menu entry, check says what it starts, remove leaves no trace."""
    entry = home / "share" / "applications" / f"{APP_ID}.desktop"

    installed = main(["desktop", "install"])
    install_out = capsys.readouterr().out
    checked = main(["desktop", "check"])
    check_out = capsys.readouterr().out
    removed = main(["desktop", "remove"])
    remove_out = capsys.readouterr().out

    assert (installed, checked, removed) == (0, 0, 0)
    assert f"Installed the menu entry {entry}" in install_out
    assert check_out.startswith("menu entry: starts /")
    assert "start at login: not installed" in check_out
    assert remove_out.startswith("Removed ")
    assert not entry.exists()
    assert sorted(p.name for p in (home / "share").iterdir()) == ["deskbreath"]


def test_check_fails_when_an_entry_is_broken(home: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """An autostart entry whose program is gone makes check exit 1 and say so."""
    autostart = home / "config" / "autostart"
    autostart.mkdir()
    (autostart / f"{APP_ID}.desktop").write_text(
        "[Desktop Entry]\nType=Application\nExec=/gone/deskbreath\nX-Deskbreath-Managed=true\n",
        encoding="utf-8")

    status = main(["desktop", "check"])

    assert status == 1
    assert ("start at login: starts /gone/deskbreath, which no longer exists"
            in capsys.readouterr().out)


def test_remove_without_install_says_so(home: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    """Removing when nothing was installed is fine and says there was nothing."""
    assert main(["desktop", "remove"]) == 0
    assert capsys.readouterr().out.startswith("Nothing to remove")


def test_wrong_action_is_a_usage_error(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown action exits 2 with the choices."""
    assert main(["desktop", "uninstall"]) == 2
    assert "choose from 'install', 'remove', 'check'" in capsys.readouterr().err
