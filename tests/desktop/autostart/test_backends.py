"""Start at login: the XDG entry for real in a temporary config home, the others faked."""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path

import pytest

from deskbreath.desktop.autostart.base import AutostartError, launch_command
from deskbreath.desktop.autostart.detect import detect as autostart_for_platform
from deskbreath.desktop.autostart.macos import MacLaunchAgent
from deskbreath.desktop.autostart.windows import RUN_KEY, WindowsRunKey
from deskbreath.desktop.autostart.xdg import XdgAutostart

TRICKY = ["/opt/My Apps/$HOME/deskbreath", "--note", 'say "hi" 100% `now` \\ back']


def read_desktop_entry(path: Path) -> dict[str, str]:
    """Key/value pairs of the [Desktop Entry] group, with key-file string escapes undone."""
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        key, _, value = line.partition("=")
        entries[key] = (
            value.replace("\\\\", "\0").replace("\\n", "\n").replace("\\t", "\t")
            .replace("\0", "\\")
        )
    return entries


def split_exec(value: str) -> list[str]:
    """Split an Exec value as a launcher does (Desktop Entry spec quoting, %% to %)."""
    arguments: list[str] = []
    current: list[str] = []
    quoted = False
    started = False
    index = 0
    while index < len(value):
        char = value[index]
        if quoted:
            if char == "\\" and value[index + 1] in '"`$\\':
                current.append(value[index + 1])
                index += 1
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"':
            quoted = started = True
        elif char == " ":
            if started:
                arguments.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
        index += 1
    if started:
        arguments.append("".join(current))
    return [a.replace("%%", "%") for a in arguments]


def test_xdg_enable_writes_a_proper_desktop_entry(tmp_path: Path) -> None:
    """Enabling writes a managed .desktop entry whose Exec splits back into the command."""
    autostart = XdgAutostart(tmp_path)

    autostart.enable(TRICKY)

    entry = read_desktop_entry(tmp_path / "autostart" / "deskbreath.desktop")
    assert entry["Type"] == "Application"
    assert entry["Name"] == "deskbreath"
    assert entry["Icon"] == "deskbreath"
    assert entry["Comment"]
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert entry["X-Deskbreath-Managed"] == "true"
    assert split_exec(entry["Exec"]) == TRICKY
    assert autostart.is_enabled()


def test_xdg_plain_command_is_written_unquoted(tmp_path: Path) -> None:
    """A command without special characters appears in Exec as is."""
    autostart = XdgAutostart(tmp_path)

    autostart.enable(["/usr/bin/deskbreath"])

    assert "Exec=/usr/bin/deskbreath\n" in autostart.path.read_text(encoding="utf-8")


def test_xdg_disable_removes_exactly_the_entry(tmp_path: Path) -> None:
    """Disabling removes our file and leaves the autostart folder and its neighbours."""
    autostart = XdgAutostart(tmp_path)
    neighbour = tmp_path / "autostart" / "other.desktop"
    autostart.enable(["deskbreath"])
    neighbour.write_text("[Desktop Entry]\n", encoding="utf-8")

    autostart.disable()

    assert not autostart.path.exists()
    assert not autostart.is_enabled()
    assert sorted(p.name for p in (tmp_path / "autostart").iterdir()) == ["other.desktop"]


def test_xdg_leaves_a_hand_made_entry_alone(tmp_path: Path) -> None:
    """A deskbreath.desktop without our marker is neither removed nor overwritten."""
    autostart = XdgAutostart(tmp_path)
    autostart.path.parent.mkdir(parents=True)
    hand_made = "[Desktop Entry]\nType=Application\nName=mine\nExec=deskbreath --mine\n"
    autostart.path.write_text(hand_made, encoding="utf-8")

    autostart.disable()
    with pytest.raises(AutostartError, match="not made by deskbreath"):
        autostart.enable(["deskbreath"])

    assert autostart.path.read_text(encoding="utf-8") == hand_made
    assert not autostart.is_enabled()


def test_xdg_write_failure_is_reported_for_people(tmp_path: Path) -> None:
    """When the autostart folder cannot be made, the error names the file and says it is off."""
    (tmp_path / "autostart").write_text("a file where a folder should be", encoding="utf-8")

    with pytest.raises(AutostartError, match=r"could not write .*deskbreath\.desktop.*is off"):
        XdgAutostart(tmp_path).enable(["deskbreath"])


