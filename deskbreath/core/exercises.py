"""The exercise catalogue: texts, steps and illustrations as data, validated when loaded.

The catalogue owns the exercises: ``resources/exercises.toml`` lists them, in their default
order, with their names, words, illustrations and each one's widget *kind*. Everything else
(the settings, the tray menu, the settings dialog, ``deskbreath now``, the status line) asks
the catalogue, so a new exercise of an existing kind is one new entry in that file.

:func:`load_catalogue` turns the file into frozen dataclasses and refuses a broken file with
a :class:`CatalogueError` that names the entry and field, so a bad edit is caught at start-up
(and in the tests) rather than half-way through somebody's exercise.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CATALOGUE_FORMAT = 1
CATALOGUE_FILE = "exercises.toml"
"""The shipped catalogue's file name in the resources folder."""
SIDES: tuple[str, ...] = ("left", "right")
_ID = re.compile(r"[a-z][a-z0-9_-]*")


class CatalogueError(ValueError):
    """The catalogue file is unusable; the message names the file, entry and field."""


@dataclass(frozen=True)
class Step:
    """One instruction.

    Attributes:
        key: a stable name code refers to ("turn", "feet"); never shown.
        text: what the user reads; may contain ``{side}`` (rotation steps).
        image: an illustration path relative to the resources folder; may contain ``{side}``.
        seconds: how long the step lasts when timed, None when untimed (setup, checklist).
    """

    key: str
    text: str
    image: str | None = None
    seconds: float | None = None

    def image_for(self, side: str | None) -> str | None:
        """The image path with ``{side}`` filled in."""
        if self.image is None:
            return None
        return self.image.format(side=side or "centre")


@dataclass(frozen=True)
class Choice:
    """One answer to a self-report question; ``key`` is what the history keeps."""

    key: str
    label: str


@dataclass(frozen=True)
class Question:
    """A one-tap self-report at the end of an exercise; ``key`` names it in the history."""

    key: str
    text: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Exercise:
    """One exercise as the user sees it.

    Attributes:
        id: the stable identifier settings, history, ``status --json`` and ``deskbreath now``
            use (lower case letters, digits, dashes and underscores).
        kind: which kind of widget runs it (a key of :data:`KINDS`).
        name: the short name menus, the status line and the settings dialog show.
        title: the longer title the prompt window shows.
        prompt: one line saying what to do, shown when the exercise is offered.
        caution: the "stop if it hurts" note.
        image: the illustration shown with the offer and setup (relative path), if any.
        image_text: what the illustration shows, for screen readers ("" without an image).
        setup: untimed instructions read before starting.
        steps: the exercise's own steps (rotation: the timed cycle; posture: the checklist).
        cues: short labels keyed by name (breathing: "in", "out", "hold", hints).
        sides: side names keyed by "left"/"right" (rotation).
        question: the closing self-report, if any.
        done: the words shown when the exercise is finished.
    """

    id: str
    kind: str
    name: str
    title: str
    prompt: str
    caution: str
    image: str | None
    image_text: str
    setup: tuple[Step, ...]
    steps: tuple[Step, ...]
    cues: Mapping[str, str]
    sides: Mapping[str, str]
    question: Question | None
    done: str

    def step(self, key: str) -> Step:
        """The step named ``key``; a KeyError names the exercise when it is missing."""
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(f"exercise {self.id!r} has no step {key!r}")


@dataclass(frozen=True)
class Catalogue:
    """All exercises, in their default order, and the folder their image paths are relative to.

    Attributes:
        exercises: each exercise by id, in the order of the file (the default order of the
            ``exercises`` setting and of the tray's Start now menu).
        root: the folder image paths are relative to.
    """

    exercises: Mapping[str, Exercise]
    root: Path

    @property
    def ids(self) -> tuple[str, ...]:
        """Every exercise id, in the catalogue's order."""
        return tuple(self.exercises)

    def name(self, exercise_id: str) -> str:
        """The exercise's short name; an id the catalogue does not know is shown as it is
        (it may come from an older history or a newer settings file)."""
        exercise = self.exercises.get(exercise_id)
        return exercise_id if exercise is None else exercise.name

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with that id; a KeyError lists the ids there are."""
        try:
            return self.exercises[exercise_id]
        except KeyError:
            known = ", ".join(sorted(self.exercises))
            message = f"no exercise {exercise_id!r} in the catalogue (known: {known})"
            raise KeyError(message) from None

    def image_path(self, relative: str) -> Path:
        """The absolute path of an image named relative to the catalogue's folder."""
        return self.root / relative


