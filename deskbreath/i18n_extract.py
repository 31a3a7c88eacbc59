"""A Babel extractor for the exercise catalogue, so ``pybabel extract`` finds its texts.

Registered in ``babel.cfg`` as ``[deskbreath.i18n_extract:extract_exercises: resources/
exercises.toml]``. It reads the file as :func:`deskbreath.core.exercises.load_catalogue`
does and yields every text people read (name, in_sentence, title, prompt, why, caution,
note, professional, image_text, done, stand_up, setup and step texts, cues, sides, the
question, its answers and their tips, and the same fields of each variant), each with a
comment naming its table and field, for translators. Only Babel calls it (a
development tool); the app never imports it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from typing import IO, Any

Message = tuple[int, str | None, str, list[str]]
"""Babel's extractor result: line, function name (None), message, comments."""

_TEXTS = ("name", "in_sentence", "title", "prompt", "why", "caution", "note", "professional",
          "image_text", "done", "stand_up")
_SIDE = "{side} is filled in with one of the side names of this exercise ([%s.sides])."
_SITTING = "{sitting} is filled in with how long the user has been sitting (\"1 h 20 min\")."


def extract_exercises(fileobj: IO[bytes], keywords: Mapping[str, Any],
                      comment_tags: list[str], options: Mapping[str, Any]) -> Iterator[Message]:
    """Babel's extraction method for ``resources/exercises.toml`` (see the module docstring).

    Args:
        fileobj: the catalogue file, opened in binary mode by Babel.
        keywords: unused (the file has no function calls).
        comment_tags: unused (every message gets its location as a comment).
        options: unused.

    Raises:
        tomllib.TOMLDecodeError: the file is not TOML (``pybabel extract`` stops).
    """
    del keywords, comment_tags, options  # Babel's signature
    source = fileobj.read().decode("utf-8")
    lines = source.splitlines()
    document = tomllib.loads(source)
    found: list[tuple[str, str]] = []  # (where, text) in the file's order
    for exercise_id, table in document.items():
        if not isinstance(table, Mapping):
            continue
        found += _texts(table, exercise_id)
        if isinstance(table.get("name"), str) and "in_sentence" not in table:
            found.append((f"[{exercise_id}] name inside a sentence", table["name"].lower()))
        for group in ("cues", "sides"):
            strings = table.get(group, {})
            if isinstance(strings, Mapping):
                found += [(f"[{exercise_id}.{group}] {key}", text)
                          for key, text in strings.items() if isinstance(text, str)]
        question = table.get("question")
        if isinstance(question, Mapping):
            if isinstance(question.get("text"), str):
                found.append((f"[{exercise_id}.question] text", question["text"]))
            for choice in question.get("choices", []):
                if not isinstance(choice, Mapping):
                    continue
                for key in ("label", "tip"):
                    if isinstance(choice.get(key), str):
                        found.append((f"[{exercise_id}.question] choice {choice.get('key')} "
                                      f"{key}", choice[key]))
        variants = table.get("variants", [])
        for variant in variants if isinstance(variants, list) else []:
            if isinstance(variant, Mapping):
                found += _texts(variant, f"{exercise_id} variant {variant.get('variant')}")
    for where, text in found:
        comments = [f"exercises.toml {where}"]
        if "{side}" in text:
            comments.append(_SIDE % where.split("]")[0].lstrip("[").split(" ")[0])
        if "{sitting}" in text:
            comments.append(_SITTING)
        yield _line_of(lines, text), None, text.strip(), comments


def _texts(table: Mapping[str, Any], where: str) -> list[tuple[str, str]]:
    """The texts of one exercise or variant table: its own fields, then its setup and steps."""
    found = [(f"[{where}] {key}", table[key]) for key in _TEXTS if isinstance(table.get(key), str)]
    for group in ("setup", "steps"):
        for index, step in enumerate(table.get(group, [])):
            if isinstance(step, Mapping) and isinstance(step.get("text"), str):
                found.append((f"[{where}] {group}[{index}] ({step.get('key')})", step["text"]))
    return found


def _line_of(lines: list[str], text: str) -> int:
    """The first line holding ``text`` as a TOML string, for the reference (1 if none)."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    for number, line in enumerate(lines, start=1):
        if f'"{quoted}"' in line and not line.lstrip().startswith("#"):
            return number
    return 1
