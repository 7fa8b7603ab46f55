"""A rendered report as the rendering tests read it: the PDF, its page count and each
page's text as poppler's `pdftotext -layout` lays it out (not ReportLab's own idea of it)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reports.rendering import ReportData, render_report_pdf
from tests.support.services import require_command

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def d(day: date) -> str:
    """A date as the report writes it: "2 Nov 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Pdf:
    data: ReportData
    pdf: bytes
    pages: int
    texts: list[str]  # one layout text per page
    path: Path

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    def tokens(self) -> set[str]:
        return set(self.text.split())


def render(data: ReportData, directory: Path, name: str) -> Pdf:
    pdftotext = require_command("pdftotext", package="poppler-utils")
    rendered = render_report_pdf(data, invariant=True)
    path = directory / f"{name}.pdf"
    path.write_bytes(rendered.pdf)
    layout = subprocess.run(
        [pdftotext, "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
    ).stdout.decode()
    texts = layout.split("\f")[: rendered.pages]
    return Pdf(data, rendered.pdf, rendered.pages, texts, path)
