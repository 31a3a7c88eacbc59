"""Start at login on macOS: a LaunchAgent with ``RunAtLoad`` (launchd.plist(5)).

The agent is ``~/Library/LaunchAgents/org.deskbreath.deskbreath.plist``; ``plistlib`` loads
only when the entry is read or written.
"""

from __future__ import annotations

from pathlib import Path

from deskbreath import APP_NAME
from deskbreath.desktop.autostart.base import OwnFile

LAUNCH_AGENT_LABEL = f"org.{APP_NAME}.{APP_NAME}"


class MacLaunchAgent(OwnFile):
    """A per-user LaunchAgent that launchd runs at login (``RunAtLoad``)."""

    def __init__(self, home: Path) -> None:
        self.path = home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"

    def _content(self, command: list[str]) -> bytes:
        import plistlib  # noqa: PLC0415 - macOS only, and only when start-at-login changes

        agent = {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        return plistlib.dumps(agent)

    def _is_ours(self) -> bool:
        return self._agent() is not None

    def installed_command(self) -> list[str] | None:
        """Our LaunchAgent's ``ProgramArguments``; None when missing, foreign or empty."""
        agent = self._agent()
        arguments = agent.get("ProgramArguments") if agent else None
        if not isinstance(arguments, list) or not arguments:
            return None
        return [str(argument) for argument in arguments]

    def _agent(self) -> dict[str, object] | None:
        """Our LaunchAgent's contents, or None when the file is missing or not ours."""
        import plistlib  # noqa: PLC0415 - as above

        try:
            with self.path.open("rb") as stream:
                agent = plistlib.load(stream)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return None
        if isinstance(agent, dict) and agent.get("Label") == LAUNCH_AGENT_LABEL:
            return agent
        return None
