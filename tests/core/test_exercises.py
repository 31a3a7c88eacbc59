"""The exercise catalogue file and its validation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from deskbreath.core.exercises import CatalogueError, VariantTurns, load_catalogue
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
    with a caution, a prompt and, with its illustration, words for screen readers.
    """
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
    broken = _broken_copy(tmp_path, 'image = "exercises/rotation-{side}.svg"',
                          'image = "exercises/gone-{side}.svg"')

    with pytest.raises(CatalogueError, match=r"\[rotation\.steps\[2\]\].*gone-left\.svg"):
        load_catalogue(broken, root=resources_dir())


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


# -- what a physiotherapist asked the content to say --------------------------------------


def test_every_exercise_has_a_see_a_professional_note() -> None:
    """Each exercise (and each variant) carries its "see a professional if…" note."""
    catalogue = load_catalogue(SHIPPED)

    for exercise_id in catalogue.ids:
        for variant in catalogue.variants_of(exercise_id):
            assert variant.professional, (exercise_id, variant.variant)
    assert "osteoporosis" in catalogue.get("rotation").professional
    assert "spine surgery" in catalogue.get("rotation").professional
    assert "down a leg" in catalogue.get("rotation").professional


def test_a_note_without_a_professional_is_refused(tmp_path: Path) -> None:
    """An exercise without its "see a professional" note fails naming the field."""
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index("[posture]")
    line = text.index("professional = ", start)
    broken = tmp_path / "exercises.toml"
    broken.write_text(text[:line] + text[text.index("\n", line) + 1:], encoding="utf-8")

    with pytest.raises(CatalogueError, match=r"\[posture\] professional must be"):
        load_catalogue(broken, root=resources_dir())


_DURATION_WORDS = re.compile(
    r"\b(\d+|a|one|two|ten|twenty|thirty|few|couple of)\s*(s|sec|secs|seconds?|min|mins|"
    r"minutes?|h|hours?)\b", re.IGNORECASE)


def test_no_offer_text_states_a_duration() -> None:
    """Titles, prompts and reasons never state how long an exercise takes: the offer shows a
    duration worked out from the settings or the catalogue's ``seconds``.
    """
    catalogue = load_catalogue(SHIPPED)

    for exercise_id in catalogue.ids:
        for variant in catalogue.variants_of(exercise_id):
            for text in (variant.title, variant.prompt, variant.why):
                assert not _DURATION_WORDS.search(text), (exercise_id, text)


def test_breathing_says_why_and_cues_the_lower_ribs() -> None:
    """Breathing explains the diaphragm's link to the low back, cues the lower ribs, has a
    note for breathing conditions and anxiety, and tips for chest breathers.
    """
    breathing = load_catalogue(SHIPPED).get("breathing")

    assert "lumbar spine" in breathing.why
    assert "deep core" in breathing.why
    assert any("lower ribs widen" in step.text for step in breathing.setup)
    assert "breathing condition" in breathing.note
    assert "uneasy" in breathing.note
    assert breathing.question is not None
    chest = next(c for c in breathing.question.choices if c.key == "no")
    assert chest.label == "No, mostly the chest"
    assert chest.tip
    assert "belly moves forward" in breathing.image_text


def test_rotation_guides_head_and_upright_posture_and_asks_about_stiffness() -> None:
    """Rotation: eyes and head follow the ribcage, no leaning, and a closing question about
    a stiffer side (recorded as ``stiffer_side``).
    """
    rotation = load_catalogue(SHIPPED).get("rotation")
    setup = " ".join(step.text for step in rotation.setup)

    assert "eyes and head follow the ribcage" in setup
    assert "do not crank your neck" in setup
    assert "do not lean back or to the side" in setup
    assert rotation.question is not None
    assert rotation.question.key == "stiffer_side"
    assert rotation.question.text == "Was one side stiffer?"
    assert "Front view" in rotation.image_text


