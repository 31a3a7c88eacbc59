"""The Windows and macOS busy decisions, with fakes at the Win32 / CoreAudio seams (nothing
real can reach those systems from a Linux test machine).
"""

from __future__ import annotations

import pytest

from deskbreath.core.holds import HoldReason
from deskbreath.desktop.busy import macos, windows


class FakeNotificationState:
    def __init__(self, state: int | None) -> None:
        self.state = state

    def query(self) -> int | None:
        return self.state


@pytest.mark.parametrize(("state", "fullscreen", "quiet"), [
    (windows.QUNS_ACCEPTS_NOTIFICATIONS, False, False),
    (windows.QUNS_BUSY, True, False),
    (windows.QUNS_RUNNING_D3D_FULL_SCREEN, True, False),
    (windows.QUNS_PRESENTATION_MODE, True, False),
    (windows.QUNS_APP, True, False),
    (windows.QUNS_QUIET_TIME, False, True),
    (windows.QUNS_NOT_PRESENT, False, False),
])
def test_notification_state_maps_to_fullscreen_and_quiet_time(
        state: int, fullscreen: bool, quiet: bool) -> None:
    """Busy, full-screen D3D, presentation and app states are full screen; quiet time is do
    not disturb; accepting notifications and "not present" (locked) are neither.
    """
    seam = FakeNotificationState(state)
    full = windows.NotificationStateSource(HoldReason.FULLSCREEN, windows.FULLSCREEN_STATES,
                                           seam)
    dnd = windows.NotificationStateSource(HoldReason.DO_NOT_DISTURB, windows.QUIET_STATES,
                                          seam)

    assert (full.is_busy(), dnd.is_busy()) == (fullscreen, quiet)


def test_a_failed_notification_state_cannot_tell() -> None:
    """When SHQueryUserNotificationState fails, the source says it cannot tell."""
    source = windows.NotificationStateSource(HoldReason.FULLSCREEN, windows.FULLSCREEN_STATES,
                                             FakeNotificationState(None))

    assert source.is_busy() is None
    assert source.problem


class FakeRegistry:
    """HKEY_CURRENT_USER as a dict of key path -> values, subkeys derived from the paths."""

    def __init__(self, keys: dict[str, dict[str, int]]) -> None:
        self.keys = keys

    def subkeys(self, path: str) -> list[str] | None:
        if path not in self.keys:
            return None
        prefix = path + "\\"
        return sorted({k[len(prefix):].split("\\")[0] for k in self.keys if k.startswith(prefix)})

    def qword(self, path: str, name: str) -> int | None:
        return self.keys.get(path, {}).get(name)


MIC = f"{windows.CONSENT_STORE}\\microphone"
CAM = f"{windows.CONSENT_STORE}\\webcam"


def test_consent_store_in_use_when_an_app_has_not_stopped() -> None:
    """A desktop app (NonPackaged) with a start and LastUsedTimeStop 0 is using the
    microphone; apps that stopped are not; the webcam is read from its own key.
    """
    registry = FakeRegistry({
        MIC: {},
        f"{MIC}\\Microsoft.SkypeApp_kzf8qxf38zg5c": {"LastUsedTimeStart": 5,
                                                     "LastUsedTimeStop": 9},
        f"{MIC}\\NonPackaged": {},
        f"{MIC}\\NonPackaged\\C:#Program Files#Zoom#bin#Zoom.exe": {
            "LastUsedTimeStart": 133500000000000000, "LastUsedTimeStop": 0},
        CAM: {},
        f"{CAM}\\NonPackaged": {},
        f"{CAM}\\NonPackaged\\C:#Tools#cam.exe": {"LastUsedTimeStart": 7,
                                                 "LastUsedTimeStop": 8},
    })

    assert windows.ConsentStoreSource(HoldReason.MICROPHONE, registry).is_busy() is True
    assert windows.ConsentStoreSource(HoldReason.CAMERA, registry).is_busy() is False


def test_consent_store_never_used_is_not_busy_and_missing_cannot_tell() -> None:
    """An app that never started (start 0) is not in use; no ConsentStore key at all means
    the source cannot tell.
    """
    never = FakeRegistry({MIC: {}, f"{MIC}\\App": {"LastUsedTimeStart": 0,
                                                   "LastUsedTimeStop": 0}})
    assert windows.ConsentStoreSource(HoldReason.MICROPHONE, never).is_busy() is False

    missing = windows.ConsentStoreSource(HoldReason.MICROPHONE, FakeRegistry({}))
    assert missing.is_busy() is None
    assert missing.problem


class FakeDevices:
    def __init__(self, running: list[bool] | None) -> None:
        self.answers = running

    def running(self) -> list[bool] | None:
        return self.answers


@pytest.mark.parametrize(("answers", "busy"), [
    ([], False), ([False, False], False), ([False, True], True), (None, None)])
def test_macos_device_running_somewhere(answers: list[bool] | None, busy: bool | None) -> None:
    """Any device running somewhere is busy; none is not; a framework that cannot be asked
    cannot tell.
    """
    source = macos.DeviceInUseSource(HoldReason.CAMERA, FakeDevices(answers))

    assert source.is_busy() is busy


def test_macos_frameworks_are_unavailable_elsewhere() -> None:
    """On a system without CoreAudio the real seam answers None, never raises."""
    assert macos.CoreAudioInput().running() is None
    assert macos.CoreMediaIOCameras().running() is None
    assert windows.Shell32NotificationState().query() is None
