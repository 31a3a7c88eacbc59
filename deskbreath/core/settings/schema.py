"""The settings schema, derived from the model's declarations: one :class:`Field` per key.

:meth:`Schema.from_model` walks the settings dataclasses (:mod:`.model`) and turns each
declared field into a :class:`Field` with its dotted TOML key (``"breathing.length"``), a
getter along the attribute path, its value type and its default; each nested dataclass
becomes a :class:`Table`. Validation (:mod:`.validate`), the commented default file
(:mod:`.document`), the "differs from the file" check in
:mod:`deskbreath.storage.settings_file` and the settings dialog's widgets are all driven by
the schema, so a new setting is one new declaration on the model. Qt-free, no file I/O.

The list of exercises is not the schema's to know: :func:`settings_schema` binds the
``exercises`` setting to a catalogue's ids, and its default to the catalogue's order.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deskbreath.core.exercises import Catalogue, packaged_catalogue
from deskbreath.core.settings.declare import SETTING, TABLE, Spec, TableSpec
from deskbreath.core.settings.model import Settings
from deskbreath.core.settings.types import IdList, ValueType

__all__ = ["Field", "Schema", "Table", "packaged_schema", "settings_schema"]


@dataclass(frozen=True)
class Field:
    """One setting as the schema sees it.

    Attributes:
        key: the dotted TOML key (``"breathing.length"``).
        path: the attribute path in the model (``("breathing", "length")``).
        spec: the declaration: value type, help, dialog label and unit.
        default: the model value used when the file does not set it, or sets it badly.
        default_from: the administrator's file the default comes from; None when it is
            built into deskbreath (see :mod:`deskbreath.core.settings.layers`).
        locked_by: the administrator's file that locks this setting, or None: a locked
            setting always has its default, whatever the user's file says.
    """

    key: str
    path: tuple[str, ...]
    spec: Spec
    default: Any
    default_from: Path | None = None
    locked_by: Path | None = None

    @property
    def type(self) -> ValueType[Any]:
        """The value type, with its limits."""
        return self.spec.type

    @property
    def table(self) -> str:
        """The TOML table the key is in; "" at the top level."""
        return self.key.rpartition(".")[0]

    @property
    def name(self) -> str:
        """The key within its table."""
        return self.key.rpartition(".")[2]

    @property
    def allowed(self) -> str:
        """What values are accepted, as a phrase (derived from the type)."""
        return self.spec.type.allowed

    def get(self, settings: Any) -> Any:
        """The model value of this setting in ``settings``."""
        return functools.reduce(getattr, self.path, settings)

    def parse(self, raw: Any) -> Any:
        """The model value for a TOML value; raises ``Invalid`` with a short reason."""
        return self.spec.type.parse(raw)

    def to_toml(self, value: Any) -> Any:
        """``value`` as a plain TOML value."""
        return self.spec.type.to_toml(value)


@dataclass(frozen=True)
class Table:
    """A TOML table of settings (``[breathing]``).

    Attributes:
        key: the table's name in the file.
        spec: the declaration: the dataclass holding it, title, help and layout.
    """

    key: str
    spec: TableSpec

    @property
    def title(self) -> str:
        """A short title, for the dialog's group box."""
        return self.spec.title

    @property
    def help(self) -> str:
        """What the table is for."""
        return self.spec.help


