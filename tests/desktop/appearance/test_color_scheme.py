"""The portal's numbers and Qt's scheme combine into one light-or-dark decision."""

from __future__ import annotations

import pytest

from deskbreath.desktop.appearance.base import ColorScheme, prefers_dark


@pytest.mark.parametrize(("value", "scheme"), [
    (0, ColorScheme.NO_PREFERENCE), (1, ColorScheme.DARK), (2, ColorScheme.LIGHT),
    (3, ColorScheme.NO_PREFERENCE), (True, ColorScheme.NO_PREFERENCE),
    ("prefer-dark", ColorScheme.NO_PREFERENCE), (None, ColorScheme.NO_PREFERENCE),
])
def test_portal_values_map_to_schemes(value: object, scheme: ColorScheme) -> None:
    """0, 1, 2 are the specification's values; anything else counts as no preference."""
    assert ColorScheme.from_portal(value) is scheme


@pytest.mark.parametrize(("portal", "qt", "dark"), [
    (ColorScheme.DARK, ColorScheme.LIGHT, True),
    (ColorScheme.LIGHT, ColorScheme.DARK, False),
    (ColorScheme.NO_PREFERENCE, ColorScheme.DARK, True),
    (None, ColorScheme.DARK, True),
    (None, ColorScheme.NO_PREFERENCE, False),
    (ColorScheme.NO_PREFERENCE, ColorScheme.LIGHT, False),
])
def test_explicit_portal_choice_wins_over_qt(portal: ColorScheme | None, qt: ColorScheme,
                                             dark: bool) -> None:
    """The user's explicit portal setting decides; without one, Qt's theme does."""
    assert prefers_dark(portal, qt) is dark
