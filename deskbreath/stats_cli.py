"""``deskbreath stats`` and ``deskbreath history clear``: the health log from the command line.

Both work whether or not the app runs: ``stats`` reads the database read-only, and ``history
clear`` deletes in one SQLite transaction (the app's own writes wait for it or retry). Neither
loads Qt.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo

from deskbreath.core.exercises import packaged_catalogue
from deskbreath.core.formats import PLAIN, Formats
from deskbreath.core.stats import DEFAULT_PERIODS, daily, periods
from deskbreath.core.stats_report import stats_document
from deskbreath.core.wording import figure_rows, period_name
from deskbreath.i18n import _, ngettext
from deskbreath.paths import Paths
from deskbreath.storage.health_export import write_days
from deskbreath.storage.health_log import IMPORTED_SUFFIX
from deskbreath.storage.health_read import HealthReadError, clear, read_records

MAX_DAYS = 3660
"""The longest ``--days`` (ten years)."""


def local_zone() -> tuple[tzinfo, str]:
    """The local timezone and its name (e.g. ``Europe/Berlin``)."""
    from tzlocal import get_localzone, get_localzone_name  # noqa: PLC0415  (stats only)

    zone = get_localzone()
    try:
        name = get_localzone_name() or str(zone)
    except (LookupError, ValueError, OSError):
        name = str(zone)
    return zone, name


def stats(paths: Paths, *, days: int | None, output: str, now: datetime | None = None,
          zone: tuple[tzinfo, str] | None = None, formats: Formats = PLAIN) -> int:
    """Print the statistics (``output``: ``text``, ``json`` or ``csv``); returns the exit code.

    Without ``days``: today, the last 7 and the last 30 days, and 30 days per day. With it:
    that many days. ``formats`` writes the numbers of the text output (JSON and CSV are
    machine output: always ``.``).
    """
    tz, tz_name = zone or local_zone()
    catalogue = packaged_catalogue()
    moment = (now or datetime.now(tz)).astimezone(tz)
    lengths = DEFAULT_PERIODS if days is None else (days,)
    span = max(lengths)
    today = moment.date()
    first = today - timedelta(days=span - 1)
    try:
        records = read_records(paths.health_log, since=_day_start(first, tz))
    except HealthReadError as error:
        print(_("deskbreath: %(error)s") % {"error": error}, file=sys.stderr)
        return 1
    per_day = daily(records.bouts, records.events, first=first, last=today, tz=tz)
    chosen = periods(per_day, lengths)
    exists = paths.health_log.exists()
    if output == "json":
        document = stats_document(chosen, per_day, now=moment, timezone=tz_name,
                                  database=str(paths.health_log) if exists else None,
                                  exercises=catalogue.ids)
        print(json.dumps(document, indent=2, ensure_ascii=False))
    elif output == "csv":
        write_days(per_day, sys.stdout, catalogue.ids)
    else:
        if not records.bouts and not records.events:
            print(_("Nothing recorded yet (%(path)s).") % {"path": paths.health_log})
        columns = [period_name(period.days) for period in chosen]
        rows = [figure_rows(period.figures, catalogue, formats) for period in chosen]
        labels = [label for label, _value in rows[0]]
        width = max(len(label) for label in labels) + 2
        widths = [max(len(columns[i]), *(len(value) for _l, value in rows[i])) + 2
                  for i in range(len(columns))]
        header = "".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
        print((" " * width + header).rstrip())
        for index, label in enumerate(labels):
            values = "".join(rows[column][index][1].ljust(widths[column])
                             for column in range(len(columns)))
            print(f"{label.ljust(width)}{values}".rstrip())
    return 0


def clear_history(paths: Paths, *, yes: bool, ask: Callable[[str], str] = input) -> int:
    """Delete every record after a confirmation (or with ``yes``); returns the exit code."""
    target = paths.health_log
    imported = paths.history_file.with_name(paths.history_file.name + IMPORTED_SUFFIX)
    if not target.exists() and not imported.exists():
        print(_("Nothing to clear: there is no health log yet (%(path)s).") % {"path": target})
        return 0
    if not yes:
        try:
            answer = ask(_("Delete every recorded sitting bout and exercise in %(path)s? "
                           "This cannot be undone. [y/N] ") % {"path": target})
        except EOFError:
            answer = ""
        if answer.strip().lower() not in (_("y"), _("yes"), "y", "yes"):
            print(_("Nothing was deleted."))
            return 1
    try:
        gone = clear(target)
    except HealthReadError as error:
        print(_("deskbreath: %(error)s; nothing was deleted") % {"error": error},
              file=sys.stderr)
        return 1
    if imported.exists():
        try:
            imported.unlink()
        except OSError as error:
            print(_("deskbreath: could not delete %(path)s: %(error)s")
                  % {"path": imported, "error": error}, file=sys.stderr)
    print(ngettext("History cleared: %(n)d record deleted.",
                   "History cleared: %(n)d records deleted.", gone) % {"n": gone})
    return 0


def _day_start(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)
