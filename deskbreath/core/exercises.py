"""The exercise catalogue: texts, steps and illustrations as data, validated when loaded.

The catalogue owns the exercises: ``resources/exercises.toml`` lists them, in their default
order, with their names, words, illustrations and each one's widget *kind*. Everything else
(the settings, the tray menu, the settings dialog, ``deskbreath now``, the status line) asks
the catalogue, so a new exercise of an existing kind is one new entry in that file.

:func:`load_catalogue` turns the file into frozen dataclasses and refuses a broken file with
a :class:`CatalogueError` that names the entry and field, so a bad edit is caught at start-up
(and in the tests) rather than half-way through somebody's exercise.

The file is written in English, and its texts are gettext messages: :meth:`Catalogue.get` and
:meth:`Catalogue.name` give them in the active language at the moment they are asked
(:meth:`Exercise.localized`), so a catalogue loaded before the language was chosen still
speaks it. ``pybabel extract`` reads the file through :mod:`deskbreath.i18n_extract`.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from deskbreath.i18n import _

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
        image: the step's still illustration, a path relative to the resources folder; may
            contain ``{side}``. With ``frames`` and no image of its own, the last frame.
        seconds: how long the step lasts when timed, None when untimed (setup, checklist).
        frames: illustrations shown one after the other across the step, in step with the
            movement (each may contain ``{side}``); empty for a still step. With reduced
            motion only the still ``image`` shows.
    """

    key: str
    text: str
    image: str | None = None
    seconds: float | None = None
    frames: tuple[str, ...] = ()

    def localized(self) -> Step:
        """This step with its text in the active language."""
        return replace(self, text=_(self.text))

    def image_for(self, side: str | None) -> str | None:
        """The image path with ``{side}`` filled in."""
        if self.image is None:
            return None
        return _for_side(self.image, side)

    def frames_for(self, side: str | None) -> tuple[str, ...]:
        """The frame paths with ``{side}`` filled in."""
        return tuple(_for_side(frame, side) for frame in self.frames)


def _optional(text: str) -> str:
    """``text`` in the active language; "" stays "" (gettext's "" is the catalogue header)."""
    return _(text) if text else ""


def _for_side(path: str, side: str | None) -> str:
    return path.format(side=side or "centre")


@dataclass(frozen=True)
class Choice:
    """One answer to a self-report question.

    Attributes:
        key: what the history keeps.
        label: the button's words.
        tip: advice shown after this answer ("" for none), e.g. how to find belly breathing
            for someone who felt mostly their chest move.
    """

    key: str
    label: str
    tip: str = ""


