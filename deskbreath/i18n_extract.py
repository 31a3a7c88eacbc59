"""A Babel extractor for the exercise catalogue, so ``pybabel extract`` finds its texts.

Registered in ``babel.cfg`` as ``[deskbreath.i18n_extract:extract_exercises: resources/
exercises.toml]``. It reads the file as :func:`deskbreath.core.exercises.load_catalogue`
does and yields every text people read (name, in_sentence, title, prompt, caution,
image_text, done, setup and step texts, cues, sides, the question and its answers), each
with a comment naming its table and field, for translators. Only Babel calls it (a
development tool); the app never imports it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from typing import IO, Any

Message = tuple[int, str | None, str, list[str]]
"""Babel's extractor result: line, function name (None), message, comments."""

_TEXTS = ("name", "in_sentence", "title", "prompt", "caution", "image_text", "done")
_SIDE = "{side} is filled in with one of the side names of this exercise ([%s.sides])."


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
        for key in _TEXTS:
            if isinstance(table.get(key), str):
                found.append((f"[{exercise_id}] {key}", table[key]))
        if isinstance(table.get("name"), str) and "in_sentence" not in table:
            found.append((f"[{exercise_id}] name inside a sentence", table["name"].lower()))
        for group in ("setup", "steps"):
            for index, step in enumerate(table.get(group, [])):
                if isinstance(step, Mapping) and isinstance(step.get("text"), str):
                    where = f"[{exercise_id}] {group}[{index}] ({step.get('key')})"
                    found.append((where, step["text"]))
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
                if isinstance(choice, Mapping) and isinstance(choice.get("label"), str):
                    found.append((f"[{exercise_id}.question] choice {choice.get('key')}",
                                  choice["label"]))
    for where, text in found:
        comments = [f"exercises.toml {where}"]
        if "{side}" in text:
            comments.append(_SIDE % where.split("]")[0].lstrip("["))
        yield _line_of(lines, text), None, text.strip(), comments


def _line_of(lines: list[str], text: str) -> int:
    """The first line holding ``text`` as a TOML string, for the reference (1 if none)."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    for number, line in enumerate(lines, start=1):
        if f'"{quoted}"' in line and not line.lstrip().startswith("#"):
            return number
    return 1
