"""Making text safe to print, and the report's way of writing dates, numbers and names.

Everything the patient typed goes through `clean` (and `markup` before a Paragraph): the
font may lack a glyph (an emoji, a Chinese character), a note may hold control characters
pasted from elsewhere, and Paragraph reads `<b>` or `&amp;` as markup unless escaped.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from journal import vocabulary as vocab

from .data import ReportData
from .fonts import register_fonts

MISSING_GLYPH = "\u25a1"  # WHITE SQUARE, which DejaVu Sans has: shows "something was here"

_ASCII_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
SIDE_WORDS = {vocab.LEFT: "Left", vocab.RIGHT: "Right", vocab.CENTER: "Centre"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _dropped(char: str) -> bool:
    """Invisible characters that would only print as a missing glyph: controls, format
    characters (zero-width joiners, direction marks), variation selectors, lone surrogates."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return True
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF


def clean(text: str, *, keep_newlines: bool = False) -> str:
    """Printable text: controls stripped, characters the font lacks replaced by a square
    (one square for a run of them, so an emoji sequence is one mark, not five)."""
    text = _LINE_BREAKS.sub("\n" if keep_newlines else " ", text)
    if text.isascii():
        text = text.replace("\t", " ")
        if not keep_newlines:
            text = text.replace("\n", " ")
        return _ASCII_UNPRINTABLE.sub("", text)
    coverage = register_fonts()
    out: list[str] = []
    replaced = False
    for char in unicodedata.normalize("NFC", text):
        if char == "\n":
            out.append("\n" if keep_newlines else " ")
        elif char == "\t":
            out.append(" ")
        elif _dropped(char):
            continue
        elif ord(char) in coverage:
            out.append(char)
        elif not replaced:
            out.append(MISSING_GLYPH)
            replaced = True
            continue
        else:
            continue
        replaced = False
    return "".join(out)


def markup(text: str, *, max_breaks: int = 12) -> str:
    """Patient text as Paragraph markup that prints literally; line breaks are kept, up to
    `max_breaks` of them (a note of a thousand empty lines must not outgrow a page)."""
    cleaned = clean(text, keep_newlines=True).strip()
    lines = [line.strip() for line in cleaned.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > max_breaks + 1:
        lines = [*lines[:max_breaks], " / ".join(lines[max_breaks:])]
    return "<br/>".join(escape(line) for line in lines)


def fmt_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def fmt_day_month(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


def fmt_month(day: date) -> str:
    return _MONTHS[day.month - 1]


def fmt_period(start: date, end: date) -> str:
    return f"{fmt_date(start)} – {fmt_date(end)}"


def fmt_mean(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def fmt_date_list(days: list[date] | tuple[date, ...], *, limit: int = 40) -> str:
    """Dates grouped by month, e.g. "3, 5, 9 Mar 2026; 1 Apr 2026" — compact but exact."""
    ordered = sorted(set(days))
    shown = ordered[:limit]
    groups: list[str] = []
    current: tuple[int, int] | None = None
    numbers: list[str] = []
    for day in shown:
        key = (day.year, day.month)
        if key != current and numbers and current is not None:
            groups.append(f"{', '.join(numbers)} {_MONTHS[current[1] - 1]} {current[0]}")
            numbers = []
        current = key
        numbers.append(str(day.day))
    if numbers and current is not None:
        groups.append(f"{', '.join(numbers)} {_MONTHS[current[1] - 1]} {current[0]}")
    text = "; ".join(groups)
    if len(ordered) > limit:
        text += f"; and {len(ordered) - limit} more"
    return text


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def region_name(code: str) -> str:
    entry = vocab.REGIONS.get(code)
    return entry[0] if entry else clean(code)


def side_word(side: str | None) -> str:
    if side is None or side == "":
        return "Not one side"
    return SIDE_WORDS.get(side, clean(side).capitalize())


def local_time(generated_at: datetime, timezone: str) -> str:
    """The generation time in the patient's zone, named, e.g. "12 Apr 2026, 09:30 CEST
    (Europe/Berlin)"; an unknown zone falls back to UTC rather than failing the report."""
    moment = generated_at if generated_at.tzinfo else generated_at.replace(tzinfo=UTC)
    try:
        zone = ZoneInfo(timezone)
        name = timezone
    except (ZoneInfoNotFoundError, ValueError):
        zone, name = ZoneInfo("UTC"), "UTC"
    local = moment.astimezone(zone)
    abbreviation = local.tzname() or ""
    suffix = f"{abbreviation} ({name})" if abbreviation and abbreviation != name else name
    return f"{fmt_date(local.date())}, {local:%H:%M} {suffix}"


def patient_name(data: ReportData) -> str:
    return clean(data.patient_name).strip() or "Patient"


def patient_line(data: ReportData) -> str:
    name = patient_name(data)
    return f"{name} (born {data.birth_year})" if data.birth_year else name
