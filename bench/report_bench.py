"""Benchmark: the 365-day PDF report against a floor measured in the same run (budgets.md).

The floor is ReportLab's raw `canvas.drawString` of as many strings as the report draws
(its text runs, counted in the produced PDF), in the same embedded font. Budget: the report
takes at most 5x the floor and weighs at most 400 KB.

    .venv/bin/python -m bench.report_bench          # prints JSON
"""

from __future__ import annotations

import io
import json
import random
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

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
from reports.rendering.fonts import REGULAR, register_fonts

DAYS = 365
REPEAT = 5
RATIO_BUDGET = 5.0
SIZE_BUDGET = 400 * 1024

_AFFECTED = (
    ("lower_back", "center", 0.9),
    ("buttock", "left", 0.8),
    ("thigh_back", "left", 0.7),
    ("calf", "left", 1.0),
    ("sole", "left", 1.0),
    ("heel", "left", 0.6),
    ("shin_outer", "left", 0.5),
    ("foot_top", "right", 0.5),
    ("big_toe", "right", 0.6),
)
_NOTES = (
    "Worse after the drive to work, better lying down.",
    "Πόνος στο αριστερό πόδι μετά το περπάτημα",
    "Онемение в левой стопе, хуже вечером",
    "Douleur à la fesse gauche, très gênante",
    "Physio exercises done. Calf cramp at night, woke twice; numb sole in the morning.",
)


def year_of_data(days: int = DAYS, seed: int = 2026) -> ReportData:
    """A realistic year: pain that drifts, 2-4 symptoms a day, notes on about a third."""
    rng = random.Random(seed)
    start = date(2025, 4, 1)
    records = []
    level = 5.0
    for offset in range(days):
        level += rng.gauss(0, 0.5) + (5.5 - level) * 0.08
        if rng.random() < 0.1:
            continue
        heels = rng.random() < 0.1
        chosen = rng.sample(_AFFECTED, rng.randint(2, 4))
        symptoms = tuple(
            SymptomRecord(
                region,
                side,
                round(max(0.0, min(10.0, level * weight + rng.gauss(0, 0.8)))),
                region in ("sole", "calf", "heel") and rng.random() < 0.5,
                rng.random() < 0.2,
                ("burning",) if rng.random() < 0.4 else (),
                rng.choice(("", "morning", "evening")),
            )
            for region, side, weight in chosen
        )
        records.append(
            DayRecord(
                date=start + timedelta(days=offset),
                symptoms=symptoms,
                signs=(SignRecord("toe_stand_difficulty", "left"),) if rng.random() < 0.05 else (),
                footwear=("high_heels",) if heels else ("regular",),
                sitting_hours=round(rng.uniform(2, 9), 1),
                walking_minutes=rng.randint(5, 90),
                walking_brings_leg_pain=rng.random() < 0.4,
                sitting_relieves_leg_pain=rng.random() < 0.3,
                medications=(MedicationRecord("Ibuprofen", "400 mg", rng.randint(1, 3)),)
                if rng.random() < 0.6
                else (),
                sleep_quality=rng.randint(3, 9),
                notes=rng.choice(_NOTES) if rng.random() < 0.33 else "",
            )
        )
    end = start + timedelta(days=days - 1)
    flag = FlagRecord(
        code="sciatica",
        title="One-sided leg pain with numbness",
        severity="see_specialist",
        side="left",
        status="active",
        first_detected_on=start + timedelta(days=20),
        last_evidence_on=end,
        evidence_dates=tuple(record.date for record in records[:60]),
        summary="Left leg symptoms on most logged days; numbness on many",
        explanation="One-sided leg pain below the knee with numbness is worth discussing.",
    )
    return ReportData(
        report_id="bench-365",
        patient_name="Bench Patient",
        birth_year=1970,
        period_start=start,
        period_end=end,
        generated_at=datetime(2026, 4, 1, 8, 0, tzinfo=UTC),
        timezone="Europe/London",
        days=tuple(records),
        events=(EventRecord(start + timedelta(days=90), "injection", "lower_back", "left"),),
        flags=(flag,),
    )


def text_runs(pdf: bytes) -> list[str]:
    """The text pieces the PDF draws (one per text-showing operation)."""
    from pypdf import PdfReader  # a dev dependency: only the benchmark needs it

    runs: list[str] = []

    def visit(text: str, *_: object) -> None:
        if text.strip():
            runs.append(text)

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return runs


def draw_strings(strings: list[str], font: str = REGULAR) -> bytes:
    """The floor: every string drawn with a bare canvas, in the report's embedded font by
    default. (Helvetica, as budgets.md's prototype probably used, is no cheaper here: the
    Greek and Cyrillic notes send it down ReportLab's slow substitution path.)"""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, invariant=1)
    y = 800.0
    canvas.setFont(font, 7)
    for text in strings:
        canvas.drawString(40, y, text)
        y -= 9
        if y < 40:
            canvas.showPage()
            canvas.setFont(font, 7)
            y = 800.0
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def best_of(repeat: int, function: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings) * 1000


def run() -> dict[str, float | int | bool]:
    register_fonts()  # once per worker process, not per report
    data = year_of_data()
    rendered = render_report_pdf(data)
    strings = text_runs(rendered.pdf)
    report_ms = best_of(REPEAT, lambda: render_report_pdf(data))
    floor_ms = best_of(REPEAT, lambda: draw_strings(strings))
    floor_helvetica_ms = best_of(REPEAT, lambda: draw_strings(strings, "Helvetica"))
    # The stricter of the two floors decides.
    floor_ms = min(floor_ms, floor_helvetica_ms)
    ratio = report_ms / floor_ms
    return {
        "report_ms": round(report_ms, 1),
        "floor_ms": round(floor_ms, 1),
        "ratio": round(ratio, 2),
        "floor_helvetica_ms": round(floor_helvetica_ms, 1),
        "size_bytes": len(rendered.pdf),
        "pages": rendered.pages,
        "strings": len(strings),
        "ratio_ok": ratio <= RATIO_BUDGET,
        "size_ok": len(rendered.pdf) <= SIZE_BUDGET,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
