"""settings.toml on disk: read it forgivingly, write it carefully.

Reading never fails: whatever is wrong, the result holds usable settings and says what was
wrong. Writing changes only the keys whose value differs from what the file holds, through
tomlkit, so the user's comments, key order and formatting survive; it goes through
:func:`~deskbreath.storage.atomic.atomic_write`; it refuses to touch a file it could not
fully understand (broken TOML, a newer layout), because that would lose the user's data.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from deskbreath.core.settings.migrations import migrate
from deskbreath.core.settings.model import SCHEMA_VERSION, Settings
from deskbreath.core.settings.schema import Schema, packaged_schema
from deskbreath.core.settings.validate import Problem, is_locked_problem, parse_values
from deskbreath.core.settings.values import Invalid
from deskbreath.i18n import _, ngettext
from deskbreath.storage.atomic import (
    DEFAULT_STEPS,
    AtomicSteps,
    SaveError,
    atomic_write,
    reason_for,
    save_error,
)

NEW_FILE_HEADER = (
    "# deskbreath settings. Only settings that differ from the defaults are listed;\n"
    "# `deskbreath config defaults` prints every setting with an explanation.\n"
)


class LoadState(Enum):
    """What reading the file found."""

    MISSING = "missing"
    OK = "ok"
    UNPARSEABLE = "unparseable"
    NEWER_VERSION = "newer-version"
    UNREADABLE = "unreadable"


_NOT_WRITABLE = (LoadState.UNPARSEABLE, LoadState.NEWER_VERSION, LoadState.UNREADABLE)


@dataclass(frozen=True)
class LoadResult:
    """The outcome of :meth:`SettingsFile.load`.

    Attributes:
        settings: what to use; defaults for everything that could not be read.
        problems: bad or unknown keys, with line numbers.
        state: what was found.
        message: one line for people naming the file, or None when all is well.
        writable: whether :meth:`SettingsFile.save` will write this file.
        migrated_from: the older layout version the file was read from, if any.
        user_keys: the settings the file sets that are in effect (valid and not locked by
            an administrator); every other setting has its default.
    """

    settings: Settings
    problems: list[Problem] = field(default_factory=list)
    state: LoadState = LoadState.OK
    message: str | None = None
    writable: bool = True
    migrated_from: int | None = None
    user_keys: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Snapshot:
    """A settings file as read now: its bytes, text and plain (migrated) document, or why not.

    See :func:`read_snapshot`.
    """

    state: LoadState
    data: bytes | None = None
    text: str = ""
    doc: dict[str, Any] = field(default_factory=dict)
    version: int = SCHEMA_VERSION
    detail: str = ""

    @property
    def content(self) -> bytes | LoadState:
        """What change detection compares: the bytes, or MISSING / UNREADABLE."""
        return self.data if self.data is not None else self.state


class SettingsFile:
    """One settings.toml: load, save only what changed, back up and reset a broken one.

    Args:
        path: the file; its folder is created on the first save that writes something.
        schema: what the file may hold; the shipped catalogue's schema if not given.
        steps: the system calls used for atomic writes (tests replace them).
    """

    def __init__(self, path: Path, *, schema: Schema | None = None,
                 steps: AtomicSteps = DEFAULT_STEPS) -> None:
        self.path = path
        self.schema = schema or packaged_schema()
        self._steps = steps
        self._last_state: LoadState | None = None
        # The file as last read or written: its bytes, or MISSING / UNREADABLE.
        self._known: bytes | LoadState | None = None
        self._base: Settings | None = None  # what the file meant when last read or written

    # -- reading -------------------------------------------------------------------------

    def load(self) -> LoadResult:
        """Read the file. Never raises and never writes; see :class:`LoadResult`."""
        snap = self._snapshot()
        self._last_state = snap.state
        self._known = snap.content
        self._base = None
        name = self.path
        defaults = self.schema.defaults()
        if snap.state is LoadState.MISSING:
            return LoadResult(
                defaults, state=snap.state,
                message=_("%(path)s does not exist; using the defaults.") % {"path": name}
            )
        if snap.state in (LoadState.UNREADABLE, LoadState.UNPARSEABLE):
            return LoadResult(defaults, state=snap.state, message=snap.detail, writable=False)
        values, problems = parse_values(self.schema, snap.doc, source_text=snap.text)
        settings = self.schema.build(values)
        user_keys = frozenset(values)
        self._base = settings
        if snap.state is LoadState.NEWER_VERSION:
            return LoadResult(settings, problems, snap.state, message=snap.detail,
                              writable=False, user_keys=user_keys)
        migrated = snap.version if snap.version < SCHEMA_VERSION else None
        message = self._problems_message(problems)
        if message is None and migrated is not None:
            message = _(
                "%(path)s uses the layout of version %(version)d; it was converted, and the "
                "next save keeps the old file as %(backup)s."
            ) % {"path": name, "version": migrated, "backup": self._backup_base(migrated).name}
        return LoadResult(settings, problems, snap.state, message, True, migrated, user_keys)

    def _problems_message(self, problems: list[Problem]) -> str | None:
        """One line about the file's problems; None for none.

        Mistakes, then keys locked by an administrator (which are no mistake, but are
        ignored).
        """
        locked = [p.key for p in problems if is_locked_problem(self.schema, p)]
        mistakes = len(problems) - len(locked)
        parts: list[str] = []
        if mistakes:
            parts.append(ngettext(
                "%(path)s: %(n)d problem; the defaults are used for those keys.",
                "%(path)s: %(n)d problems; the defaults are used for those keys.",
                mistakes) % {"path": self.path, "n": mistakes})
        if locked:
            files = dict.fromkeys(str(self.schema.fields[key].locked_by) for key in locked)
            parts.append(ngettext(
                "%(path)s: your value for %(keys)s is ignored: your administrator locked it "
                "in %(files)s.",
                "%(path)s: your values for %(keys)s are ignored: your administrator locked "
                "them in %(files)s.", len(locked)) % {
                    "path": self.path, "keys": ", ".join(locked), "files": ", ".join(files)})
        return " ".join(parts) or None

    def _snapshot(self) -> Snapshot:
        return read_snapshot(self.path)

    # -- change detection ----------------------------------------------------------------

    def _disk_content(self) -> bytes | LoadState:
        """The file's bytes now, or why there are none.

        A settings file is a few KiB: comparing the bytes is cheaper than loading a hash
        library.
        """
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return LoadState.MISSING
        except OSError:
            return LoadState.UNREADABLE

    @property
    def load_state(self) -> LoadState | None:
        """What the last read found (None before the first).

        After a refused save, the reason it was refused.
        """
        return self._last_state

    def changed_on_disk(self) -> bool:
        """True when the file's content differs from what this object last read or wrote.

        The app's own saves update what is known, so a file watcher can ignore them; so is a
        save that rewrites the same bytes.
        """
        return self._disk_content() != self._known

    # -- writing -------------------------------------------------------------------------

    def save(self, settings: Settings) -> None:
        """Write the settings that differ from what the file holds now.

        The file is read again first, and a setting the program did not change since the
        last load or save is left as the file has it, so edits made by hand survive.
        Nothing is written when nothing differs, and a missing file is created only for a
        setting that is not the default. A file in an older layout is first kept as
        ``settings.toml.v<N>.bak``.

        Raises:
            SaveError: the last load (or this re-read) found a file that must not be
                overwritten, or the write failed; the file on disk is unchanged.
        """
        import tomlkit  # noqa: PLC0415  (only saving needs it: keeps the idle app lighter)
        from tomlkit.exceptions import TOMLKitError  # noqa: PLC0415

        snap = self._snapshot()
        unseen_edit = snap.content != self._known  # edited by hand since the last load or save
        for state in (self._last_state, snap.state):
            if state in _NOT_WRITABLE:
                self._last_state = state
                raise SaveError(self._refusal(state, snap), path=self.path)
        doc: dict[str, Any]
        if snap.state is LoadState.MISSING:
            doc = tomlkit.parse(NEW_FILE_HEADER)
            doc["schema_version"] = SCHEMA_VERSION
        else:
            try:
                doc, _ = migrate(tomlkit.parse(snap.text))
            except TOMLKitError as error:
                raise SaveError(
                    _("Could not edit %(path)s: %(error)s. The file on disk was not changed.")
                    % {"path": self.path, "error": error},
                    path=self.path,
                ) from error
        changed = _apply(self.schema, doc, settings, snap.doc, base=self._base)
        if not changed and (snap.state is LoadState.MISSING or snap.version == SCHEMA_VERSION):
            return  # an older layout is still worth writing: it gets converted
        if snap.state is LoadState.OK and snap.version < SCHEMA_VERSION and snap.data is not None:
            self._keep_copy(self._backup_base(snap.version), snap.data)
        self._write(tomlkit.dumps(doc).encode("utf-8"), settings)
        if unseen_edit:  # the hand edit is kept in the file but not in effect yet: keep
            self._known = snap.content  # changed_on_disk() true: the watcher reloads it

    def backup_and_reset(self, settings: Settings) -> Path:
        """Keep the current file as ``settings.toml.bak`` (or ``.bak.1``, ...) and start over.

        The new file is the fully commented default file with ``settings`` applied. The old
        file stays in place until the new one replaces it, so there is always a file.

        Returns:
            Where the old file was kept.

        Raises:
            SaveError: there is no readable file to back up, or writing failed.
        """
        snap = self._snapshot()
        if snap.data is None:
            missing = _("%(path)s does not exist") % {"path": self.path}
            raise SaveError(
                _("Nothing to back up: %(reason)s") % {"reason": snap.detail or missing},
                path=self.path,
            )
        import tomlkit  # noqa: PLC0415  (see save)

        from deskbreath.core.settings.document import (  # noqa: PLC0415 - only a reset needs it
            default_document_text,
        )

        backup = self._keep_copy(self.path.with_name(self.path.name + ".bak"), snap.data)
        default_text = default_document_text(self.schema)
        doc = tomlkit.parse(default_text)
        _apply(self.schema, doc, settings, tomllib.loads(default_text))
        self._write(tomlkit.dumps(doc).encode("utf-8"), settings)
        return backup

    def _write(self, data: bytes, settings: Settings) -> None:
        atomic_write(self.path, data, steps=self._steps)
        self._last_state = LoadState.OK
        self._known = data
        self._base = settings

    def _backup_base(self, version: int) -> Path:
        return self.path.with_name(f"{self.path.name}.v{version}.bak")

    def _keep_copy(self, base: Path, data: bytes) -> Path:
        """Write ``data`` to ``base``, or ``base.1``, ``base.2``, ... whichever is free."""
        for number in range(1000):
            candidate = base if number == 0 else base.with_name(f"{base.name}.{number}")
            try:
                with candidate.open("xb") as backup:
                    backup.write(data)
            except FileExistsError:
                continue
            except OSError as error:
                raise save_error(error, candidate) from error
            return candidate
        raise SaveError(_("Could not back up %(path)s: too many backups beside it.")
                        % {"path": self.path})

    def _refusal(self, state: LoadState | None, snap: Snapshot) -> str:
        if state is LoadState.UNPARSEABLE:
            why = _("it is not valid TOML. Fix it, or reset it (the broken file is kept as "
                    ".bak)")
        elif state is LoadState.NEWER_VERSION:
            why = _("it was written by a newer deskbreath, and saving would lose what this "
                    "one does not understand")
        elif snap.detail:
            why = _("it could not be read (%(reason)s)") % {"reason": snap.detail.rstrip(".")}
        else:
            why = _("it could not be read")
        return _("Not saving %(path)s: %(reason)s.") % {"path": self.path, "reason": why}


def read_snapshot(path: Path) -> Snapshot:
    """Read a settings file (the user's or an administrator's) without judging its keys.

    Never raises: a missing, unreadable, broken or newer file comes back as a state with a
    one-line ``detail`` for people.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Snapshot(LoadState.MISSING)
    except OSError as error:
        reason = reason_for(error, path)
        return Snapshot(
            LoadState.UNREADABLE,
            detail=_("Could not read %(path)s: %(reason)s; using the defaults.")
            % {"path": path, "reason": reason},
        )
    kept = _("using the defaults; the file was left as it is.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Snapshot(
            LoadState.UNPARSEABLE,
            data=data,
            detail=_("%(path)s is not UTF-8 text (byte %(byte)d); %(kept)s")
            % {"path": path, "byte": error.start + 1, "kept": kept},
        )
    try:
        plain = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Snapshot(
            LoadState.UNPARSEABLE,
            data=data,
            text=text,
            detail=_("%(path)s is not valid TOML: %(error)s; %(kept)s")
            % {"path": path, "error": error, "kept": kept},
        )
    doc, version = migrate(plain)
    if version > SCHEMA_VERSION:
        detail = _(
            "%(path)s was written by a newer deskbreath (schema_version %(version)d; this "
            "one knows %(known)d); what is understood is used, and the file will not be "
            "changed."
        ) % {"path": path, "version": version, "known": SCHEMA_VERSION}
        return Snapshot(LoadState.NEWER_VERSION, data, text, doc, version, detail)
    return Snapshot(LoadState.OK, data, text, doc, version)


