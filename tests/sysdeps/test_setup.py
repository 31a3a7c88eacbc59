"""The set-up installs what is missing on Debian and says what to install elsewhere."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pytest

from deskbreath.sysdeps import catalogue
from deskbreath.sysdeps.distro import Distro, Family
from deskbreath.sysdeps.setup import SetUp, main, needed_packages
from tests.sysdeps.fakes import FakeMachine

REPO = Path(__file__).resolve().parents[2]
ALL_QT = {p.soname for p in catalogue.APP_NEEDS if p.soname}
GAP = ALL_QT - {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}


class FakeApt:
    """Records install commands; "installs" into the fake machine unless told to fail
    (``status`` for install, ``update_status`` for apt-get update).
    """

    def __init__(self, machine: FakeMachine, status: int = 0, update_status: int = 0) -> None:
        self.machine = machine
        self.status = status
        self.update_status = update_status
        self.commands: list[list[str]] = []

    def __call__(self, argv: Sequence[str]) -> int:
        self.commands.append(list(argv))
        if "update" in argv:
            return self.update_status
        if self.status == 0 and "install" in argv:
            for package in catalogue.lookup(a for a in argv if not a.startswith("-")):
                if package.soname:
                    self.machine.libraries.add(package.soname)
                self.machine.packages.add(package.debian)
                if package is catalogue.PYTHON_VENV:
                    self.machine.ensurepip = True
        return self.status


def _run(family: Family, machine: FakeMachine, *, lists: Sequence[str] = (), root: bool = True,
         sudo: bool = True, status: int = 0, update_status: int = 0
         ) -> tuple[int, str, FakeApt]:
    apt = FakeApt(machine, status, update_status)
    out = io.StringIO()
    name = {Family.DEBIAN: "Debian GNU/Linux 12 (bookworm)", Family.FEDORA: "Fedora Linux 41",
            Family.ARCH: "Arch Linux", Family.OPENSUSE: "openSUSE Tumbleweed",
            Family.UNKNOWN: "NixOS 24.11"}[family]
    setup = SetUp(Distro(name, family), machine, apt, is_root=root, has_sudo=sudo, out=out)
    needed, app_needs = needed_packages(list(lists))
    return setup.ensure(needed, app_needs), out.getvalue(), apt


def test_nothing_missing_means_nothing_said_or_run() -> None:
    """On a machine that has everything the set-up is silent and runs nothing."""
    status, said, apt = _run(Family.DEBIAN, FakeMachine(libraries=set(ALL_QT)))

    assert (status, said, apt.commands) == (0, "", [])


def test_debian_as_root_updates_and_installs_the_missing_packages() -> None:
    """As root, apt-get runs directly, after saying the exact command."""
    machine = FakeMachine(libraries=set(GAP), ensurepip=False)

    status, said, apt = _run(Family.DEBIAN, machine)

    install = ["apt-get", "install", "-y", "--no-install-recommends",
               "libxcb-icccm4", "libxcb-keysyms1", "python3-venv"]
    assert status == 0
    assert apt.commands == [["apt-get", "update", "-qq"], install]
    assert said == ("deskbreath set-up: installing the missing system packages with: "
                    f"{' '.join(install)}\n")


def test_run_command_installs_the_x11_idle_library() -> None:
    """Without libXss the X11 idle backend cannot work, so the app's set-up installs it."""
    machine = FakeMachine(libraries=ALL_QT - {"libXss.so.1"})

    status, _, apt = _run(Family.DEBIAN, machine)

    assert status == 0
    assert apt.commands[-1][-1:] == ["libxss1"]


def test_debian_user_installs_through_sudo() -> None:
    """Without root every apt-get command goes through sudo."""
    status, _, apt = _run(Family.DEBIAN, FakeMachine(libraries=set(GAP)), root=False)

    assert status == 0
    assert [command[:2] for command in apt.commands] == [["sudo", "apt-get"]] * 2


