"""An exercise illustration: an SVG drawn in the look's colours, or a sequence of frames.

The SVG is drawn in the look's text colour, with its accent parts (``<g id="accent">``: arrows
showing the movement) in the accent colour; for a moving step, a sequence of frames is shown
one into the next in step with the movement.

Each frame is drawn once per size and colour into an image; showing the movement then only
blends two cached images, so animating a step costs little more than a still picture.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from deskbreath.qt.look import current_look

ACCENT_ID = "accent"
"""The id of the SVG group drawn in the accent colour."""
_CACHED_IMAGES = 24
_STEPS = 60  # blend positions per frame pair: finer than a person can tell apart


class Illustration(QWidget):
    """Shows one picture, or a sequence of frames at a given progress.

    The accessible name is the description of what the picture shows.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frames: tuple[Path, ...] = ()
        self._position = 0  # in 1/_STEPS of a frame pair, across all frames
        self._renderers: dict[Path, QSvgRenderer] = {}
        self._images: OrderedDict[tuple[Path, int, float, int, int], QImage] = OrderedDict()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(72, 72))

    @property
    def path(self) -> Path | None:
        """The picture the sequence arrives at (the still picture without one)."""
        return self._frames[-1] if self._frames else None

    @property
    def frames(self) -> tuple[Path, ...]:
        """The frames shown, in order (one for a still)."""
        return self._frames

    def set_image(self, path: Path | None, description: str = "") -> None:
        """Show one still picture (None: nothing)."""
        self.set_frames(() if path is None else (path,), description)

    def set_frames(self, frames: tuple[Path, ...], description: str = "",
                   progress: float = 0.0) -> None:
        """Show ``frames`` one into the next as progress goes from 0 to 1."""
        if frames != self._frames:
            self._frames = frames
            self._position = -1
            for frame in frames:
                if frame not in self._renderers:
                    self._renderers[frame] = QSvgRenderer(str(frame), self)
        self.setAccessibleName(description)
        self.set_progress(progress)

    def set_progress(self, progress: float) -> None:
        """Move the sequence to ``progress`` (0..1); repaints only when the picture changes."""
        pairs = max(1, len(self._frames) - 1)
        position = round(min(1.0, max(0.0, progress)) * pairs * _STEPS)
        if position != self._position:
            self._position = position
            self.update()

    def sizeHint(self) -> QSize:
        """180 px square."""
        return QSize(180, 180)

    def _image(self, path: Path, side: int) -> QImage:
        """``path`` drawn ``side`` px square in the look's colours (cached)."""
        look = current_look()
        ratio = self.devicePixelRatioF()
        key = (path, side, ratio, look.text.rgb(), look.accent.rgb())
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image
        image = _tinted(self._renderers[path], side, ratio, look.text, look.accent)
        self._images[key] = image
        if len(self._images) > _CACHED_IMAGES:
            self._images.popitem(last=False)
        return image

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the frame at the progress, blended into the next, centred and square."""
        del event
        if not self._frames:
            return
        side = min(self.width(), self.height())
        if side <= 0:
            return
        index, blend = divmod(max(0, self._position), _STEPS)
        index = min(index, len(self._frames) - 1)
        target = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter = QPainter(self)
        painter.drawImage(target, self._image(self._frames[index], side))
        if blend and index + 1 < len(self._frames):
            painter.setOpacity(blend / _STEPS)
            painter.drawImage(target, self._image(self._frames[index + 1], side))
        painter.end()


def _tinted(renderer: QSvgRenderer, side: int, ratio: float, text: QColor,
            accent: QColor) -> QImage:
    """The SVG in ``text`` colour with its accent group in ``accent``, ``side`` px square."""
    size = max(1, round(side * ratio))
    image = _filled(renderer, None, size, text)
    if renderer.elementExists(ACCENT_ID):
        accent_image = _filled(renderer, ACCENT_ID, size, accent)
        painter = QPainter(image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOut)
        painter.drawImage(0, 0, accent_image)  # cut the accent's shape out of the figure
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.drawImage(0, 0, accent_image)
        painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def _filled(renderer: QSvgRenderer, element: str | None, size: int, colour: QColor) -> QImage:
    """The whole SVG, or one element of it in place, ``size`` px square, in ``colour``."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if element is None:
        renderer.render(painter, QRectF(0, 0, size, size))
    else:
        view = renderer.viewBoxF()
        scale_x, scale_y = size / view.width(), size / view.height()
        bounds = renderer.transformForElement(element).mapRect(renderer.boundsOnElement(element))
        renderer.render(painter, element, QRectF(
            (bounds.x() - view.x()) * scale_x, (bounds.y() - view.y()) * scale_y,
            bounds.width() * scale_x, bounds.height() * scale_y))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(QRectF(0, 0, size, size), colour)
    painter.end()
    return image
