"""Start at login on XDG desktops: ``$XDG_CONFIG_HOME/autostart/<app id>.desktop``.

The entry is marked ``X-Deskbreath-Managed`` so that deskbreath only ever replaces or removes
its own file (Desktop Application Autostart Specification). It carries the app's id and icon,
and ``TryExec`` names the program, so a desktop skips the entry instead of failing when that
program is gone (``deskbreath desktop check`` says so, and the app rewrites the entry when it
next starts). Version 0.1 wrote ``deskbreath.desktop``; that entry is still recognised, and
replaced by the new name when the entry is next written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from deskbreath import APP_ID, APP_NAME
from deskbreath.desktop.autostart.base import AutostartError, OwnFile
from deskbreath.desktop.desktop_entry import escape_string, exec_line, read_group, split_exec
from deskbreath.i18n import N_, _

DESKTOP_FILE_NAME = f"{APP_ID}.desktop"
LEGACY_FILE_NAME = f"{APP_NAME}.desktop"
MANAGED_KEY = "X-Deskbreath-Managed"


def is_managed(path: Path) -> bool:
    """Whether ``path`` is an entry deskbreath wrote (it carries our marker)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.strip().replace(" ", "") == f"{MANAGED_KEY}=true" for line in lines)


class XdgAutostart(OwnFile):
    """An XDG autostart entry in ``<autostart_dir>``.

    Args:
        autostart_dir: ``$XDG_CONFIG_HOME/autostart``.
        icon: gives the ``Icon`` value when the entry is written: the icon's name when it is
            installed in an icon theme, else the path of the shipped file.
    """

    _foreign_advice = N_("; remove it, or start deskbreath from it yourself")

    def __init__(self, autostart_dir: Path, icon: Callable[[], str] = lambda: APP_ID) -> None:
        self.path = autostart_dir / DESKTOP_FILE_NAME
        self.legacy_path = autostart_dir / LEGACY_FILE_NAME
        self._icon = icon

    def is_enabled(self) -> bool:
        """True when our entry exists under the current name or the legacy one."""
        return self._is_ours() or is_managed(self.legacy_path)

    def enable(self, command: list[str]) -> None:
        """Write the entry, then remove the legacy ``deskbreath.desktop`` if it is ours."""
        super().enable(command)
        self._remove_legacy()

    def disable(self) -> None:
        """Remove our entry, and the legacy one if it is ours."""
        super().disable()
        self._remove_legacy()

    def installed_command(self) -> list[str] | None:
        """The command our entry runs (the legacy one if only that exists); None if none."""
        for path in (self.path, self.legacy_path):
            if is_managed(path):
                try:
                    keys = read_group(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    return None
                return split_exec(keys.get("Exec", "")) or None
        return None

    def is_outdated(self) -> bool:
        """Whether only the entry of version 0.1 (old name, ``Icon=deskbreath``) exists."""
        return not self._is_ours() and is_managed(self.legacy_path)

    def _remove_legacy(self) -> None:
        if not is_managed(self.legacy_path):
            return
        try:
            self.legacy_path.unlink()
        except FileNotFoundError:
            return
        except OSError as error:
            raise AutostartError(
                _("could not remove the old entry %(path)s (%(reason)s); deskbreath may "
                  "start twice at login") % {"path": self.legacy_path,
                                             "reason": error.strerror or error}
            ) from error

    def _content(self, command: list[str]) -> bytes:
        text = "\n".join(
            [
                "[Desktop Entry]",
                "Type=Application",
                f"Name={APP_NAME}",
                "Comment=Reminds you to breathe, turn and sit up after long sitting",
                f"Exec={exec_line(command)}",
                f"TryExec={escape_string(command[0])}",
                f"Icon={escape_string(self._icon())}",
                "Terminal=false",
                "X-GNOME-Autostart-enabled=true",
                f"{MANAGED_KEY}=true",
                "",
            ]
        )
        return text.encode("utf-8")

    def _is_ours(self) -> bool:
        return is_managed(self.path)
