"""The state kept across a restart: capture before quitting, restore at the next start, with
a fake clock (the same boot, a reboot, a wall clock changed in between).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from deskbreath.core.holds import HoldReason
from deskbreath.core.localtime import seconds_between, wall_time
from deskbreath.core.policy import Mode, Moment, ReminderPolicy
from deskbreath.core.runtime_state import (
    CLOCK_TOLERANCE,
    Restored,
    RuntimeState,
    capture,
    describe,
    restore,
)
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import SittingTracker
from tests.fakes import FakeClock, FakeIdleSource

NATURAL_BREAK = 180.0
SETTINGS = Settings(reminder_interval=45 * 60.0, natural_break=NATURAL_BREAK)
MIC = frozenset({HoldReason.MICROPHONE})
NOTHING: frozenset[HoldReason] = frozenset()


@dataclass
class App:
    """One run of deskbreath's core: a policy and a tracker over the shared fake clock."""

    clock: FakeClock
    idle: FakeIdleSource
    policy: ReminderPolicy
    tracker: SittingTracker

    def moment(self) -> Moment:
        return Moment(self.clock.monotonic(), self.clock.now(), self.clock.zone())

    def tick(self, seconds: float, *, present: bool = True) -> None:
        """Let ``seconds`` pass in 15 s ticks; the user types if ``present``."""
        while seconds > 0:
            step = min(15.0, seconds)
            self.clock.advance(step)
            seconds -= step
            if present:
                self.idle.touch()
            self.policy.advance(self.tracker.update(), self.moment())

    def mode(self) -> Mode:
        return self.policy.mode(self.moment())

    def busy(self, reasons: frozenset[HoldReason], seconds: float = 0.0) -> None:
        """The busy sources say ``reasons`` now and for ``seconds`` more (asked every 15 s
        tick, as the controller asks them while a prompt is due); the user types.
        """
        self.policy.set_busy(reasons, self.tracker.snapshot(), self.moment())
        while seconds > 0:
            step = min(15.0, seconds)
            self.tick(step)
            seconds -= step
            self.policy.set_busy(reasons, self.tracker.snapshot(), self.moment())

    def until(self) -> datetime | None:
        """When the pause or snooze ends, as the status says (None when there is none)."""
        return self.policy.status(self.tracker.snapshot(), self.moment()).until

    def seconds_left(self) -> float:
        """Seconds until the pause or snooze ends (there must be one)."""
        until = self.until()
        assert until is not None, "neither paused nor snoozed"
        return seconds_between(until, self.clock.now())

    def due(self) -> bool:
        return self.policy.is_due(self.tracker.snapshot(), self.moment())

    def save(self) -> RuntimeState:
        self.policy.advance(self.tracker.update(), self.moment())
        return capture(self.policy, self.tracker, self.moment(), self.clock.boot_id())


def start(clock: FakeClock, settings: Settings = SETTINGS,
          state: RuntimeState | None = None) -> tuple[App, Restored | None]:
    """A fresh run at the clock's time; restores ``state`` when given, then takes one update."""
    idle = FakeIdleSource(clock)
    app = App(clock, idle, ReminderPolicy(settings),
              SittingTracker(clock, idle, settings.natural_break))
    restored = None
    if state is not None:
        restored = restore(state, app.policy, app.tracker, app.moment(), clock.boot_id())
    app.policy.advance(app.tracker.update(), app.moment())
    return app, restored


@pytest.fixture
def app(clock: FakeClock) -> App:
    """A fresh run at the clock's time, with no state restored."""
    return start(clock)[0]


def test_pause_until_tomorrow_survives_a_reboot_and_ends_at_day_start(clock: FakeClock) -> None:
    """Paused until tomorrow at 22:00, rebooted at 22:10: still paused until 08:00, and
    running from then.
    """
    clock.advance(13 * 3600)  # Monday 22:00
    app, _ = start(clock)
    app.policy.pause(app.moment(), until_tomorrow=True)
    until = app.until()
    state = app.save()

    clock.reboot(600)
    again, _ = start(clock, state=state)

    assert again.mode() is Mode.PAUSED
    assert again.until() == until
    assert until is not None
    again.tick(seconds_between(until, clock.now()) - 1, present=False)
    assert again.mode() is Mode.PAUSED
    again.tick(2, present=False)
    assert again.mode() is Mode.RUNNING


