"""The settings dialog's editors for single values.

Text that is checked, a check box, a choice and numbers.
:mod:`deskbreath.qt.settings.factory` picks one per value type.

Every editor emits ``edited(object)`` with a valid model value only, and ``set_value`` (a
value loaded from outside) never emits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QEvent, Signal, SignalInstance
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from deskbreath.i18n import _

#: The colour of refusals: at least 4.5:1 (WCAG 2.2, 1.4.3) on Fusion's light window
#: (#efefef) and on the dark palette's (#2e3033, deskbreath.qt.theme).
ERROR_ON_LIGHT = QColor("#c62828")
ERROR_ON_DARK = QColor("#ff8a80")


class FieldEditor(Protocol):
    """What the dialog needs from the editor of one setting (each is also a QWidget)."""

    @property
    def edited(self) -> SignalInstance:
        """Emitted with the new model value after each valid edit by the user."""
        ...

    def set_value(self, value: Any) -> None:
        """Show ``value`` without emitting (settings loaded from outside)."""
        ...


class Loading:
    """A flag that is up while a widget shows a value loaded from outside, not typed.

    ``with self._loading:`` raises it for the block; change handlers test it
    (``if self._loading: return``) so that only the user's own edits are emitted.
    """

    def __init__(self) -> None:
        self._up = False

    def __bool__(self) -> bool:
        return self._up

    def __enter__(self) -> None:
        self._up = True

    def __exit__(self, *_exc: object) -> None:
        self._up = False


class ErrorLabel(QLabel):
    """A word-wrapped label in the colour of refusals, readable on light and dark windows.

    It picks its red for the window colour behind it, and again whenever the palette
    changes, so a refusal stays readable when dark mode switches live.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._recolour()

    def changeEvent(self, event: QEvent) -> None:
        """Pick the red again when the palette changes."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._recolour()

    def _recolour(self) -> None:
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        wanted = ERROR_ON_DARK if dark else ERROR_ON_LIGHT
        if palette.color(QPalette.ColorRole.WindowText) != wanted:  # setPalette comes back here
            palette.setColor(QPalette.ColorRole.WindowText, wanted)
            self.setPalette(palette)


class CheckedLineEdit(QWidget):
    """A line edit whose text is parsed when editing finishes (Enter, Tab, focus lost).

    Bad text stays in the field so it can be corrected; the field gets a warning icon and
    the reason appears below it, as its tooltip and as its accessible description (which
    otherwise holds ``help``). Nothing is emitted until the text is good.

    Args:
        parse: typed text to a model value; raises ``ValueError`` with the reason.
        format_value: a model value as text.
        name: the line edit's object name (the error label's is ``<name>-error``).
        placeholder: shown while the field is empty.
        help: what the setting does (tooltip and accessible description).
        parent: the owning widget.

    Signals:
        edited(object): the parsed value of good text.
    """

    edited = Signal(object)

    def __init__(
        self,
        parse: Callable[[str], Any],
        format_value: Callable[[Any], str],
        *,
        name: str,
        placeholder: str = "",
        help: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._parse = parse
        self._format = format_value
        self._help = help
        self._error: str | None = None
        self.line_edit = QLineEdit(self)
        self.line_edit.setObjectName(name)
        self.line_edit.setPlaceholderText(placeholder)
        self.error_label = ErrorLabel(self)
        self.error_label.setObjectName(f"{name}-error")
        self.error_label.hide()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._warning = QAction(icon, "", self.line_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.error_label)
        self.setFocusProxy(self.line_edit)
        self._set_error(None)
        self.line_edit.editingFinished.connect(self._on_line_edit_editing_finished)

    def error(self) -> str | None:
        """The reason the current text was refused, or None when it is good."""
        return self._error

    def set_value(self, value: Any) -> None:
        """Show ``value`` and clear any refusal (does not emit)."""
        self.line_edit.setText(self._format(value))
        self._set_error(None)

    def _on_line_edit_editing_finished(self) -> None:
        if not self.line_edit.isEnabled():
            return
        try:
            value = self._parse(self.line_edit.text())
        except ValueError as error:
            self._set_error(str(error))
            return
        self.set_value(value)  # show how the text was understood, e.g. "90m" as "1h30m"
        self.edited.emit(value)

    def revalidate(self) -> None:
        """Check the current text again, as if editing had just finished."""
        self._on_line_edit_editing_finished()

    def _set_error(self, reason: str | None) -> None:
        self._error = reason
        refusal = _("Not saved: %(reason)s") % {"reason": reason} if reason else ""
        self.error_label.setText(f"{refusal}." if reason else "")
        self.error_label.setVisible(reason is not None)
        self.line_edit.setAccessibleDescription(refusal or self._help)
        self.line_edit.setToolTip(reason or self._help)
        self.line_edit.removeAction(self._warning)
        if reason:
            self.line_edit.addAction(self._warning, QLineEdit.ActionPosition.TrailingPosition)


class CheckEditor(QCheckBox):
    """A yes/no setting as a check box whose text is the setting's label.

    Signals:
        edited(object): the new state (a bool).
    """

    edited = Signal(object)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._loading = Loading()
        self.toggled.connect(self._on_toggled)

    def set_value(self, value: Any) -> None:
        """Tick or untick (does not emit)."""
        with self._loading:
            self.setChecked(bool(value))

    def _on_toggled(self, on: bool) -> None:
        if not self._loading:
            self.edited.emit(on)


class ChoiceEditor(QComboBox):
    """One of a fixed set of values, each shown with its words.

    Args:
        choices: (value, words) pairs, in the order offered.
        parent: the owning widget.

    Signals:
        edited(object): the chosen value.
    """

    edited = Signal(object)

    def __init__(self, choices: list[tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = [value for value, _words in choices]
        self._loading = Loading()
        for _value, words in choices:
            self.addItem(words)
        self.currentIndexChanged.connect(self._on_current_index_changed)

    def set_value(self, value: Any) -> None:
        """Select ``value`` (does not emit); an unknown value selects the first choice."""
        with self._loading:
            self.setCurrentIndex(self._values.index(value) if value in self._values else 0)

    def _on_current_index_changed(self, index: int) -> None:
        if not self._loading and 0 <= index < len(self._values):
            self.edited.emit(self._values[index])


class NumberEditor(QDoubleSpinBox):
    """A number within limits; typed text applies when editing finishes, not per keystroke.

    Signals:
        edited(object): the new value (a float).
    """

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = Loading()
        self.setKeyboardTracking(False)
        self.valueChanged.connect(self._on_value_changed)

    def set_value(self, value: Any) -> None:
        """Show ``value`` (does not emit)."""
        with self._loading:
            self.setValue(float(value))

    def _on_value_changed(self, value: float) -> None:
        if not self._loading:
            self.edited.emit(float(value))


class WholeNumberEditor(QSpinBox):
    """A whole number within limits, or a share shown as a whole percentage.

    Args:
        scale: shown value per model value: 1 for whole numbers, 100 for a share in percent
            (0.4 shows as 40 and 45 emits 0.45).
        parent: the owning widget.

    Signals:
        edited(object): the new model value (an int, or a float share when scaled).
    """

    edited = Signal(object)

    def __init__(self, scale: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = scale
        self._loading = Loading()
        self.setKeyboardTracking(False)
        self.valueChanged.connect(self._on_value_changed)

    def set_value(self, value: Any) -> None:
        """Show ``value`` (does not emit)."""
        with self._loading:
            self.setValue(round(float(value) * self._scale))

    def _on_value_changed(self, value: int) -> None:
        if not self._loading:
            self.edited.emit(value if self._scale == 1 else value / self._scale)