def test_platform_choice_respects_xdg_config_home(tmp_path: Path) -> None:
    """On Linux the entry goes below an absolute XDG_CONFIG_HOME, else below ~/.config."""
    env_set = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    env_relative = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": "relative/cfg"}

    chosen = autostart_for_platform("linux", env_set)
    fallback = autostart_for_platform("linux", env_relative)

    assert isinstance(chosen, XdgAutostart)
    assert chosen.path == tmp_path / "cfg" / "autostart" / "deskbreath.desktop"
    assert isinstance(fallback, XdgAutostart)
    assert fallback.path == tmp_path / "home" / ".config" / "autostart" / "deskbreath.desktop"


def test_platform_choice_for_windows_and_macos(tmp_path: Path) -> None:
    """Windows gets the Run key and macOS a LaunchAgent in the user's home."""
    env = {"HOME": str(tmp_path)}

    assert isinstance(autostart_for_platform("win32", env), WindowsRunKey)
    mac = autostart_for_platform("darwin", env)

    assert isinstance(mac, MacLaunchAgent)
    assert mac.path == tmp_path / "Library/LaunchAgents/org.deskbreath.deskbreath.plist"


def test_launch_command_prefers_the_console_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a ``deskbreath`` script on PATH, that script is the command."""
    script = tmp_path / "deskbreath"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))

    assert launch_command() == [str(script)]


def test_launch_command_falls_back_to_python_m(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the script on PATH, the command is this interpreter with ``-m deskbreath``."""
    monkeypatch.setenv("PATH", str(tmp_path))

    assert launch_command() == [sys.executable, "-m", "deskbreath"]


class FakeRegistry:
    """An in-memory HKEY_CURRENT_USER."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}
        self.fail: OSError | None = None

    def get(self, key: str, name: str) -> str | None:
        return self.values.get((key, name))

    def set(self, key: str, name: str, value: str) -> None:
        if self.fail:
            raise self.fail
        self.values[(key, name)] = value

    def delete(self, key: str, name: str) -> None:
        del self.values[(key, name)]


def test_windows_run_value_is_added_and_removed() -> None:
    """Enabling sets the quoted command line as 'deskbreath' under Run; disabling removes it."""
    registry = FakeRegistry()
    registry.values[(RUN_KEY, "OtherApp")] = "other.exe"
    run_key = WindowsRunKey(registry)

    run_key.enable([r"C:\Program Files\Python\pythonw.exe", "-m", "deskbreath"])
    written = dict(registry.values)
    run_key.disable()

    assert written[(RUN_KEY, "deskbreath")] == (
        r'"C:\Program Files\Python\pythonw.exe" -m deskbreath'
    )
    assert registry.values == {(RUN_KEY, "OtherApp"): "other.exe"}
    assert not run_key.is_enabled()


def test_windows_registry_failure_is_reported_for_people() -> None:
    """A refused registry write becomes an AutostartError naming the value."""
    registry = FakeRegistry()
    registry.fail = PermissionError(5, "Access is denied")

    with pytest.raises(AutostartError, match=r"could not write .*Run\\deskbreath.*Access is"):
        WindowsRunKey(registry).enable(["deskbreath.exe"])


def test_macos_launch_agent_is_written_and_removed(tmp_path: Path) -> None:
    """Enabling writes a RunAtLoad LaunchAgent with our label; disabling removes only it."""
    agent = MacLaunchAgent(tmp_path)

    agent.enable(["/usr/local/bin/deskbreath"])
    with agent.path.open("rb") as stream:
        written = plistlib.load(stream)
    enabled = agent.is_enabled()
    agent.disable()

    assert written["Label"] == "org.deskbreath.deskbreath"
    assert written["ProgramArguments"] == ["/usr/local/bin/deskbreath"]
    assert written["RunAtLoad"] is True
    assert enabled
    assert not agent.path.exists()
    assert (tmp_path / "Library" / "LaunchAgents").is_dir()


def test_macos_leaves_a_foreign_plist_alone(tmp_path: Path) -> None:
    """A plist at our path with another label is not removed."""
    agent = MacLaunchAgent(tmp_path)
    agent.path.parent.mkdir(parents=True)
    agent.path.write_bytes(plistlib.dumps({"Label": "someone.else"}))

    agent.disable()

    assert agent.path.exists()
    assert not agent.is_enabled()
