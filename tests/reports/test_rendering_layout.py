"""Report version 2's layout, read back from the rendered pages: no page but the last is
mostly blank, the chart starts at the first logged day, one first-evidence date, days
and not region-days.

The ink share of a page is measured on pixels: each page rendered by poppler's `pdftoppm`
in grey at a low resolution, then the share of the body's pixel rows (between the running
header and the footer) that hold any ink. A full page of text or tables is about 0.6 to
0.8; a page with a heading and a few lines, 0.1.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from reports.rendering import DayRecord, ReportData, SymptomRecord
from tests.reports.conftest import short_journal
from tests.reports.pdfs import MONTHS, Pdf, d, render
from tests.support.services import require_command

# No page but the last may have less than this share of its body's rows inked.
MIN_INK_SHARE = 0.40
# The body of an A4 page: below the 17 mm top margin, above the 22 mm bottom margin.
_BODY_TOP, _BODY_BOTTOM, _PAGE_MM = 17, 297 - 22, 297
_INK = 200  # a grey level darker than this is ink (the zebra and header fills are lighter)


def ink_shares(path: Path, directory: Path) -> list[float]:
    """Per page of the PDF at `path`, the share of the body's pixel rows with ink."""
    pdftoppm = require_command("pdftoppm", package="poppler-utils")
    subprocess.run(
        [pdftoppm, "-r", "40", "-gray", str(path), str(directory / path.stem)], check=True
    )
    shares = []
    for page in sorted(directory.glob(f"{path.stem}-*.pgm")):
        image = Image.open(page).convert("L")
        width, height = image.size
        top = height * _BODY_TOP // _PAGE_MM
        bottom = height * _BODY_BOTTOM // _PAGE_MM
        grey = image.tobytes()  # one byte a pixel, row after row
        inked = sum(1 for y in range(top, bottom) if min(grey[y * width : (y + 1) * width]) < _INK)
        shares.append(inked / (bottom - top))
    return shares


@pytest.fixture(scope="module")
def sixty(directory: Path) -> Pdf:
    return render(short_journal(60, 9), directory, "sixty")


@pytest.fixture(scope="module")
def seven(directory: Path) -> Pdf:
    return render(short_journal(7, 6), directory, "seven")


@pytest.mark.parametrize("name", ["seven", "sixty", "sciatica", "year"])
def test_no_page_but_the_last_is_mostly_blank(
    name: str, directory: Path, request: pytest.FixtureRequest
) -> None:
    pdf: Pdf = request.getfixturevalue(name)
    shares = ink_shares(pdf.path, directory)
    assert len(shares) == pdf.pages >= 3
    for page, share in enumerate(shares[:-1], start=1):
        assert share >= MIN_INK_SHARE, f"page {page} of {pdf.pages}: {share:.2f} inked"


def test_the_measure_tells_a_full_page_from_a_mostly_blank_one(directory: Path) -> None:
    """The ink measure itself, on a page of text lines and a page of a heading and three
    lines, drawn with a bare canvas."""
    path = directory / "measure.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    _, height = A4
    for lines in (70, 4):
        y = height - 60
        for line in range(lines):
            canvas.drawString(50, y, f"Line {line} of a page of text " * 3)
            y -= 10
        canvas.showPage()
    canvas.save()
    full, blank = ink_shares(path, directory)
    assert full >= 2 * MIN_INK_SHARE
    assert blank < MIN_INK_SHARE / 3


def day_month(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def chart_page(pdf: Pdf) -> str:
    return next(page for page in pdf.texts if "Pain over time" in page)


def test_the_chart_starts_at_the_first_logged_day_and_says_so(sixty: Pdf) -> None:
    first_logged = min(day.date for day in sixty.data.days)
    start = sixty.data.period_start
    assert (first_logged - start).days > 40  # a 60-day period over a 9-day journal
    page = " ".join(chart_page(sixty).split())

    assert (
        f"The chart starts on {d(first_logged)}, the first logged day; "
        f"the period starts on {d(start)}." in page
    )
    # No date tick from the empty weeks before the journal began.
    for offset in range((first_logged - start).days):
        label = day_month(start + timedelta(days=offset))
        assert not re.search(rf"(?<!\d){label}\b", page.replace(d(start), "")), label


def test_a_chart_of_a_journal_logged_from_the_first_day_covers_the_period(
    sciatica: Pdf,
) -> None:
    assert min(day.date for day in sciatica.data.days) == sciatica.data.period_start
    page = chart_page(sciatica)
    assert "The chart starts on" not in page
    assert day_month(sciatica.data.period_start) in page


@pytest.mark.parametrize("name", ["sciatica", "year", "empty"])
def test_territories_are_counted_in_days_never_region_days(
    name: str, request: pytest.FixtureRequest, sixty: Pdf
) -> None:
    pdf: Pdf = request.getfixturevalue(name)
    for text in (pdf.text, sixty.text):
        assert "region-day" not in text.lower()
        assert "region days" not in " ".join(text.lower().split())


def test_first_evidence_is_the_earliest_evidence_date_after_a_late_synced_day(
    sciatica: Pdf, directory: Path
) -> None:
    """A day synced late, before the journal's first, turns out to carry the pattern: the
    flag's evidence now starts there, and the report says so wherever it dates the
    flag, never the day the flag was first raised."""
    data = sciatica.data
    flag = next(f for f in data.flags if f.code == "sciatica")
    late = data.days[0].date - timedelta(days=2)
    late_day = DayRecord(
        date=late,
        symptoms=(
            SymptomRecord("calf", "left", 6, True, False),
            SymptomRecord("sole", "left", 5, True, False),
        ),
    )
    evidence = (late, *flag.evidence_dates)
    synced = dataclasses.replace(
        flag,
        evidence_dates=evidence,
        first_evidence_on=late,  # what flag storage writes: the first evidence date
        first_detected_on=flag.first_detected_on,  # raised weeks before the late sync
    )
    report: ReportData = dataclasses.replace(
        data,
        period_start=late,
        days=(late_day, *data.days),
        flags=tuple(synced if f is flag else f for f in data.flags),
    )
    pdf = render(report, directory, "late_sync")
    earliest = min(evidence)
    assert earliest == late < flag.first_detected_on

    row = next(line for line in pdf.texts[0].splitlines() if flag.title[:30] in line)
    assert d(earliest) in row
    assert d(flag.first_detected_on) not in row
    later = "\n".join(pdf.texts[1:])
    box = later[later.index(flag.title) :]
    assert box.split("First evidence: ")[1].startswith(d(earliest))
    # The onset in the left leg, on page 1 and beside the key numbers, in the same words.
    onset = f"First logged day with leg symptoms: left {d(late)};"
    assert onset in " ".join(pdf.texts[0].split())
    assert " ".join(" ".join(pdf.texts[1:]).split()).count(onset) == 1
