"""The prompt window: offers one exercise, runs it, and reports how it ended.

It appears on the screen with the mouse pointer, on top, *without* taking keyboard focus, so
typing into another application never reaches it. It takes focus only when the user clicks it
or presses Start; from then on the whole flow works with the keyboard alone (Tab, Space/Enter,
Esc). Where no window can be shown without taking focus (a Wayland session without Xwayland,
see :mod:`deskbreath.desktop.offers.detect`), the offer waits in the tray instead and the
window shows only when the user asks for it.

The window records the outcome itself through the injected
:class:`~deskbreath.core.history.OutcomeRecorder` and then emits :attr:`PromptWindow.finished`,
exactly once, however it closes; whoever listens must not record it again.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QCloseEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.breathing import BreathPattern
from deskbreath.core.clock import Clock
from deskbreath.core.exercises import Catalogue
from deskbreath.core.history import Outcome, OutcomeRecorder, ReportValue, Result
from deskbreath.core.settings.model import Settings
from deskbreath.core.wording import SEPARATOR, breathing_rhythm, humanize
from deskbreath.i18n import _
from deskbreath.qt.language import QtFormats
from deskbreath.qt.look import TypeScale, current_look, spacing_unit, style_sheet
from deskbreath.qt.windows import fit
from deskbreath.qt.windows.access import install_accessible_roles
from deskbreath.qt.windows.exercises.parts import (
    link_button,
    note_frame,
    primary,
    scrolling,
    wrapped_label,
)
from deskbreath.qt.windows.exercises.registry import (
    ExerciseWidget,
    create_exercise_widget,
    estimated_seconds,
)
from deskbreath.qt.windows.focus_ring import FocusRing
from deskbreath.qt.windows.offer import (
    WaitingIndicator,
    corner_origin,
    pointer_screen,
    show_in_corner,
)

log = logging.getLogger(__name__)

EXERCISE_SIZE = QSize(620, 460)
"""The exercise's size when the screen has room; smaller screens (or larger scales) get
what fits (:meth:`PromptWindow.room`)."""
OFFER_WIDTH_LINES = 26
"""The offer's reading width, in line heights of the system font (about 60 characters)."""


