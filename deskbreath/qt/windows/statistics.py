"""The statistics window.

Today, the last 7 and 30 days, a chart per day, CSV export and "Clear history…".

Built on first open and destroyed when closed (``WA_DeleteOnClose``): its module, the
read side of the health log and the chart are not in the idle app's memory. It reads the
database read-only (:mod:`deskbreath.storage.health_read`); the app's own writes go through
:class:`~deskbreath.qt.health.HealthLogKeeper`, which the window asks to flush first so it
shows the latest records.

Accessibility: the chart's accessible description carries the numbers of every day shown,
and the "Table" tab holds the same numbers as a table; the summary is a table with one
column per period.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.exercises import Catalogue
from deskbreath.core.stats import DEFAULT_PERIODS, Day, Period, daily, periods
from deskbreath.core.stats_report import day_row
from deskbreath.core.wording import figure_rows, holds_text, humanize, period_name
from deskbreath.i18n import _, ngettext
from deskbreath.qt.language import QtFormats
from deskbreath.qt.windows.day_chart import ChartDay, DayChart
from deskbreath.storage.health_export import write_days, write_events
from deskbreath.storage.health_read import HealthReadError, read_records

log = logging.getLogger(__name__)

READ_DAYS = 30
"""Days read when the window opens: the longest period shown, and the table's rows."""
CHART_DAYS = 7
"""Days in the chart: a week reads well with weekday names under each bar."""


def _table_columns(catalogue: Catalogue) -> list[tuple[str, str]]:
    """The per-day table's (CSV key, heading) pairs; one column per exercise."""
    return [("day", _("Day")), ("sitting_minutes", _("Sitting (min)")), ("bouts", _("Bouts")),
            ("longest_bout_minutes", _("Longest bout (min)")),
            ("natural_breaks", _("Natural breaks")),
            *((exercise, catalogue.name(exercise)) for exercise in catalogue.ids),
            ("breathing_minutes", _("Breathing (min)")),
            ("posture_average", _("Posture rating")), ("held_back", _("Held back"))]