@dataclass(frozen=True)
class Question:
    """A one-tap self-report at the end of an exercise; ``key`` names it in the history."""

    key: str
    text: str
    choices: tuple[Choice, ...]

    def localized(self) -> Question:
        """This question and its answers in the active language (keys unchanged)."""
        return replace(self, text=_(self.text), choices=tuple(
            Choice(choice.key, _(choice.label), _optional(choice.tip))
            for choice in self.choices))


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
        in_sentence: the name as it reads inside a sentence ("breathing in 8 min"): the
            ``in_sentence`` field, or the name in lower case.
        professional: the short "see a professional if…" note, reachable from every screen
            of the exercise.
        why: a line or two on why the exercise helps ("" for none), shown with the offer.
        note: a note shown before the exercise starts ("" for none), e.g. for people with a
            breathing condition.
        lead_in: seconds of lead-in before the timed part (kinds with a lead-in), else None.
        seconds: how long an untimed exercise takes (checklist), for the offer; None when
            the steps and settings decide it.
        stand_up: the "stand up and move" suggestion shown at the end after a long sitting
            bout ("" for none); ``{sitting}`` is filled in with the bout's length.
        variant: this variant's key ("" for an exercise without variants); the history
            records it.
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
    professional: str = ""
    why: str = ""
    note: str = ""
    lead_in: float | None = None
    seconds: float | None = None
    stand_up: str = ""
    variant: str = ""
    in_sentence: str = ""

    def localized(self) -> Exercise:
        """This exercise with every text in the active language (:mod:`deskbreath.i18n`).

        Ids, keys, images and timings are unchanged.
        """
        return replace(
            self, name=_(self.name), title=_(self.title), prompt=_(self.prompt),
            caution=_(self.caution), image_text=_optional(self.image_text),
            setup=tuple(step.localized() for step in self.setup),
            steps=tuple(step.localized() for step in self.steps),
            cues={key: _(text) for key, text in self.cues.items()},
            sides={key: _(text) for key, text in self.sides.items()},
            question=None if self.question is None else self.question.localized(),
            done=_(self.done), in_sentence=_(self.in_sentence),
            professional=_optional(self.professional), why=_optional(self.why),
            note=_optional(self.note), stand_up=_optional(self.stand_up))

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
        variants: for an exercise with variants, every variant in the file's order (the
            exercise's own entry first); exercises without variants are not listed.
    """

    exercises: Mapping[str, Exercise]
    root: Path
    variants: Mapping[str, tuple[Exercise, ...]] = field(default_factory=dict)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every exercise id, in the catalogue's order."""
        return tuple(self.exercises)

    def name(self, exercise_id: str) -> str:
        """The exercise's short name in the active language.

        An id the catalogue does not know is shown as it is: it may come from an older
        history or a newer settings file.
        """
        exercise = self.exercises.get(exercise_id)
        return exercise_id if exercise is None else _(exercise.name)

    def name_in_sentence(self, exercise_id: str) -> str:
        """The exercise's name as it reads inside a sentence, in the active language.

        "breathing in 8 min"; an unknown id is shown as it is.
        """
        exercise = self.exercises.get(exercise_id)
        return exercise_id if exercise is None else _(exercise.in_sentence)

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with that id, in the active language (:meth:`Exercise.localized`).

        A KeyError lists the ids there are.
        """
        try:
            return self.exercises[exercise_id].localized()
        except KeyError:
            known = ", ".join(sorted(self.exercises))
            message = f"no exercise {exercise_id!r} in the catalogue (known: {known})"
            raise KeyError(message) from None

    def image_path(self, relative: str) -> Path:
        """The absolute path of an image named relative to the catalogue's folder."""
        return self.root / relative

    def variants_of(self, exercise_id: str) -> tuple[Exercise, ...]:
        """Every variant of the exercise, its own entry first, in the active language.

        Just the exercise when it has none. A KeyError lists the ids there are.
        """
        variants = self.variants.get(exercise_id)
        if not variants:
            return (self.get(exercise_id),)
        return tuple(variant.localized() for variant in variants)

    def variant(self, exercise_id: str, key: str | None) -> Exercise:
        """The exercise's variant named ``key``, in the active language.

        The exercise's own entry for None or "".

        Raises:
            KeyError: no such exercise, or it has no such variant (the message lists them).
        """
        variants = self.variants_of(exercise_id)
        if not key:
            return variants[0]
        for variant in variants:
            if variant.variant == key:
                return variant
        known = ", ".join(repr(v.variant) for v in variants)
        raise KeyError(f"exercise {exercise_id!r} has no variant {key!r} (known: {known})")


