"""Local wall time that is right on every day of the year.

The rule: every aware datetime deskbreath keeps, prints or stores carries the UTC offset in
force *at that instant* in the user's time zone. A fixed offset taken from another instant is
wrong for half the year somewhere: ``datetime.combine(tomorrow, 08:00, tzinfo=now.tzinfo)``
at 23:30 before a spring change gives 08:00+01:00, which is 09:00 local; ``now + 3 h`` across
the change keeps the old offset.

So datetimes carry a fixed offset (``datetime.timezone``) that is correct for their own
instant, which keeps subtraction and comparison exact (two datetimes with the *same* zone
object, such as a ``ZoneInfo``, are subtracted by wall clock, an hour wrong across a change).
New instants are made only through this module, which consults the zone's rules for each one:

* :func:`in_zone` — an instant, with the offset in force then;
* :func:`shift` — the instant some seconds later (real seconds, not wall-clock ones);
* :func:`wall_time` — a date and a time of day on the local wall clock (02:30 on the night
  the clocks go forward does not exist and becomes 03:30; in the repeated hour of the autumn
  change the first 01:30 is meant);
* :func:`next_occurrence` — the next time the wall clock shows a given time.

The zone itself comes from :func:`local_zone`: the IANA zone named by ``TZ`` or the system
settings (through ``tzlocal``, already a dependency of APScheduler), else the C library's own
rules (:class:`SystemLocalZone`, for a ``TZ`` rule string such as ``CET-1CEST,M3.5.0,M10.5.0/3``
that no zone file names).
"""

from __future__ import annotations

import logging
import time as _time
import warnings
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

log = logging.getLogger(__name__)


_EPOCH = datetime(1970, 1, 1)
_DAY = 86_400