class StatisticsWindow(QWidget):
    """The statistics window.

    Args:
        database: the health log file.
        now: the current local time.
        tz: the local timezone days are counted in.
        flush: writes what the app still holds in memory (before reading).
        clear: deletes every record (after the user confirmed); returns how many.
        catalogue: names the exercises.

    Signals:
        loaded(): the figures were (re)read and shown.
    """

    loaded = Signal()

    def __init__(self, database: Path, *, now: Callable[[], datetime], tz: tzinfo,
                 flush: Callable[[], None], clear: Callable[[], int],
                 catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("deskbreath-statistics")
        self.setWindowTitle(_("deskbreath statistics"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._database = database
        self._now = now
        self._tz = tz
        self._formats = QtFormats()
        self._flush = flush
        self._clear = clear
        self._catalogue = catalogue
        self.days: list[Day] = []
        self.periods: list[Period] = []

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Statistics message"))
        self.summary = self._table(self)
        self.summary.setAccessibleName(_("Summary for today, the last 7 and the last 30 days"))
        self.holds = QLabel(self)
        self.holds.setWordWrap(True)
        self.holds.setAccessibleName(_("Why prompts were held back"))
        self.chart = DayChart(self)
        self.day_table = self._table(self)
        self.day_table.setAccessibleName(_("Numbers per day"))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.chart, _("&Chart"))
        self.tabs.addTab(self.day_table, _("T&able"))

        self.export_events_button = QPushButton(_("Export &events as CSV…"), self)
        self.export_events_button.clicked.connect(self._on_export_events_clicked)
        self.export_days_button = QPushButton(_("Export &days as CSV…"), self)
        self.export_days_button.clicked.connect(self._on_export_days_clicked)
        self.clear_button = QPushButton(_("C&lear history…"), self)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.close_button = QPushButton(_("Cl&ose"), self)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.export_events_button, self.export_days_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.holds)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.resize(720, 640)
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the last :data:`READ_DAYS` days and show them."""
        today = self._now().astimezone(self._tz).date()
        first = today - timedelta(days=READ_DAYS - 1)
        self._flush()
        try:
            records = read_records(self._database, since=self._day_start(first))
        except HealthReadError as error:
            log.warning("statistics: %s", error)
            self.message.setText(_("The health log cannot be read: %(error)s") % {"error": error})
            records = None
        self.days = daily(records.bouts if records else [], records.events if records else [],
                          first=first, last=today, tz=self._tz)
        self.periods = periods(self.days, DEFAULT_PERIODS)
        if records is not None:
            empty = not records.bouts and not records.events
            self.message.setText(_("Nothing recorded yet: sitting time and exercises appear "
                                   "here as deskbreath records them.") if empty else "")
        self.message.setVisible(bool(self.message.text()))
        self._show_summary()
        self._show_days()
        self.loaded.emit()

    def _day_start(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self._tz)

    def _show_summary(self) -> None:
        columns = [period_name(period.days) for period in self.periods]
        rows = [figure_rows(period.figures, self._catalogue, self._formats)
                for period in self.periods]
        labels = [label for label, _value in rows[0]] if rows else []
        self.summary.clear()
        self.summary.setColumnCount(len(columns))
        self.summary.setRowCount(len(labels))
        self.summary.setHorizontalHeaderLabels(columns)
        self.summary.setVerticalHeaderLabels(labels)
        for column, period_rows in enumerate(rows):
            for row, (_label, value) in enumerate(period_rows):
                self.summary.setItem(row, column, _item(value))
        header = self.summary.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        side = self.summary.verticalHeader()
        side.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        side.setDefaultSectionSize(self.summary.fontMetrics().height() + 8)
        self.summary.setFixedHeight(header.sizeHint().height()
                                    + side.defaultSectionSize() * len(labels)
                                    + 2 * self.summary.frameWidth() + 2)
        if self.periods:
            longest = self.periods[-1]
            self.holds.setText(ngettext(
                "Why prompts were held back in the last %(n)d day: %(reasons)s",
                "Why prompts were held back in the last %(n)d days: %(reasons)s",
                longest.days) % {"n": longest.days, "reasons": holds_text(longest.figures)})

    def _show_days(self) -> None:
        newest_first = list(reversed(self.days))
        columns = _table_columns(self._catalogue)
        self.day_table.clear()
        self.day_table.setColumnCount(len(columns))
        self.day_table.setRowCount(len(newest_first))
        self.day_table.setHorizontalHeaderLabels([heading for _key, heading in columns])
        self.day_table.verticalHeader().setVisible(False)
        for row, day in enumerate(newest_first):
            values = day_row(day, self._catalogue.ids)
            for column, (key, _heading) in enumerate(columns):
                text = (self._formats.date(day.day, weekday=True) if key == "day"
                        else self._number(values[key]))
                self.day_table.setItem(row, column, _item(text))
        self.day_table.resizeColumnsToContents()
        week = self.days[-CHART_DAYS:]
        chart_days = [ChartDay(day.day, day.figures.sitting / 3600, day.figures.exercise_breaks)
                      for day in week]
        self.chart.set_days(chart_days, self._describe(week))

    def _describe(self, days: list[Day]) -> str:
        """The chart's numbers as text, one sentence per day (its accessible description)."""
        parts = [_("Sitting time and exercises done for the last %(n)d days.")
                 % {"n": len(days)}]
        for day in days:
            count = day.figures.exercise_breaks
            parts.append(_("%(day)s: sitting %(sitting)s, %(exercises)s.") % {
                "day": self._formats.date(day.day, weekday=True, long=True),
                "sitting": humanize(day.figures.sitting),
                "exercises": ngettext("%(n)d exercise", "%(n)d exercises", count)
                % {"n": count}})
        return " ".join(parts)

    def _number(self, value: object) -> str:
        """A per-day figure as the locale writes it.

        The export's "12.5" reads "12,5" in German; counts stay as they are.
        """
        if isinstance(value, str) and value:
            return self._formats.number(float(value), 1)
        return str(value)

    @staticmethod
    def _table(parent: QWidget) -> QTableWidget:
        table = QTableWidget(parent)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)  # Tab moves on to the next control
        table.setWordWrap(False)
        return table

    # -- export and clear ------------------------------------------------------------------

    def _on_export_events_clicked(self) -> None:
        path = self._ask_save_path(_("Export events as CSV"), "deskbreath-events.csv")
        if path is not None:
            self.export_events(path)

    def _on_export_days_clicked(self) -> None:
        path = self._ask_save_path(_("Export days as CSV"), "deskbreath-days.csv")
        if path is not None:
            self.export_days(path)

    def _ask_save_path(self, title: str, name: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, title, str(Path.home() / name), _("CSV files (*.csv);;All files (*)"))
        return Path(chosen) if chosen else None

    def export_events(self, path: Path) -> int | None:
        """Write every recorded bout and event to ``path``.

        Returns the rows (None: failed, and the user was told).
        """
        self._flush()
        try:
            records = read_records(self._database)
            with path.open("w", encoding="utf-8", newline="") as out:
                rows = write_events(records.bouts, records.events, out)
        except (HealthReadError, OSError) as error:
            self._export_failed(path, error)
            return None
        self._exported(path, rows)
        return rows

    def export_days(self, path: Path) -> int | None:
        """Write one row per day, from the first recorded day to today, to ``path``."""
        self._flush()
        try:
            records = read_records(self._database)
            today = self._now().astimezone(self._tz).date()
            starts = [b.start for b in records.bouts] + [e.at for e in records.events]
            first = min(starts).astimezone(self._tz).date() if starts else today
            days = daily(records.bouts, records.events, first=min(first, today), last=today,
                         tz=self._tz)
            with path.open("w", encoding="utf-8", newline="") as out:
                rows = write_days(days, out, self._catalogue.ids)
        except (HealthReadError, OSError) as error:
            self._export_failed(path, error)
            return None
        self._exported(path, rows)
        return rows

    def _exported(self, path: Path, rows: int) -> None:
        log.info("exported %d rows to %s", rows, path)
        self.message.setText(ngettext("Exported %(n)d row to %(path)s.",
                                      "Exported %(n)d rows to %(path)s.", rows)
                             % {"n": rows, "path": path})
        self.message.setVisible(True)

    def _export_failed(self, path: Path, error: Exception) -> None:
        log.warning("export to %s failed: %s", path, error)
        QMessageBox.warning(self, _("Export failed"),
                            _("Could not write %(path)s: %(error)s") % {"path": path,
                                                                         "error": error})

    def _on_clear_clicked(self) -> None:
        answer = QMessageBox.question(
            self, _("Clear history?"),
            _("Delete every recorded sitting bout and exercise? This cannot be undone. "
              "Export to CSV first if you want to keep a copy."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.clear_history()

    def clear_history(self) -> int | None:
        """Delete every record (confirmed by the user) and show the empty figures."""
        try:
            gone = self._clear()
        except sqlite3.Error as error:
            log.warning("clearing the health log failed: %s", error)
            QMessageBox.warning(self, _("Clear history"),
                                _("The history could not be cleared: %(error)s")
                                % {"error": error})
            return None
        self.reload()
        self.message.setText(ngettext("History cleared: %(n)d record deleted.",
                                      "History cleared: %(n)d records deleted.", gone)
                             % {"n": gone})
        self.message.setVisible(True)
        return gone


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item
