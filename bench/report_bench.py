"""Benchmark: the 365-day PDF report against a floor measured in the same run (budgets.md).

The floor is ReportLab's raw `canvas.drawString` of as many strings as the report draws
(its text runs, counted in the produced PDF), in the same embedded font. Budget: the report
takes at most 5x the floor and weighs at most 400 KB.

    .venv/bin/python -m bench.report_bench          # prints JSON
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bench.year_data import year_of_data
from reports.rendering import render_report_pdf
from reports.rendering.fonts import REGULAR, register_fonts

DAYS = 365
REPEAT = 5
RATIO_BUDGET = 5.0
SIZE_BUDGET = 400 * 1024


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
    data = year_of_data(DAYS)
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