class PromptWindow(QWidget):
    """One prompt: Start / Snooze (the configured choices) / Skip, then the exercise.

    Esc skips the offer, stops an exercise under way, or closes a finished one; Space (and
    the Pause button) pauses and resumes a timed exercise. Every screen has a button to the
    exercise's "see a professional if…" note. Screen readers see the window as a dialog and
    hear the offer announced when it appears.

    Args:
        waiting: where the offer waits when no window may be shown for it (the shell, in a
            Wayland session without Xwayland); None shows the offer as a window.
        variant: which variant of the exercise to offer (None: the exercise's own entry).
        sitting_seconds: how long the user had been sitting (for the stand-up suggestion).

    Signals:
        started(): the user pressed Start.
        snooze_requested(float): the user chose a snooze of that many seconds (emitted just
            before ``finished``).
        finished(Outcome): the window closed; carries the :class:`Outcome` already recorded.
        announced(str): the window told screen readers something of its own (the offer, the
            professional note); the exercise's own announcements come from its widget.
    """

    started = Signal()
    snooze_requested = Signal(float)
    finished = Signal(Outcome)  # a Python class: delivered as the same object
    announced = Signal(str)

    def __init__(self, exercise_id: str, catalogue: Catalogue, settings: Settings, clock: Clock,
                 recorder: OutcomeRecorder, *, waiting: WaitingIndicator | None = None,
                 variant: str | None = None, sitting_seconds: float = 0.0,
                 parent: QWidget | None = None) -> None:
        install_accessible_roles()
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("deskbreath-prompt")
        self.exercise = catalogue.variant(exercise_id, variant)
        self._sitting_seconds = sitting_seconds
        self._announced_offer = False
        self._paused_by_note = False
        self._catalogue = catalogue
        self._settings = settings
        self._clock = clock
        self._recorder = recorder
        self._waiting = waiting
        self._started_at: float | None = None
        self._outcome: Outcome | None = None
        self.exercise_widget: ExerciseWidget | None = None
        self.setWindowTitle(_("deskbreath: %(exercise)s") % {"exercise": self.exercise.title})
        self.setAccessibleName(_("Exercise prompt: %(exercise)s")
                               % {"exercise": self.exercise.title})
        self.setAccessibleDescription(self.exercise.prompt)
        self._apply_look()

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_offer())
        self.pages.addWidget(self._build_exercise_page())
        layout = QVBoxLayout(self)
        unit = spacing_unit(self.font())
        layout.setContentsMargins(unit, unit, unit, unit)
        layout.addWidget(self.pages)
        self.focus_ring = FocusRing(self, current_look().focus)
        self._enter_presses_buttons()
        # A monitor unplugged under the prompt: Qt moves the window to another screen but
        # leaves its position, now outside every monitor.
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenRemoved.connect(self._on_app_screen_removed)

    # -- building --------------------------------------------------------------------------

    def _build_offer(self) -> QWidget:
        page = QFrame(self)
        page.setObjectName("offer-card")
        page.setProperty("card", True)
        unit = spacing_unit(self.font())
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2 * unit, 2 * unit, 2 * unit, 2 * unit)
        layout.setSpacing(unit)
        self.offer_scroll, words = scrolling(page)
        text = self.offer_scroll.content
        title = wrapped_label(self.exercise.title, text, factor=TypeScale.TITLE, bold=True)
        title.setObjectName("offer-title")
        words.addWidget(title)
        words.addWidget(wrapped_label(self.exercise.prompt, text))
        self.duration_label = wrapped_label(self._duration_text(), text, bold=True)
        self.duration_label.setObjectName("offer-duration")
        words.addWidget(self.duration_label)
        if self.exercise.why:
            words.addWidget(wrapped_label(self.exercise.why, text, factor=TypeScale.SMALL,
                                          secondary=True))
        words.addWidget(self._caution_label(text))
        self.offer_note, self.offer_note_label = self._note(text)
        words.addWidget(self.offer_note)
        layout.addWidget(self.offer_scroll, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(unit)
        self.start_button = primary(QPushButton(_("Start"), page))
        self.start_button.setAccessibleName(_("Start %(exercise)s")
                                            % {"exercise": self.exercise.title})
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._on_start_clicked)
        self.skip_button = QPushButton(_("Skip"), page)
        self.skip_button.setAccessibleName(_("Skip this exercise"))
        self.skip_button.clicked.connect(self._on_skip_clicked)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        snooze = QHBoxLayout()
        snooze.setSpacing(unit)
        snooze_label = QLabel(_("Snooze:"), page)
        snooze_label.setProperty("secondary", True)
        snooze.addWidget(snooze_label)
        self.snooze_buttons: list[QPushButton] = []
        for choice in self._settings.snooze_choices:
            button = QPushButton(humanize(choice), page)
            button.setAccessibleName(_("Snooze for %(duration)s")
                                     % {"duration": humanize(choice)})
            button.clicked.connect(
                lambda _checked=False, seconds=choice: self._on_snooze_clicked(seconds))
            snooze.addWidget(button)
            self.snooze_buttons.append(button)
        snooze.addStretch(1)
        layout.addLayout(snooze)
        self.offer_note_button = self._note_button(page)
        layout.addWidget(self.offer_note_button, 0, Qt.AlignmentFlag.AlignLeading)
        return page

    def _build_exercise_page(self) -> QWidget:
        page = QWidget(self)
        unit = spacing_unit(self.font())
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(unit)
        card = QFrame(page)
        card.setObjectName("exercise-card")
        card.setProperty("card", True)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(unit, unit, unit, unit)
        inner.setSpacing(0)
        title = wrapped_label(self.exercise.title, card, factor=TypeScale.HEADING, bold=True)
        title.setContentsMargins(unit, 0, unit, 0)
        inner.addWidget(title)
        self.exercise_holder = QVBoxLayout()
        self.exercise_holder.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(self.exercise_holder, 1)
        layout.addWidget(card, 1)
        layout.addWidget(self._caution_label(page))
        self.note, self.note_label = self._note(page)
        layout.addWidget(self.note)
        footer = QHBoxLayout()
        footer.setSpacing(unit)
        self.note_button = self._note_button(page)
        footer.addWidget(self.note_button)
        footer.addStretch(1)
        self.pause_button = QPushButton(_("Pause (Space)"), page)
        self.pause_button.setAccessibleName(_("Pause the exercise"))
        self.pause_button.clicked.connect(self._on_pause_clicked)
        footer.addWidget(self.pause_button)
        self.stop_button = QPushButton(_("Stop (Esc)"), page)
        self.stop_button.setAccessibleName(_("Stop the exercise"))
        self.stop_button.clicked.connect(self._on_stop_clicked)
        footer.addWidget(self.stop_button)
        layout.addLayout(footer)
        return page

    def _caution_label(self, parent: QWidget) -> QLabel:
        label = wrapped_label(self.exercise.caution, parent, factor=TypeScale.SMALL,
                              secondary=True)
        font = label.font()
        font.setItalic(True)
        label.setFont(font)
        label.setAccessibleName(_("Caution: %(caution)s") % {"caution": self.exercise.caution})
        return label

    def _note_button(self, parent: QWidget) -> QPushButton:
        button = link_button(_("When to see a professional"), parent)
        button.setAccessibleName(_("When to see a professional"))
        button.clicked.connect(self._on_note_button_clicked)
        return button

    def _note(self, parent: QWidget) -> tuple[QFrame, QLabel]:
        frame, layout = note_frame(parent)
        label = wrapped_label(self.exercise.professional, frame)
        label.setAccessibleName(_("When to see a professional: %(note)s")
                                % {"note": self.exercise.professional})
        layout.addWidget(label)
        frame.hide()
        return frame, label

    def _duration_text(self) -> str:
        seconds = estimated_seconds(self.exercise.id, self._catalogue, self._settings,
                                    variant=self.exercise.variant)
        text = _("About %(duration)s") % {"duration": humanize(seconds)}
        if self.exercise.kind == "breathing":
            rhythm = breathing_rhythm(BreathPattern.from_settings(self._settings.breathing),
                                      QtFormats())
            text = f"{text}{SEPARATOR}{rhythm}"
        return text

    def _apply_look(self) -> None:
        look = current_look()
        self.setStyleSheet(style_sheet(look, spacing_unit(self.font())))
        ring = getattr(self, "focus_ring", None)
        if ring is not None:
            ring.set_colour(look.focus)

    # -- public ----------------------------------------------------------------------------

    @property
    def outcome(self) -> Outcome | None:
        """The outcome once the window has closed, else None."""
        return self._outcome

    @property
    def running(self) -> bool:
        """True between Start and the end of the exercise."""
        return self._started_at is not None and self._outcome is None

    def room(self) -> QSize:
        """The largest size the window may take on its screen (:func:`fit.room`)."""
        return fit.room(self)

    def sizeHint(self) -> QSize:
        """The layout's wish, but never more than fits on the screen."""
        return super().sizeHint().boundedTo(self.room())

    def present(self) -> None:
        """Offer the exercise without taking keyboard focus (no ``activateWindow()`` here).

        In the lower right corner of the screen with the pointer, on top; or, with a
        ``waiting`` indicator, as its waiting state until the user asks to see the window.
        """
        if self._waiting is not None:
            log.info("offer waiting in the tray: %s", self.exercise.id)
            self._waiting.show_waiting(
                _("%(exercise)s is waiting: click the deskbreath icon to see it.")
                % {"exercise": self.exercise.title},
                self.reveal)
            return
        show_in_corner(self)

    def reveal(self) -> None:
        """Show the offer because the user asked for it: the window takes keyboard focus.

        The user asked with a click on the waiting tray icon, or `deskbreath prompt focus`.
        """
        if self._outcome is not None:
            return
        if not self.isVisible():
            show_in_corner(self)
        self.raise_()
        self.activateWindow()

    def close_as_missed(self) -> None:
        """Close because the user went away.

        Missed if never started, stopped if under way, done if the exercise had already
        reached its end.
        """
        if self._started_at is None:
            self._finish(Result.MISSED)
        else:
            self._finish_started()

    def close_as_interrupted(self, *, close: bool = True) -> None:
        """Close because the app is ending (Quit, logout, a signal, the display went away).

        Recorded as interrupted, whether offered or under way, unless the exercise had
        already reached its end (then it is done). ``close=False`` records without touching
        the window (the display server is gone).
        """
        widget = self.exercise_widget
        if widget is not None and widget.at_end:
            self._finish(Result.DONE, close=close)
        else:
            self._finish(Result.INTERRUPTED, close=close)

    # -- events ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on the window (not on a button) means the user wants it: take focus."""
        self.activateWindow()
        super().mousePressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """On the first show of an offer: fit it in its corner, then announce it."""
        super().showEvent(event)
        if not self._announced_offer and self._started_at is None:
            self._announced_offer = True
            self._fit_offer(in_corner=True)
            # Once on screen. A timer of the window's own (not QTimer.singleShot with a bound
            # method, which PySide keeps, window and all, if the window goes first).
            announce = QTimer(self)
            announce.setSingleShot(True)
            announce.timeout.connect(self._announce_offer)
            announce.timeout.connect(announce.deleteLater)
            announce.start(0)

    def changeEvent(self, event: QEvent) -> None:
        """Apply the look again when the application palette (light/dark) changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._apply_look()  # light/dark changed: the look follows

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space pauses and goes on while the exercise runs; Esc skips the offer or ends it."""
        if event.key() == Qt.Key.Key_Space and self.running and self.exercise_widget:
            # A button with focus takes Space itself; anywhere else it pauses and resumes.
            self.exercise_widget.toggle_pause()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            if self._started_at is None:
                self._finish(Result.SKIPPED)
            else:
                self._finish_started()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window manager's close button: like Esc."""
        if self._outcome is None:
            if self._started_at is None:
                self._finish(Result.SKIPPED, close=False)
            else:
                self._finish_started(close=False)
        super().closeEvent(event)

    # -- slots -----------------------------------------------------------------------------

    def begin(self) -> None:
        """Start the exercise (the Start button, or "Start now" from the tray).

        Shows the window first if it is not on screen yet. The user chose it, so the window
        takes keyboard focus.
        """
        if not self.isVisible():
            show_in_corner(self)
        self._on_start_clicked()

    def snooze(self, seconds: float) -> None:
        """Close the offer as snoozed (the Snooze button, or `deskbreath snooze`)."""
        self._on_snooze_clicked(seconds)

    def skip(self) -> None:
        """Close the offer as skipped (the Skip button, or `deskbreath prompt skip`)."""
        self._on_skip_clicked()

    def _on_start_clicked(self) -> None:
        if self._started_at is not None:
            return
        self.activateWindow()  # the user chose to start: from now on keys belong here
        self._started_at = self._clock.monotonic()
        widget = create_exercise_widget(self.exercise.id, self._catalogue, self._settings,
                                        self._clock, self,
                                        variant=self.exercise.variant,
                                        sitting_seconds=self._sitting_seconds)
        widget.completed.connect(self._on_exercise_completed)
        widget.reached_end.connect(self._on_exercise_reached_end)
        widget.focus_target_changed.connect(self._focus_exercise)
        widget.pause_changed.connect(self._on_exercise_pause_changed)
        pages = getattr(widget, "pages", None)  # the checklist has a single page
        if pages is not None:
            pages.currentChanged.connect(lambda _page: self.fit_text())
        widget.announced.connect(lambda _text: self.fit_text())  # a new step's words
        self.exercise_widget = widget
        self.exercise_holder.addWidget(widget)
        self.pause_button.setVisible(widget.timed)
        self.pages.setCurrentIndex(1)
        fit.fit_to_screen(self, EXERCISE_SIZE)
        self.fit_text()
        self._enter_presses_buttons()
        widget.begin()
        self._focus_exercise()
        self.started.emit()

    def fit_text(self) -> None:
        """Grow to the height the exercise's wrapped words need, as far as the screen allows.

        A step in a long language may need more lines than the one before
        (:func:`deskbreath.qt.windows.fit.fit_height`). Never shrinks, so it settles after a
        round.
        """
        before = self.size()
        fit.fit_height(self, self.room())
        if self.size() != before:
            fit.keep_on_screen(self)

    def _on_snooze_clicked(self, seconds: float) -> None:
        self.snooze_requested.emit(seconds)
        self._finish(Result.SNOOZED, {"snooze_seconds": seconds})

    def _on_skip_clicked(self) -> None:
        self._finish(Result.SKIPPED)

    def _on_stop_clicked(self) -> None:
        self._finish_started()

    def _on_pause_clicked(self) -> None:
        if self.exercise_widget is not None:
            self.exercise_widget.toggle_pause()

    def _on_exercise_pause_changed(self, paused: bool) -> None:
        self.pause_button.setText(_("Resume (Space)") if paused else _("Pause (Space)"))
        self.pause_button.setAccessibleName(_("Resume the exercise") if paused
                                            else _("Pause the exercise"))
        if not paused:
            self._paused_by_note = False

    def _on_note_button_clicked(self) -> None:
        on_offer = self.pages.currentIndex() == 0
        note, button = (self.offer_note, self.offer_note_button) if on_offer \
            else (self.note, self.note_button)
        shown = note.isHidden()
        note.setVisible(shown)
        button.setText(_("Hide the note") if shown else _("When to see a professional"))
        button.setAccessibleName(button.text())
        button.setFocus(Qt.FocusReason.OtherFocusReason)  # the user acted on it
        widget = self.exercise_widget
        if shown:
            if widget is not None and not on_offer and widget.can_pause and not widget.paused:
                widget.pause()  # reading the note should not cost any of the exercise
                self._paused_by_note = True
            self._announce(self.exercise.professional)
        elif self._paused_by_note and widget is not None:
            self._paused_by_note = False
            widget.resume()
        if on_offer:
            self._fit_offer()  # the offer grows to show the note, as far as the screen allows
        if shown:
            scroll = fit.scroll_area_of(note)
            if scroll is not None:
                QTimer.singleShot(0, lambda: scroll.ensureWidgetVisible(note))

    def _on_exercise_completed(self, reports: object) -> None:
        # ``completed`` stays Signal(object) (see ExerciseWidget): this is its one check.
        if not isinstance(reports, Mapping):
            raise TypeError(f"an exercise reported {reports!r} instead of its answers")
        self._finish(Result.DONE, reports)

    def _on_exercise_reached_end(self) -> None:
        log.info("exercise %s reached its end", self.exercise.id)
        self.stop_button.setText(_("Close (Esc)"))
        self.stop_button.setAccessibleName(_("Close the exercise"))
        self._focus_exercise()  # first: focus never drops with the button that hides
        self.pause_button.hide()

    # -- internals -------------------------------------------------------------------------

    def _enter_presses_buttons(self) -> None:
        # Outside a QDialog, a QPushButton answers Space only; auto-default makes Enter and
        # Return press the focused button too, as keyboard users expect.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)

    def _focus_exercise(self) -> None:
        """Put keyboard focus on the control that matters now, always a named one.

        The exercise's own (Begin now, an answer), else Pause while it runs, else Stop/Close.
        """
        widget = self.exercise_widget
        target = widget.focus_target() if widget is not None else None
        if target is None and widget is not None and widget.can_pause:
            target = self.pause_button
        target = target or self.stop_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        scroll = fit.scroll_area_of(target)
        if scroll is not None:
            scroll.ensureWidgetVisible(target)

    def _announce(self, message: str) -> None:
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, message))
        self.announced.emit(message)

    def offer_announcement(self) -> str:
        """What a screen reader hears when the offer appears."""
        return _("deskbreath offers %(exercise)s. %(duration)s. %(prompt)s Start, snooze or "
                 "skip it in the deskbreath window.") % {
            "exercise": self.exercise.title, "duration": self._duration_text(),
            "prompt": self.exercise.prompt}

    def _announce_offer(self) -> None:
        if self._outcome is None and self._started_at is None:
            self._announce(self.offer_announcement())

    def _fit_offer(self, *, in_corner: bool = False) -> None:
        """Give the offer a comfortable reading width and the height its words need there.

        As far as the screen has room (the words scroll beyond that). ``in_corner``:
        it is being shown, so it goes back to the corner it is offered in, at its new size;
        else it stays where it is, on screen.
        """
        room = self.room()
        width = min(room.width(), OFFER_WIDTH_LINES * self.fontMetrics().height())
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout is not None \
            and layout.hasHeightForWidth() else -1
        if height <= 0:  # the layout cannot say: its own wish
            height = self.sizeHint().height()
        if not in_corner:
            fit.fit_to_screen(self, QSize(width, height))
            return
        self.resize(QSize(width, height).boundedTo(room))
        self.move(corner_origin(self.screen().availableGeometry(), self.frameGeometry().size()))

    def _on_app_screen_removed(self, _screen: QScreen) -> None:
        # Later, from the event loop: Qt moves the window off the screen being removed only
        # after this signal, and the screen object is gone by then (never touch it).
        QTimer.singleShot(0, self, self._leave_removed_screen)

    def _leave_removed_screen(self) -> None:
        if not self.isVisible():
            return
        frame = self.frameGeometry()
        if any(s.availableGeometry().contains(frame) for s in QGuiApplication.screens()):
            return  # still wholly on a monitor that remains
        screen = pointer_screen()
        if screen is not None:
            log.info("the prompt's screen went away; moving it to %s", screen.name())
            self.move(corner_origin(screen.availableGeometry(), frame.size()))

    def _finish_started(self, *, close: bool = True) -> None:
        widget = self.exercise_widget
        if widget is not None and widget.at_end:
            self._finish(Result.DONE, close=close)
        else:
            self._finish(Result.STOPPED, close=close)

    def _finish(self, result: Result, reports: Mapping[str, ReportValue] | None = None, *,
                close: bool = True) -> None:
        if self._outcome is not None:
            return
        if self.exercise_widget is not None:
            self.exercise_widget.halt()
            if result in (Result.DONE, Result.STOPPED, Result.INTERRUPTED):
                # Whatever ends it, what the user reported (answers, ticked items) is kept.
                reports = {**self.exercise_widget.reports(), **(reports or {})}
        if self.exercise.variant and self._started_at is not None:
            reports = {**(reports or {}), "variant": self.exercise.variant}
        duration = 0.0
        if self._started_at is not None:
            duration = max(0.0, self._clock.monotonic() - self._started_at)
        self._outcome = Outcome(self.exercise.id, result, self._clock.now(), duration,
                                dict(reports or {}))
        if self._waiting is not None:
            self._waiting.clear_waiting()
        try:
            self._recorder.record(self._outcome)
        except OSError:
            # The history is a convenience; the user's session must not fail because of it.
            log.exception("could not record the outcome %s", self._outcome)
        if close:
            self.close()
        self.finished.emit(self._outcome)