class Schema:
    """Every setting of a model, by dotted key, in declaration order.

    Build one with :meth:`from_model` (or :func:`settings_schema`); tests build one over a
    model with extra fields to see a new setting flow through everything.

    Attributes:
        model: the settings dataclass (:class:`Settings` or a subclass).
        fields: every setting by dotted key, in the order of the default file.
        tables: every TOML table by name, with its title and help.
    """

    def __init__(self, model: type[Settings], fields: Mapping[str, Field],
                 tables: Mapping[str, Table]) -> None:
        self.model = model
        self.fields = dict(fields)
        self.tables = dict(tables)

    @classmethod
    def from_model(cls, model: type[Settings] = Settings, *,
                   exercise_names: Mapping[str, str]) -> Schema:
        """Derive the schema from the model's declarations.

        Args:
            model: the settings dataclass; each field must be declared with ``setting()``
                or ``table()`` (see :mod:`deskbreath.core.settings.declare`).
            exercise_names: the exercises there are (id → name, in the catalogue's order):
                every :class:`IdList` setting allows exactly these and defaults to all of
                them, in this order.

        Raises:
            TypeError: a field is not declared, or tables are nested more than one deep.
        """
        fields: dict[str, Field] = {}
        tables: dict[str, Table] = {}
        # Top-level keys first: in TOML, a key after a [table] header belongs to the table.
        for path, declared, declared_default in sorted(_walk(model), key=lambda d: len(d[0]) > 1):
            key = ".".join(path)
            if isinstance(declared, TableSpec):
                tables[key] = Table(key, declared)
                continue
            spec, default = declared, declared_default
            if isinstance(spec.type, IdList):
                spec = dataclasses.replace(spec, type=spec.type.bind(exercise_names))
                default = tuple(exercise_names)
            fields[key] = Field(key, path, spec, default)
        return cls(model, fields, tables)

    def defaults(self) -> Settings:
        """The settings when nothing is set."""
        return self.build({})

    def build(self, values: Mapping[str, Any]) -> Settings:
        """A model from model values by dotted key; every key not given keeps its default.

        Values whose type is not ``kept`` (``schema_version``) always take the default.
        """
        def make(model: type[Any], prefix: tuple[str, ...]) -> Any:
            arguments: dict[str, Any] = {}
            for item in dataclasses.fields(model):
                path = (*prefix, item.name)
                key = ".".join(path)
                if TABLE in item.metadata:
                    arguments[item.name] = make(item.metadata[TABLE].model, path)
                    continue
                field = self.fields[key]
                keep = key in values and field.type.kept
                arguments[item.name] = values[key] if keep else field.default
            return model(**arguments)

        settings: Settings = make(self.model, ())
        return settings

    def replace(self, settings: Settings, changes: Mapping[str, Any]) -> Settings:
        """``settings`` with the model values in ``changes`` (by dotted key) set.

        Raises:
            KeyError: a key that is not a setting of this schema.
        """
        def change(holder: Any, prefix: tuple[str, ...]) -> Any:
            own: dict[str, Any] = {}
            for key, value in changes.items():
                path = self.fields[key].path
                if path[: len(prefix)] != prefix:
                    continue
                name = path[len(prefix)]
                if len(path) == len(prefix) + 1:
                    own[name] = value
                elif name not in own:
                    own[name] = change(getattr(holder, name), (*prefix, name))
            return dataclasses.replace(holder, **own)

        for key in changes:
            _ = self.fields[key]  # a KeyError names the unknown key
        updated: Settings = change(settings, ())
        return updated

    def flat_values(self, settings: Settings) -> dict[str, Any]:
        """Every setting as a plain TOML value, by dotted key."""
        return {key: field.to_toml(field.get(settings)) for key, field in self.fields.items()}

    def to_values(self, settings: Settings) -> dict[str, Any]:
        """The settings as a TOML-ready nested dict; durations are human strings."""
        result: dict[str, Any] = {}
        for key, value in self.flat_values(settings).items():
            table, _, name = key.rpartition(".")
            if table:
                result.setdefault(table, {})[name] = value
            else:
                result[key] = value
        return result


def _walk(model: type[Any], prefix: tuple[str, ...] = ()
          ) -> Iterator[tuple[tuple[str, ...], Spec | TableSpec, Any]]:
    """Each declared field of ``model`` and its tables: path, declaration, default."""
    for item in dataclasses.fields(model):
        path = (*prefix, item.name)
        default = item.default if item.default is not dataclasses.MISSING else (
            item.default_factory() if item.default_factory is not dataclasses.MISSING else None)
        if SETTING in item.metadata:
            yield path, item.metadata[SETTING], default
        elif TABLE in item.metadata:
            if prefix:
                raise TypeError(f"{'.'.join(path)}: settings tables nest one level deep only")
            yield path, item.metadata[TABLE], default
            yield from _walk(item.metadata[TABLE].model, path)
        else:
            raise TypeError(f"{model.__name__}.{item.name} is declared with neither setting() "
                            "nor table()")


def settings_schema(catalogue: Catalogue, model: type[Settings] = Settings) -> Schema:
    """The schema of ``model`` whose ``exercises`` are ``catalogue``'s."""
    # The English names: the dialog translates them where it shows them.
    names = {exercise_id: catalogue.exercises[exercise_id].name for exercise_id in catalogue.ids}
    return Schema.from_model(model, exercise_names=names)


@functools.cache
def packaged_schema() -> Schema:
    """The schema for the shipped catalogue, built once (``config`` commands and defaults)."""
    return settings_schema(packaged_catalogue())
