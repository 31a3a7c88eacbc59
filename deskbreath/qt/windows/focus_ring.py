"""A focus ring that every control of a window shows the same way, in every style and theme.

Styles draw focus differently (Fusion: a 1 px line inside the button; none at all on a check
box that got focus from code), and some not until the user has pressed Tab. deskbreath's
windows draw their own: a :data:`~deskbreath.qt.look.FOCUS_WIDTH` px ring in the look's
focus colour, :data:`~deskbreath.qt.look.FOCUS_GAP` px outside the focused control, so it has
3:1 contrast against the card and window behind it whatever the control's own colour.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget
from shiboken6 import Shiboken

from deskbreath.qt.look import FOCUS_GAP, FOCUS_WIDTH, RADIUS

MARGIN = FOCUS_GAP + FOCUS_WIDTH
"""How far the ring reaches outside the control, in px; layouts leave at least this much
room around controls."""


class FocusRing(QWidget):
    """Follows keyboard focus inside ``window`` and draws a ring around the focused control.

    The ring is a child of the window, kept on top, and lets mouse clicks through. It
    follows its control when the control or anything around it moves (a layout change,
    scrolling), and inside a scroll area it is clipped to what the scroll area shows.

    Args:
        window: the top-level window whose controls it marks.
        colour: the ring's colour.
    """

    def __init__(self, window: QWidget, colour: QColor) -> None:
        super().__init__(window)
        self.setObjectName("deskbreath-focus-ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._window = window
        self._colour = QColor(colour)
        self._target: QWidget | None = None
        self._watched: list[QWidget] = []
        self._clip = QRect()
        self.hide()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_app_focus_changed)

    @property
    def colour(self) -> QColor:
        """The colour the ring is drawn in."""
        return QColor(self._colour)

    @property
    def target(self) -> QWidget | None:
        """The control the ring is drawn around, if any."""
        return self._target

    def set_colour(self, colour: QColor) -> None:
        """Draw the ring in ``colour`` from now on."""
        self._colour = QColor(colour)
        self.update()

    def follow(self, widget: QWidget | None) -> None:
        """Draw the ring around ``widget`` (None: hide it)."""
        for watched in self._watched:
            if Shiboken.isValid(watched):  # a page may have gone with its controls
                watched.removeEventFilter(self)
        self._watched = []
        self._target = widget
        if widget is None:
            self.hide()
            return
        ancestor: QWidget | None = widget
        while ancestor is not None and ancestor is not self._window:
            ancestor.installEventFilter(self)
            self._watched.append(ancestor)
            if isinstance(ancestor, QScrollArea):  # bring the control and its ring into view
                ancestor.ensureWidgetVisible(widget, 2 * MARGIN, 2 * MARGIN)
            ancestor = ancestor.parentWidget()
        self._place()

    def _place(self) -> None:
        target = self._target
        if target is None or not Shiboken.isValid(target) or not target.isVisible():
            self.hide()
            return
        top_left = target.mapTo(self._window, target.rect().topLeft())
        rect = QRect(top_left, target.size()).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        clip = QRect(rect)
        ancestor = target.parentWidget()
        while ancestor is not None and ancestor is not self._window:
            if isinstance(ancestor.parentWidget(), QAbstractScrollArea):  # a viewport
                shown = QRect(ancestor.mapTo(self._window, ancestor.rect().topLeft()),
                              ancestor.size())
                clip = clip.intersected(shown)
            ancestor = ancestor.parentWidget()
        self._clip = clip.translated(-rect.topLeft())
        self.setGeometry(rect)
        self.show()
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Place the ring again when the control or one around it moves, resizes, shows or hides."""
        del watched  # only the control and the widgets around it are watched
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                            QEvent.Type.Hide):
            self._place()
        return False

    # A slot in the meta-object: Qt drops the connection when the ring is destroyed. A plain
    # bound method would stay in the application's signal, and with it the window's wrapper.
    @Slot(QWidget, QWidget)
    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new is not self and new.window() is self._window:
            self.follow(new)
        elif new is None or new.window() is not self._window:
            self.follow(None)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the rounded ring, clipped to what the scroll areas around the control show."""
        del event
        painter = QPainter(self)
        painter.setClipRect(self._clip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._colour, FOCUS_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = FOCUS_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half),
                                RADIUS + FOCUS_GAP, RADIUS + FOCUS_GAP)
        painter.end()
