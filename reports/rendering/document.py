"""Page layout and the build: A4, a running header and a numbered footer on every page."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from .data import ReportData
from .flow import Floats
from .fonts import BOLD, REGULAR, register_fonts
from .sections.circumstances import circumstances
from .sections.consultation import consultation_page
from .sections.daily_log import daily_log
from .sections.figures import pain_over_time, where_it_hurts
from .sections.first_page import what_to_discuss
from .sections.key_numbers import empty_period, key_numbers
from .styles import INK, MUTED, RULE
from .summary import summarize
from .text import clean, fmt_period, patient_line, patient_name

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 17 * mm
MARGIN_BOTTOM = 22 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

DISCLAIMER = "This journal records what the patient reported; it is not a diagnosis."

Decorate = Callable[[Canvas, int, int], None]


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type hints
    """A canvas that holds its pages back until the end, so each footer can say
    "Page X of Y": platypus only knows Y once the last page is laid out."""

    def __init__(self, *args: Any, decorate: Decorate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []
        self._decorate = decorate

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            self._decorate(self, self._pageNumber, total)
            super().showPage()
        super().save()


def _decorator(data: ReportData) -> Decorate:
    period = fmt_period(data.period_start, data.period_end)
    running = f"{clean(patient_line(data))} · Symptom journal {period}"
    report_id = f"Report {clean(data.report_id)}"

    def decorate(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        left, right = MARGIN_X, PAGE_WIDTH - MARGIN_X
        if page > 1:
            top = PAGE_HEIGHT - MARGIN_TOP + 6
            canvas.setFont(REGULAR, 7.5)
            canvas.setFillColor(MUTED)
            canvas.drawString(left, top + 4, running)
            canvas.drawRightString(right, top + 4, report_id)
            canvas.line(left, top, right, top)
        footer_top = MARGIN_BOTTOM - 8
        canvas.line(left, footer_top, right, footer_top)
        canvas.setFillColor(INK)
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(left, footer_top - 11, f"Period: {period}")
        canvas.setFont(BOLD, 7.5)
        canvas.drawRightString(right, footer_top - 11, f"Page {page} of {total}")
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, footer_top - 21, DISCLAIMER)
        canvas.restoreState()

    return decorate


FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM


def _story(data: ReportData) -> list[Flowable]:
    """Page 1, the consultation summary, then the evidence (reports.md, version 2): the
    chart and the body map, floated so that the key numbers, the circumstances and the
    patterns as the patient read them fill the space they leave; the daily log last."""
    summary = summarize(data)
    width = FRAME_WIDTH
    story: list[Flowable] = consultation_page(data, summary, width, FRAME_HEIGHT)
    if not summary.merged and not data.flags:
        return story + empty_period()  # one short page: nothing was logged or found
    story.append(PageBreak())
    if not summary.merged:
        detail = [flowable for unit in what_to_discuss(data, width) for flowable in unit]
        return story + detail + empty_period()
    figures = [pain_over_time(data, summary, width), where_it_hurts(summary, width)]
    text = [
        *key_numbers(summary, width),
        *circumstances(summary, width),
        *what_to_discuss(data, width),
    ]
    story.append(Floats(figures, text))
    story += daily_log(summary, width)
    return story


def build_pdf(data: ReportData, *, invariant: bool) -> tuple[bytes, int]:
    """Lay the report out and return the PDF bytes and the page count."""
    register_fonts()
    buffer = BytesIO()
    period = fmt_period(data.period_start, data.period_end)
    name = patient_name(data)
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"Symptom journal of {name}, {period}",
        author=name,
        subject="Back, leg and foot symptom journal for a spine specialist; "
        "what the patient reported, not a diagnosis",
        creator="Footnote",
        producer="Footnote (ReportLab)",
        keywords=["symptom journal", "sciatica", "radiculopathy", "foot pain"],
        # Per document, so one invariant build never leaks into the next (rl_config stays).
        invariant=1 if invariant else 0,
        pageCompression=1,
        lang="en",
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(_story(data), canvasmaker=partial(_NumberedCanvas, decorate=_decorator(data)))
    return buffer.getvalue(), doc.page
