"""How a setting is declared: once, on its field of the settings model.

A field of a settings dataclass is either a setting (:func:`setting`: its value type with its
limits, default, help text, dialog label and unit) or a TOML table of settings
(:func:`table`: a nested dataclass, its title and help). The declarations ride along as
dataclass field metadata, so the model stays a plain frozen dataclass and
:mod:`deskbreath.core.settings.schema` derives everything else from it: the dotted keys,
getters, validation, the commented default file and the dialog's widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, TypeVar

from deskbreath.core.settings.types import ValueType

V = TypeVar("V", bound=ValueType[Any])

SETTING = "deskbreath.setting"
TABLE = "deskbreath.table"


@dataclass(frozen=True)
class Spec:
    """One setting's declaration (the default is the dataclass field's).

    Attributes:
        type: the value type, with its limits.
        help: what the setting does, in a sentence or two (default file, dialog tooltip).
        label: the settings dialog's label, ``&`` before the access key; "" keeps the
            setting out of the dialog.
        unit: shown after the value in the dialog ("breaths/min"); "" for none.
    """

    type: ValueType[Any]
    help: str
    label: str = ""
    unit: str = ""


@dataclass(frozen=True)
class TableSpec:
    """A TOML table's declaration.

    Attributes:
        model: the frozen dataclass holding the table's settings.
        title: a short title (the dialog's group box).
        help: what the table is for (default file).
        each: when every key of the table has the same type, the word for one of them
            ("each day"): the default file then says once, in the table's comment, what is
            allowed for each, and gives each key a one-line comment. "" otherwise.
    """

    model: type[Any]
    title: str
    help: str
    each: str = ""


def setting(value_type: ValueType[Any], default: Any = MISSING, *, help: str,
            label: str = "", unit: str = "",
            default_factory: Callable[[], Any] | None = None) -> Any:
    """A dataclass field that is a setting; see :class:`Spec` for the arguments.

    Pass ``default``, or ``default_factory`` for a default computed when a model is made.
    """
    metadata = {SETTING: Spec(value_type, help, label, unit)}
    if default_factory is not None:
        return field(default_factory=default_factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def table(model: type[Any], *, title: str, help: str, each: str = "") -> Any:
    """A dataclass field that is a TOML table of settings held by ``model``."""
    return field(default_factory=model, metadata={TABLE: TableSpec(model, title, help, each)})


def declared_type(model: type[Any], name: str, kind: type[V]) -> V:
    """The value type of setting ``name`` on ``model``, for code that needs its limits.

    Raises:
        KeyError: ``model`` has no setting of that name.
        TypeError: the setting's type is not a ``kind``.
    """
    for item in fields(model):
        if item.name == name and SETTING in item.metadata:
            value_type = item.metadata[SETTING].type
            if not isinstance(value_type, kind):
                raise TypeError(f"{model.__name__}.{name} is not a {kind.__name__}")
            return value_type
    raise KeyError(f"{model.__name__} declares no setting {name!r}")
