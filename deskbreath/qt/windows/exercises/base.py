"""What every exercise widget shares: the start/sync/halt contract, the illustration view,
screen-reader announcements, the reduced-motion decision, the lead-in page and the one-tap
answer buttons."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPainter,
    QPaintEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.clock import Clock
from deskbreath.core.exercises import Catalogue, Exercise, Question
from deskbreath.core.history import ReportValue
from deskbreath.core.settings.model import ReducedMotion, Settings
from deskbreath.i18n import _

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


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False) -> QFont:
    """The widget's font scaled by ``factor``: sizes follow the system font, never pixels."""
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    else:  # a pixel-sized system font
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    font.setBold(bold)
    return font


def wrapped_label(text: str, parent: QWidget | None = None, *, factor: float = 1.0,
                  bold: bool = False) -> QLabel:
    """A word-wrapped label whose font scales with the system font."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if factor != 1.0 or bold:
        label.setFont(scaled_font(label, factor, bold=bold))
    return label


def add_answer_buttons(layout: QVBoxLayout, question: Question, parent: QWidget,
                       on_answer: Callable[[str], None]) -> list[QPushButton]:
    """Add ``question`` and a row of one button per choice to ``layout``; a click calls
    ``on_answer`` with the choice's key. Returns the buttons, in catalogue order."""
    layout.addWidget(wrapped_label(question.text, parent))
    row = QHBoxLayout()
    buttons: list[QPushButton] = []
    for choice in question.choices:
        button = QPushButton(choice.label, parent)
        button.setAccessibleName(f"{question.text} {choice.label}")
        button.clicked.connect(lambda _checked=False, key=choice.key: on_answer(key))
        row.addWidget(button)
        buttons.append(button)
    row.addStretch(1)
    layout.addLayout(row)
    return buttons


class Illustration(QWidget):
    """An SVG illustration drawn in the palette's text colour, so it reads in light and dark
    themes alike (the SVGs are drawn in black with opacity for shading)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer: QSvgRenderer | None = None
        self._path: Path | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(120, 120))

    @property
    def path(self) -> Path | None:
        return self._path

    def set_image(self, path: Path | None, description: str = "") -> None:
        if path == self._path:
            return
        self._path = path
        if path is None:
            self._renderer = None
        elif self._renderer is None:
            self._renderer = QSvgRenderer(str(path), self)
        else:
            self._renderer.load(str(path))  # one renderer per view, not one per step
        self.setAccessibleName(description)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(180, 180)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        if self._renderer is None or not self._renderer.isValid():
            return
        side = min(self.width(), self.height())
        ratio = self.devicePixelRatioF()
        image = QImage(round(side * ratio), round(side * ratio),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, QRectF(0, 0, side, side))
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(QRectF(0, 0, side, side), QColor(self.palette().windowText().color()))
        painter.end()
        target = QPainter(self)
        target.drawImage(QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side),
                         image)
        target.end()


class ExerciseWidget(QWidget):
    """The contract between the prompt window and one exercise.

    Time comes from the injected clock only: :meth:`sync` reads it and brings the display up to
    date, and the widget's own animation or timer calls :meth:`sync` in real use. A test with a
    fake clock advances the clock and calls :meth:`sync` itself.

    Signals:
        completed(object): the exercise reached its end and the user closed it; carries the
            self-reports as a dict (empty when none were given).
        announced(str): a phase or step change worth telling a screen-reader user about; the
            same text is sent as a ``QAccessibleAnnouncementEvent``.
        reached_end(): the timed part is over (the closing question or words are showing).
    """

    # Not Signal(dict): PySide6 (6.11) turns a dict signal into QVariantMap, so every emit
    # copies the dict, sorts its keys (the history would lose the answers' order) and turns a
    # non-dict into {} with only a printed warning. An object signal passes the dict as it
    # is; the prompt window's slot checks that it is a mapping.
    completed = Signal(object)
    announced = Signal(str)
    reached_end = Signal()

    def __init__(self, exercise: Exercise, catalogue: Catalogue, settings: Settings,
                 clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self.catalogue = catalogue
        self.settings = settings
        self.clock = clock
        self._started_at: float | None = None
        self._at_end = False
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

    def begin(self) -> None:
        """Start the exercise now (by the injected clock)."""
        self._started_at = self.clock.monotonic()
        self.sync()

    def elapsed(self) -> float:
        """Seconds since :meth:`begin`, 0 before it."""
        if self._started_at is None:
            return 0.0
        return max(0.0, self.clock.monotonic() - self._started_at)

    def shift_start(self, seconds: float) -> None:
        """Move the start earlier by ``seconds`` (skipping a lead-in)."""
        if self._started_at is not None:
            self._started_at -= seconds

    def sync(self) -> None:
        """Bring the display up to the clock's time; subclasses draw their state here."""

    def halt(self) -> None:
        """Stop timers and animations (the window is closing)."""
        self._tick.stop()

    def sync_when_countdown_changes(self, seconds_left: float) -> None:
        """Arm the one-shot tick for the moment the whole-second countdown next changes, so a
        countdown costs one wake-up a second and no more."""
        fraction = seconds_left - math.floor(seconds_left)
        wait = fraction if fraction > 0.001 else 1.0
        self._tick.start(max(20, math.ceil(wait * 1000)))

    def _on_tick_timeout(self) -> None:
        self.sync()

    def focus_target(self) -> QWidget | None:
        """The control that should have keyboard focus right now."""
        return None

    def _mark_end(self) -> None:
        if not self._at_end:
            self._at_end = True
            self.reached_end.emit()

    def announce(self, message: str) -> None:
        """Tell screen readers: an announcement event where an accessibility client listens,
        and the accessible description for those that read it instead."""
        self.setAccessibleDescription(message)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, message))
        self.announced.emit(message)


