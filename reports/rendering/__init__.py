"""The specialist's PDF: report data in, PDF bytes out (ReportLab only, no Django).

rendered = render_report_pdf(data)          # RenderedReport(pdf=b"%PDF-…", pages=7)
render_report_pdf(data, invariant=True)     # byte-identical for identical data
"""

from __future__ import annotations

from dataclasses import dataclass

from .data import (
    DayRecord,
    EventRecord,
    FlagRecord,
    MedicationRecord,
    ReportData,
    SignRecord,
    SymptomRecord,
)
from .document import build_pdf

__all__ = [
    "DayRecord",
    "EventRecord",
    "FlagRecord",
    "MedicationRecord",
    "RenderedReport",
    "ReportData",
    "SignRecord",
    "SymptomRecord",
    "render_report_pdf",
]


@dataclass(frozen=True, slots=True)
class RenderedReport:
    pdf: bytes
    pages: int


def render_report_pdf(data: ReportData, *, invariant: bool = False) -> RenderedReport:
    """Render the report. With `invariant=True` the same data gives the same bytes (no
    timestamps or random ids in the file): for tests and for caching by content."""
    pdf, pages = build_pdf(data, invariant=invariant)
    return RenderedReport(pdf=pdf, pages=pages)
