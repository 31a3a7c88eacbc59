"""What every exercise widget shares.

The start/sync/pause/halt contract, screen-reader announcements, the reduced-motion decision,
the lead-in page and the closing page (the done words, the stand-up suggestion after a long
bout, the one-tap question and its tip).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QGuiApplication, QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.clock import Clock
from deskbreath.core.exercises import Catalogue, Exercise
from deskbreath.core.history import ReportValue
from deskbreath.core.settings.model import ReducedMotion, Settings
from deskbreath.core.wording import humanize
from deskbreath.i18n import _
from deskbreath.qt.look import TypeScale, spacing_unit
from deskbreath.qt.windows.exercises.illustration import Illustration
from deskbreath.qt.windows.exercises.pacer import FrameDriver
from deskbreath.qt.windows.exercises.parts import (
    QuestionGroup,
    note_frame,
    primary,
    scrolling,
    wrapped_label,
)

Reports = Mapping[str, ReportValue]


def system_prefers_reduced_motion() -> bool:
    """What the desktop says about motion (Qt 6.12's ``QAccessibilityHints.motionPreference``).

    WORKAROUND for a PySide6 6.12 ownership wart: in a chained call
    ``styleHints().accessibility().motionPreference()`` the hints wrapper is dropped early and
    the call fails with "Internal C++ object already deleted"; holding both in locals works.
    The attributes are looked up by name because PySide6 6.12's type stubs do not list them
    yet, and a Qt older than 6.12 has no motion preference at all (then: no preference).
    """
    hints = QGuiApplication.styleHints()
    accessibility = hints.accessibility()
    preference = getattr(accessibility, "motionPreference", None)
    reduced = getattr(getattr(Qt, "MotionPreference", None), "ReducedMotion", None)
    if preference is None or reduced is None:
        return False
    return bool(preference() == reduced)


def reduced_motion_wanted(setting: ReducedMotion) -> bool:
    """The settings switch wins; "system" follows the desktop."""
    if setting is ReducedMotion.ON:
        return True
    if setting is ReducedMotion.OFF:
        return False
    return system_prefers_reduced_motion()


def page_layout(page: QWidget) -> QVBoxLayout:
    """A page's column, with room around its controls for their focus rings."""
    layout = QVBoxLayout(page)
    unit = spacing_unit(page.font())
    layout.setContentsMargins(unit, unit, unit, unit)
    layout.setSpacing(unit)
    return layout


def page_row(page: QWidget) -> tuple[QHBoxLayout, QVBoxLayout]:
    """A page's row of a picture and a column of words and controls, room around for focus rings.

    Returns:
        The row, and the column (one spacing unit between its items), not yet in the row: the
        caller adds the picture's side with stretch 2, then the column with stretch 3.
    """
    row = QHBoxLayout(page)
    unit = spacing_unit(page.font())
    row.setContentsMargins(unit, unit, unit, unit)
    row.setSpacing(2 * unit)
    column = QVBoxLayout()
    column.setSpacing(unit)
    return row, column


class ExerciseWidget(QWidget):
    """The contract between the prompt window and one exercise.

    Time comes from the injected clock only: :meth:`sync` reads it and brings the display up to
    date, and the widget's own animation or timer calls :meth:`sync` in real use. A test with a
    fake clock advances the clock and calls :meth:`sync` itself. Time spent paused does not
    count (:meth:`elapsed`).

    Args:
        exercise: the exercise (the variant to run, for one with variants).
        catalogue: where its images are.
        settings: the settings it runs with.
        clock: the injected clock.
        parent: the owning widget.
        sitting_seconds: how long the user had been sitting when it was offered (for the
            stand-up suggestion).

    Signals:
        completed(object): the user finished with the closing answer (one without a tip:
            after a tip, the window's Close button ends it); carries the self-reports as a
            dict (empty when none were given).
        announced(str): a phase or step change worth telling a screen-reader user about; the
            same text is sent as a ``QAccessibleAnnouncementEvent``.
        reached_end(): the timed part is over (the closing page is showing).
        focus_target_changed(): the control that should have keyboard focus is another one
            now (a page changed); the window moves focus to :meth:`focus_target`.
        pause_changed(bool): the exercise was paused (True) or goes on (False).
    """

    # Not Signal(dict): PySide6 (6.11) turns a dict signal into QVariantMap, so every emit
    # copies the dict, sorts its keys (the history would lose the answers' order) and turns a
    # non-dict into {} with only a printed warning. An object signal passes the dict as it
    # is; the prompt window's slot checks that it is a mapping.
    completed = Signal(object)
    announced = Signal(str)
    reached_end = Signal()
    focus_target_changed = Signal()
    pause_changed = Signal(bool)

    timed = True
    """Whether the exercise runs on a clock (and can be paused)."""

    pages: QStackedWidget

    def __init__(self, exercise: Exercise, catalogue: Catalogue, settings: Settings,
                 clock: Clock, parent: QWidget | None = None, *,
                 sitting_seconds: float = 0.0) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self.catalogue = catalogue
        self.settings = settings
        self.clock = clock
        self.sitting_seconds = sitting_seconds
        self._started_at: float | None = None
        self._paused_at: float | None = None
        self._paused_for = 0.0
        self._at_end = False
        self._pending_page: int | None = None
        self._reports: dict[str, ReportValue] = {}
        self.question: QuestionGroup | None = None
        self.tip_label: QLabel | None = None
        self.stand_up_label: QLabel | None = None
        self._tick = QTimer(self)
        self._tick.setObjectName(f"{exercise.id}-countdown-tick")
        self._tick.setSingleShot(True)
        self._tick.timeout.connect(self._on_tick_timeout)

    @classmethod
    def estimated_seconds(cls, exercise: Exercise, settings: Settings) -> float:
        """How long ``exercise`` takes with these settings, for the offer ("about 2 min").

        Raises:
            NotImplementedError: each kind of widget says how long it takes.
        """
        raise NotImplementedError(f"{cls.__name__} does not say how long it takes")

    @property
    def at_end(self) -> bool:
        """True once the timed part is over."""
        return self._at_end

    @property
    def paused(self) -> bool:
        """True while the exercise is held by :meth:`pause`."""
        return self._paused_at is not None

    @property
    def can_pause(self) -> bool:
        """Whether pausing means anything now: a timed exercise under way."""
        return self.timed and self._started_at is not None and not self._at_end

    def begin(self) -> None:
        """Start the exercise now (by the injected clock)."""
        self._started_at = self.clock.monotonic()
        self.sync()

    def elapsed(self) -> float:
        """Seconds since :meth:`begin` that were not spent paused; 0 before it."""
        if self._started_at is None:
            return 0.0
        now = self._paused_at if self._paused_at is not None else self.clock.monotonic()
        return max(0.0, now - self._started_at - self._paused_for)

    def shift_start(self, seconds: float) -> None:
        """Move the start earlier by ``seconds`` (skipping a lead-in)."""
        if self._started_at is not None:
            self._started_at -= seconds

    def pause(self) -> None:
        """Hold the exercise where it is until :meth:`resume`."""
        if self.paused or not self.can_pause:
            return
        self._paused_at = self.clock.monotonic()
        self._tick.stop()
        self._show_paused(True)
        self.pause_changed.emit(True)
        self.announce(_("Paused. Press Space to go on."))

    def resume(self) -> None:
        """Go on from where :meth:`pause` held the exercise."""
        if self._paused_at is None:
            return
        self._paused_for += max(0.0, self.clock.monotonic() - self._paused_at)
        self._paused_at = None
        self._show_paused(False)
        self.pause_changed.emit(False)
        self.announce(_("Going on."))
        self.sync()

    def toggle_pause(self) -> None:
        """Pause, or go on if paused (the Space key)."""
        if self.paused:
            self.resume()
        else:
            self.pause()

    def sync(self) -> None:
        """Bring the display up to the clock's time; subclasses draw their state here."""

    def halt(self) -> None:
        """Stop timers and animations (the window is closing)."""
        self._tick.stop()

    def reports(self) -> dict[str, ReportValue]:
        """The self-reports given so far (answers, ticked items), for the history.

        Kept however the exercise ends.
        """
        return dict(self._reports)

    def sync_when_countdown_changes(self, seconds_left: float) -> None:
        """Arm the one-shot tick for the moment the whole-second countdown next changes.

        A countdown so costs one wake-up a second and no more.
        """
        fraction = seconds_left - math.floor(seconds_left)
        wait = fraction if fraction > 0.001 else 1.0
        self._tick.start(max(20, math.ceil(wait * 1000)))

    def _on_tick_timeout(self) -> None:
        self.sync()

    def focus_target(self) -> QWidget | None:
        """The control that should have keyboard focus right now.

        None leaves it to the window (its pause button while the exercise runs).
        """
        if self.tip_label is not None and not self.tip_label.isHidden():
            return None  # the tip is read; the window's Close button ends it
        if self._at_end and self.question is not None:
            return self.question.buttons[0]
        return None

    def _show_paused(self, paused: bool) -> None:
        """Show that the exercise is paused, or not any more.

        Subclasses stop and start their animation here.
        """

    def _switch_page(self, pages: QStackedWidget, index: int) -> None:
        """Show page ``index`` of ``pages``, focus going straight to the control it wants.

        The control is the one :meth:`focus_target` names.

        Focus moves first: if the focused button were on the page being hidden,
        ``QStackedWidget`` would hand focus to the next page itself (an unnamed container
        when that page has no control), and a screen reader would announce each hop.
        """
        if pages.currentIndex() == index:
            return
        self._pending_page = index
        try:
            self.focus_target_changed.emit()
        finally:
            self._pending_page = None
        pages.setCurrentIndex(index)
        self.focus_target_changed.emit()

    def _page(self, pages: QStackedWidget) -> int:
        """The page showing, or about to show while :meth:`_switch_page` moves focus."""
        return self._pending_page if self._pending_page is not None else pages.currentIndex()

    def _mark_end(self) -> None:
        if not self._at_end:
            self._at_end = True
            self._tick.stop()
            self.reached_end.emit()

    def announce(self, message: str) -> None:
        """Tell screen readers.

        An announcement event where an accessibility client listens, and the accessible
        description for those that read it instead.
        """
        self.setAccessibleDescription(message)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, message))
        self.announced.emit(message)

    # -- the closing page -----------------------------------------------------------------

    def stand_up_text(self) -> str:
        """The stand-up suggestion, or "".

        Given when it is on, the exercise has one and the bout was long.
        """
        if (not self.exercise.stand_up or not self.settings.stand_up_suggestion
                or self.sitting_seconds < self.settings.stand_up_after):
            return ""
        return self.exercise.stand_up.format(sitting=humanize(self.sitting_seconds))

    def _stack_pages(self, *builders: Callable[[], QWidget]) -> None:
        """Build the pages, in order, and show them one at a time filling the widget.

        The first one shows first. The stack exists before the pages, as the tab order
        expects.
        """
        self.pages = QStackedWidget(self)
        for build in builders:
            self.pages.addWidget(build())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _show_page(self, index: int) -> None:
        """Show page ``index``; focus goes to the page's control.

        The pause button while the timed part runs; never an unnamed container.
        """
        self._switch_page(self.pages, index)

    def _exercise_picture(self, page: QWidget) -> Illustration:
        """The exercise's own picture (its ``image``, if it has one), on ``page``."""
        picture = Illustration(page)
        if self.exercise.image:
            picture.set_image(self.catalogue.image_path(self.exercise.image),
                              self.exercise.image_text)
        return picture

    def _build_end(self, parent: QWidget) -> QWidget:
        """The closing page.

        The done words, the stand-up suggestion after a long bout, the question, and room for
        an answer's tip (scrolling if the screen is short).
        """
        outer = QWidget(parent)
        outer_layout = page_layout(outer)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        self.end_scroll, layout = scrolling(outer)
        outer_layout.addWidget(self.end_scroll)
        page = self.end_scroll.content
        unit = spacing_unit(page.font())
        layout.setContentsMargins(unit, unit, unit, unit)
        layout.addWidget(wrapped_label(self.exercise.done, page, factor=TypeScale.HEADING,
                                       bold=True))
        stand_up = self.stand_up_text()
        if stand_up:
            frame, inner = note_frame(page)
            self.stand_up_label = wrapped_label(stand_up, frame)
            inner.addWidget(self.stand_up_label)
            layout.addWidget(frame)
        question = self.exercise.question
        if question is not None:
            self.question = QuestionGroup(question, self._on_answer_chosen, page)
            layout.addWidget(self.question)
            self.tip_label = wrapped_label("", page)
            self.tip_label.setObjectName("answer-tip")
            self.tip_label.hide()
            layout.addWidget(self.tip_label)
        layout.addStretch(1)
        return outer

    def end_announcement(self) -> str:
        """What a screen reader hears when the closing page shows."""
        parts = [self.exercise.done, self.stand_up_text()]
        if self.exercise.question is not None:
            parts.append(self.exercise.question.text)
        return " ".join(part for part in parts if part)

    def _on_answer_chosen(self, key: str) -> None:
        question = self.exercise.question
        assert question is not None
        self._reports[question.key] = key
        tip = next((c.tip for c in question.choices if c.key == key), "")
        if not tip or self.tip_label is None:
            self.completed.emit(self.reports())
            return
        # The tip stays until the user closes the window (its Close button takes focus);
        # another answer may still be chosen, and replaces this one.
        self.tip_label.setText(tip)
        self.tip_label.show()
        self.announce(tip)
        self.focus_target_changed.emit()


