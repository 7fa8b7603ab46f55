"""The embedded font: DejaVu Sans, registered once per process.

ReportLab's standard Helvetica only knows Latin-1, and a patient may write in Greek or
Cyrillic; DejaVu Sans covers both (and most accented Latin). ReportLab embeds only the
glyphs a document uses, so a report stays small.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

REGULAR = "FootnoteSans"
BOLD = "FootnoteSans-Bold"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
}

_lock = threading.Lock()
_coverage: frozenset[int] | None = None


def register_fonts() -> frozenset[int]:
    """Register the report fonts (once) and return the code points all of them can draw."""
    global _coverage
    if _coverage is not None:
        return _coverage
    with _lock:
        if _coverage is None:
            common: set[int] | None = None
            for name, filename in _FILES.items():
                font = TTFont(name, str(FONT_DIR / filename))
                pdfmetrics.registerFont(font)
                mapped = set(font.face.charToGlyph)
                common = mapped if common is None else common & mapped
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            # No oblique face is shipped: <i> falls back to upright rather than failing.
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            assert common is not None
            _coverage = frozenset(common)
    return _coverage
