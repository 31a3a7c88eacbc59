"""The accessible roles of deskbreath's own widgets.

Qt describes a plain ``QWidget`` to screen readers as a bare container (AT-SPI "filler"), so
a prompt that appears on its own gives no cue that something asks for an answer, and a
picture reads as an empty box with a name. :func:`install_accessible_roles` registers an
accessibility factory that describes the prompt window as a dialog (AT-SPI "dialog"), an
exercise's illustration as an image and the breathing pacer as an animation; the window also
announces the offer when it appears (:class:`~deskbreath.qt.windows.prompt.PromptWindow`).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

ROLES: dict[str, QAccessible.Role] = {
    "PromptWindow": QAccessible.Role.Dialog,
    "Illustration": QAccessible.Role.Graphic,
    "PacerView": QAccessible.Role.Animation,
}
"""The role of each of deskbreath's widget classes (by the name Qt's meta-object system
knows them by) that Qt would otherwise describe as a bare container."""


def _factory(class_name: str, candidate: QObject) -> QAccessibleInterface | None:
    role = ROLES.get(class_name)
    if role is not None and isinstance(candidate, QWidget):
        return QAccessibleWidget(candidate, role, "")
    return None


@functools.cache
def install_accessible_roles() -> None:
    """Register the factory, once per process.

    Qt keeps a process-wide list of factories; later calls do nothing.
    """
    QAccessible.installFactory(_factory)
