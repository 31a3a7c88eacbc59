"""The statistics window: figures from the health log, the chart and its text alternative,
CSV export, clearing after a confirmation, and release on close.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from deskbreath.core.exercises import packaged_catalogue
from deskbreath.core.health import Bout, BoutEnd, EventKind, PromptEvent
from deskbreath.paths import Paths
from deskbreath.qt.theme import dark_palette
from deskbreath.qt.windows.statistics import StatisticsWindow
from deskbreath.storage.health_log import HealthLog
from deskbreath.storage.health_read import read_records
from tests.support.health_data import generate

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 23, 17, 0, tzinfo=BERLIN)  # a Monday


class Calls:
    def __init__(self, store: HealthLog | None = None) -> None:
        self.flushes = 0
        self.store = store

    def flush(self) -> None:
        self.flushes += 1

    def clear(self) -> int:
        assert self.store is not None
        return self.store.clear()


def make_window(qtbot: QtBot, paths: Paths, calls: Calls | None = None) -> StatisticsWindow:
    """A statistics window over the health log in ``paths`` at NOW in Berlin, registered."""
    calls = calls or Calls(HealthLog(paths.health_log, now=lambda: NOW))
    window = StatisticsWindow(paths.health_log, now=lambda: NOW, tz=BERLIN, flush=calls.flush,
                              clear=calls.clear, catalogue=packaged_catalogue())
    qtbot.add_widget(window)
    return window


@pytest.fixture
def week(paths: Paths) -> int:
    """A week of generated data ending today; returns the number of records."""
    return generate(paths.health_log, last=NOW.date(), days=7, tz=BERLIN)


def text(item: QTableWidgetItem | None) -> str:
    """The item's text (the item must exist)."""
    assert item is not None
    return item.text()


def summary(window: StatisticsWindow) -> dict[str, list[str]]:
    """The summary table as {row header: the row's cell texts}."""
    table = window.summary
    return {text(table.verticalHeaderItem(row)): [text(table.item(row, column))
                                                  for column in range(table.columnCount())]
            for row in range(table.rowCount())}


def test_shows_today_week_and_month_from_the_log(qtbot: QtBot, paths: Paths) -> None:
    """Known records show as the figures of today, the last 7 and the last 30 days."""
    store = HealthLog(paths.health_log, now=lambda: NOW)
    today = NOW.replace(hour=9)
    store.add(Bout(today, today + timedelta(minutes=50), 45 * 60.0, BoutEnd.NATURAL_BREAK))
    store.add(Bout(today - timedelta(days=3), today - timedelta(days=3, minutes=-90),
                   80 * 60.0, BoutEnd.LOCKED))
    store.add(PromptEvent(EventKind.DONE, today, "breathing", 120.0))
    store.add(PromptEvent(EventKind.DONE, today, "posture", 15.0, details={"rating": "fair"}))
    store.add(PromptEvent(EventKind.HELD_BACK, today, "rotation", 600.0, "fullscreen"))
    store.close()

    window = make_window(qtbot, paths)

    figures = summary(window)
    headers = [text(window.summary.horizontalHeaderItem(c)) for c in range(3)]
    assert headers == ["Today", "Last 7 days", "Last 30 days"]
    assert figures["Sitting time"] == ["45 min", "2 h 5 min", "2 h 5 min"]
    assert figures["Longest bout"] == ["45 min", "1 h 20 min", "1 h 20 min"]
    assert figures["Breathing done"] == ["1", "1", "1"]
    assert figures["Posture rating"][0] == "2.0 of 3 (1 check)"
    assert figures["Prompts held back"][0] == "1 (10 min)"
    assert "A full-screen window is in front: 1 time (10 min)" in window.holds.text()
    assert window.day_table.rowCount() == 30
    assert not window.message.isVisibleTo(window)


def test_chart_numbers_are_in_its_accessible_description(qtbot: QtBot, paths: Paths,
                                                         week: int) -> None:
    """The chart shows the last 7 days and its accessible description names each day's
    sitting time and exercises.
    """
    window = make_window(qtbot, paths)

    days = window.chart.days
    description = window.chart.accessibleDescription()
    assert [d.day for d in days] == [NOW.date() - timedelta(days=n) for n in range(6, -1, -1)]
    assert description.count("sitting") == 7
    last = window.days[-1].figures
    assert f"{last.exercise_breaks} exercises" in description.split("Monday 23 November")[1]


def test_empty_log_says_nothing_is_recorded_yet(qtbot: QtBot, paths: Paths) -> None:
    """Without a database the window opens with zeros and says nothing is recorded yet."""
    window = make_window(qtbot, paths)

    assert "Nothing recorded yet" in window.message.text()
    assert summary(window)["Sitting time"] == ["0 s", "0 s", "0 s"]
    assert not paths.health_log.exists()


def test_reload_flushes_the_apps_waiting_records_first(qtbot: QtBot, paths: Paths) -> None:
    """The window asks the app to write what it holds before reading."""
    calls = Calls()

    make_window(qtbot, paths, calls)

    assert calls.flushes == 1


def test_export_events_writes_one_row_per_record(qtbot: QtBot, paths: Paths, week: int,
                                                 tmp_path: Path) -> None:
    """The events CSV has a header and one row per bout and event, in time order."""
    window = make_window(qtbot, paths)
    target = tmp_path / "events.csv"

    assert window.export_events(target) == week

    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == week
    assert {row["type"] for row in rows} == {"bout", "prompt"}
    times = [datetime.fromisoformat(row["start"]) for row in rows]
    assert times == sorted(times)
    assert "Exported" in window.message.text()


