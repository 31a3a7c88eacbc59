"""WCAG 2.2 contrast between colours (relative luminance, "contrast ratio" definitions)."""

from __future__ import annotations

from PySide6.QtGui import QColor


def relative_luminance(colour: QColor) -> float:
    """WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast_ratio(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
