"""Which Linux distribution this is, and how its package manager installs and queries.

The distribution is read from ``os-release`` (os-release(5)).

Only the family matters: Debian and Ubuntu (and their derivatives) share package names, as do
Fedora and RHEL, Arch and its derivatives, and the openSUSE releases. ``ID_LIKE`` names the
family of a derivative (Linux Mint says ``ID_LIKE="ubuntu debian"``).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

#: Where os-release(5) says to look, in order.
OS_RELEASE_FILES = (Path("/etc/os-release"), Path("/usr/lib/os-release"))


class Family(Enum):
    """A group of distributions that share package names and a package manager."""

    DEBIAN = "debian"
    FEDORA = "fedora"
    ARCH = "arch"
    OPENSUSE = "opensuse"
    UNKNOWN = "unknown"


# os-release IDs (ID, or a word of ID_LIKE) of each family.
_FAMILY_IDS: dict[str, Family] = {
    "debian": Family.DEBIAN, "ubuntu": Family.DEBIAN,
    "fedora": Family.FEDORA, "rhel": Family.FEDORA, "centos": Family.FEDORA,
    "arch": Family.ARCH, "archlinux": Family.ARCH,
    "opensuse": Family.OPENSUSE, "suse": Family.OPENSUSE, "sles": Family.OPENSUSE,
    "opensuse-leap": Family.OPENSUSE, "opensuse-tumbleweed": Family.OPENSUSE,
}


@dataclass(frozen=True)
class Distro:
    """This machine's distribution.

    Attributes:
        name: ``PRETTY_NAME`` (or ``NAME``, or "this system") for messages.
        family: the family whose package names apply.
    """

    name: str
    family: Family

    def install_argv(self, packages: Sequence[str]) -> list[str]:
        """The package manager's install command for ``packages`` (without sudo).

        Raises:
            ValueError: the family is unknown, so there is no command to propose.
        """
        commands = {
            Family.DEBIAN: ["apt-get", "install", "-y", "--no-install-recommends"],
            Family.FEDORA: ["dnf", "install"],
            Family.ARCH: ["pacman", "-S", "--needed"],
            Family.OPENSUSE: ["zypper", "install"],
        }
        if self.family not in commands:
            raise ValueError(f"no package manager known for {self.name}")
        return [*commands[self.family], *packages]

    def install_line(self, packages: Sequence[str]) -> str:
        """The install command as a person would type it: ``sudo apt install a b``.

        Raises:
            ValueError: the family is unknown.
        """
        if self.family is Family.DEBIAN:
            return shlex.join(["sudo", "apt", "install", *packages])
        return shlex.join(["sudo", *self.install_argv(packages)])

    def query_argv(self, packages: Sequence[str]) -> list[str]:
        """A command that prints one line per *installed* package of ``packages``.

        Each line starts with the package's name (see :func:`installed_from_query`).

        Raises:
            ValueError: the family is unknown.
        """
        if self.family is Family.DEBIAN:
            return ["dpkg-query", "--show", "--showformat=${Package} ${db:Status-Abbrev}\\n",
                    *packages]
        if self.family in (Family.FEDORA, Family.OPENSUSE):
            return ["rpm", "--query", "--queryformat=%{NAME} ii\\n", *packages]
        if self.family is Family.ARCH:
            return ["pacman", "--query", *packages]
        raise ValueError(f"no package manager known for {self.name}")


def installed_from_query(family: Family, output: str) -> set[str]:
    """The installed package names in the output of :meth:`Distro.query_argv`.

    ``dpkg-query`` also lists removed packages whose configuration is left (status ``rc``);
    only ``ii`` (installed) counts. ``rpm`` prints "package X is not installed" for the others,
    ``pacman`` writes those to stderr.
    """
    installed: set[str] = set()
    for line in output.splitlines():
        words = line.split()
        if len(words) < 2 or line.startswith("package "):
            continue
        if family is Family.ARCH or words[1].startswith("ii"):
            installed.add(words[0].split(":")[0])  # dpkg adds ":amd64" to multi-arch names
    return installed


def parse_os_release(text: str) -> dict[str, str]:
    """The variables of an os-release file.

    Shell-style ``KEY=value`` lines, values maybe quoted; comments and blank lines are
    ignored, malformed lines skipped.
    """
    values: dict[str, str] = {}
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, raw = line.partition("=")
        try:
            words = shlex.split(raw)
        except ValueError:
            continue
        values[key.strip()] = words[0] if words else ""
    return values


def family_of(release: Mapping[str, str]) -> Family:
    """The family named by ``ID`` or, failing that, by the first known word of ``ID_LIKE``."""
    ids: Iterable[str] = [release.get("ID", ""), *release.get("ID_LIKE", "").split()]
    for distro_id in ids:
        family = _FAMILY_IDS.get(distro_id.lower())
        if family is None and distro_id.lower().startswith("opensuse"):
            family = Family.OPENSUSE
        if family is not None:
            return family
    return Family.UNKNOWN


def detect(files: Sequence[Path] = OS_RELEASE_FILES) -> Distro:
    """This machine's distribution; ``Family.UNKNOWN`` when no os-release file is readable."""
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        release = parse_os_release(text)
        name = release.get("PRETTY_NAME") or release.get("NAME") or "this system"
        return Distro(name, family_of(release))
    return Distro("this system", Family.UNKNOWN)
