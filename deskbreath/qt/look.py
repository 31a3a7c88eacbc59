"""deskbreath's visual language.

Colours from the system palette, a type scale, spacing and the style sheet the prompt window
wears.

Everything follows the application's palette, light or dark (the desktop's theme, or
:mod:`deskbreath.qt.theme`'s dark palette): :meth:`Look.from_palette` takes its colours and
moves the few that need it just far enough to keep the contrast WCAG 2.2 asks for, text at
least 4.5:1 on its background (1.4.3) and the parts of controls people must see (the pacer,
progress bars, check box borders, focus rings) at least 3:1 against what is next to them
(1.4.11). There is one accent colour, the palette's own accent (or selection colour).

The widgets paint with these colours and nothing else, and
``tests/qt/windows/test_contrast.py`` reads back the colours the widgets actually use.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPalette

from deskbreath.paths import resources_dir

Role = QPalette.ColorRole

TEXT_CONTRAST = 4.5
"""WCAG 2.2 1.4.3: text against its background."""
NON_TEXT_CONTRAST = 3.0
"""WCAG 2.2 1.4.11: the parts of controls and graphics needed to understand them."""

FOCUS_WIDTH = 2
"""The focus ring's width in px (WCAG 2.2 2.4.13 asks for at least 2 CSS px)."""
FOCUS_GAP = 2
"""Space in px between a control and its focus ring, so the ring stands out even around a
control in the accent colour."""
RADIUS = 8
"""Corner radius of controls in px; cards use twice this."""


class TypeScale:
    """Font sizes as multiples of the system font, never set in pixels.

    Every size so follows the user's setting and the display scale; one step between each
    level.
    """

    CUE = 2.2  # the breathing cue ("in", "out")
    TITLE = 1.45  # the exercise's title on the offer
    HEADING = 1.2  # a page's heading, the done words
    BODY = 1.0
    SMALL = 0.92  # the caution and secondary notes