def test_pause_until_tomorrow_across_the_spring_change_keeps_the_local_morning() -> None:
    """Berlin: paused at 23:30 the night before the change, restarted at 01:00: the pause still
    ends at 08:00 local, 08:00+02:00.
    """
    clock = FakeClock(datetime(2026, 3, 28, 23, 30, tzinfo=ZoneInfo("Europe/Berlin")))
    app, _ = start(clock)
    app.policy.pause(app.moment(), until_tomorrow=True)
    state = app.save()

    clock.reboot(90 * 60)
    again, _ = start(clock, state=state)
    until = again.until()

    assert until is not None
    assert until.isoformat() == "2026-03-29T08:00:00+02:00"


def test_a_pause_whose_end_passed_is_over(app: App, clock: FakeClock) -> None:
    """A pause until 10:00 and a restart at 10:30: running, with a fresh interval."""
    app.policy.pause(app.moment(), until=wall_time(date(2026, 11, 23), time(10), clock.zone()))
    state = app.save()

    clock.reboot(90 * 60)
    again, _ = start(clock, state=state)

    assert again.mode() is Mode.RUNNING


def test_a_plain_pause_survives_until_resumed(app: App, clock: FakeClock) -> None:
    """A pause with no end is still in force after a day off."""
    app.policy.pause(app.moment())
    state = app.save()

    clock.reboot(24 * 3600)
    again, _ = start(clock, state=state)

    assert again.mode() is Mode.PAUSED
    assert again.until() is None


@pytest.mark.parametrize("same_boot", [True, False])
def test_a_pause_for_a_duration_keeps_what_was_left(app: App, clock: FakeClock,
                                                    same_boot: bool) -> None:
    """Paused for an hour, quit after 20 min, restarted 15 min later: 25 min of pause are left
    (read on the monotonic clock in the same boot, on the wall clock after a reboot).
    """
    app.policy.pause(app.moment(), seconds=3600)
    app.tick(20 * 60)
    state = app.save()

    if same_boot:
        clock.advance(15 * 60)
    else:
        clock.reboot(15 * 60)
    again, _ = start(clock, state=state)

    assert again.seconds_left() == pytest.approx(25 * 60)


def test_a_wall_clock_change_while_off_does_not_stretch_a_pause(app: App,
                                                                clock: FakeClock) -> None:
    """Same boot, but the wall clock was set back a day while deskbreath was off: the monotonic
    clock says 5 minutes passed, so 55 min of an hour's pause are left.
    """
    app.policy.pause(app.moment(), seconds=3600)
    state = app.save()

    clock.advance(300)
    clock.jump_wall(-24 * 3600)
    again, _ = start(clock, state=state)

    assert again.seconds_left() == pytest.approx(55 * 60)


def test_a_clock_set_back_across_a_reboot_never_lengthens_a_pause(app: App,
                                                                  clock: FakeClock) -> None:
    """After a reboot with the wall clock a day behind the save, no more than what was left at
    the save remains.
    """
    app.policy.pause(app.moment(), seconds=3600)
    app.tick(600)
    state = app.save()

    clock.reboot(-24 * 3600)
    again, _ = start(clock, state=state)

    assert again.seconds_left() == pytest.approx(50 * 60)


def test_a_snooze_survives_with_the_time_left(app: App, clock: FakeClock) -> None:
    """Snoozed 30 min, restarted 10 min later: snoozed for 20 more minutes."""
    app.policy.snooze(1800, app.moment())
    state = app.save()

    clock.reboot(600)
    again, _ = start(clock, state=state)

    assert again.mode() is Mode.SNOOZED
    assert again.seconds_left() == pytest.approx(1200)


def test_a_snooze_that_ran_out_is_over(app: App, clock: FakeClock) -> None:
    """Snoozed 5 min, restarted 10 min later: running."""
    app.policy.snooze(300, app.moment())
    state = app.save()

    clock.reboot(600)
    again, _ = start(clock, state=state)

    assert again.mode() is Mode.RUNNING


