"""Every step of every exercise renders in a light and a dark palette.

The pictures go to ``$DESKBREATH_SHOT_DIR`` when set (to look at them), else to a temporary
folder. The test checks each picture has content and that the words are drawn in the
palette's text colour, which is what keeps contrast in both themes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from deskbreath.core.settings.model import ReducedMotion, Settings
from deskbreath.qt.windows.prompt import PromptWindow
from tests.fakes import FakeClock
from tests.qt.windows.conftest import MakeWindow

DARK = {
    QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#eeeeee",
    QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.Text: "#eeeeee",
    QPalette.ColorRole.Button: "#3a3a3a", QPalette.ColorRole.ButtonText: "#eeeeee",
    QPalette.ColorRole.Highlight: "#4a90d9", QPalette.ColorRole.HighlightedText: "#ffffff",
}

# (exercise, seconds after the lead-in, name) for every step worth a picture.
STEPS: dict[str, list[tuple[float, str]]] = {
    "breathing": [(-1, "lead-in"), (1, "in"), (5, "out"), (9, "out-late"), (600, "end")],
    "rotation": [(-1, "lead-in"), (1, "lengthen"), (4.5, "turn-left"), (7, "hold-left"),
                 (12, "return"), (17.5, "turn-right"), (20, "hold-right"), (900, "end")],
    "posture": [(-1, "checklist")],
}


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The application palette switched to light or dark for one test."""
    original = QPalette(qapp.palette())
    palette = QPalette(original)
    if request.param == "dark":
        for role, colour in DARK.items():
            palette.setColor(role, QColor(colour))
    else:
        palette = qapp.style().standardPalette()
    qapp.setPalette(palette)
    try:
        yield str(request.param)
    finally:
        qapp.setPalette(original)


@pytest.fixture
def shot_dir(tmp_path: Path) -> Path:
    """The folder for the pictures: ``$DESKBREATH_SHOT_DIR`` if set, else a temporary one."""
    folder = Path(os.environ.get("DESKBREATH_SHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _grab(window: PromptWindow, path: Path) -> QImage:
    QApplication.processEvents()
    image = window.grab().toImage()
    assert image.save(str(path)), f"could not save {path}"
    return image


def _has_colour(image: QImage, colour: QColor) -> bool:
    target = colour.rgb() & 0xFFFFFF
    return any(
        image.pixel(x, y) & 0xFFFFFF == target
        for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
    )


@pytest.mark.parametrize("exercise_id", ["breathing", "rotation", "posture"])
def test_every_step_renders_in_the_theme(
    make_window: MakeWindow, clock: FakeClock, theme: str, shot_dir: Path, exercise_id: str,
) -> None:
    """The offer and each step render, with text in the palette's text colour."""
    window = make_window(exercise_id, Settings(reduced_motion=ReducedMotion.OFF))
    window.present()
    text_colour = window.palette().color(QPalette.ColorRole.WindowText)
    images = [_grab(window, shot_dir / f"{theme}-{exercise_id}-0-offer.png")]
    window.start_button.click()
    assert window.exercise_widget is not None

    lead_in = window.exercise.lead_in or 0.0
    for index, (at, name) in enumerate(STEPS[exercise_id], start=1):
        clock.advance(max(0.0, lead_in + at - window.exercise_widget.elapsed()))
        window.exercise_widget.sync()
        images.append(_grab(window, shot_dir / f"{theme}-{exercise_id}-{index}-{name}.png"))

    for image in images:
        assert not image.isNull()
        assert _has_colour(image, text_colour)


def test_reduced_motion_pacer_renders(make_window: MakeWindow, clock: FakeClock, theme: str,
                                      shot_dir: Path) -> None:
    """The filling bar shows in both themes."""
    window = make_window("breathing", Settings(reduced_motion=ReducedMotion.ON))
    window.present()
    window.start_button.click()
    clock.advance((window.exercise.lead_in or 0.0) + 2)
    assert window.exercise_widget is not None
    window.exercise_widget.sync()

    image = _grab(window, shot_dir / f"{theme}-breathing-reduced-motion.png")

    assert _has_colour(image, window.palette().color(QPalette.ColorRole.WindowText))
