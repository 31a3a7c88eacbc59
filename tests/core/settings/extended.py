"""A copy of the settings model with two settings more, declared once each, for tests only.

It shows what "a new setting is one declaration" means: a top-level duration and a whole
number in the ``[breathing]`` table, each declared with its type, limits, default, help,
label and unit, and nothing else written anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from deskbreath.core.exercises import packaged_catalogue
from deskbreath.core.settings.declare import setting, table
from deskbreath.core.settings.model import BreathingSettings, Settings
from deskbreath.core.settings.schema import Schema, settings_schema
from deskbreath.core.settings.types import Duration, Number


@dataclass(frozen=True)
class SighingBreathing(BreathingSettings):
    """The breathing settings and one more."""

    sighs: int = setting(
        Number(0, 3, integer=True), 1, help="Deep sighs at the end of the breathing exercise.",
        label="&Sighs", unit="at the end")


@dataclass(frozen=True)
class ExtendedSettings(Settings):
    """The settings, a new top-level one, and the breathing table with one more."""

    breathing: BreathingSettings = table(
        SighingBreathing, title="Breathing", help="The paced breathing exercise.")
    quiet_after_lunch: float = setting(
        Duration(0, 3600, examples=("20m",)), 600.0,
        help="No prompts for this long after the first break after noon.",
        label="&Quiet after lunch")


def extended_schema() -> Schema:
    """The schema of :class:`ExtendedSettings` for the shipped catalogue."""
    return settings_schema(packaged_catalogue(), ExtendedSettings)
