"""Start at login: the :class:`Autostart` protocol every platform's backend implements.

Each backend adds exactly one thing and, when turned off, removes exactly that thing and
nothing a person made by hand. Qt-free, so the command line can use it too. Every failure is
an :class:`AutostartError` whose message is meant for people.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Protocol

from deskbreath import APP_NAME
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


def launch_command() -> list[str]:
    """How to start this app at login: the console script on PATH, else ``python -m``."""
    script = shutil.which(APP_NAME)
    if script:
        return [str(Path(script).resolve())]
    python = Path(sys.executable)
    if sys.platform == "win32":
        # pythonw.exe starts without a console window; use it when it sits beside python.exe.
        windowless = python.with_name("pythonw.exe")
        if windowless.exists():
            python = windowless
    return [str(python), "-m", APP_NAME]


class OwnFile:
    """An autostart entry that is one file deskbreath writes and knows as its own.

    A file at the same place that deskbreath did not write is never overwritten or removed:
    it is the user's. Subclasses say where the file is (``path``), what goes in it
    (:meth:`_content`) and how to recognise it (:meth:`_is_ours`).
    """

    path: Path
    _foreign_advice = ""  # said after "left as it is" when a foreign file is in the way

    def is_enabled(self) -> bool:
        return self._is_ours()

    def enable(self, command: list[str]) -> None:
        if not command:
            raise AutostartError("start at login needs a command to run; nothing was written")
        if self.path.exists() and not self._is_ours():
            raise AutostartError(
                f"{self.path} already exists and was not made by deskbreath, so it was left "
                f"as it is{self._foreign_advice}"
            )
        try:
            atomic_write(self.path, self._content(command))
        except SaveError as error:
            raise AutostartError(
                f"could not write {self.path} ({reason_for(error, self.path)}); "
                "start at login is off"
            ) from error

    def disable(self) -> None:
        if not self._is_ours():
            return  # nothing of ours there; a hand-made entry is not ours to remove
        try:
            self.path.unlink()
        except FileNotFoundError:
            return
        except OSError as error:
            raise AutostartError(
                f"could not remove {self.path} ({error.strerror or error}); "
                "deskbreath will still start at login"
            ) from error

    def _content(self, command: list[str]) -> bytes:
        """The file's bytes for launching ``command`` (never empty)."""
        raise NotImplementedError

    def _is_ours(self) -> bool:
        """Whether the file exists and deskbreath wrote it."""
        raise NotImplementedError