class LeadInExerciseWidget(ExerciseWidget):
    """An exercise that opens with a lead-in page before its timed part.

    The lead-in page shows the illustration, the setup steps, a note, a countdown and "Begin
    now"; the exercise's pages sit in ``self.pages``.

    The lead-in lasts the exercise's ``lead_in`` seconds. Subclasses build their pages with
    :meth:`_build_lead_in` and :meth:`_stack_pages`, e.g.
    ``self._stack_pages(lambda: self._build_lead_in(...), ...)``, and start from
    :meth:`_timed_seconds` in :meth:`sync`.

    The timed part may be drawn on every frame by ``self.driver``, a
    :class:`~deskbreath.qt.windows.exercises.pacer.FrameDriver` that calls :meth:`sync`; the
    subclass starts it, and it stops when the widget halts or hides.

    Args: as :class:`ExerciseWidget`.
    """

    lead_in_label: QLabel
    begin_now_button: QPushButton

    def __init__(self, exercise: Exercise, catalogue: Catalogue, settings: Settings,
                 clock: Clock, parent: QWidget | None = None, *,
                 sitting_seconds: float = 0.0) -> None:
        super().__init__(exercise, catalogue, settings, clock, parent,
                         sitting_seconds=sitting_seconds)
        self.driver = FrameDriver(self.sync, self)

    @property
    def lead_in(self) -> float:
        """Seconds of lead-in before the timed part."""
        return self.exercise.lead_in or 0.0

    def _build_lead_in(self, *, countdown_name: str, begin_name: str) -> QWidget:
        """The lead-in page.

        The ``*_name`` arguments are the screen-reader names of the countdown label and the
        "Begin now" button.
        """
        page = QWidget(self)
        row, column = page_row(page)
        row.addWidget(self._exercise_picture(page), 2)
        reading, steps = scrolling(page)
        for step in self.exercise.setup:
            steps.addWidget(wrapped_label(f"• {step.text}", reading.content))
        if self.exercise.note:
            frame, inner = note_frame(reading.content)
            inner.addWidget(wrapped_label(self.exercise.note, frame, factor=TypeScale.SMALL))
            steps.addWidget(frame)
        steps.addStretch(1)
        column.addWidget(reading, 1)
        self.lead_in_label = wrapped_label("", page, factor=TypeScale.HEADING, bold=True)
        self.lead_in_label.setAccessibleName(countdown_name)
        column.addWidget(self.lead_in_label)
        self.begin_now_button = primary(QPushButton(_("Begin now"), page))
        self.begin_now_button.setAccessibleName(begin_name)
        self.begin_now_button.clicked.connect(self._on_begin_now_clicked)
        column.addWidget(self.begin_now_button, 0, Qt.AlignmentFlag.AlignLeading)
        row.addLayout(column, 3)
        return page

    def focus_target(self) -> QWidget | None:
        """The base class's choice, else "Begin now" while the lead-in shows."""
        target = super().focus_target()
        if target is not None:
            return target
        if not self.at_end and self._page(self.pages) == 0:
            return self.begin_now_button
        return None

    def halt(self) -> None:
        """Stop the timers and the frame driver."""
        super().halt()
        self.driver.stop()

    def hideEvent(self, event: QHideEvent) -> None:
        """Stop the frame driver: nothing to animate on a hidden window."""
        super().hideEvent(event)
        self.driver.stop()

    def _timed_seconds(self) -> float | None:
        """Seconds into the timed part, for :meth:`sync` to draw; None when there is none.

        None at the end, while paused, and during the lead-in, whose countdown this shows.
        """
        if self.at_end or self.paused:
            return None
        elapsed = self.elapsed()
        if elapsed < self.lead_in:
            self._show_lead_in(self.lead_in - elapsed)
            return None
        return elapsed - self.lead_in

    def _show_lead_in(self, seconds_left: float) -> None:
        count = math.ceil(seconds_left)
        self.lead_in_label.setText(_("Starting in %(n)d") % {"n": count})
        self._show_page(0)
        self.sync_when_countdown_changes(seconds_left)

    def lead_in_announcement(self) -> str:
        """What a screen reader hears when the lead-in starts: the title and the setup."""
        steps = " ".join(step.text for step in self.exercise.setup)
        return _("%(title)s. Get ready: %(steps)s") % {"title": self.exercise.title,
                                                      "steps": steps}

    def begin(self) -> None:
        """Start, and announce the lead-in if it has not passed yet."""
        super().begin()
        if self.elapsed() < self.lead_in:
            self.announce(self.lead_in_announcement())

    def _on_begin_now_clicked(self) -> None:
        if self.paused:
            self.resume()
        self.shift_start(max(0.0, self.lead_in - self.elapsed()))
        self.sync()
