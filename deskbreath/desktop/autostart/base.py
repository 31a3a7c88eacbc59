"""Start at login: the :class:`Autostart` protocol every platform's backend implements.

Each backend adds exactly one thing and, when turned off, removes exactly that thing and
nothing a person made by hand. Qt-free, so the command line can use it too. Every failure is
an :class:`AutostartError` whose message is meant for people.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from deskbreath import APP_NAME
from deskbreath.i18n import _
from deskbreath.storage.atomic import SaveError, atomic_write, reason_for


class AutostartError(Exception):
    """Start at login could not be changed; the message says what and what was left as is."""


class Autostart(Protocol):
    """Turns starting deskbreath at login on and off."""

    def is_enabled(self) -> bool:
        """True when deskbreath's own entry is installed."""
        ...

    def enable(self, command: list[str]) -> None:
        """Install the entry so that ``command`` runs at login, replacing our older entry.

        Raises:
            AutostartError: it could not be written, or a hand-made entry is in the way.
        """
        ...

    def disable(self) -> None:
        """Remove the entry :meth:`enable` made, if any; never anything else.

        Raises:
            AutostartError: it could not be removed.
        """
        ...

    def installed_command(self) -> list[str] | None:
        """The command our entry runs, as written; None when there is no entry of ours."""
        ...

    def is_outdated(self) -> bool:
        """Whether an older version wrote our entry, in a form :meth:`enable` now replaces.

        The older form has another file name or another icon.
        """
        ...


def launch_command(executable: str = sys.executable, platform: str = sys.platform,
                   which: Callable[[str], str | None] = shutil.which) -> list[str]:
    """How to start this deskbreath again later (at login, from the menu).

    The console script beside this interpreter, named the way ``PATH`` reaches it when it
    does (``~/.local/bin/deskbreath`` for pipx and ``uv tool``: that link survives a
    reinstall, which recreates the venv behind it); else its absolute path; else this
    interpreter with ``-m deskbreath``, also when the script's ``#!`` line names a Python that
    is gone (a venv that was moved).

    Args:
        executable: this interpreter, as started (a venv's ``bin/python``, not resolved).
        platform: a ``sys.platform`` value.
        which: looks a program up on ``PATH``.
    """
    python = Path(executable).absolute()
    windows = platform == "win32"
    script = python.with_name(f"{APP_NAME}.exe" if windows else APP_NAME)
    if script.is_file() and (windows or _interpreter_exists(script)):
        on_path = which(APP_NAME)
        if on_path and Path(on_path).resolve() == script.resolve():
            return [str(Path(on_path).absolute())]
        return [str(script)]
    if windows:
        # pythonw.exe starts without a console window; use it when it sits beside python.exe.
        windowless = python.with_name("pythonw.exe")
        if windowless.exists():
            python = windowless
    return [str(python), "-m", APP_NAME]


def program_exists(command: Sequence[str], which: Callable[[str], str | None] = shutil.which
                   ) -> bool:
    """Whether ``command``'s program is still there (an absolute path, or a name on PATH)."""
    if not command:
        return False
    program = Path(command[0])
    if program.is_absolute():
        return program.is_file()
    return which(command[0]) is not None


def _interpreter_exists(script: Path) -> bool:
    """Whether the interpreter on ``script``'s ``#!`` line exists (True for binaries)."""
    try:
        with script.open("rb") as stream:
            first = stream.readline(4096)
    except OSError:
        return False
    if not first.startswith(b"#!"):
        return True
    words = first[2:].strip().split()
    return bool(words) and Path(words[0].decode(errors="replace")).exists()


class OwnFile:
    """An autostart entry that is one file deskbreath writes and knows as its own.

    A file at the same place that deskbreath did not write is never overwritten or removed:
    it is the user's. Subclasses say where the file is (``path``), what goes in it
    (:meth:`_content`) and how to recognise it (:meth:`_is_ours`).
    """

    path: Path
    _foreign_advice = ""  # said after "left as it is" when a foreign file is in the way

    def is_enabled(self) -> bool:
        """True when the file exists and deskbreath wrote it."""
        return self._is_ours()

    def is_outdated(self) -> bool:
        """False; a subclass that knows an older form of its file says when."""
        return False

    def enable(self, command: list[str]) -> None:
        """Write the file atomically; a file deskbreath did not write is left as it is."""
        if not command:
            raise AutostartError(_("start at login needs a command to run; nothing was "
                                   "written"))
        if self.path.exists() and not self._is_ours():
            advice = _(self._foreign_advice) if self._foreign_advice else ""
            raise AutostartError(
                _("%(path)s already exists and was not made by deskbreath, so it was left "
                  "as it is%(advice)s") % {"path": self.path, "advice": advice}
            )
        try:
            atomic_write(self.path, self._content(command))
        except SaveError as error:
            raise AutostartError(
                _("could not write %(path)s (%(reason)s); start at login is off")
                % {"path": self.path, "reason": reason_for(error, self.path)}
            ) from error

    def disable(self) -> None:
        """Remove the file if deskbreath wrote it; a hand-made file stays."""
        if not self._is_ours():
            return  # nothing of ours there; a hand-made entry is not ours to remove
        try:
            self.path.unlink()
        except FileNotFoundError:
            return
        except OSError as error:
            raise AutostartError(
                _("could not remove %(path)s (%(reason)s); deskbreath will still start at "
                  "login") % {"path": self.path, "reason": error.strerror or error}
            ) from error

    def _content(self, command: list[str]) -> bytes:
        """The file's bytes for launching ``command`` (never empty)."""
        raise NotImplementedError

    def _is_ours(self) -> bool:
        """Whether the file exists and deskbreath wrote it."""
        raise NotImplementedError
