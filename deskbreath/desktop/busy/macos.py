"""Busy signals on macOS: a microphone or camera in use by any process.

* Microphone: CoreAudio's ``kAudioDevicePropertyDeviceIsRunningSomewhere`` on the default
  input device (``AudioObjectGetPropertyData``).
* Camera: CoreMediaIO's ``kCMIODevicePropertyDeviceIsRunningSomewhere`` on every video
  device (``CMIOObjectGetPropertyData``).

Both through ctypes, behind the :class:`DeviceUse` seam, so the decisions are tested on any
system with fakes. Only whether a device runs is read, never audio or images.

Not available on macOS, said plainly in diagnostics and the README: Focus (do not disturb)
has no public API for other apps, and no public API tells whether the frontmost window is
full screen or whether the screen is shared.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from typing import Any, Protocol

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy.base import BusySourceBase


def _fourcc(code: str) -> int:
    return int.from_bytes(code.encode("ascii"), "big")


K_SYSTEM_OBJECT = 1
K_SCOPE_GLOBAL = _fourcc("glob")
K_ELEMENT_MAIN = 0
K_DEFAULT_INPUT_DEVICE = _fourcc("dIn ")
K_DEVICES = _fourcc("dev#")
K_RUNNING_SOMEWHERE = _fourcc("gone")  # the same code in CoreAudio and CoreMediaIO


class _Address(ctypes.Structure):
    _fields_ = [("selector", ctypes.c_uint32), ("scope", ctypes.c_uint32),
                ("element", ctypes.c_uint32)]


class DeviceUse(Protocol):
    """The seam: whether devices of one kind run somewhere."""

    def running(self) -> list[bool] | None:
        """One answer per device (True: some process uses it).

        None when the framework cannot be asked.
        """
        ...


class _Framework:
    """``*ObjectGetPropertyData`` / ``*ObjectGetPropertyDataSize`` of one framework."""

    def __init__(self, framework: str, prefix: str, platform: str = sys.platform) -> None:
        path = ctypes.util.find_library(framework) if platform == "darwin" else None
        if path is None:
            raise OSError(f"{framework} is not available")
        lib = ctypes.CDLL(path)
        self.get: Any = getattr(lib, f"{prefix}ObjectGetPropertyData")
        self.size: Any = getattr(lib, f"{prefix}ObjectGetPropertyDataSize")

    def u32_list(self, obj: int, selector: int) -> list[int] | None:
        address = _Address(selector, K_SCOPE_GLOBAL, K_ELEMENT_MAIN)
        size = ctypes.c_uint32(0)
        if self.size(obj, ctypes.byref(address), 0, None, ctypes.byref(size)) != 0:
            return None
        count = size.value // 4
        values = (ctypes.c_uint32 * max(count, 1))()
        used = ctypes.c_uint32(size.value)
        if self.get(obj, ctypes.byref(address), 0, None, ctypes.byref(used), values) != 0:
            return None
        return list(values[: used.value // 4])


class CoreAudioInput:
    """The real microphone seam: the default input device."""

    def running(self) -> list[bool] | None:
        """One answer for the default input device ([] without one); None without CoreAudio."""
        try:
            audio = _Framework("CoreAudio", "Audio")
        except OSError:
            return None
        device = audio.u32_list(K_SYSTEM_OBJECT, K_DEFAULT_INPUT_DEVICE)
        if not device or device[0] == 0:
            return []
        running = audio.u32_list(device[0], K_RUNNING_SOMEWHERE)
        return None if running is None else [bool(running and running[0])]


class CoreMediaIOCameras:
    """The real camera seam: every CoreMediaIO device."""

    def running(self) -> list[bool] | None:
        """One answer per CoreMediaIO device; None when CoreMediaIO cannot list them."""
        try:
            cmio = _Framework("CoreMediaIO", "CMIO")
        except OSError:
            return None
        devices = cmio.u32_list(K_SYSTEM_OBJECT, K_DEVICES)
        if devices is None:
            return None
        answers = []
        for device in devices:
            running = cmio.u32_list(device, K_RUNNING_SOMEWHERE)
            answers.append(bool(running and running[0]))
        return answers


class DeviceInUseSource(BusySourceBase):
    """Busy while any device of the seam runs somewhere.

    Args:
        reason: ``microphone`` or ``camera``.
        seam: the device query (default: CoreAudio's input for the microphone, CoreMediaIO
            for the camera).
    """

    def __init__(self, reason: HoldReason, seam: DeviceUse | None = None) -> None:
        camera = reason is HoldReason.CAMERA
        super().__init__(reason, "macOS camera (CoreMediaIO DeviceIsRunningSomewhere)" if camera
                         else "macOS microphone (CoreAudio DeviceIsRunningSomewhere)")
        self._seam = seam or (CoreMediaIOCameras() if camera else CoreAudioInput())

    def is_busy(self) -> bool | None:
        """True while any device runs somewhere; None when the framework cannot be asked."""
        answers = self._seam.running()
        if answers is None:
            return self._answer.cannot_tell("the framework cannot be asked")
        return self._answer.tells(any(answers))

    def close(self) -> None:
        """Nothing to release: nothing is kept between questions."""
