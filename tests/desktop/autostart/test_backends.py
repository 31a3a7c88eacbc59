"""Start at login: the XDG entry for real in a temporary config home, the others faked."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from deskbreath.desktop.autostart.base import AutostartError, launch_command, program_exists
from deskbreath.desktop.autostart.detect import detect as autostart_for_platform
from deskbreath.desktop.autostart.macos import MacLaunchAgent
from deskbreath.desktop.autostart.windows import RUN_KEY, WindowsRunKey
from deskbreath.desktop.autostart.xdg import XdgAutostart
from deskbreath.desktop.desktop_entry import read_group, split_exec
from tests.desktop.validators import desktop_file_problems

ENTRY = "io.github.deskbreath.deskbreath.desktop"

TRICKY = ["/opt/My Apps/$HOME/deskbreath", "--note", 'say "hi" 100% `now` \\ back']


def read_desktop_entry(path: Path) -> dict[str, str]:
    """Key/value pairs of the [Desktop Entry] group, with key-file string escapes undone."""
    return read_group(path.read_text(encoding="utf-8"))


def test_xdg_enable_writes_a_proper_desktop_entry(tmp_path: Path) -> None:
    """Enabling writes a managed .desktop entry whose Exec splits back into the command."""
    autostart = XdgAutostart(tmp_path / "autostart", icon=lambda: "/opt/icons/db.svg")

    autostart.enable(TRICKY)

    entry = read_desktop_entry(tmp_path / "autostart" / ENTRY)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "deskbreath"
    assert entry["Icon"] == "/opt/icons/db.svg"
    assert entry["TryExec"] == TRICKY[0]
    assert entry["Comment"]
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert entry["X-Deskbreath-Managed"] == "true"
    assert split_exec(entry["Exec"]) == TRICKY
    assert autostart.installed_command() == TRICKY
    assert autostart.is_enabled()


def test_xdg_plain_command_is_written_unquoted(tmp_path: Path) -> None:
    """A command without special characters appears in Exec as is."""
    autostart = XdgAutostart(tmp_path)

    autostart.enable(["/usr/bin/deskbreath"])

    assert "Exec=/usr/bin/deskbreath\n" in autostart.path.read_text(encoding="utf-8")


def test_xdg_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    """The written entry, tricky command and all, is valid for desktop-file-validate."""
    autostart = XdgAutostart(tmp_path)

    autostart.enable(TRICKY)

    assert desktop_file_problems(autostart.path) == []


def test_xdg_entry_of_version_0_1_is_recognised_and_replaced(tmp_path: Path) -> None:
    """The old deskbreath.desktop counts as enabled and outdated; enabling replaces it."""
    autostart = XdgAutostart(tmp_path)
    old = tmp_path / "deskbreath.desktop"
    old.write_text("[Desktop Entry]\nType=Application\nName=deskbreath\nExec=/old/deskbreath\n"
                   "Icon=deskbreath\nX-Deskbreath-Managed=true\n", encoding="utf-8")

    before = (autostart.is_enabled(), autostart.is_outdated(), autostart.installed_command())
    autostart.enable(["/new/deskbreath"])

    assert before == (True, True, ["/old/deskbreath"])
    assert not old.exists()
    assert autostart.path.name == ENTRY
    assert (autostart.is_enabled(), autostart.is_outdated()) == (True, False)


def test_xdg_disable_removes_the_old_entry_too(tmp_path: Path) -> None:
    """Turning start at login off removes version 0.1's entry, but not a hand-made one."""
    autostart = XdgAutostart(tmp_path)
    old = tmp_path / "deskbreath.desktop"
    old.write_text("[Desktop Entry]\nExec=deskbreath\nX-Deskbreath-Managed=true\n",
                   encoding="utf-8")

    autostart.disable()
    old.write_text("[Desktop Entry]\nExec=deskbreath --mine\n", encoding="utf-8")
    autostart.disable()

    assert old.read_text(encoding="utf-8") == "[Desktop Entry]\nExec=deskbreath --mine\n"
    assert not autostart.is_enabled()


def test_xdg_disable_removes_exactly_the_entry(tmp_path: Path) -> None:
    """Disabling removes our file and leaves the autostart folder and its neighbours."""
    autostart = XdgAutostart(tmp_path / "autostart")
    neighbour = tmp_path / "autostart" / "other.desktop"
    autostart.enable(["deskbreath"])
    neighbour.write_text("[Desktop Entry]\n", encoding="utf-8")

    autostart.disable()

    assert not autostart.path.exists()
    assert not autostart.is_enabled()
    assert sorted(p.name for p in (tmp_path / "autostart").iterdir()) == ["other.desktop"]


