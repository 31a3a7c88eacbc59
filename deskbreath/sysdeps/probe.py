"""What is installed here: shared libraries, packages, and libraries a binary misses.

Shared libraries come from the dynamic loader's cache, packages from the package manager,
and the libraries a binary needs that the loader cannot find from ``ldd``.

Everything that touches the machine goes through :class:`Machine`, so the decisions in
:mod:`deskbreath.sysdeps.plan` are tested with a fake one.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

#: The ``ldconfig -p`` ABI tag of libraries this interpreter can load, by ``uname -m``
#: (the same table ``ctypes.util`` uses); other machines match on the plain ``libc6`` prefix.
_ABI_TAGS = {
    "x86_64": "libc6,x86-64", "ppc64": "libc6,64bit", "ppc64le": "libc6,64bit",
    "s390x": "libc6,64bit", "sparc64": "libc6,64bit", "aarch64": "libc6,AArch64",
    "riscv64": "libc6,double-float",
}
_LDCONFIG_LINE = re.compile(r"^\s*(\S+)\s+\(([^)]*)\)\s+=>")
_LDD_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found")


@dataclass(frozen=True)
class Completed:
    """A finished command: its exit status and standard output."""

    returncode: int
    stdout: str


class Machine(Protocol):
    """The few questions the set-up asks of the machine."""

    def run(self, argv: Sequence[str]) -> Completed | None:
        """Run a query command; None when the program is not installed."""
        ...

    def has_python_module(self, name: str) -> bool:
        """Whether this Python can import ``name``."""
        ...

    def machine(self) -> str:
        """The hardware name (``uname -m``)."""
        ...


class RealMachine:
    """:class:`Machine` on this computer."""

    def run(self, argv: Sequence[str]) -> Completed | None:
        """Run ``argv`` found on PATH or in an sbin folder; None if it is not installed."""
        program = shutil.which(argv[0]) or _sbin(argv[0])
        if program is None:
            return None
        done = subprocess.run([program, *argv[1:]], capture_output=True, text=True,
                              check=False, timeout=60, env={**os.environ, "LC_ALL": "C"})
        return Completed(done.returncode, done.stdout)

    def has_python_module(self, name: str) -> bool:
        """Whether this Python can import ``name`` (found, not imported)."""
        return importlib.util.find_spec(name) is not None

    def machine(self) -> str:
        """The processor architecture, as :func:`platform.machine` names it."""
        return platform.machine()


def _sbin(program: str) -> str | None:
    """``ldconfig`` lives in /sbin, which is not on an ordinary user's PATH on Debian."""
    for folder in ("/usr/sbin", "/sbin"):
        candidate = Path(folder) / program
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def loader_libraries(ldconfig_output: str, machine: str) -> set[str]:
    """The sonames in ``ldconfig -p`` output that a process on ``machine`` can load.

    A 32-bit copy of a library does not count for a 64-bit Python.
    """
    tag = _ABI_TAGS.get(machine, "libc6")
    found: set[str] = set()
    for line in ldconfig_output.splitlines():
        match = _LDCONFIG_LINE.match(line)
        if match is None:
            continue
        # "(libc6,x86-64, OS ABI: Linux 3.2.0)", "(libc6,x86-64, hwcap: 0x…)": drop the extras
        abi = ",".join(f.strip() for f in match.group(2).split(",") if ":" not in f)
        if abi == tag or (tag == "libc6" and abi.startswith("libc6")):
            found.add(match.group(1))
    return found


def missing_libraries(sonames: Iterable[str], machine: Machine) -> list[str] | None:
    """The ``sonames`` the dynamic loader cannot find.

    None when it cannot tell (no ``ldconfig``, as on musl or NixOS).
    """
    done = machine.run(["ldconfig", "-p"])
    if done is None or done.returncode != 0:
        return None
    present = loader_libraries(done.stdout, machine.machine())
    return [soname for soname in sonames if soname not in present]


def not_found_in_ldd(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` reports as ``not found``, in its order."""
    missing: list[str] = []
    for line in ldd_output.splitlines():
        match = _LDD_NOT_FOUND.match(line)
        if match and match.group(1) not in missing:
            missing.append(match.group(1))
    return missing


class DependencyReader(Protocol):
    """Tells which libraries a binary needs that the dynamic loader cannot find."""

    def missing(self, binary: Path) -> list[str] | None:
        """The sonames ``binary`` needs that cannot be found.

        Directly or through its libraries; None when this cannot be told.
        """
        ...


class Ldd:
    """:class:`DependencyReader` by ``ldd``.

    ``ldd`` resolves exactly as the loader will (including the Qt libraries' ``RUNPATH``).
    """

    def missing(self, binary: Path) -> list[str] | None:
        """What ``ldd`` reports as "not found" for ``binary``; None without ``ldd``."""
        program = shutil.which("ldd")
        if program is None:
            return None
        try:
            done = subprocess.run([program, str(binary)], capture_output=True, text=True,
                                  check=False, timeout=30, env={**os.environ, "LC_ALL": "C"})
        except (OSError, subprocess.TimeoutExpired):
            return None
        return not_found_in_ldd(done.stdout)