class LeadInExerciseWidget(ExerciseWidget):
    """An exercise that opens with a lead-in page (the illustration, the setup steps, a
    countdown and "Begin now") before its timed part; its pages sit in ``self.pages``.

    Subclasses set ``lead_in`` (seconds) and build their pages with :meth:`_build_lead_in`
    and :meth:`_stack_pages`, e.g. ``self._stack_pages(lambda: self._build_lead_in(...), ...)``.
    """

    lead_in: float
    pages: QStackedWidget
    lead_in_label: QLabel
    begin_now_button: QPushButton

    def _stack_pages(self, *builders: Callable[[], QWidget]) -> None:
        """Build the pages, in order, and show them one at a time filling the widget; the
        first one shows first. The stack exists before the pages, as the tab order expects."""
        self.pages = QStackedWidget(self)
        for build in builders:
            self.pages.addWidget(build())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _build_lead_in(self, *, countdown_name: str, begin_name: str) -> QWidget:
        """The lead-in page; the ``*_name`` arguments are the screen-reader names of the
        countdown label and the "Begin now" button."""
        page = QWidget(self)
        layout = QHBoxLayout(page)
        picture = Illustration(page)
        if self.exercise.image:
            picture.set_image(self.catalogue.image_path(self.exercise.image),
                              self.exercise.image_text)
        layout.addWidget(picture, 2)
        column = QVBoxLayout()
        for step in self.exercise.setup:
            column.addWidget(wrapped_label(f"• {step.text}", page))
        column.addStretch(1)
        self.lead_in_label = wrapped_label("", page, factor=1.2, bold=True)
        self.lead_in_label.setAccessibleName(countdown_name)
        column.addWidget(self.lead_in_label)
        self.begin_now_button = QPushButton(_("Begin now"), page)
        self.begin_now_button.setAccessibleName(begin_name)
        self.begin_now_button.clicked.connect(self._on_begin_now_clicked)
        column.addWidget(self.begin_now_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(column, 3)
        return page

    def _on_begin_now_clicked(self) -> None:
        self.shift_start(max(0.0, self.lead_in - self.elapsed()))
        self.sync()