class VariantTurns:
    """Takes the variants of each exercise in turn, for variety.

    Each call of :meth:`next` gives the variant after the one it gave last time for that
    exercise (the catalogue's order, starting with the exercise's own entry). Which variants
    there are and their order is the catalogue's; nothing here knows any by name.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self._given: dict[str, int] = {}

    def next(self, exercise_id: str) -> Exercise:
        """The variant to offer now for ``exercise_id``.

        Raises:
            KeyError: the catalogue has no such exercise.
        """
        variants = self._catalogue.variants_of(exercise_id)
        turn = self._given.get(exercise_id, -1) + 1
        self._given[exercise_id] = turn % len(variants)
        return variants[turn % len(variants)]


@dataclass(frozen=True)
class Kind:
    """What an exercise of one kind must provide, because its widget relies on it.

    Attributes:
        steps: step keys the widget refers to by name.
        cues: cue keys the widget shows.
        sides: whether "left" and "right" side names are needed.
        min_steps: the fewest steps that make sense.
        lead_in: whether the exercise needs ``lead_in`` (seconds before the timed part).
        seconds: whether the exercise needs ``seconds`` (how long it takes: its steps and
            the settings do not say).
    """

    steps: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    sides: bool = False
    min_steps: int = 0
    lead_in: bool = False
    seconds: bool = False


KINDS: Mapping[str, Kind] = {
    "breathing": Kind(cues=("in", "out", "hold", "in_hint", "out_hint", "hold_hint"),
                      lead_in=True),
    "rotation": Kind(steps=("lengthen", "turn", "hold", "return"), sides=True, lead_in=True),
    "checklist": Kind(min_steps=1, seconds=True),
}
"""The kinds of exercise there are widgets for (:mod:`deskbreath.qt.windows.exercises.
registry` maps each to its widget class); a new kind is one entry here and one widget."""


_VARIANT_FIELDS = ("title", "prompt", "caution", "professional", "why", "note", "image",
                   "image_text", "setup", "steps", "done")
"""What a variant may change; everything else (kind, name, sides, cues, question, timing
that is not in its steps) it shares with its exercise."""


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

    def optional(self, table: Mapping[str, Any], key: str, where: str) -> str:
        return self.text(table, key, where, optional=True) or ""

    def template(self, table: Mapping[str, Any], key: str, where: str,
                 placeholder: str) -> str:
        """An optional text in which ``{placeholder}`` is the only field to fill in."""
        value = self.optional(table, key, where)
        try:
            value.format_map({placeholder: ""})
        except (KeyError, ValueError, IndexError) as error:
            raise self.fail(where, f"{key} may contain {{{placeholder}}} and no other "
                                   f"{{...}} field, got {value!r}") from error
        return value

    def seconds(self, table: Mapping[str, Any], key: str, where: str) -> float | None:
        seconds = table.get(key)
        if seconds is None:
            return None
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds <= 0:
            raise self.fail(where, f"{key} must be a positive number, got {seconds!r}")
        return float(seconds)

    def image_file(self, relative: str, where: str) -> None:
        # "{side}" is filled in with each side a step is done on.
        variants = {relative.format(side=s) for s in SIDES} if "{side}" in relative \
            else {relative}
        for variant in sorted(variants):
            path = self.root / variant
            if not path.is_file():
                raise self.fail(where, f"image {variant!r} does not exist (looked for {path})")

    def image(self, table: Mapping[str, Any], where: str) -> str | None:
        relative = self.text(table, "image", where, optional=True)
        if relative is not None:
            self.image_file(relative, where)
        return relative

    def frames(self, table: Mapping[str, Any], where: str) -> tuple[str, ...]:
        raw = table.get("frames", [])
        if not isinstance(raw, list) or any(not isinstance(f, str) or not f for f in raw) \
                or len(raw) == 1:
            raise self.fail(where, f"frames must be a list of at least two image paths, "
                                   f"got {raw!r}")
        for frame in raw:
            self.image_file(frame, where)
        return tuple(raw)

    def step(self, raw: object, where: str) -> Step:
        if not isinstance(raw, Mapping):
            raise self.fail(where, f"must be a table with key and text, got {raw!r}")
        frames = self.frames(raw, where)
        image = self.image(raw, where)
        return Step(
            key=self.required(raw, "key", where),
            text=self.required(raw, "text", where),
            image=image if image is not None or not frames else frames[-1],
            seconds=self.seconds(raw, "seconds", where),
            frames=frames,
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
            at = f"{here}.choices[{i}]"
            if not isinstance(item, Mapping):
                raise self.fail(at, f"must be a table, got {item!r}")
            choices.append(Choice(self.required(item, "key", at), self.required(item, "label", at),
                                  self.optional(item, "tip", at)))
        return Question(self.required(raw, "key", here), self.required(raw, "text", here),
                        tuple(choices))

    def kind(self, table: Mapping[str, Any], where: str) -> str:
        kind = table.get("kind")
        if kind not in KINDS:
            known = ", ".join(repr(k) for k in KINDS)
            raise self.fail(where, f"kind must be one of {known}, got {kind!r}")
        assert isinstance(kind, str)  # the keys of KINDS are
        return kind

    def check_steps(self, steps: tuple[Step, ...], needs: Kind, where: str) -> None:
        keys = {s.key for s in steps}
        for key in needs.steps:
            if key not in keys:
                raise self.fail(f"{where}.steps", f"a step with key {key!r} is missing")
        if len(steps) < needs.min_steps:
            raise self.fail(f"{where}.steps", f"has too few steps (at least {needs.min_steps})")

    def needed_number(self, table: Mapping[str, Any], key: str, where: str,
                      needed: bool, kind: str) -> float | None:
        value = self.seconds(table, key, where)
        if needed and value is None:
            raise self.fail(where, f"{key} (seconds) is needed for an exercise of kind {kind!r}")
        return value

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
        self.check_steps(steps, needs, where)
        sides = self.strings(table, "sides", where, SIDES if needs.sides else ())
        image = self.image(table, where)
        image_text = self.text(table, "image_text", where, optional=image is None) or ""
        name = self.required(table, "name", where)
        return Exercise(
            id=exercise_id,
            kind=kind,
            name=name,
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
            in_sentence=self.text(table, "in_sentence", where, optional=True) or name.lower(),
            professional=self.required(table, "professional", where),
            why=self.optional(table, "why", where),
            note=self.optional(table, "note", where),
            lead_in=self.needed_number(table, "lead_in", where, needs.lead_in, kind),
            seconds=self.needed_number(table, "seconds", where, needs.seconds, kind),
            stand_up=self.template(table, "stand_up", where, "sitting"),
            variant=self.optional(table, "variant", where),
        )

    def variants(self, base: Exercise, table: Mapping[str, Any]) -> tuple[Exercise, ...]:
        """The exercise's variants, its own entry first; () when it has none."""
        raw = table.get("variants")
        if raw is None:
            return ()
        where = base.id
        if not isinstance(raw, list) or not raw:
            raise self.fail(where, f"variants must be a list of tables, got {raw!r}")
        if not base.variant:
            raise self.fail(where, "an exercise with variants needs a variant key of its own")
        found = [base]
        for i, item in enumerate(raw):
            here = f"{where}.variants[{i}]"
            if not isinstance(item, Mapping):
                raise self.fail(here, f"must be a table, got {item!r}")
            unknown = sorted(set(item) - {"variant", *_VARIANT_FIELDS})
            if unknown:
                allowed = ", ".join(("variant", *_VARIANT_FIELDS))
                raise self.fail(here, f"a variant cannot set {', '.join(unknown)} (it may set "
                                      f"{allowed})")
            key = self.required(item, "variant", here)
            if key in {v.variant for v in found}:
                raise self.fail(here, f"variant {key!r} is used twice")
            changes: dict[str, Any] = {"variant": key}
            for name in _VARIANT_FIELDS:
                if name not in item:
                    continue
                if name in ("setup", "steps"):
                    changes[name] = self.steps(item, name, here)
                elif name == "image":
                    changes[name] = self.image(item, here)
                else:
                    changes[name] = self.required(item, name, here)
            if "image" in changes and "image_text" not in changes:
                raise self.fail(here, "a variant with its own image needs its own image_text")
            variant = replace(base, **changes)
            self.check_steps(variant.steps, KINDS[base.kind], here)
            found.append(variant)
        return tuple(found)


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
    exercises: dict[str, Exercise] = {}
    variants: dict[str, tuple[Exercise, ...]] = {}
    for key, value in document.items():
        if key == "format":
            continue
        exercise = reader.exercise(key, value)
        exercises[key] = exercise
        found = reader.variants(exercise, value)
        if found:
            variants[key] = found
    if not exercises:
        raise reader.fail("top", "the catalogue holds no exercise")
    return Catalogue(exercises=exercises, root=root, variants=variants)


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
