"""Written durations: ``"45m"``, ``"90s"``, ``"1h30m"`` to seconds and back.

This is the form people type (settings file, command line); it is the same in every
language. Durations shown to people ("23 min") come from
:func:`deskbreath.core.wording.humanize`.
"""

from __future__ import annotations

import re

from deskbreath.i18n import N_, _

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|m|s)")
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0}
EXAMPLE = N_('"45m", "90s" or "1h30m"')
"""How a duration is written, for messages; translate it where it is shown."""


class DurationError(ValueError):
    """A string that is not a duration.

    The message (for people, in their language) says why and shows the right form.
    """


def parse_duration(text: str) -> float:
    """Turn ``"1h30m"`` into 5400.0 seconds.

    Units are h, m and s, largest first, each at most once; a bare number means minutes
    is *not* accepted, because "45" is ambiguous.

    Raises:
        DurationError: the text is not of that form.
    """
    cleaned = text.strip().lower().replace(" ", "")
    if not cleaned:
        raise DurationError(_("an empty duration; write it like %(example)s")
                            % {"example": _(EXAMPLE)})
    pos = 0
    total = 0.0
    seen: list[str] = []
    for match in _PART.finditer(cleaned):
        if match.start() != pos:
            break
        unit = match.group(2)
        if seen and "hms".index(unit) <= "hms".index(seen[-1]):
            raise DurationError(
                _("%(text)s: units must go h, m, s, each once; write it like %(example)s")
                % {"text": repr(text), "example": _(EXAMPLE)}
            )
        seen.append(unit)
        total += float(match.group(1)) * _UNITS[unit]
        pos = match.end()
    if pos != len(cleaned) or not seen:
        raise DurationError(_("%(text)s is not a duration; write it like %(example)s")
                            % {"text": repr(text), "example": _(EXAMPLE)})
    return total


def format_duration(seconds: float) -> str:
    """The inverse of :func:`parse_duration`: 5400 -> ``"1h30m"``, 90 -> ``"1m30s"``."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{v}{u}" for v, u in ((hours, "h"), (minutes, "m"), (secs, "s")) if v]
    return "".join(parts) or "0s"