def test_export_days_writes_one_row_per_day(qtbot: QtBot, paths: Paths, week: int,
                                            tmp_path: Path) -> None:
    """The days CSV has one row per day from the first record to today."""
    window = make_window(qtbot, paths)
    target = tmp_path / "days.csv"

    assert window.export_days(target) == 7

    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert [row["day"] for row in rows][-1] == NOW.date().isoformat()
    assert sum(float(row["sitting_minutes"]) for row in rows) == pytest.approx(
        sum(day.figures.sitting for day in window.days) / 60, abs=1)


def test_export_to_an_unwritable_place_says_so(qtbot: QtBot, paths: Paths, week: int,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A CSV that cannot be written gives a warning naming the file, and nothing breaks."""
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text: warnings.append(text))
    window = make_window(qtbot, paths)

    assert window.export_events(tmp_path / "missing-folder" / "events.csv") is None

    assert "missing-folder" in warnings[0]


@pytest.mark.parametrize(("answer", "left"), [
    (QMessageBox.StandardButton.Cancel, True),
    (QMessageBox.StandardButton.Yes, False),
])
def test_clear_history_asks_first(qtbot: QtBot, paths: Paths, week: int,
                                  monkeypatch: pytest.MonkeyPatch,
                                  answer: QMessageBox.StandardButton, left: bool) -> None:
    """Clear history… deletes only after Yes in the confirmation; Cancel keeps everything."""
    asked: list[str] = []

    def question(_parent: QWidget, title: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    window = make_window(qtbot, paths)

    window.clear_button.click()

    assert asked == ["Clear history?"]
    records = read_records(paths.health_log)
    assert bool(records.events) is left
    if not left:
        assert summary(window)["Sitting time"] == ["0 s", "0 s", "0 s"]
        assert "History cleared" in window.message.text()


def test_a_damaged_log_is_reported_not_raised(qtbot: QtBot, paths: Paths) -> None:
    """A database the reader cannot read shows a message and zero figures."""
    paths.data_dir.mkdir(parents=True)
    db = sqlite3.connect(paths.health_log)
    db.execute("PRAGMA user_version = 99")
    db.close()

    window = make_window(qtbot, paths, Calls())

    assert "newer deskbreath" in window.message.text()


@pytest.mark.parametrize(("window_colour", "text_colour"), [("#f4f4f4", "#101010"),
                                                            ("#202124", "#e8eaed")])
def test_chart_draws_bars_in_the_palettes_colours(qtbot: QtBot, paths: Paths, week: int,
                                                  window_colour: str,
                                                  text_colour: str) -> None:
    """In a light and a dark palette the chart paints its bars in the highlight colour on the
    window background, and its labels in the text colour.
    """
    window = make_window(qtbot, paths)
    palette = QPalette(window.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor(window_colour))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(text_colour))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2a7ab0"))
    window.chart.setPalette(palette)
    window.chart.setAutoFillBackground(True)
    window.chart.resize(560, 260)

    image = window.chart.grab().toImage()

    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    assert window_colour in colours
    assert "#2a7ab0" in colours
    assert text_colour in colours
    assert window.chart.painted >= 1


def test_window_is_released_when_closed(qtbot: QtBot, paths: Paths) -> None:
    """The window deletes itself on close (nothing of it stays in memory)."""
    window = StatisticsWindow(paths.health_log, now=lambda: NOW, tz=BERLIN, flush=lambda: None,
                              clear=lambda: 0, catalogue=packaged_catalogue())
    window.show()

    with qtbot.waitSignal(window.destroyed, timeout=5000):
        window.close()


def test_idle_app_modules_do_not_load_the_statistics() -> None:
    """Importing the app and the controller loads neither the window, the chart, the
    reader nor the CSV export.
    """
    code = ("import sys, deskbreath.app\n"
            "names = ['deskbreath.qt.windows.statistics', 'deskbreath.qt.windows.day_chart',"
            " 'deskbreath.storage.health_read', 'deskbreath.storage.health_export',"
            " 'deskbreath.core.stats']\n"
            "print(','.join(n for n in names if n in sys.modules))")

    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60).stdout.strip()

    assert loaded == ""


def test_generated_week_is_a_plausible_week(paths: Paths, week: int) -> None:
    """The generator gives every day bouts and exercises (the screenshots rely on it)."""
    records = read_records(paths.health_log)
    days = {b.start.astimezone(BERLIN).date() for b in records.bouts}
    assert days == {date(2026, 11, 17) + timedelta(days=n) for n in range(7)}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_window_renders_a_week_in_light_and_dark(qtbot: QtBot, qapp: QApplication,
                                                 paths: Paths, week: int, theme: str,
                                                 tmp_path: Path) -> None:
    """With a week of data the whole window renders in a light and a dark palette, its
    words in the palette's text colour (saved to $DESKBREATH_SHOT_DIR to look at).
    """
    original = QPalette(qapp.palette())
    palette = qapp.style().standardPalette()
    if theme == "dark":
        palette = dark_palette()  # the app's own, used where the desktop's theme is unknown
    qapp.setPalette(palette)
    try:
        window = make_window(qtbot, paths)
        window.resize(760, 720)
        window.show()
        qtbot.waitExposed(window)
        image = window.grab().toImage()
    finally:
        qapp.setPalette(original)
    folder = Path(os.environ.get("DESKBREATH_SHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    image.save(str(folder / f"statistics-{theme}.png"))

    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2)}
    assert palette.color(QPalette.ColorRole.WindowText).name() in colours
    assert palette.color(QPalette.ColorRole.Highlight).name() in colours
