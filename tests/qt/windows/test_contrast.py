"""Contrast in the prompt window, read from what the widgets actually draw, in light and dark
themes and in themes whose own accent colour would be too faint; and the words of the
settings, diagnostics and statistics windows, their quieter help text included.

Text: every visible label and button, its text colour as the widget's (style-sheet
polished) palette gives it against the pixel behind it: at least 4.5:1. Controls: the pacer's
outline and guide, the progress bar's fill against its groove and its border against the card,
check box borders and the focus ring, each found in the rendered image and measured against
the pixels around it: at least 3:1 (WCAG 2.2, 1.4.3 and 1.4.11). The focus ring is also at
least 2 px wide on every control.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QProgressBar,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from deskbreath.core.exercises import packaged_catalogue
from deskbreath.core.holds import HoldReason
from deskbreath.core.idle import IdleHealth
from deskbreath.core.settings.model import ReducedMotion, RotationSettings, Settings
from deskbreath.core.sitting import SittingTracker
from deskbreath.desktop.busy.base import NullBusySource
from deskbreath.paths import Paths
from deskbreath.qt.look import FOCUS_GAP, FOCUS_WIDTH
from deskbreath.qt.settings.dialog import SettingsDialog
from deskbreath.qt.theme import dark_palette
from deskbreath.qt.windows.diagnostics import DiagnosticsDialog
from deskbreath.qt.windows.exercises.breathing import BreathingWidget
from deskbreath.qt.windows.exercises.checklist import ChecklistWidget
from deskbreath.qt.windows.exercises.rotation import RotationWidget
from deskbreath.qt.windows.prompt import PromptWindow
from deskbreath.qt.windows.statistics import StatisticsWindow
from tests.fakes import FakeClock, FakeIdleSource
from tests.qt.contrast import contrast_ratio
from tests.qt.windows.conftest import MakeWindow

Role = QPalette.ColorRole
TEXT = 4.5
NON_TEXT = 3.0


def _palette(name: str, qapp: QApplication) -> QPalette:
    if name == "light":
        return qapp.style().standardPalette()
    if name == "dark":
        return dark_palette()
    if name == "light-pale-accent":  # a theme whose accent is nearly invisible on white
        palette = qapp.style().standardPalette()
        palette.setColor(Role.Highlight, QColor("#ffe680"))
        palette.setColor(Role.Accent, QColor("#ffe680"))
        return palette
    palette = dark_palette()  # "dark-dim-accent": a dark theme with a dark accent
    palette.setColor(Role.Highlight, QColor("#203a70"))
    palette.setColor(Role.Accent, QColor("#203a70"))
    return palette


@pytest.fixture(params=["light", "dark", "light-pale-accent", "dark-dim-accent"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The application palette switched for one test, and given back after."""
    original = QPalette(qapp.palette())
    qapp.setPalette(_palette(str(request.param), qapp))
    try:
        yield str(request.param)
    finally:
        qapp.setPalette(original)


def _shot(window: PromptWindow) -> QImage:
    QApplication.processEvents()
    return window.grab().toImage()


def _at(image: QImage, window: QWidget, widget: QWidget, point: QPoint) -> QColor:
    """The rendered colour at ``point`` of ``widget`` (in its own coordinates)."""
    where = widget.mapTo(window, point)
    return image.pixelColor(where.x(), where.y())


def _close(first: QColor, second: QColor, tolerance: int = 6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(
        (first.red(), first.green(), first.blue()),
        (second.red(), second.green(), second.blue()), strict=True))


