r"""Busy signals on Windows: the shell's notification state, and the privacy ConsentStore.

* ``SHQueryUserNotificationState`` (shell32) tells what Windows itself uses to hold its own
  toasts back: a full-screen application or presentation mode (``QUNS_BUSY``,
  ``QUNS_RUNNING_D3D_FULL_SCREEN``, ``QUNS_PRESENTATION_MODE``, ``QUNS_APP``) →
  ``fullscreen``; quiet time (``QUNS_QUIET_TIME``, the first hour after a new installation)
  → ``do-not-disturb``. Focus Assist / "Do not disturb" of Windows 10 and 11 has no
  documented API and is not read.
* Microphone and camera: every app that used one has a key below
  ``HKCU\Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore\
  {microphone,webcam}`` (desktop apps below ``NonPackaged``), and ``LastUsedTimeStop`` is 0
  while it is using the device (the convention Windows' own privacy indicator follows).
  Only these time stamps are read.

The Win32 calls sit behind two small seams (:class:`NotificationState` and
:class:`Registry`), so the decisions are tested on any system with fakes.
"""

from __future__ import annotations

import ctypes
import importlib
from collections.abc import Iterator
from typing import Any, Protocol

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.base import BusySourceBase

# QUERY_USER_NOTIFICATION_STATE values (shellapi.h).
QUNS_NOT_PRESENT = 1
QUNS_BUSY = 2
QUNS_RUNNING_D3D_FULL_SCREEN = 3
QUNS_PRESENTATION_MODE = 4
QUNS_ACCEPTS_NOTIFICATIONS = 5
QUNS_QUIET_TIME = 6
QUNS_APP = 7
FULLSCREEN_STATES = frozenset({QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_PRESENTATION_MODE,
                               QUNS_APP})
QUIET_STATES = frozenset({QUNS_QUIET_TIME})
CONSENT_STORE = (r"Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager"
                 r"\ConsentStore")


class NotificationState(Protocol):
    """The seam to ``SHQueryUserNotificationState``."""

    def query(self) -> int | None:
        """The current ``QUERY_USER_NOTIFICATION_STATE``, or None when the call failed."""
        ...


class Shell32NotificationState:
    """The real seam, through ctypes."""

    def query(self) -> int | None:
        """``SHQueryUserNotificationState``'s answer; None off Windows or when it fails."""
        windll: Any = getattr(ctypes, "windll", None)  # Windows only
        if windll is None:
            return None
        state = ctypes.c_int(0)
        result = windll.shell32.SHQueryUserNotificationState(ctypes.byref(state))
        return state.value if result == 0 else None  # S_OK


class NotificationStateSource(BusySourceBase):
    """Busy while the notification state is one of ``states``.

    Args:
        reason: what it reports.
        states: the QUNS values that mean busy.
        seam: the notification state (default: shell32).
    """

    def __init__(self, reason: HoldReason, states: frozenset[int],
                 seam: NotificationState | None = None) -> None:
        super().__init__(reason, f"Windows notification state ({reason.value})")
        self._states = states
        self._seam = seam or Shell32NotificationState()

    def is_busy(self) -> bool | None:
        """True while the notification state is one of ``states``; None when the call fails."""
        state = self._seam.query()
        if state is None:
            return self._answer.cannot_tell("SHQueryUserNotificationState failed")
        return self._answer.tells(state in self._states)

    def close(self) -> None:
        """Nothing to release."""


class Registry(Protocol):
    """The seam to the current user's registry hive (``HKEY_CURRENT_USER``)."""

    def subkeys(self, path: str) -> list[str] | None:
        """The names of the subkeys of ``path``; None when the key does not exist."""
        ...

    def qword(self, path: str, name: str) -> int | None:
        """The integer value ``name`` of key ``path``; None when missing."""
        ...


class WinregRegistry:
    """The real seam, through the standard library's ``winreg``.

    ``winreg`` is imported on first use, so this module loads anywhere.
    """

    @staticmethod
    def _winreg() -> Any:
        return importlib.import_module("winreg")

    def subkeys(self, path: str) -> list[str] | None:
        """The subkeys of ``path`` under ``HKEY_CURRENT_USER``; None when it cannot be opened."""
        winreg = self._winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path) as key:
                count = winreg.QueryInfoKey(key)[0]
                return [winreg.EnumKey(key, i) for i in range(count)]
        except OSError:
            return None

    def qword(self, path: str, name: str) -> int | None:
        """The integer ``name`` of ``path`` in ``HKEY_CURRENT_USER``; None if missing or not one."""
        winreg = self._winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path) as key:
                value, _kind = winreg.QueryValueEx(key, name)
        except OSError:
            return None
        return value if isinstance(value, int) else None


def _app_keys(registry: Registry, base: str) -> Iterator[str]:
    for name in registry.subkeys(base) or []:
        path = f"{base}\\{name}"
        if name == "NonPackaged":
            yield from (f"{path}\\{sub}" for sub in registry.subkeys(path) or [])
        else:
            yield path


class ConsentStoreSource(BusySourceBase):
    """Busy while some app uses the device: its ``LastUsedTimeStop`` is 0 after a start.

    Args:
        reason: ``microphone`` or ``camera``.
        registry: the registry (default: ``winreg``).
    """

    def __init__(self, reason: HoldReason, registry: Registry | None = None) -> None:
        capability = "webcam" if reason is HoldReason.CAMERA else "microphone"
        super().__init__(reason, f"Windows privacy ConsentStore ({capability})")
        self._capability = capability
        self._registry = registry or WinregRegistry()

    def is_busy(self) -> bool | None:
        """True while an app's ``LastUsedTimeStop`` is 0 after a start; None without the key."""
        base = f"{CONSENT_STORE}\\{self._capability}"
        if self._registry.subkeys(base) is None:
            return self._answer.cannot_tell(f"no ConsentStore\\{self._capability} key")
        for key in _app_keys(self._registry, base):
            start = self._registry.qword(key, "LastUsedTimeStart")
            stop = self._registry.qword(key, "LastUsedTimeStop")
            if start and stop == 0:
                return self._answer.tells(True)
        return self._answer.tells(False)

    def close(self) -> None:
        """Nothing to release: each read opens and closes its keys."""
