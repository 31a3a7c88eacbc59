"""The colour-scheme preference and how the two sources combine (Qt-free).

Values are those of the freedesktop appearance setting ``org.freedesktop.appearance``
``color-scheme`` (XDG Desktop Portal, Settings interface): 0 no preference, 1 prefer dark,
2 prefer light.
"""

from __future__ import annotations

from enum import Enum


class ColorScheme(Enum):
    """A desktop's preference for light or dark applications."""

    NO_PREFERENCE = 0
    DARK = 1
    LIGHT = 2

    @classmethod
    def from_portal(cls, value: object) -> ColorScheme:
        """The portal's number as a scheme.

        Anything else (a newer value, a wrong type) is taken as no preference, as the
        specification asks of unknown values.
        """
        if isinstance(value, int) and not isinstance(value, bool):
            for scheme in cls:
                if scheme.value == value:
                    return scheme
        return cls.NO_PREFERENCE


def prefers_dark(portal: ColorScheme | None, qt: ColorScheme) -> bool:
    """Whether the app should be dark.

    An explicit choice read from the portal wins (it is the user's setting on GNOME, KDE and
    most others, also where Qt's platform theme does not read it); else what Qt's platform
    theme reports; else light.

    Args:
        portal: the portal's value, or None when there is no portal.
        qt: Qt's ``QStyleHints.colorScheme()`` (``NO_PREFERENCE`` for Qt's ``Unknown``).
    """
    if portal in (ColorScheme.DARK, ColorScheme.LIGHT):
        return portal is ColorScheme.DARK
    return qt is ColorScheme.DARK
