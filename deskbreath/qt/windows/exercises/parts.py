"""Small pieces every exercise screen is built from, and the other windows too.

Labels on the type scale, quieter help text, the question with its one-tap answers, the
"see a professional" note, and a scroll area for text that may not fit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.exercises import Question
from deskbreath.qt.look import look_for, spacing_unit


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
                  bold: bool = False, secondary: bool = False) -> QLabel:
    """A word-wrapped plain-text label on the type scale (``factor`` of the system font).

    ``secondary`` gives it the quieter text colour of the look.
    """
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if factor != 1.0 or bold:
        label.setFont(scaled_font(label, factor, bold=bold))
    if secondary:
        label.setProperty("secondary", True)
    return label


class SecondaryLabel(QLabel):
    """A word-wrapped label in the look's quieter text colour, for help and notes.

    The colour is :attr:`deskbreath.qt.look.Look.secondary`: quieter than body text, still
    4.5:1 on the window (WCAG 2.2 1.4.3). Not the disabled colour, which says "cannot be used"
    and is as faint as 1.6:1 in Qt's own light palette. The colour is worked out again from
    the palette the label inherits whenever that changes (dark mode switched live, a new
    parent).
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._recolour()

    def changeEvent(self, event: QEvent) -> None:
        """Pick the colour again when the inherited palette or the parent changes."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
                            QEvent.Type.ParentChange):
            self._recolour()

    def _recolour(self) -> None:
        parent = self.parentWidget()
        inherited = parent.palette() if parent is not None else QGuiApplication.palette()
        wanted = look_for(inherited).secondary
        palette = self.palette()
        if palette.color(QPalette.ColorRole.WindowText) != wanted:  # setPalette comes back here
            palette.setColor(QPalette.ColorRole.WindowText, wanted)
            self.setPalette(palette)


def primary(button: QPushButton) -> QPushButton:
    """Mark ``button`` as the screen's one primary action (the accent colour)."""
    button.setProperty("primary", True)
    return button


def link_button(text: str, parent: QWidget) -> QPushButton:
    """A quiet button that reads like a link (underlined text, no frame)."""
    button = QPushButton(text, parent)
    button.setProperty("link", True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def note_frame(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    """A framed box for a note set apart from the steps (a tinted card)."""
    frame = QFrame(parent)
    frame.setProperty("note", True)
    layout = QVBoxLayout(frame)
    unit = spacing_unit(parent.font())
    layout.setContentsMargins(unit + unit // 2, unit, unit + unit // 2, unit)
    return frame, layout


class QuestionGroup(QGroupBox):
    """A closing question and one button per answer.

    The group carries the question as its accessible name (screen readers read it once,
    when focus enters); each button is named by its own answer only.

    Args:
        question: the catalogue's question.
        on_answer: called with the chosen answer's key.
        parent: the owning widget.

    Attributes:
        buttons: one per answer, in the catalogue's order.
    """

    def __init__(self, question: Question, on_answer: Callable[[str], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("question", True)
        self.setFlat(True)
        self.setAccessibleName(question.text)
        layout = QVBoxLayout(self)
        unit = spacing_unit(self.font())
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(unit)
        self.label = wrapped_label(question.text, self, bold=True)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        row.setSpacing(unit)
        self.buttons: list[QPushButton] = []
        for choice in question.choices:
            button = QPushButton(choice.label, self)
            button.setAccessibleName(choice.label)
            button.clicked.connect(lambda _checked=False, key=choice.key: on_answer(key))
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout.addLayout(row)


class FittingScrollArea(QScrollArea):
    """A frameless scroll area for text that may not fit.

    It asks for the room its content needs at a given width (so a window sized to its content
    shows all of it without a scroll bar), and needs only a few lines when the screen has less
    room (then it scrolls).
    It never takes keyboard focus; the controls inside it do, and it scrolls to them.
    """

    def __init__(self, content: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        self.content = content
        self.setWidget(content)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def hasHeightForWidth(self) -> bool:
        """True: the content's height depends on its width."""
        return True

    def _bar(self) -> int:
        """The width the vertical scroll bar takes from the content when it shows."""
        return self.verticalScrollBar().sizeHint().width()

    def heightForWidth(self, width: int) -> int:
        """The height the content needs at ``width`` px (beside a scroll bar, to be safe)."""
        if self.content.hasHeightForWidth():
            return self.content.heightForWidth(max(1, width - self._bar()))
        return self.content.sizeHint().height()

    def sizeHint(self) -> QSize:
        """The content's size hint, with room for the scroll bar beside it."""
        return self.content.sizeHint() + QSize(self._bar(), 0)

    def minimumSizeHint(self) -> QSize:
        """The content's minimum width and the scroll bar's, and at most three lines of height.

        A content wider than the area would go under the scroll bar, cut off at its edge.
        """
        wanted = self.content.minimumSizeHint()
        few_lines = 3 * self.fontMetrics().lineSpacing()
        return QSize(wanted.width() + self._bar(), min(wanted.height(), few_lines))


def scrolling(parent: QWidget) -> tuple[FittingScrollArea, QVBoxLayout]:
    """A :class:`FittingScrollArea` on ``parent`` and the column to put its content in.

    The area's ``content`` widget is the column's parent.
    """
    content = QWidget()
    layout = QVBoxLayout(content)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing_unit(parent.font()))
    return FittingScrollArea(content, parent), layout
