"""Local times across daylight-saving changes: every time the policy makes carries the UTC
offset in force at its instant, in a northern and two southern-hemisphere zones, on the
spring and the autumn change, with a fake clock.
"""

from __future__ import annotations

import os
import time as time_module
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
import tzlocal

from deskbreath.core.clock import SystemClock
from deskbreath.core.localtime import (
    SystemLocalZone,
    in_zone,
    local_zone,
    next_day_start,
    next_occurrence,
    seconds_between,
    shift,
    wall_time,
)
from deskbreath.core.policy import Mode, Moment, ReminderPolicy
from deskbreath.core.report import status_document
from deskbreath.core.settings.model import WEEKDAYS, Settings, TimeRange
from deskbreath.core.sitting import SittingSnapshot
from deskbreath.core.working_hours import next_change
from tests.fakes import FakeClock

ZONES = ("Europe/Berlin", "Australia/Sydney", "America/Santiago")


@dataclass(frozen=True)
class Change:
    """One daylight-saving change: the instant, and the offsets before and after it."""

    zone: ZoneInfo
    at: datetime  # UTC
    before: timedelta
    after: timedelta

    @property
    def spring(self) -> bool:
        return self.after > self.before

    def local_day(self) -> date:
        """The local date on which the change happens."""
        return in_zone(self.at, self.zone).date()


def changes(name: str, year: int = 2026) -> list[Change]:
    """The zone's offset changes in ``year``, found by looking every 15 minutes."""
    zone = ZoneInfo(name)
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment.year == year:
        moment += timedelta(minutes=15)
        now = moment.astimezone(zone).utcoffset()
        if now != offset:
            assert offset is not None
            assert now is not None
            found.append(Change(zone, moment, offset, now))
            offset = now
    return found


CHANGES = [pytest.param(change, id=f"{name}-{'spring' if change.spring else 'autumn'}")
           for name in ZONES for change in changes(name)]


def offset_in_force(moment: datetime, zone: tzinfo) -> timedelta | None:
    """The UTC offset ``zone`` has in force at ``moment``'s instant."""
    return moment.astimezone(zone).utcoffset()


def assert_right_offset(moment: datetime | None, zone: tzinfo) -> datetime:
    """``moment`` carries the UTC offset in force at its own instant."""
    assert moment is not None
    assert moment.utcoffset() == offset_in_force(moment, zone), moment.isoformat()
    return moment


def clock_at(change: Change, hours_before: float) -> FakeClock:
    """A fake clock in the change's zone, ``hours_before`` hours before it."""
    return FakeClock((change.at - timedelta(hours=hours_before)).astimezone(change.zone))


def moment_of(clock: FakeClock) -> Moment:
    """The clock's current moment (monotonic and wall time, zone)."""
    return Moment(clock.monotonic(), clock.now(), clock.zone())


def snap(bout: float = 0.0) -> SittingSnapshot:
    """A present user's sitting snapshot with a bout of ``bout`` seconds and no idle time."""
    return SittingSnapshot(bout_seconds=bout, bout_id=0, present=True, idle_seconds=0.0)


def test_every_zone_has_a_spring_and_an_autumn_change() -> None:
    """The test zones really change twice in 2026 (the southern ones the other way round)."""
    for name in ZONES:
        found = changes(name)
        assert sorted(c.spring for c in found) == [False, True], name
    sydney = changes("Australia/Sydney")
    assert not sydney[0].spring  # April: autumn in the south


@pytest.mark.parametrize("change", CHANGES)
def test_the_clock_reads_the_offset_in_force_on_both_sides(change: Change) -> None:
    """Every 10 minutes from two hours before to two hours after, now() has the offset in
    force at that instant.
    """
    clock = clock_at(change, 2)
    for _ in range(24):
        clock.advance(600)
        assert_right_offset(clock.now(), change.zone)
    assert clock.now().utcoffset() == change.after


@pytest.mark.parametrize("change", CHANGES)
def test_pause_until_tomorrow_the_night_before_ends_at_day_start_local(change: Change) -> None:
    """At 23:30 the evening before the change, "until tomorrow" ends at 08:00 local on the
    change day, reported with that morning's offset, and ends at that instant exactly.
    """
    evening = wall_time(change.local_day() - timedelta(days=1), time(23, 30), change.zone)
    clock = FakeClock(evening.astimezone(change.zone))
    policy = ReminderPolicy(Settings())
    policy.pause(moment_of(clock), until_tomorrow=True)

    until = assert_right_offset(policy.status(snap(), moment_of(clock)).until, change.zone)
    document = status_document(policy.status(snap(), moment_of(clock)), idle_backend="fake",
                               idle_seconds=None, now=clock.now())

    assert until.date() == change.local_day()
    assert until.time() == time(8, 0)
    assert document["until"] == until.isoformat(timespec="seconds")
    clock.advance(seconds_between(until, clock.now()) - 1)
    policy.advance(snap(), moment_of(clock))
    assert policy.mode(moment_of(clock)) is Mode.PAUSED
    clock.advance(1)
    policy.advance(snap(), moment_of(clock))
    assert policy.mode(moment_of(clock)) is Mode.RUNNING


