"""The accessible role of deskbreath's own windows.

Qt describes a plain top-level ``QWidget`` to screen readers as a bare container (AT-SPI
"filler"), so a prompt that appears on its own gives no cue that something asks for an
answer. :func:`install_window_roles` registers an accessibility factory that describes the
prompt window as a dialog (AT-SPI "dialog"), which screen readers present as one; the window
also announces the offer when it appears (:class:`~deskbreath.qt.windows.prompt.PromptWindow`).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

DIALOG_CLASSES = frozenset({"PromptWindow"})
"""Class names (as Qt's meta-object system knows them) of windows that are dialogs."""


def _factory(class_name: str, candidate: QObject) -> QAccessibleInterface | None:
    if class_name in DIALOG_CLASSES and isinstance(candidate, QWidget):
        return QAccessibleWidget(candidate, QAccessible.Role.Dialog, "")
    return None


@functools.cache
def install_window_roles() -> None:
    """Register the factory, once per process (Qt keeps a process-wide list of factories;
    later calls do nothing)."""
    QAccessible.installFactory(_factory)
