"""os-release is read as os-release(5) describes, and each family gets its own commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskbreath.sysdeps.distro import (
    Distro,
    Family,
    detect,
    family_of,
    installed_from_query,
    parse_os_release,
)

DEBIAN = '''PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
ID=debian
'''
MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n'
TUMBLEWEED = 'NAME="openSUSE Tumbleweed"\nID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\n'
ROCKY = 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n'
ENDEAVOUR = "NAME='EndeavourOS'\nID=endeavouros\nID_LIKE=arch\n"


def test_quoted_values_and_comments_are_read() -> None:
    """Double and single quotes are removed; comments and malformed lines are skipped."""
    release = parse_os_release("# comment\n" + DEBIAN + "garbage\nBAD='unclosed\n")

    assert release["PRETTY_NAME"] == "Debian GNU/Linux 12 (bookworm)"
    assert release["ID"] == "debian"
    assert "garbage" not in release
    assert "BAD" not in release


@pytest.mark.parametrize(("text", "family"), [
    (DEBIAN, Family.DEBIAN),
    (MINT, Family.DEBIAN),
    (TUMBLEWEED, Family.OPENSUSE),
    (ROCKY, Family.FEDORA),
    (ENDEAVOUR, Family.ARCH),
    ("ID=fedora\n", Family.FEDORA),
    ("ID=opensuse-slowroll\n", Family.OPENSUSE),
    ("ID=nixos\n", Family.UNKNOWN),
])
def test_family_comes_from_id_or_id_like(text: str, family: Family) -> None:
    """A derivative is placed by the first known word of ID_LIKE."""
    assert family_of(parse_os_release(text)) is family


def test_detect_falls_back_to_usr_lib(tmp_path: Path) -> None:
    """Without /etc/os-release the second file is read; with neither the family is unknown."""
    second = tmp_path / "os-release"
    second.write_text(ENDEAVOUR, encoding="utf-8")

    found = detect((tmp_path / "missing", second))
    nothing = detect((tmp_path / "missing",))

    assert found == Distro("EndeavourOS", Family.ARCH)
    assert nothing.family is Family.UNKNOWN


@pytest.mark.parametrize(("family", "line"), [
    (Family.DEBIAN, "sudo apt install libxcb-icccm4 xvfb"),
    (Family.FEDORA, "sudo dnf install libxcb-icccm4 xvfb"),
    (Family.ARCH, "sudo pacman -S --needed libxcb-icccm4 xvfb"),
    (Family.OPENSUSE, "sudo zypper install libxcb-icccm4 xvfb"),
])
def test_install_line_uses_the_family_package_manager(family: Family, line: str) -> None:
    """The command a person is told to type names the family's package manager."""
    assert Distro("x", family).install_line(["libxcb-icccm4", "xvfb"]) == line


def test_unknown_family_has_no_command() -> None:
    """No package manager is guessed for an unknown distribution."""
    with pytest.raises(ValueError, match="no package manager known for NixOS"):
        Distro("NixOS", Family.UNKNOWN).install_argv(["x"])


def test_dpkg_query_counts_only_installed_packages() -> None:
    """Packages removed with their configuration left (rc) do not count as installed."""
    output = "libxcb1:amd64 ii \nxvfb ii \nold rc \n"

    assert installed_from_query(Family.DEBIAN, output) == {"libxcb1", "xvfb"}


def test_rpm_query_skips_not_installed_lines() -> None:
    """Rpm's "package X is not installed" lines are not taken for installed packages."""
    output = "xdotool ii\npackage trayer is not installed\n"

    assert installed_from_query(Family.FEDORA, output) == {"xdotool"}