def test_debian_user_without_sudo_is_told_the_root_command() -> None:
    """No sudo: nothing is run, and the message gives the command to run as root."""
    status, said, apt = _run(Family.DEBIAN, FakeMachine(libraries=set(GAP)), root=False,
                             sudo=False)

    assert status == 1
    assert apt.commands == []
    assert "Install them as root: apt-get install -y --no-install-recommends libxcb-icccm4 " \
           "libxcb-keysyms1" in said


def test_failed_installation_fails_with_the_command() -> None:
    """When apt-get fails, the exit status is 1 and the message repeats the command."""
    status, said, _ = _run(Family.DEBIAN, FakeMachine(libraries=set(GAP)), status=100)

    assert status == 1
    assert "the installation failed (exit status 100)" in said
    assert said.rstrip().endswith("libxcb-icccm4 libxcb-keysyms1")


def test_failed_update_still_tries_the_install() -> None:
    """A failing apt-get update (a broken extra source) is said, and the install still runs."""
    status, said, apt = _run(Family.DEBIAN, FakeMachine(libraries=set(GAP)), update_status=100)

    assert status == 0
    assert "apt-get update failed" in said
    assert apt.commands[-1][:2] == ["apt-get", "install"]


def test_test_list_adds_its_packages() -> None:
    """With .ci/system-packages.txt, the tools in it are checked and installed too."""
    machine = FakeMachine(libraries=set(ALL_QT), packages={"xdotool"})
    lists = ["xvfb\nxdotool\n"]

    status, _, apt = _run(Family.DEBIAN, machine, lists=lists)

    assert status == 0
    assert apt.commands[-1][-1:] == ["xvfb"]


@pytest.mark.parametrize(("family", "command"), [
    (Family.FEDORA, "sudo dnf install xcb-util-wm xcb-util-keysyms"),
    (Family.ARCH, "sudo pacman -S --needed xcb-util-wm xcb-util-keysyms"),
    (Family.OPENSUSE, "sudo zypper install libxcb-icccm4 libxcb-keysyms1"),
])
def test_other_distros_get_the_command_with_their_names(family: Family, command: str) -> None:
    """Fedora, Arch and openSUSE are told what to install; the app cannot run, so exit 1."""
    status, said, apt = _run(family, FakeMachine(libraries=set(GAP)))

    assert status == 1
    assert apt.commands == []
    assert said.endswith(f"Install them with:\n  {command}\n")


def test_tools_missing_elsewhere_are_advice_not_failure() -> None:
    """On Fedora a missing test tool is reported, but the command still succeeds."""
    lists = ["xvfb\ntrayer\n"]

    status, said, _ = _run(Family.FEDORA, FakeMachine(libraries=set(ALL_QT)), lists=lists)

    assert status == 0
    assert "sudo dnf install xorg-x11-server-Xvfb" in said
    assert "cannot check for Debian's trayer on Fedora Linux 41" in said


def test_unknown_distro_is_told_the_libraries() -> None:
    """Where no package names are known, the sonames and Debian's names are given."""
    status, said, _ = _run(Family.UNKNOWN, FakeMachine(libraries=set(GAP)))

    assert status == 1
    assert "provide: libxcb-icccm.so.4 libxcb-keysyms.so.1" in said
    assert "(Debian calls them: libxcb-icccm4 libxcb-keysyms1)" in said


def test_unreadable_list_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    """A list file that cannot be read stops with exit status 2 and names it."""
    status = main([str(tmp_path / "nope.txt")])

    assert status == 2
    assert f"cannot read {tmp_path / 'nope.txt'}" in capsys.readouterr().err


def test_ci_list_holds_what_the_app_needs() -> None:
    """.ci/system-packages.txt names every library the app needs, so CI tests what users run."""
    listed = catalogue.read_package_list(
        (REPO / ".ci" / "system-packages.txt").read_text(encoding="utf-8"))

    assert {p.debian for p in catalogue.APP_NEEDS if p.soname} <= set(listed)
