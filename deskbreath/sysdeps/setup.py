"""``python3 -m deskbreath.sysdeps [LIST ...]``: install the system packages deskbreath needs.

The README's Quick start runs this first, with the system's Python, before the venv exists
(so it uses the standard library only). Without arguments it checks what running the app
needs: the libraries Qt's xcb and offscreen platform plugins load, the X11 screensaver
library (idle time on X11), and ``python3-venv`` on Debian and Ubuntu. Each LIST
(``.ci/system-packages.txt``) adds Debian package names.

On Debian and Ubuntu it installs what is missing with ``apt-get`` (through ``sudo`` when not
root) and says what it installs. On Fedora, Arch and openSUSE it prints the command with that
distribution's package names. Nothing is printed when everything is in place.

Exit status: 0 when what the app needs is there (or was installed); 1 when it is missing and
was not installed; 2 for a wrong argument. Packages only the tests need never fail the
command on a distribution where it cannot install them: the tests that need them say so.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from deskbreath.i18n import _
from deskbreath.sysdeps import catalogue
from deskbreath.sysdeps.catalogue import Package
from deskbreath.sysdeps.distro import Distro, Family, detect
from deskbreath.sysdeps.plan import Findings, find_missing
from deskbreath.sysdeps.probe import Machine, RealMachine

#: pyproject.toml's requires-python, said before pip would refuse with less explanation.
MIN_PYTHON = (3, 11)

#: Runs an install command with the terminal attached (sudo may ask for a password);
#: returns its exit status.
Runner = Callable[[Sequence[str]], int]


def run_attached(argv: Sequence[str]) -> int:
    """:data:`Runner` for real: apt-get without questions, output to the terminal."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        return subprocess.run(list(argv), env=env, check=False).returncode
    except OSError as error:
        print(_("deskbreath set-up: could not run {command}: {error}").format(
            command=argv[0], error=error.strerror or error), file=sys.stderr)
        return 127


def needed_packages(lists: Sequence[str]) -> tuple[list[Package], set[str]]:
    """Everything to check, and the Debian names the app itself needs.

    The app's needs come first, then the lists'; the rest only matter to the tests.
    """
    app = list(catalogue.APP_NEEDS)
    listed = [name for text in lists for name in catalogue.read_package_list(text)]
    return catalogue.lookup([*(p.debian for p in app), *listed]), {p.debian for p in app}


class SetUp:
    """One run of the set-up, with every contact to the machine injectable.

    Args:
        distro: the distribution (its family decides names and commands).
        machine: answers what is installed.
        run: runs install commands.
        is_root: whether this process runs as root (else commands go through sudo).
        has_sudo: whether ``sudo`` is installed.
        out: where messages go.
    """

    def __init__(self, distro: Distro, machine: Machine, run: Runner, *, is_root: bool,
                 has_sudo: bool, out: TextIO) -> None:
        self._distro = distro
        self._machine = machine
        self._run = run
        self._is_root = is_root
        self._has_sudo = has_sudo
        self._out = out

    def ensure(self, needed: Sequence[Package], app_needs: set[str]) -> int:
        """Check ``needed``, install what is missing where possible; the exit status."""
        findings = find_missing(needed, self._distro, self._machine)
        for package in findings.unchecked:
            self._say(_("deskbreath set-up: cannot check for Debian's {package} on {name} "
                        "(no known counterpart); what needs it will say so").format(
                package=package.debian, name=self._distro.name))
        if not findings.missing:
            return 0
        required = any(p.debian in app_needs for p in findings.missing)
        if self._distro.family is Family.DEBIAN:
            return self._install(findings, needed, app_needs)
        self._advise(findings)
        return 1 if required else 0

    def _install(self, findings: Findings, needed: Sequence[Package], app_needs: set[str]) -> int:
        names = findings.names()
        prefix: list[str] = [] if self._is_root else ["sudo"]
        update = [*prefix, "apt-get", "update", "-qq"]
        install = [*prefix, *self._distro.install_argv(names)]
        if not self._is_root and not self._has_sudo:
            self._say(_("deskbreath set-up: these packages are missing: {names}. Install them "
                        "as root: {command}").format(
                names=" ".join(names), command=shlex.join(install[len(prefix):])))
            return 1
        self._say(_("deskbreath set-up: installing the missing system packages with: "
                    "{command}").format(command=shlex.join(install)))
        if self._run(update) != 0:  # a broken third-party source; the lists may still do
            self._say(_("deskbreath set-up: apt-get update failed; installing from the package "
                        "lists at hand"))
        status = self._run(install)
        if status != 0:
            self._say(_("deskbreath set-up: the installation failed (exit status {status}); "
                        "install the packages yourself: {command}").format(
                status=status, command=shlex.join(install)))
            return 1
        still = find_missing(needed, self._distro, self._machine).missing
        if still:
            self._say(_("deskbreath set-up: still missing after installing: {names}").format(
                names=" ".join(p.debian for p in still)))
            return 1 if any(p.debian in app_needs for p in still) else 0
        return 0

    def _advise(self, findings: Findings) -> None:
        names = findings.names()
        distro = self._distro
        if distro.family is Family.UNKNOWN:
            self._say(_("deskbreath set-up: {name} is not a distribution whose package names "
                        "deskbreath knows. Install the packages that provide: {libraries} "
                        "(Debian calls them: {debian})").format(
                name=distro.name,
                libraries=" ".join(p.soname or p.debian for p in findings.missing),
                debian=" ".join(p.debian for p in findings.missing)))
            return
        if names:
            self._say(_("deskbreath set-up: these packages are missing on {name}. Install them "
                        "with:\n  {command}").format(name=distro.name,
                                                     command=distro.install_line(names)))
        unnamed = findings.unnamed()
        if unnamed:
            self._say(_("deskbreath set-up: also missing, with no known package name on "
                        "{name}: {debian} (Debian's names)").format(
                name=distro.name, debian=" ".join(p.debian for p in unnamed)))

    def _say(self, text: str) -> None:
        print(text, file=self._out)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the set-up for this machine; returns the exit status (see the module docstring)."""
    parser = argparse.ArgumentParser(
        prog="python3 -m deskbreath.sysdeps",
        description=_("Install the system packages deskbreath needs (Debian, Ubuntu), or say "
                      "which to install (Fedora, Arch, openSUSE)."))
    parser.add_argument("lists", nargs="*", type=Path, metavar="LIST",
                        help=_("files of further Debian package names, one a line "
                               "(.ci/system-packages.txt)"))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    texts: list[str] = []
    for path in args.lists:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except OSError as error:
            print(_("deskbreath set-up: cannot read {path}: {error}").format(
                path=path, error=error.strerror or error), file=sys.stderr)
            return 2
    if sys.version_info < MIN_PYTHON:  # runs with the system's python3, before pip checks
        print(_("deskbreath set-up: deskbreath needs Python 3.11 or newer, and this python3 "
                "is {version}; run the command with a newer Python (for example python3.11)")
              .format(version=platform.python_version()), file=sys.stderr)
        return 1
    if not sys.platform.startswith("linux"):
        return 0  # Windows and macOS wheels of PySide6 bring what Qt needs
    needed, app_needs = needed_packages(texts)
    setup = SetUp(detect(), RealMachine(), run_attached, is_root=os.geteuid() == 0,
                  has_sudo=shutil.which("sudo") is not None, out=sys.stderr)
    return setup.ensure(needed, app_needs)
