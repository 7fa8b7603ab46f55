"""The specialist's PDF, read back: every section checked against the data it came from.

Expected numbers are computed here, straight from the records, never by calling the
renderer's own summary code. Text comes back through poppler's `pdftotext -layout` (table
rows stay on one line), metadata and page counts through pypdf.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from bench.year_data import year_of_data
from journal import vocabulary as vocab
from reports.rendering import FlagRecord, ReportData, render_report_pdf
from tests.reports.conftest import (
    CYRILLIC_NOTE,
    FRENCH_NOTE,
    GREEK_NOTE,
    HIGH_HEEL_DAYS,
    SKIPPED,
    TIPTOE_DAYS,
    YEAR_NOTES,
)
from tests.reports.pdfs import Pdf, d
from tests.support.services import require_command

DISCLAIMER = "This journal records what the patient reported; it is not a diagnosis."


# --- independent computations from the records ------------------------------------------


def region_days(data: ReportData) -> dict[date, dict[tuple[str, str], tuple[int, bool, bool]]]:
    """Per day, each region-side merged: highest pain, numbness or tingling if any."""
    merged: dict[date, dict[tuple[str, str], tuple[int, bool, bool]]] = {}
    for day in data.days:
        regions: dict[tuple[str, str], tuple[int, bool, bool]] = {}
        for s in day.symptoms:
            pain, numb, ting = regions.get((s.region, s.side), (0, False, False))
            regions[(s.region, s.side)] = (
                max(pain, s.pain),
                numb or s.numbness,
                ting or s.tingling,
            )
        merged[day.date] = regions
    return merged


def area(region: str) -> str:
    if region == "lower_back":
        return "back"
    if region == "saddle":
        return "saddle"
    return "foot" if region in vocab.FOOT_REGIONS else "leg"


def area_numbers(data: ReportData, wanted: str, side: str) -> tuple[int, float, int] | None:
    worst_per_day = []
    for regions in region_days(data).values():
        values = [p for (r, s), (p, _, _) in regions.items() if area(r) == wanted and s == side]
        if values:
            worst_per_day.append(max(values))
    if not worst_per_day:
        return None
    return max(worst_per_day), sum(worst_per_day) / len(worst_per_day), len(worst_per_day)


def symptomatic(value: tuple[int, bool, bool]) -> bool:
    pain, numb, ting = value
    return pain >= 3 or numb or ting


def evidence(report: Pdf) -> str:
    """The pages after the consultation summary."""
    return "\n".join(report.texts[1:])


def earliest_evidence(flag: FlagRecord) -> date:
    """The flag's first evidence: its earliest evidence date, stored or listed."""
    return min(flag.first_evidence_on or flag.first_detected_on, *flag.evidence_dates)


def row(text: str, label: str) -> list[str]:
    """The tokens after `label` on the (first) layout line that starts with it."""
    for line in text.splitlines():
        if line.strip().startswith(label):
            return line.strip()[len(label) :].split()
    raise AssertionError(f"no row {label!r}")


def mean_text(values: Iterable[float]) -> str:
    items = list(values)
    return f"{sum(items) / len(items):.1f}"


# --- 1. header and metadata ---------------------------------------------------------------


def test_header_names_the_patient_period_days_logged_time_and_id(sciatica: Pdf) -> None:
    data = sciatica.data
    first = sciatica.texts[0]
    period_days = (data.period_end - data.period_start).days + 1
    local = data.generated_at.astimezone(ZoneInfo(data.timezone))
    assert "Eleni Papadopoulou-Müller <b>" in first  # the name printed literally, markup too
    age = data.generated_at.year - data.birth_year  # type: ignore[operator]
    assert f"(born {data.birth_year}, age {age})" in first
    assert f"{d(data.period_start)} – {d(data.period_end)}" in first
    assert f"{len(data.days)} of {period_days} days logged" in first
    assert f"{d(local.date())}, {local:%H:%M} {local.tzname()}" in first
    assert "(Europe/Athens)" in first
    assert data.report_id in first


