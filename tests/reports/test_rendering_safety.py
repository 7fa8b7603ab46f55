"""The renderer's guarantees in isolation: no Django, safe text, sides the right way round,
gaps that stay gaps, and no input that can make a report fail."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Drawing, Polygon, PolyLine, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from journal import vocabulary as vocab
from reports.rendering import (
    DayRecord,
    EventRecord,
    FlagRecord,
    MedicationRecord,
    ReportData,
    SignRecord,
    SymptomRecord,
    render_report_pdf,
)
from reports.rendering.bodymap import SCALE, body_map
from reports.rendering.chart import pain_chart
from reports.rendering.chart_layout import date_ticks
from reports.rendering.fonts import REGULAR, register_fonts
from reports.rendering.sections.daily_log import SHORT_REGIONS, SHORT_SIGNS
from reports.rendering.sections.first_page import SEVERITY_WORDS
from reports.rendering.styles import EVENT_COLOR, LEFT_COLOR
from reports.rendering.summary import merge_day
from reports.rendering.text import MISSING_GLYPH, clean, fmt_date_list, local_time, markup

ROOT = Path(__file__).resolve().parents[2]
START = date(2026, 5, 4)


def report(days: tuple[DayRecord, ...] = (), **changes: object) -> ReportData:
    data = ReportData(
        report_id="rpt_test",
        patient_name="Test Patient",
        birth_year=1990,
        period_start=START,
        period_end=START + timedelta(days=6),
        generated_at=datetime(2026, 5, 11, 8, 0, tzinfo=UTC),
        timezone="Europe/Lisbon",
        days=days,
        events=(),
        flags=(),
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def day(offset: int, *symptoms: SymptomRecord, **fields: object) -> DayRecord:
    return DayRecord(date=START + timedelta(days=offset), symptoms=symptoms, **fields)  # type: ignore[arg-type]


def test_rendering_imports_nothing_from_django() -> None:
    code = (
        "import sys\n"
        "from datetime import date, datetime, timezone\n"
        "from reports.rendering import ReportData, render_report_pdf\n"
        "data = ReportData('r', 'P', None, date(2026, 1, 1), date(2026, 1, 7),\n"
        "                  datetime(2026, 1, 8, tzinfo=timezone.utc), 'UTC', (), (), ())\n"
        "assert render_report_pdf(data).pdf.startswith(b'%PDF')\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- text ---------------------------------------------------------------------------------


def test_clean_keeps_what_the_font_has_and_squares_what_it_lacks() -> None:
    assert clean("Πόνος, онемение, gênante") == "Πόνος, онемение, gênante"
    assert clean("e\u0301") == "é"  # composed, so it prints as one glyph
    assert clean("脚痛 ok") == f"{MISSING_GLYPH} ok"  # a run of missing glyphs: one square
    assert clean("\U0001f9b6\U0001f3fd\u200d\ufe0f!") == f"{MISSING_GLYPH}!"
    assert clean("a\x00b\x07c\x1bd\u202ee") == "abcde"  # controls and direction marks go
    assert clean("lone \ud800 surrogate") == "lone  surrogate"
    assert clean("two\nlines\r\nhere") == "two lines here"
    assert clean("two\nlines", keep_newlines=True) == "two\nlines"


def test_markup_escapes_everything_and_caps_line_breaks() -> None:
    assert markup("<b>x</b> & <para>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;para&gt;"
    assert markup("&amp;") == "&amp;amp;"
    many = "\n".join(str(n) for n in range(100))
    assert markup(many, max_breaks=3).count("<br/>") == 3


def test_dates_are_grouped_by_month() -> None:
    days = [date(2026, 3, 5), date(2026, 3, 3), date(2026, 4, 1), date(2026, 3, 3)]
    assert fmt_date_list(days) == "3, 5 Mar 2026; 1 Apr 2026"
    assert fmt_date_list(days, limit=1) == "3 Mar 2026; and 2 more"


def test_every_code_in_the_vocabulary_has_its_words() -> None:
    assert set(SHORT_REGIONS) == set(vocab.REGION_CODES)
    assert set(SHORT_SIGNS) == set(vocab.SIGN_CODES)
    assert set(SEVERITY_WORDS) == set(vocab.SEVERITIES)
    assert SEVERITY_WORDS["urgent"] == "Urgent — seek emergency care now"


def test_generation_time_is_shown_in_the_patients_zone_with_its_name() -> None:
    moment = datetime(2026, 7, 1, 12, 30, tzinfo=UTC)
    assert local_time(moment, "America/New_York") == "1 Jul 2026, 08:30 EDT (America/New_York)"
    assert local_time(moment, "Not/AZone") == "1 Jul 2026, 12:30 UTC"


# --- chart --------------------------------------------------------------------------------


def polylines(drawing: Drawing, color: object) -> list[PolyLine]:
    return [
        node
        for node in drawing.contents
        if isinstance(node, PolyLine) and node.strokeColor == color
    ]


def test_a_missing_day_breaks_the_line_instead_of_dropping_to_zero() -> None:
    symptom = SymptomRecord("calf", "left", 6, False, False)
    days = [merge_day(day(offset, symptom)) for offset in (0, 1, 2, 4, 5, 6)]
    drawing = pain_chart(days, [], START, 7, 480)
    left = polylines(drawing, LEFT_COLOR)
    assert len(left) == 2
    assert [len(line.points) // 2 for line in left] == [3, 3]
    heights = {round(y, 3) for line in left for y in line.points[1::2]}
    assert len(heights) == 1  # every point at pain 6: nothing drawn at 0 for the gap


def test_event_labels_never_overlap_however_many_events() -> None:
    register_fonts()
    kinds = tuple(vocab.EVENT_KINDS)
    events = [
        EventRecord(START + timedelta(days=n // 3), kinds[n % len(kinds)], "hip", "left")
        for n in range(40)
    ]
    drawing = pain_chart([], events, START, 30, 480)
    boxes = [
        (node.x, node.y, node.x + stringWidth(node.text, node.fontName, node.fontSize))
        for node in drawing.contents
        if isinstance(node, String) and node.fillColor == EVENT_COLOR
    ]
    assert boxes
    for index, (x0, y0, x1) in enumerate(boxes):
        for other_x0, other_y0, other_x1 in boxes[index + 1 :]:
            same_row = abs(y0 - other_y0) < 8
            assert not (same_row and x0 < other_x1 and other_x0 < x1)


@pytest.mark.parametrize("period_days", [7, 14, 30, 42, 90, 180, 366])
def test_date_labels_never_overlap(period_days: int) -> None:
    register_fonts()
    plot_width = 433.0
    ticks = date_ticks(START, period_days, plot_width)
    assert len(ticks) >= 2
    per_day = plot_width / period_days
    for (first, label), (second, _) in pairwise(ticks):
        gap = (second - first).days * per_day
        assert gap >= stringWidth(label, REGULAR, 7), (first, second)


# --- body map -----------------------------------------------------------------------------


def dark_polygons_x(drawing: Drawing) -> list[float]:
    darkest = SCALE[-1][2]
    xs: list[float] = []

    def walk(node: object) -> None:
        for child in getattr(node, "contents", []):
            walk(child)
        if isinstance(node, Polygon) and node.fillColor == darkest:
            xs.append(sum(node.points[0::2]) / (len(node.points) / 2))

    walk(drawing)
    return xs


def test_the_patients_right_is_on_the_readers_left_in_front_and_on_the_right_from_behind() -> None:
    register_fonts()
    drawing = body_map({("knee", "right"): 1.0}, 493)
    front, back = sorted(dark_polygons_x(drawing))
    view_width = (2 * 46 + 4) * 0.86
    front_centre = 4 + view_width / 2
    back_centre = 4 + view_width + 30 + view_width / 2
    assert front < front_centre  # front view: the patient's right knee on the reader's left
    assert back > back_centre  # back view: on the reader's right


# --- nothing makes a report fail ----------------------------------------------------------


def test_hostile_and_odd_input_still_renders() -> None:
    symptoms = tuple(
        SymptomRecord(region, side, 11 if region == "calf" else -1, True, True, ("weird",), part)
        for region in (*vocab.REGION_CODES, "made_up_region")
        for side in ("left", "right", "center", "sideways")
        for part in ("", "morning")
    )
    days = (
        day(
            0,
            *symptoms,
            signs=tuple(
                SignRecord(code, side, 3)
                for code in (*vocab.SIGN_CODES, "odd")
                for side in ("left", "right", None)
            ),
            footwear=(*vocab.FOOTWEAR_CODES, "stilts"),
            medications=tuple(
                MedicationRecord(f"<b>Drug {n}</b> & co", "<i>5 mg</i>", n) for n in range(60)
            ),
            notes="x" * 2000,
        ),
        day(1, notes="\n" * 1000 + "line\x00\x1b[31m red \ud800 😀 脚"),
        day(2, notes=("Word " * 400).strip(), sitting_hours=0.0, walking_minutes=0),
        day(3, notes="<para><b>unclosed & <font color=red>"),
        DayRecord(date=START - timedelta(days=3), notes="before the period"),
    )
    flags = (
        FlagRecord(
            "made_up", "<Title> & co", "strange", "sideways", "active", START, START, (), "", ""
        ),
    )
    events = (
        EventRecord(START + timedelta(days=1), "alien", "moon", "sideways", "<x>"),
        EventRecord(START + timedelta(days=1), "trauma", "ankle", None),
        EventRecord(START + timedelta(days=1), "injection", "hip", "left"),
        EventRecord(START + timedelta(days=1), "hip_surgery", "hip", "left"),
        EventRecord(START + timedelta(days=1), "back_surgery", "lower_back", "right"),
    )
    data = report(
        days,
        patient_name="<script>\x00alert(1)</script> 😀",
        birth_year=None,
        timezone="Mars/Olympus_Mons",
        flags=flags,
        events=events,
    )
    rendered = render_report_pdf(data)
    assert rendered.pdf.startswith(b"%PDF-")
    assert rendered.pdf.rstrip().endswith(b"%%EOF")
    assert rendered.pages >= 3


@pytest.mark.parametrize("length", [1, 7, 366])
def test_any_period_length_renders(length: int) -> None:
    symptom = SymptomRecord("sole", "right", 4, True, False)
    days = tuple(day(offset, symptom) for offset in range(0, length, 2))
    data = report(days, period_end=START + timedelta(days=length - 1))
    assert render_report_pdf(data).pages >= 1