def test_the_rotation_goes_on_where_it_was(app: App, clock: FakeClock) -> None:
    """Breathing done: after a restart rotation is next, not breathing again."""
    app.tick(45 * 60)
    app.policy.prompt_closed("breathing", app.tracker.update(), answered=True)
    state = app.save()

    clock.reboot(3600)
    again, _ = start(clock, state=state)

    assert again.policy.next_exercise == "rotation"


def test_a_next_exercise_no_longer_enabled_gives_way_to_the_first(app: App,
                                                                  clock: FakeClock) -> None:
    """Rotation was next but is now disabled: the first enabled exercise is next."""
    app.policy.prompt_closed("breathing", app.tracker.update(), answered=True)
    state = app.save()

    clock.reboot(60)
    again, _ = start(clock, replace(SETTINGS, exercises=("posture", "breathing")), state)

    assert again.policy.next_exercise == "posture"


@pytest.mark.parametrize("same_boot", [True, False])
def test_a_quick_restart_continues_the_bout(app: App, clock: FakeClock, same_boot: bool) -> None:
    """30 min sat, 10 of them since the last prompt; restarted within a minute: the bout goes
    on with its 30 min, and the next prompt needs the 35 min still missing.
    """
    app.tick(20 * 60)
    app.policy.prompt_closed("breathing", app.tracker.update(), answered=True)
    app.tick(10 * 60)
    state = app.save()

    if same_boot:
        clock.advance(40)
    else:
        clock.reboot(40)
    again, restored = start(clock, state=state)

    assert restored is not None
    assert restored.bout_continues
    assert restored.away_for == pytest.approx(40, abs=1)
    snapshot = again.tracker.snapshot()
    assert snapshot.bout_seconds == pytest.approx(30 * 60, abs=1)
    assert again.policy.due_in(snapshot) == pytest.approx(35 * 60, abs=1)
    assert again.tracker.bout_started == pytest.approx(clock.monotonic() - 30 * 60 - 40, abs=1)


@pytest.mark.parametrize("same_boot", [True, False])
def test_a_long_restart_starts_a_new_bout(app: App, clock: FakeClock, same_boot: bool) -> None:
    """Restarted after the natural break: a new bout, a full interval to go."""
    app.tick(30 * 60)
    state = app.save()

    if same_boot:
        clock.advance(NATURAL_BREAK + 1)
    else:
        clock.reboot(NATURAL_BREAK + 1)
    again, restored = start(clock, state=state)

    assert restored is not None
    assert not restored.bout_continues
    assert again.tracker.snapshot().bout_seconds == pytest.approx(0, abs=1)
    assert again.policy.due_in(again.tracker.snapshot()) == pytest.approx(45 * 60, abs=1)


def test_idle_before_the_quit_counts_towards_the_break(app: App, clock: FakeClock) -> None:
    """Idle 2 min before quitting and 2 min off: 4 min without input is a natural break."""
    app.tick(30 * 60)
    app.tick(120, present=False)
    state = app.save()

    clock.advance(120)
    _, restored = start(clock, state=state)

    assert restored is not None
    assert not restored.bout_continues
    assert restored.away_for == pytest.approx(240, abs=1)


def test_a_bout_under_a_locked_screen_counts_from_the_lock(app: App, clock: FakeClock) -> None:
    """Locked for 2 min before the quit, 2 min off: 4 min away, a new bout."""
    app.tick(30 * 60)
    app.tracker.set_away("locked", True)
    clock.advance(120)
    state = app.save()

    clock.advance(120)
    _, restored = start(clock, state=state)

    assert restored is not None
    assert not restored.bout_continues


@pytest.mark.parametrize(("back", "continues"), [(CLOCK_TOLERANCE - 5, True),
                                                 (CLOCK_TOLERANCE + 5, False)])
def test_a_clock_set_back_across_a_reboot(app: App, clock: FakeClock, back: float,
                                          continues: bool) -> None:
    """After a reboot whose wall clock is behind the save, a bout continues only when the
    clock moved back by less than the tolerance (an NTP correction); otherwise nobody knows
    how long the user was away, and a new bout begins.
    """
    app.tick(30 * 60)
    state = app.save()

    clock.reboot(-back)
    _, restored = start(clock, state=state)

    assert restored is not None
    assert restored.bout_continues is continues


