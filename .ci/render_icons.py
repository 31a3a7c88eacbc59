#!/usr/bin/env python3
"""Render the app icon's PNG sizes for the hicolor theme from its SVG.

Qt's SVG renderer draws them (ImageMagick draws these SVGs wrongly). Run after changing the
SVG, from the checkout:

    .venv/bin/python .ci/render_icons.py

tests/desktop/integration/test_desktop_files.py fails while the PNGs differ from a fresh rendering.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from deskbreath import APP_ID  # noqa: E402
from deskbreath.desktop.integration.files import PNG_SIZES, app_icon_svg  # noqa: E402
from deskbreath.qt.tray.icons import render_svg  # noqa: E402


def main() -> int:
    """Render every size next to the SVG; the exit status (0)."""
    app = QGuiApplication(sys.argv[:1])
    source = app_icon_svg(REPO / "resources")
    hicolor = REPO / "resources" / "icons" / "hicolor"
    for size in PNG_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render_svg(source, size).save(str(target), "PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(REPO))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
