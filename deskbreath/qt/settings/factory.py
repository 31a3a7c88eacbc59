"""One widget factory per value type: the settings dialog's editor for any setting.

Everything about the editor comes from the setting's declaration: the widget from its value
type, the range, step and suffix from the type's limits and the unit, the placeholder from
the default, the checks from the type's ``parse_text`` (the same rules as the file), the
accessible name from the label and the tooltip and accessible description from the help.
A setting an administrator locked (:attr:`Field.locked_by`) gets a disabled editor whose
tooltip names the file that locks it. A new setting of an existing type needs no code here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QAbstractSpinBox, QWidget

from deskbreath.core.settings.schema import Field
from deskbreath.core.settings.types import (
    Bool,
    Choice,
    ClockTime,
    DayHours,
    Duration,
    DurationList,
    IdList,
    Number,
    ValueType,
)
from deskbreath.i18n import _
from deskbreath.qt.settings.editors import (
    CheckEditor,
    CheckedLineEdit,
    ChoiceEditor,
    NumberEditor,
    WholeNumberEditor,
)
from deskbreath.qt.settings.fields import DayHoursEditor, ExerciseListEditor

Builder = Callable[[Field, QWidget], QWidget]


def object_name(key: str) -> str:
    """The editor's object name for a dotted key: ``breathing.length`` → ``breathing-length``."""
    return key.replace(".", "-").replace("_", "-")


def accessible_name(label: str) -> str:
    """A label without its access-key marker (``&&`` stays one ``&``)."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


def locked_note(field: Field) -> str:
    """Who locked the setting, naming the file; "" when it is not locked."""
    if field.locked_by is None:
        return ""
    return _("Locked by your administrator in %(file)s; it cannot be changed here.") % {
        "file": field.locked_by}


def help_text(field: Field) -> str:
    """The editor's tooltip and accessible description: the help, after the lock, if any."""
    return "\n".join(text for text in (locked_note(field), _(field.spec.help)) if text)


def _text(field: Field, parent: QWidget) -> QWidget:
    value_type = field.type
    editor = CheckedLineEdit(
        value_type.parse_text, value_type.format_text, name=object_name(field.key),
        placeholder=value_type.format_text(field.default), help=help_text(field),
        parent=parent,
    )
    editor.line_edit.setAccessibleName(accessible_name(_(field.spec.label)))
    editor.setObjectName(f"{object_name(field.key)}-field")  # the line edit has the key's name
    return editor


def _decimals(step: float) -> int:
    """The decimals a spin box needs to show steps of ``step``: 0.5 → 1, 0.05 → 2, 1 → 0."""
    return len(f"{step:g}".partition(".")[2])


def _number(field: Field, parent: QWidget) -> QWidget:
    value_type = field.type
    assert isinstance(value_type, Number)
    editor: NumberEditor | WholeNumberEditor
    if value_type.integer or value_type.percent:
        scale = 100 if value_type.percent else 1
        whole = WholeNumberEditor(scale, parent)
        whole.setRange(round(value_type.minimum * scale), round(value_type.maximum * scale))
        whole.setSingleStep(max(1, round(value_type.step * scale)))
        editor = whole
    else:
        real = NumberEditor(parent)
        real.setDecimals(_decimals(value_type.step))
        real.setRange(value_type.minimum, value_type.maximum)
        real.setSingleStep(value_type.step)
        editor = real
    if field.spec.unit:
        editor.setSuffix(" " + _(field.spec.unit))
    _describe(editor, field)
    return editor


def _check(field: Field, parent: QWidget) -> QWidget:
    editor = CheckEditor(_(field.spec.label), parent)
    _describe(editor, field)
    return editor


def _choice(field: Field, parent: QWidget) -> QWidget:
    value_type = field.type
    assert isinstance(value_type, Choice)
    editor = ChoiceEditor([(c, value_type.label(c)) for c in value_type.choices], parent)
    _describe(editor, field)
    return editor


def _id_list(field: Field, parent: QWidget) -> QWidget:
    value_type = field.type
    assert isinstance(value_type, IdList)
    names = {i: _(name) for i, name in value_type.names.items()}
    editor = ExerciseListEditor(names, parent)
    editor.setToolTip(help_text(field))
    editor.list.setToolTip(help_text(field))
    return editor


def _day_hours(field: Field, parent: QWidget) -> QWidget:
    value_type = field.type
    assert isinstance(value_type, DayHours)
    # A day's help ("Monday.") says nothing the row does not; only a lock is worth a tooltip.
    return DayHoursEditor(accessible_name(_(field.spec.label)), value_type,
                          name=object_name(field.key), help=locked_note(field), parent=parent)


def _describe(editor: QWidget, field: Field) -> None:
    editor.setAccessibleName(accessible_name(_(field.spec.label)))
    editor.setAccessibleDescription(help_text(field))
    editor.setToolTip(help_text(field))
    if isinstance(editor, QAbstractSpinBox):
        editor.setKeyboardTracking(False)


BUILDERS: dict[type[ValueType[Any]], Builder] = {
    Duration: _text,
    DurationList: _text,
    ClockTime: _text,
    Number: _number,
    Bool: _check,
    Choice: _choice,
    IdList: _id_list,
    DayHours: _day_hours,
}
"""The editor for each value type (a subclass of a type gets its base's editor)."""


def create_editor(field: Field, parent: QWidget) -> QWidget:
    """The editor for ``field``.

    A QWidget that is also a :class:`~deskbreath.qt.settings.editors.FieldEditor` (``edited``
    and ``set_value``).

    Raises:
        TypeError: no editor is known for the field's value type.
    """
    for kind in type(field.type).__mro__:
        builder = BUILDERS.get(kind)
        if builder is not None:
            editor = builder(field, parent)
            if not editor.objectName():
                editor.setObjectName(object_name(field.key))
            if field.locked_by is not None:
                editor.setEnabled(False)
            return editor
    raise TypeError(f"{field.key}: no settings editor for {type(field.type).__name__}")