def spacing_unit(font: QFont) -> int:
    """The spacing step in px: half a line of the system font (8 px at a 16 px line).

    The layout so breathes with the font size. Margins and gaps are multiples of it.
    """
    return max(4, round(QFontMetrics(font).height() / 2))


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG 2.2 contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(first: QColor, second: QColor, share: float) -> QColor:
    """``first`` moved ``share`` (0..1) of the way to ``second``, opaque."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * share,
        first.greenF() + (second.greenF() - first.greenF()) * share,
        first.blueF() + (second.blueF() - first.blueF()) * share,
    )


def _towards(colour: QColor, target: QColor, backgrounds: tuple[QColor, ...],
             minimum: float) -> QColor:
    """``colour``, moved towards ``target`` until it has ``minimum`` contrast everywhere.

    It moves in small steps until it has ``minimum`` contrast against every background
    (``target`` itself if nothing less will do).
    """
    for step in range(21):
        candidate = mix(colour, target, step / 20)
        if all(contrast(candidate, background) >= minimum for background in backgrounds):
            return candidate
    return QColor(target)


def _away_from(colour: QColor, backgrounds: tuple[QColor, ...], minimum: float,
               dark: bool) -> QColor:
    """``colour`` made lighter on a dark background, darker on a light one.

    Changed until it stands out by ``minimum`` against every background.
    """
    target = QColor("#ffffff") if dark else QColor("#000000")
    return _towards(colour, target, backgrounds, minimum)


@dataclass(frozen=True)
class Look:
    """The colours deskbreath paints with, for one palette.

    Attributes:
        dark: whether the palette is a dark one.
        window: the window's background.
        card: the background of cards (the offer, the exercise, notes); text sits on it.
        text: body text, at least 4.5:1 on ``card`` and ``window``.
        secondary: quieter text (cautions, notes), still at least 4.5:1 on both.
        accent: the one accent colour (the pacer, progress, ticked boxes, the primary
            button, focus rings), at least 3:1 against ``card`` and ``window``.
        on_accent: text on the accent colour, at least 4.5:1.
        soft_accent: the pacer's fill, a tint of the accent (decoration: the accent outline
            around it carries the contrast).
        outline: borders of controls (buttons, check boxes, the progress groove, the
            pacer's guide), at least 3:1 against ``card`` and ``window``.
        button: the fill of ordinary buttons; ``text`` on it keeps 4.5:1.
        focus: the focus ring, at least 3:1 against ``card`` and ``window``.
    """

    dark: bool
    window: QColor
    card: QColor
    text: QColor
    secondary: QColor
    accent: QColor
    on_accent: QColor
    soft_accent: QColor
    outline: QColor
    button: QColor
    focus: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> Look:
        """The look for ``palette``: its own colours wherever they keep the contrast."""
        window = QColor(palette.color(Role.Window))
        text = QColor(palette.color(Role.WindowText))
        dark = window.lightness() < 128
        base = QColor(palette.color(Role.Base))
        # Light: cards in the base colour (white on a grey window). Dark: a raised card a
        # little lighter than the window, as dark themes show elevation.
        card = mix(window, text, 0.06) if dark or base == window else base
        surfaces = (card, window)
        text = _towards(text, QColor("#ffffff") if dark else QColor("#000000"), surfaces,
                        TEXT_CONTRAST)
        secondary = _towards(mix(text, card, 0.4), text, surfaces, TEXT_CONTRAST)
        accent = QColor(palette.color(Role.Accent))
        if not accent.isValid() or accent == QColor(palette.color(Role.Window)):
            accent = QColor(palette.color(Role.Highlight))
        accent = _away_from(accent, surfaces, NON_TEXT_CONTRAST, dark)
        # Words on the accent: white on a light theme's (darkened as far as it takes), the
        # card's dark colour on a dark theme's (lightened as far as it takes).
        on_accent = card if dark else QColor("#ffffff")
        accent = _away_from(accent, (on_accent, *surfaces), TEXT_CONTRAST, dark) \
            if dark else _towards(accent, QColor("#000000"), (on_accent,), TEXT_CONTRAST)
        outline = _towards(mix(text, card, 0.5), text, surfaces, NON_TEXT_CONTRAST)
        button = mix(card, text, 0.07)
        return cls(
            dark=dark, window=window, card=card, text=text, secondary=secondary,
            accent=accent, on_accent=on_accent, soft_accent=mix(card, accent, 0.35),
            outline=outline, button=button, focus=accent,
        )

    def check_mark(self) -> str:
        """The ticked box's check mark, drawn in ``on_accent`` (a path for the style sheet)."""
        name = "check-white.svg" if self.on_accent.lightness() > 128 else "check-black.svg"
        return (resources_dir() / "ui" / name).as_posix()


def _css(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexRgb)


def style_sheet(look: Look, unit: int) -> str:
    """The prompt window's style sheet, in ``look``'s colours and multiples of ``unit`` px.

    Cards, buttons (one primary), check boxes, progress bars, the question group and quiet
    scroll bars (a handle in the outline colour, 3:1).
    """
    c = {name: _css(getattr(look, name)) for name in (
        "window", "card", "text", "secondary", "accent", "on_accent", "outline", "button")}
    hover = _css(mix(look.button, look.text, 0.08))
    pressed = _css(mix(look.button, look.text, 0.16))
    primary_hover = _css(mix(look.accent, look.on_accent, 0.12))
    pad_v, pad_h = max(3, unit * 3 // 4), unit * 2
    check = look.check_mark()
    return f"""
#deskbreath-prompt {{ background-color: {c['window']}; }}
QFrame[card="true"] {{
    background-color: {c['card']}; border: 1px solid {c['outline']};
    border-radius: {2 * RADIUS}px;
}}
QFrame[note="true"] {{
    background-color: {c['window']}; border: 1px solid {c['outline']};
    border-radius: {RADIUS}px;
}}
QLabel {{ color: {c['text']}; background: transparent; }}
QLabel[secondary="true"] {{ color: {c['secondary']}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
QStackedWidget {{ background: transparent; }}
QPushButton {{
    color: {c['text']}; background-color: {c['button']}; border: 1px solid {c['outline']};
    border-radius: {RADIUS}px; padding: {pad_v}px {pad_h}px; outline: none;
}}
QPushButton:hover {{ background-color: {hover}; }}
QPushButton:pressed {{ background-color: {pressed}; }}
QPushButton[primary="true"] {{
    color: {c['on_accent']}; background-color: {c['accent']}; border-color: {c['accent']};
    font-weight: bold;
}}
QPushButton[primary="true"]:hover {{ background-color: {primary_hover}; }}
QPushButton[link="true"], QPushButton[link="true"]:checked,
QPushButton[link="true"]:hover, QPushButton[link="true"]:pressed {{
    color: {c['text']}; background: transparent; border: none; text-decoration: underline;
    padding: 2px {unit // 2}px;
}}
QCheckBox {{ color: {c['text']}; spacing: {unit}px; padding: 2px; outline: none; }}
QCheckBox::indicator {{
    width: {2 * unit}px; height: {2 * unit}px; border: 2px solid {c['outline']};
    border-radius: {RADIUS // 2}px; background-color: {c['card']};
}}
QCheckBox::indicator:checked {{
    background-color: {c['accent']}; border-color: {c['accent']}; image: url("{check}");
}}
QProgressBar {{
    border: 1px solid {c['outline']}; border-radius: {unit // 2 + 1}px;
    background-color: {c['card']}; min-height: {unit + 2}px; max-height: {unit + 2}px;
}}
QProgressBar::chunk {{ background-color: {c['accent']}; border-radius: {unit // 2}px; }}
QGroupBox[question="true"] {{ border: none; margin: 0; padding: 0; }}
QScrollBar:vertical {{ background: transparent; width: {unit + 2}px; margin: 0; }}
QScrollBar::handle:vertical {{
    background: {c['outline']}; border-radius: {unit // 2}px; min-height: {3 * unit}px;
    margin: 2px;
}}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: transparent; }}
"""


_LOOKS: dict[int, Look] = {}
"""A memo of looks by palette (``QPalette.cacheKey``): working a look out tests many colour
mixes, and widgets ask on every paint. Bounded; losing it costs one recomputation."""


def look_for(palette: QPalette) -> Look:
    """:meth:`Look.from_palette`, remembered for the palette."""
    key = palette.cacheKey()
    look = _LOOKS.get(key)
    if look is None:
        if len(_LOOKS) > 16:
            _LOOKS.clear()
        look = _LOOKS[key] = Look.from_palette(palette)
    return look


def current_look() -> Look:
    """The look for the application's palette now (it follows light and dark live)."""
    return look_for(QGuiApplication.palette())
