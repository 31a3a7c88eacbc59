"""HoldBack on the fake clock: typing waits for a lull within a bound, the grace period
follows busy signals but not typing, and a long hold asks for one nudge.
"""

from __future__ import annotations

import pytest

from deskbreath.core.clock import Moment
from deskbreath.core.holds import TYPING_BOUND, HoldBack, HoldMemory, HoldReason
from tests.fakes import FakeClock

MIC = frozenset({HoldReason.MICROPHONE})
TYPING = frozenset({HoldReason.TYPING})
NOTHING: frozenset[HoldReason] = frozenset()


def at(clock: FakeClock) -> Moment:
    """The clock's current moment (monotonic and wall time, zone)."""
    return Moment(clock.monotonic(), clock.now(), clock.zone())


@pytest.fixture
def hold() -> HoldBack:
    """A hold with a 60 s grace and a one-hour cap."""
    return HoldBack(grace=60.0, max_hold=3600.0)


def test_typing_holds_until_a_lull_with_no_grace(hold: HoldBack, clock: FakeClock) -> None:
    """Typing holds the prompt and shows as the reason; the first lull lets it come at once."""
    hold.update(TYPING, at(clock))
    held = hold.hold(at(clock))
    assert held is not None
    assert held.reason is HoldReason.TYPING
    assert hold.holds()

    clock.advance(4)
    hold.advance(at(clock))
    hold.update(NOTHING, at(clock))

    assert not hold.holds()
    assert hold.grace_left(at(clock)) == 0


def test_typing_gives_way_after_the_bound(hold: HoldBack, clock: FakeClock) -> None:
    """Two minutes of typing without a lull: the prompt comes anyway."""
    hold.update(TYPING, at(clock))
    assert hold.typing_until() == clock.monotonic() + TYPING_BOUND
    clock.advance(TYPING_BOUND - 1)
    hold.update(TYPING, at(clock))
    assert hold.holds()

    clock.advance(1)
    hold.update(TYPING, at(clock))

    assert not hold.holds()
    assert hold.hold(at(clock)) is None
    assert hold.typing_until() is None


def test_typing_does_not_count_while_something_else_holds(
        hold: HoldBack, clock: FakeClock) -> None:
    """During a call typing is not a reason (the call is), and after the call the grace
    period runs before typing matters; then a fresh typing hold starts.
    """
    hold.update(MIC | TYPING, at(clock))
    held = hold.hold(at(clock))
    assert held is not None
    assert held.reasons == MIC

    clock.advance(300)
    hold.update(TYPING, at(clock))  # the call ends while typing notes
    assert hold.hold(at(clock)) is None
    assert hold.grace_left(at(clock)) == 60
    clock.advance(60)
    hold.advance(at(clock))
    typing_from = clock.now()
    hold.update(TYPING, at(clock))

    held = hold.hold(at(clock))
    assert held is not None
    assert (held.reason, held.since) == (HoldReason.TYPING, typing_from)


def test_a_long_hold_asks_for_one_nudge(hold: HoldBack, clock: FakeClock) -> None:
    """After max_hold of holding the hold is overdue and asks for a nudge once; it stays
    held (no window).
    """
    hold.update(MIC, at(clock))
    clock.advance(3599)
    assert not hold.nudge_due(at(clock))
    clock.advance(1)

    assert hold.nudge_due(at(clock))
    held = hold.hold(at(clock))
    assert held is not None
    assert held.overdue
    hold.nudged()
    assert not hold.nudge_due(at(clock))
    assert hold.holds()


def test_the_cap_counts_across_grace_periods(hold: HoldBack, clock: FakeClock) -> None:
    """Two calls with a short pause between them add up towards the cap: the prompt has
    waited since the first.
    """
    hold.update(MIC, at(clock))
    clock.advance(1800)
    hold.update(NOTHING, at(clock))
    clock.advance(30)
    hold.update(MIC, at(clock))
    clock.advance(1770)

    assert hold.nudge_due(at(clock))


def test_typing_alone_never_asks_for_a_nudge(clock: FakeClock) -> None:
    """Typing gives way long before any cap; it is never overdue."""
    hold = HoldBack(grace=60.0, max_hold=60.0)
    hold.update(TYPING, at(clock))
    clock.advance(90)
    hold.update(TYPING, at(clock))

    assert not hold.nudge_due(at(clock))


def test_drop_forgets_everything(hold: HoldBack, clock: FakeClock) -> None:
    """A dropped hold has no reason, no grace and a fresh cap."""
    hold.update(MIC, at(clock))
    clock.advance(3600)
    hold.nudged()
    hold.drop()

    assert not hold.holds()
    hold.update(MIC, at(clock))
    assert not hold.nudge_due(at(clock))


def test_a_zero_grace_lets_the_prompt_come_at_once(clock: FakeClock) -> None:
    """``grace = "0s"``: the prompt comes the moment the last signal ends."""
    hold = HoldBack(grace=0.0, max_hold=3600.0)
    hold.update(MIC, at(clock))
    hold.update(NOTHING, at(clock))

    assert not hold.holds()


def test_every_reason_has_a_settings_key() -> None:
    """Each reason is switched by the [busy] key of the same name with underscores."""
    assert {r.setting for r in HoldReason} == {
        "do_not_disturb", "fullscreen", "idle_inhibited", "microphone", "camera",
        "screen_sharing", "typing"}


def test_memory_keeps_the_course_of_a_hold_and_recall_gives_it_back(
    hold: HoldBack, clock: FakeClock,
) -> None:
    """No memory before a hold; after one its reasons, start, grace end and nudge come back
    into a fresh HoldBack, which shows nothing until the sources are asked again.
    """
    assert hold.memory() is None
    first = clock.monotonic()
    hold.update(MIC, at(clock))
    clock.advance(30)
    hold.update(NOTHING, at(clock))
    hold.nudged()

    memory = hold.memory()
    fresh = HoldBack(grace=60.0, max_hold=3600.0)
    fresh.recall(memory)

    assert memory == HoldMemory(frozenset(), first, clock.monotonic() + 60.0, True)
    assert fresh.memory() == memory
    assert fresh.hold(at(clock)) is None
    assert fresh.grace_left(at(clock)) == 60.0
    assert fresh.was_nudged
