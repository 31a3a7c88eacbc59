"""A fake machine for the set-up's checks: chosen libraries and packages, real tools' output."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from deskbreath.sysdeps.probe import Completed


@dataclass
class FakeMachine:
    """Answers like ``ldconfig -p``, ``dpkg-query``, ``rpm -q`` and ``pacman -Q`` would on a
    machine with ``libraries`` (sonames) and ``packages`` (names) installed.

    Attributes:
        tools: the query programs that exist; a run of any other answers None.
        calls: every command run, in order.
    """

    libraries: set[str] = field(default_factory=set)
    packages: set[str] = field(default_factory=set)
    ensurepip: bool = True
    tools: set[str] = field(default_factory=lambda: {"ldconfig", "dpkg-query", "rpm",
                                                     "pacman"})
    arch: str = "x86_64"
    calls: list[list[str]] = field(default_factory=list)

    def run(self, argv: Sequence[str]) -> Completed | None:
        self.calls.append(list(argv))
        program, *args = argv
        if program not in self.tools:
            return None
        names = [a for a in args if not a.startswith("-")]
        if program == "ldconfig":
            lines = [f"{len(self.libraries)} libs found in cache `/etc/ld.so.cache'"]
            lines += [f"\t{so} (libc6,x86-64) => /lib/x86_64-linux-gnu/{so}"
                      for so in sorted(self.libraries)]
            lines += ["\tlibonly32.so.1 (libc6) => /lib/i386-linux-gnu/libonly32.so.1"]
            return Completed(0, "\n".join(lines) + "\n")
        if program == "dpkg-query":
            out = "".join(f"{n} ii \n" for n in sorted(names) if n in self.packages)
            out += "gone-but-configured rc \n"
            return Completed(0 if set(names) <= self.packages else 1, out)
        if program == "rpm":
            out = "".join(f"{n} ii\n" if n in self.packages else f"package {n} is not installed\n"
                          for n in names)
            return Completed(sum(n not in self.packages for n in names), out)
        out = "".join(f"{n} 1.0-1\n" for n in names if n in self.packages)  # pacman -Q
        return Completed(0 if set(names) <= self.packages else 1, out)

    def has_python_module(self, name: str) -> bool:
        return name != "ensurepip" or self.ensurepip

    def machine(self) -> str:
        return self.arch
