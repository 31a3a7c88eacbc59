"""The administrator's settings files: read them, never write them.

Each ``settings.toml`` in the system configuration folders (:attr:`Paths.site_config_dirs`,
most important first) is read like the user's file (forgivingly, migrated in memory) and
laid over the built-in schema by :func:`~deskbreath.core.settings.layers.layer_site_document`.
What was wrong is kept, naming the file, for the app's notice and ``config check``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deskbreath.core.settings.layers import layer_site_document
from deskbreath.core.settings.schema import Schema
from deskbreath.core.settings.validate import Problem
from deskbreath.i18n import ngettext
from deskbreath.storage.settings_file import LoadState, read_snapshot

__all__ = ["SiteFile", "SiteSettings", "read_site_settings"]


@dataclass(frozen=True)
class SiteFile:
    """One administrator's file as found.

    Attributes:
        path: where it is looked for.
        state: what was found (MISSING is usual: most machines have none).
        problems: bad keys, values and lock names, with line numbers.
        detail: why the file could not be used at all, or None.
    """

    path: Path
    state: LoadState
    problems: tuple[Problem, ...] = ()
    detail: str | None = None

    @property
    def used(self) -> bool:
        """Whether its values and locks are in effect (some may have been left out)."""
        return self.state in (LoadState.OK, LoadState.NEWER_VERSION)


@dataclass(frozen=True)
class SiteSettings:
    """The built-in schema with every administrator's file laid over it.

    Attributes:
        schema: what the user's file is read against: the administrator's defaults and
            locks included.
        files: every file looked for, most important first.
    """

    schema: Schema
    files: tuple[SiteFile, ...] = field(default_factory=tuple)

    def problem_lines(self) -> list[str]:
        """Each problem as ``path: line N: key = value: what was done``, and each unusable file.

        In the order of the files.
        """
        lines: list[str] = []
        for site in self.files:
            if site.detail is not None:
                lines.append(site.detail)
            lines += [f"{site.path}: {problem}" for problem in site.problems]
        return lines

    def message(self) -> str | None:
        """One line for people about what was wrong, naming the files; None if nothing."""
        parts: list[str] = []
        for site in self.files:
            if site.detail is not None:
                parts.append(site.detail)
            if site.problems:
                count = len(site.problems)
                parts.append(ngettext(
                    "%(path)s (your administrator's file): %(n)d problem; the defaults are "
                    "used for that key.",
                    "%(path)s (your administrator's file): %(n)d problems; the defaults are "
                    "used for those keys.", count) % {"path": site.path, "n": count})
        return " ".join(parts) or None


def read_site_settings(files: Sequence[Path], schema: Schema) -> SiteSettings:
    """Read the administrator's ``files`` (most important first) and lay them over ``schema``.

    Never raises and never writes: a missing file is skipped, and an unreadable or broken
    one is reported and skipped (its locks are then not in effect).
    """
    found: list[SiteFile] = []
    for path in reversed(files):  # the least important first, so the first file wins
        snap = read_snapshot(path)
        if snap.state in (LoadState.MISSING, LoadState.UNREADABLE, LoadState.UNPARSEABLE):
            detail = None if snap.state is LoadState.MISSING else snap.detail
            found.append(SiteFile(path, snap.state, detail=detail))
            continue
        schema, problems = layer_site_document(schema, path, snap.doc, source_text=snap.text)
        detail = snap.detail if snap.state is LoadState.NEWER_VERSION else None
        found.append(SiteFile(path, snap.state, tuple(problems), detail))
    return SiteSettings(schema, tuple(reversed(found)))
