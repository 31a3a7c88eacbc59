"""A copy of the shipped exercise catalogue with one more exercise, for tests only."""

from __future__ import annotations

from pathlib import Path

from deskbreath.core.exercises import CATALOGUE_FILE, Catalogue, load_catalogue
from deskbreath.paths import resources_dir

EXTRA_ID = "shoulders"
EXTRA_NAME = "Shoulder check"
EXTRA_ENTRY = f"""
[{EXTRA_ID}]
kind = "checklist"
name = "{EXTRA_NAME}"
title = "Shoulder and neck check"
prompt = "A few seconds for your shoulders and neck."
caution = "Move gently; stop if anything hurts."
professional = "See a doctor if your neck hurts for weeks."
seconds = 15
done = "Done. Carry on."
steps = [
  {{ key = "drop", text = "Let your shoulders drop" }},
  {{ key = "chin", text = "Draw your chin back a little" }},
]
"""
"""A new exercise of an existing kind: one catalogue entry, and nothing else anywhere."""


def copied_catalogue(folder: Path) -> Catalogue:
    """The shipped catalogue copied into ``folder`` with :data:`EXTRA_ENTRY` added at the end
    (image paths still point at the shipped illustrations).
    """
    copy = folder / CATALOGUE_FILE
    shipped = (resources_dir() / CATALOGUE_FILE).read_text(encoding="utf-8")
    copy.write_text(shipped + EXTRA_ENTRY, encoding="utf-8")
    return load_catalogue(copy, root=resources_dir())