def test_xdg_leaves_a_hand_made_entry_alone(tmp_path: Path) -> None:
    """An entry at our path without our marker is neither removed nor overwritten."""
    autostart = XdgAutostart(tmp_path / "autostart")
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
        XdgAutostart(tmp_path / "autostart").enable(["deskbreath"])


def test_platform_choice_respects_xdg_config_home(tmp_path: Path) -> None:
    """On Linux the entry goes below an absolute XDG_CONFIG_HOME, else below ~/.config."""
    env_set = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    env_relative = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": "relative/cfg"}

    chosen = autostart_for_platform("linux", env_set)
    fallback = autostart_for_platform("linux", env_relative)

    assert isinstance(chosen, XdgAutostart)
    assert chosen.path == tmp_path / "cfg" / "autostart" / ENTRY
    assert isinstance(fallback, XdgAutostart)
    assert fallback.path == tmp_path / "home" / ".config" / "autostart" / ENTRY


def test_platform_choice_for_windows_and_macos(tmp_path: Path) -> None:
    """Windows gets the Run key and macOS a LaunchAgent in the user's home."""
    env = {"HOME": str(tmp_path)}

    assert isinstance(autostart_for_platform("win32", env), WindowsRunKey)
    mac = autostart_for_platform("darwin", env)

    assert isinstance(mac, MacLaunchAgent)
    assert mac.path == tmp_path / "Library/LaunchAgents/org.deskbreath.deskbreath.plist"


def _venv(root: Path, *, interpreter_exists: bool = True) -> Path:
    """A fake venv's bin folder with ``python`` and a ``deskbreath`` script in it."""
    bin_dir = root / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.write_text("", encoding="utf-8")
    shebang = python if interpreter_exists else root / "moved-away" / "python"
    script = bin_dir / "deskbreath"
    script.write_text(f"#!{shebang}\nimport deskbreath\n", encoding="utf-8")
    script.chmod(0o755)
    return bin_dir


def test_launch_command_is_the_script_beside_this_python(tmp_path: Path) -> None:
    """Another deskbreath on PATH is not taken: the script of this venv is."""
    bin_dir = _venv(tmp_path)

    command = launch_command(str(bin_dir / "python"), "linux",
                             which=lambda name: "/usr/bin/deskbreath")

    assert command == [str(bin_dir / "deskbreath")]


def test_launch_command_keeps_the_path_link_of_pipx(tmp_path: Path) -> None:
    """When PATH reaches this venv's script through a link (pipx, uv tool), the link is kept:
    it survives a reinstall that recreates the venv behind it.
    """
    bin_dir = _venv(tmp_path)
    link = tmp_path / "local-bin" / "deskbreath"
    link.parent.mkdir()
    link.symlink_to(bin_dir / "deskbreath")

    command = launch_command(str(bin_dir / "python"), "linux", which=lambda name: str(link))

    assert command == [str(link)]


def test_launch_command_avoids_a_script_whose_python_is_gone(tmp_path: Path) -> None:
    """In a moved venv the script's #! line is stale, so ``python -m deskbreath`` is used."""
    bin_dir = _venv(tmp_path, interpreter_exists=False)

    command = launch_command(str(bin_dir / "python"), "linux", which=lambda name: None)

    assert command == [str(bin_dir / "python"), "-m", "deskbreath"]


def test_launch_command_falls_back_to_python_m(tmp_path: Path) -> None:
    """Without a script beside the interpreter, the command is ``python -m deskbreath``."""
    command = launch_command(str(tmp_path / "python3"), "linux", which=lambda name: None)

    assert command == [str(tmp_path / "python3"), "-m", "deskbreath"]


def test_launch_command_of_this_test_run_exists() -> None:
    """For the interpreter running the tests, the command names a program that exists."""
    assert program_exists(launch_command())


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


def test_windows_run_value_reads_back_as_the_command() -> None:
    """The command written to the Run key is read back argument for argument."""
    run_key = WindowsRunKey(FakeRegistry())
    command = [r"C:\Program Files\Python\pythonw.exe", "-m", "deskbreath", 'say "hi"']

    run_key.enable(command)

    assert run_key.installed_command() == command


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
    command = agent.installed_command()
    agent.disable()

    assert written["Label"] == "org.deskbreath.deskbreath"
    assert written["ProgramArguments"] == ["/usr/local/bin/deskbreath"]
    assert written["RunAtLoad"] is True
    assert enabled
    assert command == ["/usr/local/bin/deskbreath"]
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