def test_metadata_has_title_author_and_subject(sciatica: Pdf) -> None:
    metadata = PdfReader(io.BytesIO(sciatica.pdf)).metadata
    assert metadata is not None
    assert metadata.title is not None
    assert "Eleni Papadopoulou-Müller" in metadata.title
    assert "2 Mar 2026" in metadata.title
    assert metadata.author == "Eleni Papadopoulou-Müller <b>"
    assert metadata.subject is not None
    assert "not a diagnosis" in metadata.subject


def test_page_count_matches_the_file(sciatica: Pdf, year: Pdf, empty: Pdf) -> None:
    for report in (sciatica, year, empty):
        assert len(PdfReader(io.BytesIO(report.pdf)).pages) == report.pages


# --- 2. what to discuss -------------------------------------------------------------------


def test_page_one_lists_the_open_flags_most_severe_first_in_clinical_words(
    sciatica: Pdf,
) -> None:
    first = sciatica.texts[0]
    open_flags = [f for f in sciatica.data.flags if f.status in ("active", "acknowledged")]
    printed = sorted(open_flags, key=lambda flag: first.index(flag.title[:30]))
    ranks = [vocab.SEVERITIES.index(flag.severity) for flag in printed]
    assert ranks == sorted(ranks)
    assert printed[0].code == "foot_drop"  # prompt, before the see-specialist flags
    for flag in open_flags:
        line = next(line for line in first.splitlines() if flag.title[:30] in line)
        assert d(earliest_evidence(flag)) in line
        assert d(flag.last_evidence_on) in line
        assert line.split()[-1] == str(len(set(flag.evidence_dates)))
        words = flag.clinician_summary or flag.summary
        assert " ".join(words.split()[:4]) in " ".join(first.split())
    assert "(read by" in first  # the acknowledged S1 pattern (the cell may wrap)
    assert first.index("Patterns found") < first.index("Red flags the journal asks about")


def test_the_patterns_in_detail_follow_with_what_the_patient_read(sciatica: Pdf) -> None:
    later = "\n".join(sciatica.texts[1:])
    open_flags = [f for f in sciatica.data.flags if f.status in ("active", "acknowledged")]
    for flag in open_flags:
        block = later[later.index(flag.title) :]
        assert f"First evidence: {d(earliest_evidence(flag))}" in block
        assert f"Last evidence: {d(flag.last_evidence_on)}" in block
        assert flag.summary in block
    assert "Contact a doctor today" in later
    assert "Discuss at your appointment" in later
    assert "acknowledged by the patient" in later


def test_resolved_flags_are_listed_briefly(sciatica: Pdf) -> None:
    first = "\n".join(sciatica.texts[1:])
    assert "Resolved in this period" in first
    resolved = next(f for f in sciatica.data.flags if f.status == "resolved")
    line = next(line for line in first.splitlines() if resolved.title in line)
    assert f"first evidence {d(earliest_evidence(resolved))}" in line
    assert f"last evidence {d(resolved.last_evidence_on)}" in line
    assert first.index("Resolved in this period") > first.index("Tripping over the toes")


def test_an_urgent_flag_comes_first_and_says_to_seek_emergency_care(year: Pdf) -> None:
    first = year.texts[0]
    urgent = next(line for line in first.splitlines() if "Numbness in the saddle area" in line)
    assert urgent.split()[0] == "URGENT"
    assert first.index("URGENT") < first.index("Red flags the journal asks about")
    assert "URGENT — seek emergency care now: Numbness in the saddle area" in evidence(year)


def test_without_flags_a_sentence_says_no_patterns_were_found(empty: Pdf) -> None:
    assert "None in this period" in empty.texts[0]
    assert "finding none is not an all-clear" in " ".join(empty.texts[0].split())


