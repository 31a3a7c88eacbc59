"""About / diagnostics: the idle backend at work, live idle seconds, the warnings, and the
busy backends with their answers.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from deskbreath.core.holds import HoldReason
from deskbreath.core.idle import IdleHealth
from deskbreath.core.sitting import SittingTracker
from deskbreath.desktop.busy.base import NullBusySource
from deskbreath.desktop.busy.detect import NO_INHIBITORS, SCREEN_SHARING_UNKNOWN
from deskbreath.desktop.idle.base import NullIdleSource
from deskbreath.desktop.offers.detect import OfferPath, detect
from deskbreath.paths import Paths
from deskbreath.qt.windows.diagnostics import DiagnosticsDialog
from tests.fakes import FakeBusySource, FakeClock, FakeIdleSource
from tests.support.waits import WAIT_MS


def test_shows_backend_and_live_idle_seconds(qtbot: QtBot, clock: FakeClock,
                                             idle: FakeIdleSource, paths: Paths) -> None:
    """The dialog names the backend and the idle time follows it while open."""
    dialog = DiagnosticsDialog(SittingTracker(clock, idle, 180), IdleHealth(), paths,
                               ["using fake"])
    qtbot.add_widget(dialog)
    clock.advance(12)
    dialog.refresh()
    assert dialog.backend_label.text() == "fake"
    assert dialog.idle_label.text() == "12.0 s"
    assert not dialog.warning_label.isVisibleTo(dialog)
    clock.advance(3)
    with qtbot.waitSignal(dialog._live.timeout, timeout=WAIT_MS):
        dialog.open_live()
    assert dialog.idle_label.text() == "15.0 s"


def test_warns_when_no_backend_works(qtbot: QtBot, clock: FakeClock, paths: Paths) -> None:
    """With the null fallback the dialog says sitting time counts whenever the session runs."""
    tracker = SittingTracker(clock, NullIdleSource("nothing answered"), 180)
    dialog = DiagnosticsDialog(tracker, IdleHealth(), paths, [])
    qtbot.add_widget(dialog)
    assert dialog.idle_label.text() == "no idle information"
    assert "No idle backend works" in dialog.warning_label.text()


def test_lists_every_busy_backend_with_its_answer(qtbot: QtBot, clock: FakeClock,
                                                  idle: FakeIdleSource, paths: Paths) -> None:
    """Each busy signal is listed with its backends, whether each works here and what it
    says now; a fallback says why nothing can read the signal; the answers follow the
    backends when refreshed.
    """
    mic = FakeBusySource(HoldReason.MICROPHONE, busy=True)
    screen = NullBusySource(HoldReason.SCREEN_SHARING, "no desktop API tells")
    broken = FakeBusySource(HoldReason.CAMERA, error=RuntimeError("camera backend broke"))
    dialog = DiagnosticsDialog(SittingTracker(clock, idle, 180), IdleHealth(), paths, [],
                               busy_sources=[screen, broken, mic])
    qtbot.add_widget(dialog)

    texts = {label.accessibleName(): label.text() for label, _ in dialog.busy_labels}
    assert texts["The microphone is in use"] == "fake microphone: busy now"
    assert texts["The screen is being shared"] == "cannot tell here: no desktop API tells"
    assert texts["The camera is in use"] == "fake camera: fails: camera backend broke"

    mic.busy = False
    dialog.refresh_busy()
    texts = {label.accessibleName(): label.text() for label, _ in dialog.busy_labels}
    assert texts["The microphone is in use"] == "fake microphone: not busy"


def test_says_how_offers_are_shown_and_why(qtbot: QtBot, clock: FakeClock,
                                           idle: FakeIdleSource, paths: Paths) -> None:
    """In a Wayland session without Xwayland the dialog says offers wait in the tray, and
    why.
    """
    offers = detect({"WAYLAND_DISPLAY": "wayland-0"}, "wayland")
    assert offers.path is OfferPath.TRAY

    dialog = DiagnosticsDialog(SittingTracker(clock, idle, 180), IdleHealth(), paths, [],
                               offers=offers)
    qtbot.add_widget(dialog)

    assert dialog.offers_label.text() == offers.summary
    assert "tray" in dialog.offers_label.text()
    assert "no Xwayland" in dialog.offers_reason_label.text()


def test_a_fallback_says_why_once(qtbot: QtBot, clock: FakeClock, idle: FakeIdleSource,
                                  paths: Paths) -> None:
    """A signal nothing reads here is shown with its why once, not in its name and again."""
    inhibitors = NullBusySource(HoldReason.IDLE_INHIBITED, NO_INHIBITORS)
    sharing = NullBusySource(HoldReason.SCREEN_SHARING, SCREEN_SHARING_UNKNOWN)
    dialog = DiagnosticsDialog(SittingTracker(clock, idle, 180), IdleHealth(), paths, [],
                               busy_sources=[sharing, inhibitors])
    qtbot.add_widget(dialog)

    texts = {label.accessibleName(): label.text() for label, _ in dialog.busy_labels}
    assert texts["The screen is being shared"] == f"cannot tell here: {SCREEN_SHARING_UNKNOWN}"
    assert texts["An application keeps the screen awake"] == (
        f"cannot tell here: {NO_INHIBITORS}")
