"""The report's look: every colour it uses, its paragraph styles and its table style.

Each colour is defined here once, by the role it plays; the sections, the chart, the body
map and the page decoration all take theirs from here.
"""

from __future__ import annotations

from reportlab.graphics.shapes import String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

from .fonts import BOLD, REGULAR

# --- Palette ------------------------------------------------------------------------------

WHITE = colors.white
INK = colors.HexColor("#1E1E1E")  # body text
MUTED = colors.HexColor("#555555")  # secondary text
HEADING = colors.HexColor("#1B2A41")
RULE = colors.HexColor("#B8C2CC")
HEADER_FILL = colors.HexColor("#E8EDF2")
ZEBRA = colors.HexColor("#F6F8FA")
FAINT_FILL = colors.HexColor("#F4F4F4")  # the "monitor" flag box, the chart's strip rows
URGENT = colors.HexColor("#B00020")

# Flag boxes: (stroke, fill) by severity.
SEVERITY_COLORS = {
    "urgent": (URGENT, colors.HexColor("#FDECEE")),
    "prompt": (colors.HexColor("#A65300"), colors.HexColor("#FFF4E6")),
    "see_specialist": (colors.HexColor("#1F4E79"), colors.HexColor("#EEF4FA")),
    "monitor": (colors.HexColor("#4D4D4D"), FAINT_FILL),
}

# Drawings (the chart and the body map).
DRAWING_TEXT = colors.HexColor("#222222")
LEFT_COLOR = colors.HexColor("#0B5FA5")
RIGHT_COLOR = colors.HexColor("#D55E00")
BACK_COLOR = colors.HexColor("#6B6B6B")
EVENT_COLOR = colors.HexColor("#6A3D9A")
GRID_COLOR = colors.HexColor("#D9D9D9")
AXIS_COLOR = colors.HexColor("#444444")
OUTLINE = colors.HexColor("#6E6E6E")  # the body map's region outlines
SILHOUETTE = colors.HexColor("#3A3A3A")  # the body map's outline of the legs and feet
NEUTRAL = colors.HexColor("#F2F2F2")  # drawn on the body map, not a logged region
# The body map's shading, light to dark (never symptomatic first).
SHADES = (
    WHITE,
    colors.HexColor("#FDE6CF"),
    colors.HexColor("#FDBB84"),
    colors.HexColor("#F4845A"),
    colors.HexColor("#D7402B"),
    colors.HexColor("#8F1010"),
)


def drawing_text(
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    font: str = REGULAR,
    anchor: str = "start",
    color: colors.Color = DRAWING_TEXT,
) -> String:
    """A text in a drawing (the chart, the body map)."""
    return String(x, y, text, fontName=font, fontSize=size, textAnchor=anchor, fillColor=color)


# --- Paragraph styles ---------------------------------------------------------------------

LOG_FONT_SIZE = 7.0
LOG_LEADING = 8.5


def paragraph_style(
    name: str, parent: ParagraphStyle | None = None, **kwargs: object
) -> ParagraphStyle:
    """A paragraph style: our defaults, or `parent`'s, overridden by `kwargs`."""
    if parent is not None:
        return ParagraphStyle(name, parent=parent, **kwargs)
    base: dict[str, object] = {
        "fontName": REGULAR,
        "fontSize": 9,
        "leading": 11.5,
        "textColor": INK,
    }
    base.update(kwargs)
    return ParagraphStyle(name, **base)


BODY = paragraph_style("body")
SMALL = paragraph_style("small", fontSize=7.5, leading=9.5, textColor=MUTED)
TITLE = paragraph_style("title", fontName=BOLD, fontSize=16, leading=20, textColor=HEADING)
SUBTITLE = paragraph_style("subtitle", fontSize=8.5, leading=11, textColor=MUTED)
H1 = paragraph_style(
    "h1",
    fontName=BOLD,
    fontSize=12.5,
    leading=16,
    textColor=HEADING,
    spaceBefore=10,
    spaceAfter=5,
    keepWithNext=1,
)
H2 = paragraph_style(
    "h2",
    fontName=BOLD,
    fontSize=9.5,
    leading=12,
    textColor=HEADING,
    spaceBefore=6,
    spaceAfter=3,
    keepWithNext=1,
)
HEADER_VALUE = paragraph_style("header_value", fontSize=8.5, leading=11)
HEADER_STRONG = paragraph_style("header_strong", fontName=BOLD, fontSize=9, leading=11)
HEAD_CELL = paragraph_style("head_cell", fontName=BOLD, fontSize=8, leading=9.5)
FLAG_TITLE = paragraph_style("flag_title", fontName=BOLD, fontSize=10.5, leading=13)
FLAG_SEVERITY = paragraph_style(
    "flag_severity", fontName=BOLD, fontSize=8.5, leading=11, alignment=TA_RIGHT
)
FLAG_BODY = paragraph_style("flag_body", fontSize=8.5, leading=11)
FLAG_META = paragraph_style("flag_meta", fontSize=8, leading=10.5, textColor=MUTED)
CELL = paragraph_style("cell", fontSize=8, leading=10)
CELL_BOLD = paragraph_style("cell_bold", fontName=BOLD, fontSize=8, leading=10)
LOG_HEADER = paragraph_style("log_header", fontName=BOLD, fontSize=7, leading=8.5)
LOG_NOTE = paragraph_style(
    "log_note", fontSize=LOG_FONT_SIZE, leading=LOG_LEADING, splitLongWords=1
)


def heading(text: str) -> Paragraph:
    """A section's title."""
    return Paragraph(text, H1)


def table_style(*extra: tuple[object, ...], header_rows: int = 1) -> TableStyle:
    """The report's tables: shaded header rows over thin rules, then `extra` commands."""
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8, 10),
        ("FONT", (0, 0), (-1, header_rows - 1), BOLD, 8, 10),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, HEADING),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands.extend(extra)
    return TableStyle(commands)
