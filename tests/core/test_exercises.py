"""The exercise catalogue file and its validation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from deskbreath.core.exercises import CatalogueError, load_catalogue
from deskbreath.paths import resources_dir

SHIPPED = resources_dir() / "exercises.toml"


def _broken_copy(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, f"the test expects {old!r} in the shipped catalogue"
    broken = tmp_path / "exercises.toml"
    broken.write_text(text.replace(old, new, count), encoding="utf-8")
    return broken


def test_shipped_catalogue_loads_with_all_three_exercises() -> None:
    """The catalogue in resources/ is valid and has breathing, rotation and posture, each
    with a caution, a prompt and, with its illustration, words for screen readers."""
    catalogue = load_catalogue(SHIPPED)

    assert set(catalogue.exercises) == {"breathing", "rotation", "posture"}
    for exercise in catalogue.exercises.values():
        assert exercise.caution
        assert exercise.prompt
        if exercise.image is not None:
            assert catalogue.image_path(exercise.image).is_file()
            assert exercise.image_text
    assert catalogue.get("rotation").step("turn").image_for("left") == \
        "exercises/rotation-left.svg"


def test_shipped_texts_make_no_medical_claims() -> None:
    """No exercise text promises to treat, cure or prevent anything."""
    text = SHIPPED.read_text(encoding="utf-8").lower()

    assert not re.search(r"\b(cure|cures|treat|treats|heal|heals|prevent|prevents|therapy)\b",
                         text)


def test_missing_image_names_entry_and_file(tmp_path: Path) -> None:
    """A step pointing at an image that is not there fails naming the step and the file."""
    broken = _broken_copy(tmp_path, "exercises/rotation-{side}.svg", "exercises/gone-{side}.svg")
    (tmp_path / "exercises").mkdir()
    for name in ("rotation-centre.svg", "breathing.svg", "posture.svg"):
        (tmp_path / "exercises" / name).write_text("<svg/>", encoding="utf-8")

    with pytest.raises(CatalogueError, match=r"\[rotation\.steps\[1\]\].*gone-centre\.svg"):
        load_catalogue(broken)


def test_non_positive_timing_names_entry(tmp_path: Path) -> None:
    """A step with zero seconds fails naming the entry and the bad value."""
    broken = _broken_copy(tmp_path, "seconds = 2 }", "seconds = 0 }")

    with pytest.raises(CatalogueError,
                       match=r"\[rotation\.steps\[3\]\] seconds must be a positive number, got 0"):
        load_catalogue(broken, root=resources_dir())


def test_missing_field_names_entry_and_field(tmp_path: Path) -> None:
    """An exercise without a caution note fails naming the exercise and the field."""
    broken = _broken_copy(tmp_path, 'caution = "Turn only', 'warning = "Turn only')

    with pytest.raises(CatalogueError, match=r"\[rotation\] caution must be a non-empty string"):
        load_catalogue(broken, root=resources_dir())


def test_unknown_kind_names_entry_and_the_kinds_there_are(tmp_path: Path) -> None:
    """An exercise of a kind no widget runs fails naming the exercise and the known kinds."""
    broken = _broken_copy(tmp_path, 'kind = "checklist"', 'kind = "dance"')

    with pytest.raises(CatalogueError, match=r"\[posture\] kind must be one of 'breathing', "
                                             r"'rotation', 'checklist', got 'dance'"):
        load_catalogue(broken, root=resources_dir())


def test_kind_requirements_follow_the_kind_not_the_id(tmp_path: Path) -> None:
    """A checklist needs steps whatever its id: posture without steps fails naming them."""
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index("[posture]")
    steps = text.index("steps = [", start)
    broken = tmp_path / "exercises.toml"
    broken.write_text(text[:steps] + "steps = []\n" + text[text.index("]\n", steps) + 2:],
                      encoding="utf-8")

    with pytest.raises(CatalogueError, match=r"\[posture\.steps\] has too few steps"):
        load_catalogue(broken, root=resources_dir())


def test_missing_name_names_entry_and_field(tmp_path: Path) -> None:
    """An exercise without its short name fails naming the exercise and the field."""
    broken = _broken_copy(tmp_path, 'name = "Thoracic rotation"\n', "")

    with pytest.raises(CatalogueError, match=r"\[rotation\] name must be a non-empty string"):
        load_catalogue(broken, root=resources_dir())


def test_id_that_is_not_an_identifier_is_refused(tmp_path: Path) -> None:
    """An id with capitals or spaces (it goes into settings and commands) fails naming it."""
    broken = _broken_copy(tmp_path, "[posture", '["Posture Check"', count=-1)

    with pytest.raises(CatalogueError, match=r"\[Posture Check\] an id is lower case"):
        load_catalogue(broken, root=resources_dir())


def test_empty_catalogue_is_refused(tmp_path: Path) -> None:
    """A catalogue with no exercise at all is refused: prompts would have nothing to offer."""
    empty = tmp_path / "exercises.toml"
    empty.write_text("format = 1\n", encoding="utf-8")

    with pytest.raises(CatalogueError, match="holds no exercise"):
        load_catalogue(empty)


def test_catalogue_order_names_and_kinds() -> None:
    """The shipped file's order is the catalogue's order; each entry has a name and a kind."""
    catalogue = load_catalogue(SHIPPED)

    assert catalogue.ids == ("breathing", "rotation", "posture")
    assert [catalogue.name(i) for i in catalogue.ids] == [
        "Breathing", "Thoracic rotation", "Posture check"]
    assert [catalogue.get(i).kind for i in catalogue.ids] == ["breathing", "rotation", "checklist"]
    assert catalogue.name("yoga") == "yoga"


def test_bad_toml_says_so(tmp_path: Path) -> None:
    """A file that is not TOML fails with the file name and the parser's reason."""
    broken = tmp_path / "exercises.toml"
    broken.write_text("format = = 1\n", encoding="utf-8")

    with pytest.raises(CatalogueError, match="not valid TOML"):
        load_catalogue(broken)


def test_exercise_core_modules_do_not_import_qt() -> None:
    """The catalogue, pacer and rotation maths load without PySide6."""
    code = ("import sys; import deskbreath.core.exercises, deskbreath.core.breathing, "
            "deskbreath.core.rotation; print('PySide6' in sys.modules)")

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)

    assert done.stdout.strip() == "False"