def test_the_reported_case_berlin_spring() -> None:
    """The case from the report: TZ=Europe/Berlin, 2026-03-28 23:30, pause --until-tomorrow
    reports 08:00+02:00, not 08:00+01:00 (which is 09:00 local).
    """
    clock = FakeClock(datetime(2026, 3, 28, 23, 30, tzinfo=ZoneInfo("Europe/Berlin")))
    policy = ReminderPolicy(Settings())
    policy.pause(moment_of(clock), until_tomorrow=True)

    document = status_document(policy.status(snap(), moment_of(clock)), idle_backend="fake",
                               idle_seconds=None, now=clock.now())

    assert document["until"] == "2026-03-29T08:00:00+02:00"


@pytest.mark.parametrize("change", CHANGES)
def test_a_three_hour_pause_across_the_change_lasts_three_real_hours(change: Change) -> None:
    """A 3 h pause started 1.5 h before the change ends 3 real hours later, shown with the
    offset in force then (so the wall clock moved 2 or 4 hours).
    """
    clock = clock_at(change, 1.5)
    start = clock.now()
    policy = ReminderPolicy(Settings())
    policy.pause(moment_of(clock), seconds=3 * 3600)

    until = assert_right_offset(policy.status(snap(), moment_of(clock)).until, change.zone)

    assert seconds_between(until, start) == 3 * 3600
    assert until.utcoffset() == change.after


@pytest.mark.parametrize("change", CHANGES)
def test_snooze_and_next_prompt_across_the_change(change: Change) -> None:
    """A snooze's end and the next prompt's time lie the right number of real seconds ahead
    and carry the offset in force then; `in_seconds` is the real wait.
    """
    clock = clock_at(change, 0.5)
    policy = ReminderPolicy(Settings(reminder_interval=45 * 60))
    status = policy.status(snap(), moment_of(clock))
    next_at = assert_right_offset(status.next_prompt_at, change.zone)
    document = status_document(status, idle_backend="fake", idle_seconds=None, now=clock.now())

    assert seconds_between(next_at, clock.now()) == 45 * 60
    assert document["next_prompt"]["in_seconds"] == 45 * 60
    assert document["next_prompt"]["at"] == next_at.isoformat(timespec="seconds")

    policy.snooze(7200, moment_of(clock))
    snoozed = policy.status(snap(), moment_of(clock))
    assert seconds_between(assert_right_offset(snoozed.until, change.zone), clock.now()) == 7200


@pytest.mark.parametrize("change", CHANGES)
def test_until_a_clock_time_after_the_change(change: Change) -> None:
    """--until 09:00 given an hour before the change means 09:00 on the wall clock after it."""
    clock = clock_at(change, 1)
    until = next_occurrence(time(9, 0), clock.now(), change.zone)

    assert_right_offset(until, change.zone)
    assert until.time() == time(9, 0)
    assert until > clock.now()
    assert seconds_between(until, clock.now()) < 36 * 3600


@pytest.mark.parametrize("change", CHANGES)
def test_working_hours_start_on_the_wall_clock_after_the_change(change: Change) -> None:
    """Working hours 06:00–18:00 every day: seen from before the change, they next start at
    06:00 local with the new offset.
    """
    hours = dict.fromkeys(WEEKDAYS, (TimeRange(time(6, 0), time(18, 0)),))
    clock = clock_at(change, 0.25)
    local = clock.now()
    start_day = local.date() if local.time() < time(6) else local.date() + timedelta(days=1)
    if time(6) <= local.time() < time(18):
        pytest.skip("this change falls inside working hours")  # not the case for these zones

    change_at = next_change(hours, clock.now(), change.zone)

    assert_right_offset(change_at, change.zone)
    assert change_at == wall_time(start_day, time(6, 0), change.zone)
    assert change_at.time() == time(6, 0)


@pytest.mark.parametrize("change", CHANGES)
def test_a_wall_time_the_change_skips_or_repeats(change: Change) -> None:
    """Half an hour into the hour the clocks skip is taken on the old offset (so it reads an
    hour later); half an hour into the repeated hour means its first occurrence.
    """
    if change.spring:  # the wall clock jumped from `changed` to `changed + 1 h`
        wall = (change.at + change.before).replace(tzinfo=None) + timedelta(minutes=30)
        instant = wall.replace(tzinfo=UTC) - change.before
    else:  # the wall clock went back from `changed + 1 h` to `changed`
        wall = (change.at + change.after).replace(tzinfo=None) + timedelta(minutes=30)
        instant = wall.replace(tzinfo=UTC) - change.before

    moment = wall_time(wall.date(), wall.time(), change.zone)

    assert_right_offset(moment, change.zone)
    assert moment == instant
    assert moment.utcoffset() == (change.after if change.spring else change.before)