# --- 3. key numbers -----------------------------------------------------------------------


@pytest.mark.parametrize("report_name", ["sciatica", "year"])
def test_pain_by_area_and_side_matches_the_records(
    report_name: str, request: pytest.FixtureRequest
) -> None:
    report: Pdf = request.getfixturevalue(report_name)
    labels = {
        "back": "Lower back",
        "leg": "Leg, above the ankle",
        "foot": "Foot and ankle",
    }
    for key, label in labels.items():
        expected: list[str] = []
        for side in ("left", "right", "center"):
            numbers = area_numbers(report.data, key, side)
            allowed = side != "center" or key == "back"
            if numbers is None:
                expected += ["—"] if allowed else []
            else:
                worst, mean, days = numbers
                expected += [str(worst), f"{mean:.1f}", str(days)]
        assert row(report.text, label) == expected, label


def test_days_with_numbness_and_tingling_by_side(sciatica: Pdf) -> None:
    merged = region_days(sciatica.data)
    for label, index in (("Days with numbness", 1), ("Days with tingling", 2)):
        expected = [
            str(
                sum(
                    1
                    for regions in merged.values()
                    if any(v[index] for (_, s), v in regions.items() if s == side)
                )
            )
            for side in ("left", "right", "center")
        ]
        assert row(evidence(sciatica), label) == expected


def test_most_affected_regions_are_the_top_five_by_symptomatic_days(sciatica: Pdf) -> None:
    merged = region_days(sciatica.data)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for regions in merged.values():
        for key, value in regions.items():
            if symptomatic(value):
                counts[key] += 1
    logged = len(sciatica.data.days)
    top = sorted(counts.items(), key=lambda item: -item[1])[:5]
    for (region, side), count in top:
        label = vocab.region_label(region)
        side_word = {"left": "Left", "right": "Right", "center": "Centre"}[side]
        pattern = rf"{re.escape(label)}\s+{side_word}\s+{count} of {logged}\b"
        assert re.search(pattern, sciatica.text), pattern


def test_signs_are_listed_with_their_days(sciatica: Pdf) -> None:
    text = sciatica.text
    line = next(line for line in text.splitlines() if "Can't stand on tiptoe" in line)
    assert re.search(rf"Left\s+{len(TIPTOE_DAYS)}\s+24, 30 Mar 2026; 7 Apr 2026", line)
    assert "Tripped or caught the toes (2 times in all)" in text


# --- 4. pain over time, 5. where it hurts -----------------------------------------------


def test_chart_section_lists_events_at_their_dates(sciatica: Pdf) -> None:
    text = sciatica.text
    assert "Pain over time" in text
    assert "Left leg/foot" in text
    assert "Right leg/foot" in text
    assert "1 Injection, L lower back" in text  # the label over the event line
    assert "25 Mar 2026: Injection (lower back, left) — Epidural, L5/S1 <left>" in text
    assert "Before the period: 20 Jan 2026: Injury or fall (lower back)" in text


def test_long_periods_get_a_weekly_average_and_month_labels(year: Pdf) -> None:
    assert "thick lines are 7-day averages" in year.text
    assert "Jan 2026" in year.text


def test_body_map_labels_sides_and_counts_root_territories(sciatica: Pdf) -> None:
    text = sciatica.text
    assert "Where it hurts" in text
    assert "patient facing you" in text
    assert "patient's back to you" in text
    assert re.search(r"RIGHT\s+LEFT\s+LEFT\s+RIGHT", text)  # front, then back view
    merged = region_days(sciatica.data)
    for root in ("L4", "L5", "S1"):
        # Days, not region-days: a day with the calf and the sole counts once for S1.
        expected = [
            str(
                sum(
                    1
                    for regions in merged.values()
                    if any(
                        s == side and region in vocab.ROOT_TERRITORIES[root] and symptomatic(value)
                        for (region, s), value in regions.items()
                    )
                )
            )
            for side in ("left", "right")
        ]
        tokens = row(text, root)
        assert tokens[-2:] == expected, root