@dataclass(frozen=True)
class Kind:
    """What an exercise of one kind must provide, because its widget relies on it.

    Attributes:
        steps: step keys the widget refers to by name.
        cues: cue keys the widget shows.
        sides: whether "left" and "right" side names are needed.
        min_steps: the fewest steps that make sense.
    """

    steps: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    sides: bool = False
    min_steps: int = 0


KINDS: Mapping[str, Kind] = {
    "breathing": Kind(cues=("in", "out", "hold", "in_hint", "out_hint", "hold_hint")),
    "rotation": Kind(steps=("lengthen", "turn", "hold", "return"), sides=True),
    "checklist": Kind(min_steps=1),
}
"""The kinds of exercise there are widgets for (:mod:`deskbreath.qt.windows.exercises.
registry` maps each to its widget class); a new kind is one entry here and one widget."""


class _Reader:
    """Reads one entry, building error messages that say where the problem is."""

    def __init__(self, source: Path, root: Path) -> None:
        self.source = source
        self.root = root

    def fail(self, where: str, problem: str) -> CatalogueError:
        return CatalogueError(f"{self.source}: [{where}] {problem}")

    def text(self, table: Mapping[str, Any], key: str, where: str, *,
             optional: bool = False) -> str | None:
        value = table.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"{key} must be a non-empty string, got {value!r}")
        return value.strip()

    def required(self, table: Mapping[str, Any], key: str, where: str) -> str:
        value = self.text(table, key, where)
        assert value is not None  # text() raises unless optional
        return value

    def image(self, table: Mapping[str, Any], where: str) -> str | None:
        relative = self.text(table, "image", where, optional=True)
        if relative is None:
            return None
        variants = {relative.format(side=s) for s in (*SIDES, "centre")} if "{side}" in relative \
            else {relative}
        for variant in sorted(variants):
            path = self.root / variant
            if not path.is_file():
                raise self.fail(where, f"image {variant!r} does not exist (looked for {path})")
        return relative

    def step(self, raw: object, where: str) -> Step:
        if not isinstance(raw, Mapping):
            raise self.fail(where, f"must be a table with key and text, got {raw!r}")
        seconds = raw.get("seconds")
        if seconds is not None and (
            isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds <= 0
        ):
            raise self.fail(where, f"seconds must be a positive number, got {seconds!r}")
        return Step(
            key=self.required(raw, "key", where),
            text=self.required(raw, "text", where),
            image=self.image(raw, where),
            seconds=None if seconds is None else float(seconds),
        )

    def steps(self, table: Mapping[str, Any], key: str, where: str) -> tuple[Step, ...]:
        raw = table.get(key, [])
        if not isinstance(raw, list):
            raise self.fail(where, f"{key} must be a list of steps, got {raw!r}")
        steps = tuple(self.step(item, f"{where}.{key}[{i}]") for i, item in enumerate(raw))
        seen: set[str] = set()
        for i, step in enumerate(steps):
            if step.key in seen:
                raise self.fail(f"{where}.{key}[{i}]", f"key {step.key!r} is used twice")
            seen.add(step.key)
        return steps

    def strings(self, table: Mapping[str, Any], key: str, where: str,
                needed: tuple[str, ...]) -> dict[str, str]:
        raw = table.get(key, {})
        if not isinstance(raw, Mapping):
            raise self.fail(where, f"{key} must be a table of strings, got {raw!r}")
        values = {name: self.required(raw, name, f"{where}.{key}") for name in raw}
        for name in needed:
            if name not in values:
                raise self.fail(f"{where}.{key}", f"{name} is missing")
        return values

    def question(self, table: Mapping[str, Any], where: str) -> Question | None:
        raw = table.get("question")
        if raw is None:
            return None
        here = f"{where}.question"
        if not isinstance(raw, Mapping):
            raise self.fail(here, f"must be a table, got {raw!r}")
        choices_raw = raw.get("choices")
        if not isinstance(choices_raw, list) or len(choices_raw) < 2:
            raise self.fail(here, "choices must list at least two answers")
        choices = []
        for i, item in enumerate(choices_raw):
            if not isinstance(item, Mapping):
                raise self.fail(f"{here}.choices[{i}]", f"must be a table, got {item!r}")
            choices.append(Choice(self.required(item, "key", f"{here}.choices[{i}]"),
                                  self.required(item, "label", f"{here}.choices[{i}]")))
        return Question(self.required(raw, "key", here), self.required(raw, "text", here),
                        tuple(choices))

    def kind(self, table: Mapping[str, Any], where: str) -> str:
        kind = table.get("kind")
        if kind not in KINDS:
            known = ", ".join(repr(k) for k in KINDS)
            raise self.fail(where, f"kind must be one of {known}, got {kind!r}")
        assert isinstance(kind, str)  # the keys of KINDS are
        return kind

    def exercise(self, exercise_id: str, table: object) -> Exercise:
        where = exercise_id
        if not _ID.fullmatch(exercise_id):
            raise self.fail(where, "an id is lower case letters, digits, dashes and underscores, "
                                   "starting with a letter")
        if not isinstance(table, Mapping):
            raise self.fail(where, f"must be a table, got {table!r}")
        kind = self.kind(table, where)
        needs = KINDS[kind]
        steps = self.steps(table, "steps", where)
        keys = {s.key for s in steps}
        for key in needs.steps:
            if key not in keys:
                raise self.fail(f"{where}.steps", f"a step with key {key!r} is missing")
        if len(steps) < needs.min_steps:
            raise self.fail(f"{where}.steps", f"has too few steps (at least {needs.min_steps})")
        sides = self.strings(table, "sides", where, SIDES if needs.sides else ())
        image = self.image(table, where)
        image_text = self.text(table, "image_text", where, optional=image is None) or ""
        return Exercise(
            id=exercise_id,
            kind=kind,
            name=self.required(table, "name", where),
            title=self.required(table, "title", where),
            prompt=self.required(table, "prompt", where),
            caution=self.required(table, "caution", where),
            image=image,
            image_text=image_text,
            setup=self.steps(table, "setup", where),
            steps=steps,
            cues=self.strings(table, "cues", where, needs.cues),
            sides=sides,
            question=self.question(table, where),
            done=self.required(table, "done", where),
        )


