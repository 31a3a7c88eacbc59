"""Which of the needed system packages are missing here, and the command that installs them.

Libraries are checked by soname in the dynamic loader's cache (the same test on every
distro, whatever the package is called); programs and data by asking the package manager;
``python3-venv`` by whether ``ensurepip`` imports. What cannot be checked is said, not
guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deskbreath.sysdeps.catalogue import PYTHON_VENV, Package
from deskbreath.sysdeps.distro import Distro, Family, installed_from_query
from deskbreath.sysdeps.probe import Machine, missing_libraries


@dataclass(frozen=True)
class Findings:
    """The outcome of a check.

    Attributes:
        distro: the distribution checked.
        missing: needed packages that are not installed.
        unchecked: needed packages that could not be checked here (no ``ldconfig``, no
            package manager known, or no known name in this family).
    """

    distro: Distro
    missing: tuple[Package, ...]
    unchecked: tuple[Package, ...] = ()

    def names(self, packages: Sequence[Package] | None = None) -> list[str]:
        """The family's names for ``packages`` (default: the missing ones), without repeats.

        Packages with no known name are left out (see :meth:`unnamed`).
        """
        names: list[str] = []
        for package in self.missing if packages is None else packages:
            for name in package.name_in(self.distro.family):
                if name not in names:
                    names.append(name)
        return names

    def unnamed(self) -> list[Package]:
        """Missing packages that have no known name in this family."""
        return [p for p in self.missing if not p.name_in(self.distro.family)]


def find_missing(needed: Sequence[Package], distro: Distro, machine: Machine) -> Findings:
    """Check each of ``needed`` on ``machine``."""
    missing: list[Package] = []
    unchecked: list[Package] = []
    libraries = [p for p in needed if p.soname]
    absent = missing_libraries([p.soname for p in libraries if p.soname], machine)
    others = [p for p in needed if not p.soname]
    if absent is None:  # no loader cache to read: ask the package manager about them too
        others = list(needed)
    else:
        missing.extend(p for p in libraries if p.soname in absent)
    to_query: list[Package] = []
    for package in others:
        if package is PYTHON_VENV:
            if distro.family is Family.DEBIAN and not machine.has_python_module("ensurepip"):
                missing.append(package)
        elif distro.family is Family.UNKNOWN or not package.name_in(distro.family):
            unchecked.append(package)
        else:
            to_query.append(package)
    if to_query:
        installed = _installed(distro, [n for p in to_query for n in p.name_in(distro.family)],
                               machine)
        if installed is None:
            unchecked.extend(to_query)
        else:
            missing.extend(p for p in to_query
                           if not set(p.name_in(distro.family)) <= installed)
    order = {package.debian: index for index, package in enumerate(needed)}
    missing.sort(key=lambda p: order[p.debian])
    return Findings(distro, tuple(missing), tuple(unchecked))


def _installed(distro: Distro, names: Sequence[str], machine: Machine) -> set[str] | None:
    done = machine.run(distro.query_argv(sorted(set(names))))
    if done is None:
        return None
    return installed_from_query(distro.family, done.stdout)