def _text_problems(window: PromptWindow, image: QImage) -> list[str]:
    """Every visible label or button whose text has less than 4.5:1 against its background."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if not widget.text().strip() or widget.visibleRegion().isEmpty():
            continue  # no words, or scrolled out of sight
        role = Role.ButtonText if isinstance(widget, QAbstractButton) else \
            widget.foregroundRole()
        text = widget.palette().color(role)
        # Behind the words: a button's fill or the card under a label; the pixel just inside
        # the widget's edge, away from rounded corners and borders.
        shown = widget.visibleRegion().boundingRect()
        if widget.property("link"):  # no fill: the card beside the words (the focus ring's
            behind = _at(image, window, widget, QPoint(1, widget.height() // 2))  # corners
        elif isinstance(widget, QAbstractButton):  # may cross the top-left pixel)
            behind = _at(image, window, widget, QPoint(widget.width() // 2, 2))
        else:
            behind = _at(image, window, widget, shown.topLeft())
        if contrast_ratio(text, behind) < TEXT:
            problems.append(f"{widget.text()[:30]!r}: {text.name()} on {behind.name()} = "
                            f"{contrast_ratio(text, behind):.2f}")
    return problems


def _walk(window: PromptWindow, clock: FakeClock) -> Iterator[str]:
    """The offer, then every page of the exercise (its note open once)."""
    yield "offer"
    window.offer_note_button.click()
    yield "offer with note"
    window.offer_note_button.click()
    window.start_button.click()
    widget = window.exercise_widget
    assert widget is not None
    yield "lead-in"
    window.note_button.click()
    yield "note"
    window.note_button.click()
    clock.advance(getattr(widget, "lead_in", 0) + 4.5)
    widget.sync()
    yield "running"
    if isinstance(widget, ChecklistWidget):
        widget.checks["feet"].click()
        yield "ticked"
        widget.done_button.click()
    else:
        clock.advance(3600)
        widget.sync()
    yield "end"
    assert widget.question is not None
    last = widget.question.buttons[-1] if not isinstance(widget, RotationWidget) \
        else widget.question.buttons[0]
    last.click()
    yield "tip"


@pytest.mark.parametrize("exercise_id", ["breathing", "rotation", "posture"])
def test_every_text_has_4_5_to_1_in_every_state(
    make_window: MakeWindow, clock: FakeClock, theme: str, exercise_id: str,
) -> None:
    """Labels and buttons (primary, ordinary, link) keep 4.5:1 on what is behind them."""
    window = make_window(exercise_id, Settings(reduced_motion=ReducedMotion.OFF),
                         sitting_seconds=4 * 3600)
    window.present()

    for state in _walk(window, clock):
        problems = _text_problems(window, _shot(window))
        assert problems == [], f"{theme} {exercise_id} {state}: {problems}"


def _ring_pixels(image: QImage, window: QWidget, control: QWidget) -> tuple[QColor, ...]:
    """Colours outward from the middle of ``control``'s top edge: the gap next to it, the
    ring's inner and outer pixel rows, and the background just outside the ring.
    """
    x = control.width() // 2
    return tuple(_at(image, window, control, QPoint(x, -offset))
                 for offset in (FOCUS_GAP, FOCUS_GAP + 1, FOCUS_GAP + FOCUS_WIDTH,
                                FOCUS_GAP + FOCUS_WIDTH + 1))


@pytest.mark.parametrize("exercise_id", ["breathing", "rotation", "posture"])
def test_every_control_shows_a_2px_focus_ring_with_3_to_1(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, theme: str, exercise_id: str,
) -> None:
    """Each control, given focus, gets a ring at least 2 px wide in a colour with 3:1 against
    the background on both its sides (the first posture point included).
    """
    window = make_window(exercise_id, Settings(reduced_motion=ReducedMotion.OFF))
    window.present()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    checked = 0

    for state in _walk(window, clock):
        for control in window.findChildren(QAbstractButton):
            if not control.isVisible() or not control.isEnabled():
                continue
            control.setFocus()
            image = _shot(window)
            gap, inner, outer, outside = _ring_pixels(image, window, control)
            ring = window.focus_ring.colour
            where = f"{theme} {exercise_id} {state} {control.text()!r}"
            assert _close(inner, ring), f"{where}: {inner.name()} is not the ring {ring.name()}"
            assert _close(outer, ring), f"{where}: the ring is thinner than 2 px"
            assert contrast_ratio(ring, gap) >= NON_TEXT, f"{where}: against {gap.name()}"
            assert contrast_ratio(ring, outside) >= NON_TEXT, f"{where}: against {outside.name()}"
            checked += 1
    assert checked >= 12


def test_pacer_outline_and_guide_have_3_to_1(
    make_window: MakeWindow, clock: FakeClock, theme: str,
) -> None:
    """The growing circle's outline and the full-size guide are drawn in colours with 3:1
    against the pacer's background, and those colours are really on screen; the same holds
    for the reduced-motion bar.
    """
    for reduced in (ReducedMotion.OFF, ReducedMotion.ON):
        window = make_window("breathing", Settings(reduced_motion=reduced))
        window.present()
        window.start_button.click()
        widget = window.exercise_widget
        assert isinstance(widget, BreathingWidget)
        clock.advance(widget.lead_in + 2)
        widget.sync()
        image = _shot(window)
        pacer = widget.pacer
        colours = pacer.colours()
        drawn = {image.pixelColor(pacer.mapTo(window, QPoint(x, y))).rgb()
                 for y in range(0, pacer.height(), 1) for x in range(0, pacer.width(), 2)}
        background = _at(image, window, pacer, QPoint(1, 1))

        assert _close(background, colours["background"])
        for part in ("outline", "guide"):
            assert contrast_ratio(colours[part], background) >= NON_TEXT, (theme, reduced, part)
            assert any(_close(QColor.fromRgb(rgb), colours[part], 3) for rgb in drawn), \
                (theme, reduced, part, "not drawn")
        window.close()


def test_progress_bar_and_check_boxes_have_3_to_1(
    qtbot: QtBot, make_window: MakeWindow, clock: FakeClock, theme: str,
) -> None:
    """The rotation's step bar: fill against groove, and groove border against the card;
    a posture check box's border against the card, unticked and ticked.
    """
    window = make_window("rotation", Settings(rotation=RotationSettings(hold=10)))
    window.present()
    window.start_button.click()
    widget = window.exercise_widget
    assert isinstance(widget, RotationWidget)
    clock.advance(widget.lead_in + 3 + 3 + 5)  # half-way through the hold
    widget.sync()
    image = _shot(window)
    bar: QProgressBar = widget.step_bar
    middle = bar.height() // 2
    fill = _at(image, window, bar, QPoint(bar.width() // 4, middle))
    groove = _at(image, window, bar, QPoint(bar.width() * 7 // 8, middle))
    border = _at(image, window, bar, QPoint(bar.width() // 2, 0))
    card = _at(image, window, bar, QPoint(bar.width() // 2, -3))

    assert contrast_ratio(fill, groove) >= NON_TEXT, (theme, fill.name(), groove.name())
    assert contrast_ratio(border, card) >= NON_TEXT, (theme, border.name(), card.name())

    posture = make_window("posture")
    posture.present()
    posture.start_button.click()
    checklist = posture.exercise_widget
    assert isinstance(checklist, ChecklistWidget)
    box = checklist.checks["knees"]
    for ticked in (False, True):
        box.setChecked(ticked)
        image = _shot(posture)
        option = QStyleOptionButton()
        option.initFrom(box)
        indicator: QRect = box.style().subElementRect(
            QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        edge = _at(image, posture, box, QPoint(indicator.left() + 1, indicator.center().y()))
        around = _at(image, posture, box, QPoint(0, 0))
        assert contrast_ratio(edge, around) >= NON_TEXT, (theme, ticked, edge.name(),
                                                           around.name())


def _ink(image: QImage, window: QWidget, label: QLabel, behind: QColor) -> QColor:
    """The drawn pixel of ``label``'s visible part that stands out most from ``behind``.

    The words' own colour wherever a glyph's stroke covers a whole pixel; antialiased edges
    only stand out less.
    """
    shown = label.visibleRegion().boundingRect()
    best, best_ratio = behind, 1.0
    for y in range(shown.top(), shown.bottom() + 1):
        for x in range(shown.left(), shown.right() + 1):
            colour = _at(image, window, label, QPoint(x, y))
            ratio = contrast_ratio(colour, behind)
            if ratio > best_ratio:
                best, best_ratio = colour, ratio
    return best


def _drawn_label_problems(window: QWidget) -> tuple[list[str], list[str]]:
    """Labels whose drawn words have less than 4.5:1 against the pixel behind them.

    Also the object names of the labels measured. The label of a control that cannot be used
    (its buddy disabled: a setting an administrator locked) is left out: WCAG 2.2 1.4.3
    exempts inactive components. Any other label is measured, disabled or not: help text is
    no control.
    """
    QApplication.processEvents()
    image = window.grab().toImage()
    problems: list[str] = []
    measured: list[str] = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip():
            continue
        buddy = label.buddy()
        if not label.isEnabled() and buddy is not None and not buddy.isEnabled():
            continue
        if label.visibleRegion().isEmpty():
            continue  # scrolled out of sight
        behind = _at(image, window, label, label.visibleRegion().boundingRect().topLeft())
        ink = _ink(image, window, label, behind)
        measured.append(label.objectName())
        if contrast_ratio(ink, behind) < TEXT:
            problems.append(f"{label.text()[:40]!r}: {ink.name()} on {behind.name()} = "
                            f"{contrast_ratio(ink, behind):.2f}")
    return problems, measured


def test_settings_words_and_help_text_have_4_5_to_1(qtbot: QtBot, theme: str) -> None:
    """On every tab of the settings dialog each label, the help text ("Durations are written
    like…", "Changes apply…") included, is drawn with 4.5:1 on what is behind it.
    """
    dialog = SettingsDialog(Settings(), confirm=lambda _question: False)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    measured: set[str] = set()

    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        problems, names = _drawn_label_problems(dialog)
        measured |= set(names)
        assert problems == [], f"{theme} {dialog.tabs.tabText(index)}: {problems}"
    assert {"durations-hint", "settings-note"} <= measured


def test_diagnostics_and_statistics_words_have_4_5_to_1(
        qtbot: QtBot, theme: str, clock: FakeClock, paths: Paths) -> None:
    """Every label of About / diagnostics and of the statistics window has 4.5:1."""
    diagnostics = DiagnosticsDialog(
        SittingTracker(clock, FakeIdleSource(clock), 180), IdleHealth(), paths, ["using fake"],
        busy_sources=[NullBusySource(HoldReason.SCREEN_SHARING, "no desktop API tells")])
    statistics = StatisticsWindow(
        paths.health_log, now=lambda: datetime(2026, 3, 2, 12, tzinfo=UTC), tz=UTC,
        flush=lambda: None, clear=lambda: 0, catalogue=packaged_catalogue())
    for window in (diagnostics, statistics):
        qtbot.add_widget(window)
        window.show()
        qtbot.waitExposed(window)

        problems, measured = _drawn_label_problems(window)

        assert problems == [], f"{theme} {window.windowTitle()}: {problems}"
        assert len(measured) >= (2 if window is statistics else 10)


def test_help_text_follows_a_live_switch_to_dark(qtbot: QtBot, qapp: QApplication) -> None:
    """Help text shown in the light theme keeps 4.5:1 when the desktop switches to dark."""
    original = QPalette(qapp.palette())
    qapp.setPalette(qapp.style().standardPalette())
    try:
        dialog = SettingsDialog(Settings(), confirm=lambda _question: False)
        qtbot.add_widget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qapp.setPalette(dark_palette())

        problems, measured = _drawn_label_problems(dialog)
    finally:
        qapp.setPalette(original)

    assert "settings-note" in measured
    assert problems == []
