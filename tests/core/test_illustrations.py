"""The exercise illustrations: the rotation figures match their generator, and every picture
the catalogue names is an SVG Qt can draw, with its movement cue in the accent group.
"""

from __future__ import annotations

import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

from deskbreath.core.exercises import load_catalogue
from deskbreath.paths import resources_dir

REPO = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "draw_rotation_figures", REPO / ".ci" / "draw_rotation_figures.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _catalogue_images() -> set[str]:
    catalogue = load_catalogue(resources_dir() / "exercises.toml")
    found: set[str] = set()
    for exercise_id in catalogue.ids:
        for exercise in catalogue.variants_of(exercise_id):
            if exercise.image:
                found.add(exercise.image)
            for step in exercise.steps:
                for side in ("left", "right"):
                    found.update(step.frames_for(side))
                    image = step.image_for(side)
                    if image:
                        found.add(image)
    return found


def test_rotation_figures_match_their_generator() -> None:
    """Each rotation and reach figure is what .ci/draw_rotation_figures.py draws (run it
    after changing the drawing).
    """
    drawings = _generator().drawings()

    assert len(drawings) == 14
    for name, text in drawings.items():
        shipped = resources_dir() / "exercises" / name
        assert shipped.read_text(encoding="utf-8") == text, f"{name} differs from the generator"


def test_every_picture_is_a_titled_svg_with_an_accent_where_it_moves() -> None:
    """Every picture the catalogue uses parses, has a title (what it shows), and the ones
    that show a movement (a full turn, the belly moving out, the screen distance) mark their
    arrow as the accent group.
    """
    images = _catalogue_images()

    for relative in images:
        root = ET.parse(resources_dir() / relative).getroot()  # noqa: S314 - our own files
        title = root.find(f"{SVG}title")
        assert title is not None
        assert title.text
        accent = root.find(f".//{SVG}g[@id='accent']")
        moving = relative.endswith(("-left.svg", "-right.svg", "breathing.svg", "posture.svg"))
        assert (accent is not None) is moving, relative