def _apply(
    schema: Schema,
    doc: dict[str, Any],
    settings: Settings,
    current: dict[str, Any],
    *,
    base: Settings | None = None,
) -> bool:
    """Set in ``doc`` every setting whose value differs from what ``current`` means.

    ``current`` is the plain (migrated) document the file holds: a key missing from it, or
    set to a bad value, means the default. With a ``base`` (what the file meant when it was
    last read or written), settings equal to the base are left alone: the program did not
    change them, so a different value on disk is a hand edit that must survive. Returns
    whether anything was set.
    """
    changed = False
    for key, spec in schema.fields.items():
        if not spec.type.kept:  # schema_version: migrations write it
            continue
        if spec.locked_by is not None:  # the administrator's; the user's file keeps its own
            continue
        wanted = spec.get(settings)
        if base is not None and wanted == spec.get(base):
            continue
        if wanted == _effective(schema, current, key):
            continue
        value = spec.to_toml(wanted)
        table, _, name = key.rpartition(".")
        if table:
            container = doc.get(table)
            if not isinstance(container, dict):
                doc.pop(table, None)  # a bad value where the table should be
                import tomlkit  # noqa: PLC0415  (see SettingsFile.save)

                container = tomlkit.table()
                doc[table] = container
            container[name] = value
        else:
            doc[key] = value
        changed = True
    return changed


def _effective(schema: Schema, current: dict[str, Any], key: str) -> Any:
    spec = schema.fields[key]
    table, _, name = key.rpartition(".")
    holder: Any = current.get(table) if table else current
    if not isinstance(holder, dict) or name not in holder:
        return spec.default
    try:
        return spec.parse(holder[name])
    except Invalid:
        return spec.default