def test_nothing_to_keep_restores_a_plain_start(app: App, clock: FakeClock) -> None:
    """A state with no pause, snooze or bout gives the usual start, and says so."""
    state = app.save()

    clock.reboot(60)
    again, restored = start(clock, state=state)

    assert again.mode() is Mode.RUNNING
    assert restored is not None
    assert describe(state, restored) == "next exercise breathing, no bout under way"


@pytest.mark.parametrize("same_boot", [True, False])
def test_a_hold_goes_on_after_a_quick_restart_and_the_cap_counts_from_its_start(
    app: App, clock: FakeClock, same_boot: bool,
) -> None:
    """Held back by the microphone for 50 min, restarted 40 s later, still in the call: held
    back again at once (a new hold from the start), and the one-hour nudge comes 10 min later,
    not an hour after the restart.
    """
    app.tick(45 * 60 + 15)
    app.busy(MIC, 50 * 60)
    state = app.save()

    if same_boot:
        clock.advance(40)
    else:
        clock.reboot(40)
    again, restored = start(clock, state=state)
    again.busy(MIC)

    assert restored is not None
    assert "the hold on the due prompt goes on (microphone)" in describe(state, restored)
    held = again.policy.held_back(again.tracker.snapshot(), again.moment())
    assert held is not None
    assert (held.reason, held.since) == (HoldReason.MICROPHONE, clock.now())
    assert not again.policy.nudge_due(again.tracker.snapshot(), again.moment())
    again.busy(MIC, 10 * 60)
    assert again.policy.nudge_due(again.tracker.snapshot(), again.moment())


def test_a_nudge_given_before_a_restart_is_not_given_again(app: App, clock: FakeClock) -> None:
    """Nudged after an hour of holding, restarted, still busy: the prompt still waits (the
    tray shows it), but there is no second nudge.
    """
    app.tick(45 * 60 + 15)
    app.busy(MIC, 61 * 60)
    assert app.policy.nudge_due(app.tracker.snapshot(), app.moment())
    app.policy.nudged()
    state = app.save()

    clock.advance(40)
    again, _ = start(clock, state=state)
    again.busy(MIC, 60)

    snapshot = again.tracker.snapshot()
    assert again.policy.status(snapshot, again.moment()).waiting
    assert not again.policy.nudge_due(snapshot, again.moment())


def test_a_grace_period_under_way_keeps_its_end(app: App, clock: FakeClock) -> None:
    """The call ended 20 s before the quit (grace 60 s), restarted 10 s later: the prompt comes
    30 s after the start, not at once.
    """
    app.tick(45 * 60 + 15)
    app.busy(MIC, 10 * 60)
    app.busy(NOTHING, 15)
    app.tick(5)
    state = app.save()

    clock.advance(10)
    again, _ = start(clock, state=state)
    again.busy(NOTHING)

    assert not again.due()
    again.busy(NOTHING, 25)
    assert not again.due()
    again.tick(6)
    assert again.due()


def test_a_signal_that_ended_while_off_brings_the_prompt_after_the_grace(
    app: App, clock: FakeClock,
) -> None:
    """Held back by a call at the quit; at the start the call is over: the prompt comes a
    grace period (60 s) after the first check, never the instant deskbreath starts.
    """
    app.tick(45 * 60 + 15)
    app.busy(MIC, 10 * 60)
    state = app.save()

    clock.advance(40)
    again, _ = start(clock, state=state)
    again.busy(NOTHING)

    assert not again.due()
    assert again.policy.held_back(again.tracker.snapshot(), again.moment()) is None
    again.busy(NOTHING, 45)
    assert not again.due()
    again.tick(15)
    assert again.due()


def test_no_hold_comes_back_with_a_new_bout(app: App, clock: FakeClock) -> None:
    """Held back at the quit, restarted after the natural break: a new bout, no prompt due,
    and nothing of the hold kept (the next prompt is held afresh if need be).
    """
    app.tick(45 * 60 + 15)
    app.busy(MIC, 10 * 60)
    state = app.save()
    assert state.hold is not None

    clock.advance(NATURAL_BREAK + 1)
    again, restored = start(clock, state=state)

    assert restored is not None
    assert restored.memory.hold is None
    assert again.policy.memory().hold is None
    assert not again.due()
