"""Small pieces every exercise screen is built from: labels on the type scale, the question
with its one-tap answers, and the "see a professional" note."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deskbreath.core.exercises import Question
from deskbreath.qt.look import TypeScale, spacing_unit


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
    """A word-wrapped plain-text label on the type scale (``factor`` of the system font);
    ``secondary`` gives it the quieter text colour of the look."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if factor != 1.0 or bold:
        label.setFont(scaled_font(label, factor, bold=bold))
    if secondary:
        label.setProperty("secondary", True)
    return label


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


def add_row(layout: QBoxLayout, *widgets: QWidget, stretch_first: bool = False) -> QHBoxLayout:
    """A row of ``widgets`` added to ``layout`` (stretch after them, or before with
    ``stretch_first``), spaced by the spacing unit."""
    row = QHBoxLayout()
    if widgets:
        row.setSpacing(spacing_unit(widgets[0].font()))
    if stretch_first:
        row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    if not stretch_first:
        row.addStretch(1)
    layout.addLayout(row)
    return row


__all__ = ["QuestionGroup", "TypeScale", "add_row", "link_button", "note_frame", "primary",
           "scaled_font", "wrapped_label"]