def in_zone(instant: datetime, zone: tzinfo) -> datetime:
    """``instant`` on the local wall clock of ``zone``, with the fixed UTC offset in force then.

    The fixed offset makes later arithmetic on it exact.

    Raises:
        ValueError: ``instant`` is naive.
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"a naive datetime has no instant: {instant!r}")
    # Through UTC: astimezone() into the zone a datetime already has changes nothing, which
    # would keep a wall time the clocks skip.
    local = instant.astimezone(UTC).astimezone(zone)
    offset = local.utcoffset()
    assert offset is not None  # astimezone into a zone always gives an aware result
    return local.replace(tzinfo=timezone(offset), fold=0)


def shift(moment: datetime, seconds: float, zone: tzinfo) -> datetime:
    """The instant ``seconds`` real seconds after ``moment``, with the offset in force then."""
    return in_zone(moment + timedelta(seconds=seconds), zone)


def wall_time(day: date, clock_time: time, zone: tzinfo) -> datetime:
    """When the wall clock of ``zone`` shows ``clock_time`` on ``day``.

    A time that the clocks skip (spring forward) is taken as that many minutes after the
    change, as a person resetting a watch would: 02:30 becomes 03:30. A time that occurs twice
    (autumn) is its first occurrence.
    """
    naive = datetime.combine(day, clock_time.replace(tzinfo=None, fold=0))
    return in_zone(naive.replace(tzinfo=zone), zone)


def next_occurrence(clock_time: time, now: datetime, zone: tzinfo) -> datetime:
    """The first moment after ``now`` at which the wall clock of ``zone`` shows ``clock_time``.

    It is today or tomorrow.
    """
    today = in_zone(now, zone).date()
    for day in (today, today + timedelta(days=1), today + timedelta(days=2)):
        candidate = wall_time(day, clock_time, zone)
        if candidate > now:
            return candidate
    raise AssertionError("a time of day always comes again within two days")


def next_day_start(now: datetime, day_start: time, zone: tzinfo) -> datetime:
    """When "until tomorrow" ends: ``day_start`` on the next day, or later today.

    Later today when ``now`` is after midnight but before the day has started (01:00 means
    this morning).
    """
    today = in_zone(now, zone).date()
    start = wall_time(today, day_start, zone)
    if now < start:
        return start
    return wall_time(today + timedelta(days=1), day_start, zone)


def seconds_between(later: datetime, earlier: datetime) -> float:
    """Real seconds from ``earlier`` to ``later`` (negative when ``later`` is before).

    The zone objects the two carry do not matter.
    """
    return later.timestamp() - earlier.timestamp()


# -- the system's zone ---------------------------------------------------------------------


class SystemLocalZone(tzinfo):
    """The C library's local time rules as a ``tzinfo``, resolved for each instant.

    The fallback for a zone that no IANA zone file names (a POSIX ``TZ`` rule string). It
    follows PEP 495: in the repeated hour ``fold`` picks the occurrence; a skipped wall time
    gets the offset from before the change (fold 0), as ``zoneinfo`` does. It assumes two UTC
    offset changes are more than a day apart, as they are in every real zone.
    """

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        """The offset in force at wall time ``dt``; ``fold`` picks the occurrence (PEP 495)."""
        if dt is None:
            return None
        wall = _seconds(dt.replace(tzinfo=None))
        valid = sorted({wall - offset for offset in self._candidates(wall)
                        if _gmtoff(wall - offset) == offset})
        if not valid:  # skipped by a change: fold 0 takes the offset from before it
            before, after = _gmtoff(wall - _DAY), _gmtoff(wall + _DAY)
            return timedelta(seconds=after if dt.fold else before)
        instant = valid[-1] if dt.fold and len(valid) > 1 else valid[0]
        return timedelta(seconds=wall - instant)

    def dst(self, dt: datetime | None) -> timedelta | None:  # noqa: ARG002  # not known
        """None: the C library does not tell the daylight-saving part of the offset."""
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        """The C library's abbreviation for the offset in force at ``dt`` (``tm_zone``)."""
        if dt is None:
            return None
        offset = self.utcoffset(dt)
        assert offset is not None
        return _time.localtime(_seconds(dt.replace(tzinfo=None)) - offset.total_seconds()
                               ).tm_zone

    def fromutc(self, dt: datetime) -> datetime:
        """The local wall time of a UTC instant, ``fold=1`` for the second of a repeated hour."""
        utc = _seconds(dt.replace(tzinfo=None))
        offset = _gmtoff(utc)
        local = (dt + timedelta(seconds=offset)).replace(fold=0)
        first = self.utcoffset(local)
        if first is not None and first.total_seconds() != offset:
            local = local.replace(fold=1)  # the second occurrence of a repeated wall time
        return local

    def __repr__(self) -> str:
        return "SystemLocalZone()"

    @staticmethod
    def _candidates(wall: float) -> set[int]:
        """Offsets that may be in force around the wall time ``wall`` (seconds, as if UTC)."""
        before, after = _gmtoff(wall - _DAY), _gmtoff(wall + _DAY)
        return {before, after, _gmtoff(wall - before), _gmtoff(wall - after)}


def _seconds(naive: datetime) -> float:
    return (naive - _EPOCH).total_seconds()


def _gmtoff(utc_seconds: float) -> int:
    """The C library's UTC offset (seconds east) in force at the instant ``utc_seconds``."""
    return int(_time.localtime(utc_seconds).tm_gmtoff)


def local_zone() -> tzinfo:
    """The user's time zone: the IANA zone that ``TZ`` or the system settings name, if any.

    Else, or when the named zone disagrees with the system clock's current offset (a
    misconfiguration the C library wins: it is what every other program shows), the C
    library's rules. Never raises; what was chosen and why goes to the log.
    """
    import tzlocal  # noqa: PLC0415  # only the app asks; `deskbreath status` never does

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            zone: tzinfo = tzlocal.reload_localzone()  # TZ as it is now, not as first seen
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as error:
            log.info("no IANA time zone found (%s); using the C library's local time rules",
                     str(error).splitlines()[0])
            return SystemLocalZone()
    for warning in caught:
        log.info("time zone: %s", warning.message)
    now = datetime.now(UTC)
    system = SystemLocalZone()
    if now.astimezone(zone).utcoffset() != now.astimezone(system).utcoffset():
        log.info("time zone %s disagrees with the system clock's offset; using the C "
                 "library's local time rules", zone)
        return system
    return zone