# --- 6. circumstances ---------------------------------------------------------------------


def test_foot_pain_on_high_heel_days_against_other_days(sciatica: Pdf) -> None:
    merged = region_days(sciatica.data)

    def foot_worst(day: date, side: str | None = None) -> int:
        values = [
            p
            for (r, s), (p, _, _) in merged[day].items()
            if r in vocab.FOOT_REGIONS and (side is None or s == side)
        ]
        return max(values, default=0)

    heels = [day.date for day in sciatica.data.days if day.date in HIGH_HEEL_DAYS]
    others = [day.date for day in sciatica.data.days if day.date not in HIGH_HEEL_DAYS]
    for label, days in (("High heels or tight boots", heels), ("All other logged days", others)):
        expected = [
            str(len(days)),
            mean_text(foot_worst(day) for day in days),
            mean_text(foot_worst(day, "left") for day in days),
            mean_text(foot_worst(day, "right") for day in days),
        ]
        assert row(sciatica.text, label) == expected


def test_walking_sitting_and_medications(sciatica: Pdf) -> None:
    days = sciatica.data.days
    text = evidence(sciatica)
    assert row(text, "Days on which walking brought on leg pain") == [
        str(sum(day.walking_brings_leg_pain for day in days))
    ]
    assert row(text, "Days on which sitting or bending forward eased it") == [
        str(sum(day.sitting_relieves_leg_pain for day in days))
    ]
    walking = [day.walking_minutes for day in days if day.walking_minutes is not None]
    assert f"mean {sum(walking) / len(walking):.0f} min a day over {len(walking)} days" in text
    for name, dose in (("Ibuprofen", "400 mg"), ("Pregabalin", "75 mg")):
        taken = [day for day in days if any(m.name == name for m in day.medications)]
        times = sum(m.times or 0 for day in taken for m in day.medications if m.name == name)
        expected = [*dose.split(), str(len(taken)), "of", str(len(days)), str(times)]
        expected += [*d(taken[0].date).split(), "–", *d(taken[-1].date).split()]
        assert row(text, name) == expected


# --- 7. daily log -------------------------------------------------------------------------


def appendix(report: Pdf) -> str:
    start = next(i for i, text in enumerate(report.texts) if "Appendix: daily log" in text)
    return "\n".join(report.texts[start:])


@pytest.mark.parametrize("report_name", ["sciatica", "year"])
def test_daily_log_has_a_row_for_every_logged_day_and_no_other(
    report_name: str, request: pytest.FixtureRequest
) -> None:
    report: Pdf = request.getfixturevalue(report_name)
    log = appendix(report)
    row_dates = re.findall(r"^\s*(\d{1,2} [A-Z][a-z]{2} \d{4})\s", log, flags=re.MULTILINE)
    assert row_dates == [d(day.date) for day in report.data.days]


def test_daily_log_rows_show_regions_with_pain_and_marks(sciatica: Pdf) -> None:
    log = appendix(sciatica)
    merged = region_days(sciatica.data)
    day = date(2026, 3, 6)  # a high-heel day
    pain, numb, ting = merged[day][("sole", "left")]
    mark = ("N" if numb else "") + ("T" if ting else "")
    assert f"L sole {pain} {mark}".strip() in log
    pain, _, ting = merged[day][("big_toe", "right")]
    assert f"R big toe {pain} T" in log
    assert "L can't" in log  # toe_stand_difficulty on its days
    assert "High heels" in log
    assert "Ibuprofen 400 mg ×2" in log


def test_daily_log_repeats_its_header_on_every_page(year: Pdf) -> None:
    start = next(i for i, text in enumerate(year.texts) if "Appendix: daily log" in text)
    for text in year.texts[start:]:
        assert re.search(r"Date\s+Symptoms: side, region, worst", text)


