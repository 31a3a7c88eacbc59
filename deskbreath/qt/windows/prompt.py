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

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QMouseEvent, QScreen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.clock import Clock
from deskbreath.core.exercises import Catalogue
from deskbreath.core.history import Outcome, OutcomeRecorder, ReportValue, Result
from deskbreath.core.settings.model import Settings
from deskbreath.core.wording import humanize
from deskbreath.i18n import _
from deskbreath.qt.windows.exercises.base import wrapped_label
from deskbreath.qt.windows.exercises.registry import (
    ExerciseWidget,
    create_exercise_widget,
    estimated_seconds,
)
from deskbreath.qt.windows.offer import (
    SCREEN_MARGIN,
    WaitingIndicator,
    corner_origin,
    pointer_screen,
    show_in_corner,
)

log = logging.getLogger(__name__)

EXERCISE_SIZE = QSize(600, 420)


class PromptWindow(QWidget):
    """One prompt: Start / Snooze (the configured choices) / Skip, then the exercise.

    Esc skips the offer, stops an exercise under way, or closes a finished one.

    Args:
        waiting: where the offer waits when no window may be shown for it (the shell, in a
            Wayland session without Xwayland); None shows the offer as a window.

    Signals:
        started(): the user pressed Start.
        snooze_requested(float): the user chose a snooze of that many seconds (emitted just
            before ``finished``).
        finished(Outcome): the window closed; carries the :class:`Outcome` already recorded.
    """

    started = Signal()
    snooze_requested = Signal(float)
    finished = Signal(Outcome)  # a Python class: delivered as the same object

    def __init__(self, exercise_id: str, catalogue: Catalogue, settings: Settings, clock: Clock,
                 recorder: OutcomeRecorder, *, waiting: WaitingIndicator | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("deskbreath-prompt")
        self.exercise = catalogue.get(exercise_id)
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

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_offer())
        self.pages.addWidget(self._build_exercise_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._enter_presses_buttons()
        # A monitor unplugged under the prompt: Qt moves the window to another screen but
        # leaves its position, now outside every monitor.
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenRemoved.connect(self._on_app_screen_removed)

    # -- building --------------------------------------------------------------------------

    def _build_offer(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        title = wrapped_label(self.exercise.title, page, factor=1.4, bold=True)
        layout.addWidget(title)
        layout.addWidget(wrapped_label(self.exercise.prompt, page))
        seconds = estimated_seconds(self.exercise.id, self._catalogue, self._settings)
        layout.addWidget(wrapped_label(_("About %(duration)s") % {"duration": humanize(seconds)},
                                       page))
        layout.addWidget(self._caution_label(page))
        buttons = QHBoxLayout()
        self.start_button = QPushButton(_("Start"), page)
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
        snooze_label = QLabel(_("Snooze:"), page)
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
        return page

    def _build_exercise_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(wrapped_label(self.exercise.title, page, factor=1.2, bold=True))
        self.exercise_holder = QVBoxLayout()
        layout.addLayout(self.exercise_holder, 1)
        footer = QHBoxLayout()
        footer.addWidget(self._caution_label(page), 1)
        self.stop_button = QPushButton(_("Stop (Esc)"), page)
        self.stop_button.setAccessibleName(_("Stop the exercise"))
        self.stop_button.clicked.connect(self._on_stop_clicked)
        footer.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(footer)
        return page

    def _caution_label(self, parent: QWidget) -> QLabel:
        label = wrapped_label(self.exercise.caution, parent, factor=0.9)
        font = label.font()
        font.setItalic(True)
        label.setFont(font)
        label.setAccessibleName(_("Caution: %(caution)s") % {"caution": self.exercise.caution})
        return label

    # -- public ----------------------------------------------------------------------------

    @property
    def outcome(self) -> Outcome | None:
        """The outcome once the window has closed, else None."""
        return self._outcome

    @property
    def running(self) -> bool:
        """True between Start and the end of the exercise."""
        return self._started_at is not None and self._outcome is None

    def present(self) -> None:
        """Offer the exercise without taking keyboard focus (no ``activateWindow()`` here):
        in the lower right corner of the screen with the pointer, on top; or, with a
        ``waiting`` indicator, as its waiting state until the user asks to see the window."""
        if self._waiting is not None:
            log.info("offer waiting in the tray: %s", self.exercise.id)
            self._waiting.show_waiting(
                _("%(exercise)s is waiting: click the deskbreath icon to see it.")
                % {"exercise": self.exercise.title},
                self.reveal)
            return
        show_in_corner(self)

    def reveal(self) -> None:
        """Show the offer because the user asked for it (a click on the waiting tray icon, or
        `deskbreath prompt focus`): the window takes keyboard focus."""
        if self._outcome is not None:
            return
        if not self.isVisible():
            show_in_corner(self)
        self.raise_()
        self.activateWindow()

    def close_as_missed(self) -> None:
        """Close because the user went away: missed if never started, stopped if under way,
        done if the exercise had already reached its end."""
        if self._started_at is None:
            self._finish(Result.MISSED)
        else:
            self._finish_started()

    def close_as_interrupted(self, *, close: bool = True) -> None:
        """Close because the app is ending (Quit, logout, a signal, the display went away):
        recorded as interrupted, whether offered or under way, unless the exercise had
        already reached its end (then it is done). ``close=False`` records without touching
        the window (the display server is gone)."""
        widget = self.exercise_widget
        if widget is not None and widget.at_end:
            self._finish(Result.DONE, close=close)
        else:
            self._finish(Result.INTERRUPTED, close=close)

    # -- events ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A click on the window (not on a button) means the user wants it: take focus.
        self.activateWindow()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self._started_at is None:
                self._finish(Result.SKIPPED)
            else:
                self._finish_started()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window manager's close button: like Esc.
        if self._outcome is None:
            if self._started_at is None:
                self._finish(Result.SKIPPED, close=False)
            else:
                self._finish_started(close=False)
        super().closeEvent(event)

    # -- slots -----------------------------------------------------------------------------

    def begin(self) -> None:
        """Start the exercise (the Start button, or "Start now" from the tray), showing the
        window first if it is not on screen yet. The user chose it, so the window takes
        keyboard focus."""
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
                                        self._clock, self)
        widget.completed.connect(self._on_exercise_completed)
        widget.reached_end.connect(self._on_exercise_reached_end)
        self.exercise_widget = widget
        self.exercise_holder.addWidget(widget)
        self.pages.setCurrentIndex(1)
        self.resize(self.size().expandedTo(EXERCISE_SIZE))
        self._keep_on_screen()
        self._enter_presses_buttons()
        widget.begin()
        self._focus_exercise()
        self.started.emit()

    def _on_snooze_clicked(self, seconds: float) -> None:
        self.snooze_requested.emit(seconds)
        self._finish(Result.SNOOZED, {"snooze_seconds": seconds})

    def _on_skip_clicked(self) -> None:
        self._finish(Result.SKIPPED)

    def _on_stop_clicked(self) -> None:
        self._finish_started()

    def _on_exercise_completed(self, reports: object) -> None:
        # ``completed`` stays Signal(object) (see ExerciseWidget): this is its one check.
        if not isinstance(reports, Mapping):
            raise TypeError(f"an exercise reported {reports!r} instead of its answers")
        self._finish(Result.DONE, reports)

    def _on_exercise_reached_end(self) -> None:
        log.info("exercise %s reached its end", self.exercise.id)
        self.stop_button.setText(_("Close (Esc)"))
        self.stop_button.setAccessibleName(_("Close the exercise"))
        self._focus_exercise()

    # -- internals -------------------------------------------------------------------------

    def _enter_presses_buttons(self) -> None:
        # Outside a QDialog, a QPushButton answers Space only; auto-default makes Enter and
        # Return press the focused button too, as keyboard users expect.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)

    def _focus_exercise(self) -> None:
        target = self.exercise_widget.focus_target() if self.exercise_widget else None
        (target or self.stop_button).setFocus(Qt.FocusReason.OtherFocusReason)

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

    def _keep_on_screen(self) -> None:
        screen = self.screen()
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        x = min(max(frame.left(), area.left()), area.right() - frame.width() - SCREEN_MARGIN)
        y = min(max(frame.top(), area.top()), area.bottom() - frame.height() - SCREEN_MARGIN)
        self.move(max(area.left(), x), max(area.top(), y))

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