def load_catalogue(path: Path, root: Path | None = None) -> Catalogue:
    """Read and check the catalogue at ``path``.

    Args:
        path: the TOML file.
        root: the folder image paths are relative to; defaults to the file's folder.

    Raises:
        CatalogueError: the file is missing, is not TOML, holds no exercise, or an entry is
            incomplete, of an unknown kind or points at an image that does not exist; the
            message names the entry and field.
    """
    root = path.parent if root is None else root
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CatalogueError(f"{path}: cannot read the exercise catalogue: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{path}: not valid TOML: {error}") from error
    reader = _Reader(path, root)
    version = document.get("format")
    if version != CATALOGUE_FORMAT:
        raise reader.fail("top", f"format must be {CATALOGUE_FORMAT}, got {version!r}")
    exercises = {
        key: reader.exercise(key, value)
        for key, value in document.items() if key != "format"
    }
    if not exercises:
        raise reader.fail("top", "the catalogue holds no exercise")
    return Catalogue(exercises=exercises, root=root)


@functools.cache
def packaged_catalogue() -> Catalogue:
    """The catalogue shipped with deskbreath, read once per process.

    It is what the defaults mean when nobody passes a catalogue: ``Settings()``'s
    ``exercises`` and the packaged settings schema. The app loads it once at start-up and
    passes it on explicitly; tests pass copies of their own.

    Raises:
        CatalogueError: the shipped file is broken (see :func:`load_catalogue`).
    """
    from deskbreath.paths import resources_dir  # noqa: PLC0415 - the one module that knows paths

    return load_catalogue(resources_dir() / CATALOGUE_FILE)


def packaged_exercise_ids() -> tuple[str, ...]:
    """The shipped catalogue's exercise ids, in order: the default of ``Settings.exercises``."""
    return packaged_catalogue().ids
