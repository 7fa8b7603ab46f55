"""The appendix: one row per logged day, as entered, in plain table cells.

A year has about 2,000 cells, so they are wrapped here by measuring strings, not laid out
as a Paragraph each; only notes are Paragraphs, and a long note gets rows of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from journal import vocabulary as vocab

from ..fonts import BOLD, REGULAR
from ..styles import (
    HEADER_FILL,
    HEADING,
    INK,
    LOG_FONT_SIZE,
    LOG_HEADER,
    LOG_LEADING,
    LOG_NOTE,
    MUTED,
    SMALL,
    URGENT,
    ZEBRA,
    heading,
)
from ..summary import MergedDay, Summary
from ..text import clean, fmt_date, markup

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SIDE_LETTERS = {vocab.LEFT: "L", vocab.RIGHT: "R", vocab.CENTER: "C"}

# Short names for the dense daily log; the report's other tables use vocabulary labels.
SHORT_REGIONS = {
    "lower_back": "low back",
    "buttock": "buttock",
    "thigh_back": "back of thigh",
    "thigh_front": "front of thigh",
    "thigh_outer": "outer thigh",
    "knee": "knee",
    "shin_inner": "inner shin",
    "shin_outer": "outer shin",
    "calf": "calf",
    "ankle_inner": "inner ankle",
    "ankle_outer": "outer ankle",
    "foot_top": "top of foot",
    "big_toe": "big toe",
    "foot_outer": "outer foot",
    "sole": "sole",
    "heel": "heel",
    "forefoot": "ball of foot",
    "saddle": "SADDLE/genitals",
}
SHORT_SIGNS = {
    "foot_lift_difficulty": "foot won't lift",
    "tripping": "tripped",
    "toe_stand_difficulty": "can't stand on tiptoe",
    "knee_buckling": "knee gave way",
    "leg_weakness": "leg weak",
    "bladder_change": "BLADDER change",
    "bowel_change": "BOWEL change",
    "sexual_function_change": "SEXUAL FUNCTION change",
    "fever": "FEVER",
    "night_pain": "night pain",
    "weight_loss": "WEIGHT LOSS",
}


@lru_cache(maxsize=8192)
def _log_width(text: str) -> float:
    return float(stringWidth(text, REGULAR, LOG_FONT_SIZE))


def _wrap(pieces: Sequence[str], separator: str, width: float) -> list[str]:
    """Lay `pieces` out in lines no wider than `width`, keeping each piece whole where it
    fits: plain table cells, much cheaper than a Paragraph per cell (a year has 2,000)."""
    lines: list[str] = []
    line: list[str] = []
    line_width = 0.0
    separator_width = _log_width(separator)
    limit = width - _log_width(separator.rstrip())  # room for the separator ending a line
    for piece in pieces:
        piece_width = _log_width(piece)
        if line:
            if line_width + separator_width + piece_width <= limit:
                line.append(piece)
                line_width += separator_width + piece_width
                continue
            lines.append(separator.join(line) + separator.rstrip())
            line = []
        if piece_width > limit:  # wider than the cell on its own: break it up
            broken = _break_long(piece, limit)
            lines.extend(broken[:-1])
            piece = broken[-1]
            piece_width = _log_width(piece)
        line = [piece]
        line_width = piece_width
    if line:
        lines.append(separator.join(line))
    return lines


def _break_long(text: str, width: float) -> list[str]:
    """Break between words, and inside a word only when it is wider than the cell."""
    out: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if _log_width(candidate) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        current = ""
        for char in word:
            if current and _log_width(current + char) > width:
                out.append(current)
                current = ""
            current += char
    if current:
        out.append(current)
    return out or [""]


def _symptoms_cell(day: MergedDay) -> list[str]:
    pieces = []
    for (region, side), region_day in day.regions.items():
        marks = ("N" if region_day.numbness else "") + ("T" if region_day.tingling else "")
        name = SHORT_REGIONS.get(region, clean(region))
        side_letter = SIDE_LETTERS.get(side, clean(side))
        piece = f"{side_letter} {name} {region_day.pain}"
        pieces.append(f"{piece} {marks}" if marks else piece)
    return pieces


def _signs_cell(day: MergedDay) -> tuple[list[str], bool]:
    pieces = []
    alarm = False
    for sign in day.record.signs:
        label = SHORT_SIGNS.get(sign.code, clean(sign.code))
        side = SIDE_LETTERS.get(sign.side or "", "")
        text = f"{side} {label}" if side else label
        if sign.count:
            text += f" ×{sign.count}"
        alarm = alarm or sign.code in vocab.CAUDA_EQUINA_SIGNS
        pieces.append(text)
    return pieces, alarm


def _activity_cell(day: MergedDay) -> list[str]:
    record = day.record
    pieces = [vocab.FOOTWEAR.get(code, clean(code)) for code in record.footwear]
    walking = "" if record.walking_minutes is None else f"walked {record.walking_minutes} min"
    if record.walking_brings_leg_pain:
        walking = f"{walking}, leg pain" if walking else "walking brings leg pain"
    sitting = "" if record.sitting_hours is None else f"sat {record.sitting_hours:g} h"
    if record.sitting_relieves_leg_pain:
        sitting = f"{sitting}, eases it" if sitting else "sitting eases leg pain"
    standing = "standing still eases it" if record.standing_still_relieves_leg_pain else ""
    pieces += [piece for piece in (walking, sitting, standing) if piece]
    if record.sleep_quality is not None:
        pieces.append(f"sleep {record.sleep_quality}/10")
    return pieces


def _medications_cell(day: MergedDay) -> list[str]:
    pieces = []
    for medication in day.record.medications:
        text = " ".join(
            part
            for part in (clean(medication.name).strip(), clean(medication.dose).strip())
            if part
        )
        if medication.times is not None:
            text += f" ×{medication.times}"
        pieces.append(text or "—")
    return pieces


LOG_HEADERS = (
    "Date",
    "Symptoms: side, region, worst pain (0–10); N numb, T tingling",
    "Signs",
    "Shoes, walking, sitting, sleep",
    "Medications",
    "Notes",
)
# A day's row never outgrows a page: longer cells continue in rows of their own.
LOG_MAX_LINES = 36
LOG_MAX_NOTE_HEIGHT = LOG_MAX_LINES * LOG_LEADING
# Notes longer than this get a full-width row under their day: the notes column is narrow.
LONG_NOTE_CHARS = 140
# Notes shorter than this cannot reach LOG_MAX_NOTE_HEIGHT even in the notes column.
_NOTE_MEASURE_FROM = 600


def _log_widths(width: float) -> list[float]:
    date_width = stringWidth("30 Sep 2026", BOLD, LOG_FONT_SIZE) + 7
    widths = [date_width, 130.0, 48.0, 96.0, 84.0]
    return [*widths, width - sum(widths)]


def _note_parts(text: str, width: float) -> list[Flowable]:
    paragraph = Paragraph(text, LOG_NOTE)
    if len(text) < _NOTE_MEASURE_FROM:
        return [paragraph]
    parts: list[Flowable] = []
    rest: Flowable = paragraph
    while True:
        _, height = rest.wrap(width, 1e6)
        if height <= LOG_MAX_NOTE_HEIGHT:
            parts.append(rest)
            return parts
        split = rest.split(width, LOG_MAX_NOTE_HEIGHT)
        if len(split) < 2:
            parts.append(rest)
            return parts
        parts.append(split[0])
        rest = split[1]


def _log_rows(
    day: MergedDay, inner: Sequence[float], note_width: float
) -> tuple[list[list[object]], list[int], bool]:
    """The table rows of one day: usually one. A cell longer than LOG_MAX_LINES continues
    in a row of its own, and a long note gets full-width rows below the day (their indexes
    are returned, to be spanned), so no row can outgrow a page."""
    signs, alarm = _signs_cell(day)
    columns = [
        [fmt_date(day.date), WEEKDAYS[day.date.weekday()]],
        _wrap(_symptoms_cell(day), ", ", inner[1]),
        _wrap(signs, "; ", inner[2]),
        _wrap(_activity_cell(day), "; ", inner[3]),
        _wrap(_medications_cell(day), "; ", inner[4]),
    ]
    notes = day.record.notes.strip()
    long_note = len(notes) > LONG_NOTE_CHARS or notes.count("\n") > 2
    rows: list[list[object]] = []
    count = max([1] + [-(-len(lines) // LOG_MAX_LINES) for lines in columns])
    for part in range(count):
        chunk = slice(part * LOG_MAX_LINES, (part + 1) * LOG_MAX_LINES)
        row: list[object] = ["\n".join(lines[chunk]) for lines in columns]
        if part:
            row[0] = f"{fmt_date(day.date)}\n(continued)"
        row.append("")
        rows.append(row)
    spanned: list[int] = []
    if notes and not long_note:
        rows[0][5] = Paragraph(markup(notes), LOG_NOTE)
    elif notes:
        rows[0][5] = "note below"
        for note in _note_parts(f"<b>Note:</b> {markup(notes)}", note_width):
            spanned.append(len(rows))
            rows.append(["", note, "", "", "", ""])
    return rows, spanned, alarm


def daily_log(summary: Summary, width: float) -> list[Flowable]:
    widths = _log_widths(width)
    padding = 3.0
    inner = [column_width - 2 * padding for column_width in widths]
    rows: list[list[object]] = [[Paragraph(title, LOG_HEADER) for title in LOG_HEADERS]]
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 1), (-1, -1), REGULAR, LOG_FONT_SIZE, LOG_LEADING),
        ("FONT", (0, 1), (0, -1), BOLD, LOG_FONT_SIZE, LOG_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, HEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]
    note_width = sum(widths[1:]) - 2 * padding
    for number, day in enumerate(summary.merged):
        day_rows, spanned, alarm = _log_rows(day, inner, note_width)
        first, last = len(rows), len(rows) + len(day_rows) - 1
        for row in spanned:
            commands.append(("SPAN", (1, first + row), (-1, first + row)))
        if len(day_rows) == 2 and spanned:  # a day and its note: keep them on one page
            commands.append(("NOSPLIT", (0, first), (-1, last)))
        if spanned:
            commands.append(("TEXTCOLOR", (5, first), (5, first), MUTED))
        rows.extend(day_rows)
        if number % 2:
            commands.append(("BACKGROUND", (0, first), (-1, last), ZEBRA))
        if alarm:
            commands.append(("TEXTCOLOR", (2, first), (2, last), URGENT))
            commands.append(("FONT", (2, first), (2, last), BOLD, LOG_FONT_SIZE, LOG_LEADING))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    # The log starts where the evidence ends, unless too little of the page is left for
    # its heading and a few days (the heading is kept with the table's first rows).
    return [
        CondPageBreak(140),
        heading("Appendix: daily log"),
        Paragraph(
            "One row per logged day, as entered. Symptoms: L/R/C = left/right/centre, the "
            "number is the day's worst pain (0–10) in that region, N = numbness, "
            "T = tingling. Days without an entry are not listed.",
            SMALL,
        ),
        Spacer(1, 4),
        table,
    ]
