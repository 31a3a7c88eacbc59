"""The commands every front end (tray, status window, local socket) can give the app."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol


class CommandError(Exception):
    """A command that cannot be carried out; the message is for people."""


class CommandTarget(Protocol):
    """What the controller offers.

    Each method returns a one-line message for people, or raises :class:`CommandError`. All
    are called on the Qt thread.
    """

    def start_now(self, exercise: str | None) -> str:
        """Start an exercise now; ``None`` is the next in rotation."""
        ...

    def snooze(self, seconds: float | None) -> str:
        """Snooze the next prompt; ``None`` is the first snooze choice."""
        ...

    def pause(self, *, seconds: float | None = None, until: datetime | None = None,
              until_tomorrow: bool = False) -> str:
        """Pause prompts for a duration, until a wall time, or until tomorrow.

        With all three None, the pause lasts until resumed.
        """
        ...

    def resume(self) -> str:
        """End a pause, or else cancel a snooze."""
        ...

    def status(self) -> dict[str, Any]:
        """The ``status --json`` document (see :mod:`deskbreath.core.report`)."""
        ...

    def open_settings(self) -> str:
        """Open the settings dialog."""
        ...

    def open_statistics(self) -> str:
        """Open the statistics window."""
        ...

    def save_progress(self) -> str:
        """Record the sitting bout under way, as of now, in the health log.

        ``deskbreath stats`` asks for it before it reads the statistics.
        """
        ...

    def show(self) -> str:
        """Bring the app to the user's attention (status window or tray message)."""
        ...

    def quit(self) -> str:
        """Quit the app, once the reply has reached the client."""
        ...

    def prompt_start(self) -> str:
        """Start the exercise the prompt on screen offers (it takes the keyboard)."""
        ...

    def prompt_snooze(self, seconds: float | None) -> str:
        """Close the offer on screen as snoozed; ``None`` is the first snooze choice."""
        ...

    def prompt_skip(self) -> str:
        """Close the offer on screen as skipped."""
        ...

    def prompt_focus(self, token: str | None) -> str:
        """Give the prompt or exercise on screen the keyboard, on purpose: the user asked.

        ``token`` is the XDG activation token of the command's environment
        (``XDG_ACTIVATION_TOKEN``, which a Wayland desktop gives the programs it starts from
        a shortcut), or None.
        """
        ...