def test_posture_covers_knees_screen_head_and_wrists_with_one_duration() -> None:
    """Posture lists the items a physiotherapist checks, keeps the old keys (the history
    uses them), takes its duration from the data and has the stand-up text.
    """
    posture = load_catalogue(SHIPPED).get("posture")
    keys = [step.key for step in posture.steps]

    assert {"feet", "hips", "low_back", "shoulders", "screen", "elbows"} <= set(keys)
    assert {"knees", "head", "distance", "wrists"} <= set(keys)
    assert posture.seconds == 30
    assert "{sitting}" in posture.stand_up
    assert "stand up and move" in posture.stand_up


def test_rotation_has_a_second_variant_taken_in_turn() -> None:
    """The catalogue offers the rotation with reach as a second variant; variants take turns
    per exercise, and exercises without variants always give themselves.
    """
    catalogue = load_catalogue(SHIPPED)
    turns = VariantTurns(catalogue)

    offered = [turns.next("rotation").variant for _ in range(4)]

    assert offered == ["arms-crossed", "reach", "arms-crossed", "reach"]
    assert turns.next("breathing") == catalogue.get("breathing")
    reach = catalogue.variant("rotation", "reach")
    assert reach.title == "Seated rotation with reach"
    assert reach.kind == "rotation"
    assert reach.question == catalogue.get("rotation").question
    assert reach.step("turn").frames_for("right")[-1] == "exercises/reach-right.svg"
    with pytest.raises(KeyError, match="no variant 'cartwheel'"):
        catalogue.variant("rotation", "cartwheel")


def test_a_variant_may_not_change_its_kind(tmp_path: Path) -> None:
    """A variant that sets a field only the exercise may set fails naming the variant."""
    broken = _broken_copy(tmp_path, 'variant = "reach"\n',
                          'variant = "reach"\nkind = "checklist"\n')

    with pytest.raises(CatalogueError, match=r"\[rotation\.variants\[0\]\] a variant cannot set "
                                             r"kind"):
        load_catalogue(broken, root=resources_dir())


def test_a_frame_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    """A moving step with a frame missing fails naming the step and the file."""
    broken = _broken_copy(tmp_path, '"exercises/rotation-{side}-2.svg", "exercises/rotation-',
                          '"exercises/rotation-{side}-9.svg", "exercises/rotation-')

    with pytest.raises(CatalogueError, match=r"\[rotation\.steps\[1\]\].*rotation-left-9\.svg"):
        load_catalogue(broken, root=resources_dir())


def test_a_still_frame_is_the_last_one_and_moving_steps_have_frames() -> None:
    """A moving step's still picture (reduced motion) is where the movement arrives."""
    turn = load_catalogue(SHIPPED).get("rotation").step("turn")

    assert turn.frames_for("left") == (
        "exercises/rotation-centre.svg", "exercises/rotation-left-1.svg",
        "exercises/rotation-left-2.svg", "exercises/rotation-left.svg")
    assert turn.image_for("left") == "exercises/rotation-left.svg"


def test_a_stand_up_text_with_another_field_is_refused(tmp_path: Path) -> None:
    """The stand-up text may contain {sitting} only; anything else fails at load time."""
    broken = _broken_copy(tmp_path, "sitting for {sitting}", "sitting for {minutes}")

    with pytest.raises(CatalogueError, match=r"\[posture\] stand_up may contain \{sitting\}"):
        load_catalogue(broken, root=resources_dir())


def test_kinds_with_a_lead_in_or_a_duration_need_it(tmp_path: Path) -> None:
    """A checklist needs ``seconds`` (for the offer) and a timed kind its ``lead_in``."""
    broken = _broken_copy(tmp_path, "seconds = 30\n", "")

    with pytest.raises(CatalogueError, match=r"\[posture\] seconds \(seconds\) is needed for an "
                                             r"exercise of kind 'checklist'"):
        load_catalogue(broken, root=resources_dir())