def test_next_day_start_in_the_small_hours_is_this_morning() -> None:
    """At 01:00, "until tomorrow" ends at 08:00 the same day."""
    zone = ZoneInfo("Europe/Berlin")
    now = wall_time(date(2026, 3, 29), time(1, 0), zone)

    assert next_day_start(now, time(8), zone) == wall_time(date(2026, 3, 29), time(8), zone)


def test_shift_counts_real_seconds() -> None:
    """Three hours after 01:00 on Berlin's spring change is 05:00 local (two hours skipped
    one).
    """
    zone = ZoneInfo("Europe/Berlin")
    start = wall_time(date(2026, 3, 29), time(1, 0), zone)

    assert shift(start, 3 * 3600, zone).isoformat() == "2026-03-29T05:00:00+02:00"


# -- the C library's rules, for a TZ that no zone file names -----------------------------


@contextmanager
def tz_set_to(value: str) -> Iterator[None]:
    """TZ set to ``value`` (for the C library too) inside the block, then restored, with
    tzlocal's cached zone (which APScheduler reads) read again.
    """
    before = os.environ.get("TZ")
    os.environ["TZ"] = value
    time_module.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time_module.tzset()
        tzlocal.reload_localzone()


@pytest.fixture
def posix_tz() -> Iterator[None]:
    """TZ set to Berlin's rules as a POSIX rule string for the test, then restored."""
    with tz_set_to("CET-1CEST,M3.5.0,M10.5.0/3"):
        yield


def test_the_local_zone_is_the_iana_zone_tz_names() -> None:
    """TZ=Australia/Sydney gives that zone, and the system clock reads the offset in force."""
    with tz_set_to("Australia/Sydney"):
        zone = local_zone()
        now = SystemClock().now()
        system_offset = datetime.now().astimezone().utcoffset()

    assert zone == ZoneInfo("Australia/Sydney")
    assert now.utcoffset() == system_offset


def test_a_tz_rule_string_falls_back_to_the_c_library(posix_tz: None) -> None:
    """A TZ that names no zone file still gives a zone that follows its rules."""
    zone = local_zone()

    assert isinstance(zone, SystemLocalZone)
    assert wall_time(date(2026, 3, 29), time(8), zone).isoformat() == "2026-03-29T08:00:00+02:00"


def test_system_zone_follows_a_posix_rule_string_like_the_named_zone(posix_tz: None) -> None:
    """With TZ as a rule string, the C library's zone gives the same local times as
    ZoneInfo("Europe/Berlin") every 15 minutes around both 2026 changes, and the same wall
    times for every half hour of the change nights (skipped and repeated included).
    """
    system, berlin = SystemLocalZone(), ZoneInfo("Europe/Berlin")
    for change in changes("Europe/Berlin"):
        for step in range(-8, 9):
            instant = change.at + timedelta(minutes=15 * step)
            assert in_zone(instant, system).isoformat() == in_zone(instant, berlin).isoformat()
        for minutes in range(0, 6 * 60, 30):
            clock_time = time(minutes // 60, minutes % 60)
            assert (wall_time(change.local_day(), clock_time, system).isoformat()
                    == wall_time(change.local_day(), clock_time, berlin).isoformat())


def test_a_health_log_bout_across_the_change_keeps_each_end_s_own_offset() -> None:
    """A bout sat from 01:40 to 03:20 on Berlin's spring night, first seen by the health log
    at its end, is recorded as starting at 01:40+01:00 (not 02:40+02:00, which never was).
    """
    from deskbreath.core.health import Bout, Journal, MemoryHealthRecorder
    from deskbreath.core.sitting import SittingTracker
    from tests.fakes import FakeIdleSource

    zone = ZoneInfo("Europe/Berlin")
    clock = FakeClock(datetime(2026, 3, 29, 1, 40, tzinfo=zone))
    idle = FakeIdleSource(clock)
    tracker = SittingTracker(clock, idle, 180.0)
    recorder = MemoryHealthRecorder()
    journal = Journal(recorder, Settings, zone=zone)
    for _ in range(40 * 4):
        clock.advance(15)
        idle.touch()
        snapshot = tracker.update()

    journal.observe(snapshot, clock.now(), clock.monotonic())
    journal.close(clock.now())

    bout = recorder.records[-1]
    assert isinstance(bout, Bout)
    assert bout.start.isoformat() == "2026-03-29T01:40:00+01:00"
    assert bout.end.isoformat() == "2026-03-29T03:20:00+02:00"