def test_days_without_an_entry_are_not_in_the_log(sciatica: Pdf) -> None:
    log = appendix(sciatica)
    for day in SKIPPED:
        assert not re.search(rf"^\s*{d(day)}\s", log, flags=re.MULTILINE)


# --- 8. footer ----------------------------------------------------------------------------


@pytest.mark.parametrize("report_name", ["sciatica", "year", "empty"])
def test_every_page_has_page_x_of_y_the_period_and_the_disclaimer(
    report_name: str, request: pytest.FixtureRequest
) -> None:
    report: Pdf = request.getfixturevalue(report_name)
    period = f"Period: {d(report.data.period_start)} – {d(report.data.period_end)}"
    assert len(report.texts) == report.pages
    for number, text in enumerate(report.texts, start=1):
        assert f"Page {number} of {report.pages}" in text
        assert period in text
        assert DISCLAIMER in text


# --- text safety --------------------------------------------------------------------------


def test_greek_cyrillic_and_accented_notes_print_as_written(sciatica: Pdf) -> None:
    tokens = sciatica.tokens()
    for note in (GREEK_NOTE, CYRILLIC_NOTE, FRENCH_NOTE):
        for word in note.split():
            assert word in tokens, word


def test_markup_the_patient_typed_prints_literally(sciatica: Pdf) -> None:
    tokens = sciatica.tokens()
    assert "<b>two</b>" in tokens
    assert "<para>odd</para>" in tokens
    assert "&" in tokens
    assert "<left>" in tokens  # an event note


def test_characters_the_font_lacks_are_replaced_visibly(sciatica: Pdf) -> None:
    log = appendix(sciatica)
    assert "Walked to the shop" in log
    assert "□ then rested □" in log
    assert "脚" not in log


# --- the empty period ---------------------------------------------------------------------


def test_an_empty_period_gives_a_short_correct_report(empty: Pdf) -> None:
    assert empty.pages == 1
    text = empty.texts[0]
    assert "No entries in this period" in text
    assert "0 of 28 days logged" in text
    assert "Sam Empty" in text
    assert "Key numbers" not in text


# --- validity, determinism, size ----------------------------------------------------------


@pytest.mark.parametrize("report_name", ["sciatica", "year", "empty"])
def test_qpdf_finds_the_file_valid(report_name: str, request: pytest.FixtureRequest) -> None:
    qpdf = require_command("qpdf", package="qpdf")
    report: Pdf = request.getfixturevalue(report_name)
    result = subprocess.run([qpdf, "--check", str(report.path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("report_name", ["year", "empty"])
def test_pdftoppm_renders_every_page(
    report_name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    pdftoppm = require_command("pdftoppm", package="poppler-utils")
    report: Pdf = request.getfixturevalue(report_name)
    result = subprocess.run(
        [pdftoppm, "-r", "12", "-png", str(report.path), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "rror" not in result.stderr
    assert len(list(tmp_path.glob("page-*.png"))) == report.pages


def test_invariant_mode_gives_identical_bytes_and_leaves_reportlab_as_it_was(
    sciatica_data: ReportData, sciatica: Pdf
) -> None:
    before = rl_config.invariant
    again = render_report_pdf(sciatica_data, invariant=True)
    assert again.pdf == sciatica.pdf
    assert rl_config.invariant == before
    assert render_report_pdf(sciatica_data).pdf.startswith(b"%PDF-")
    assert rl_config.invariant == before


def test_a_365_day_report_stays_under_400_kb(year: Pdf) -> None:
    assert len(year.data.days) > 300
    assert len(year.pdf) <= 400 * 1024


def test_a_365_day_report_renders_too() -> None:
    data = year_of_data(365, seed=11, notes=YEAR_NOTES)
    rendered = render_report_pdf(data)
    assert len(rendered.pdf) <= 400 * 1024
    assert rendered.pages > 5
    assert data.period_end - data.period_start == timedelta(days=364)
