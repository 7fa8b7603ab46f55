"""The report shows what rules version 2 adds to the journal: the health history in the
header, the new places and signs in the daily log, standing still in the walking facts,
and each flag's first evidence as the first day of its evidence."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from journal import vocabulary as vocab
from reports.rendering import ReportData
from reports.rendering.data import CheckScore, DayRecord, FlagRecord, SignRecord, SymptomRecord
from tests.reports.pdfs import Pdf, d, render


def with_v2_days(data: ReportData, **changes: object) -> ReportData:
    """The six-week fixture with its last three days carrying the version 2 vocabulary."""
    days = list(data.days)
    last = days[-3:]
    days[-3:] = [
        dataclasses.replace(
            last[0],
            symptoms=(SymptomRecord("forefoot", "right", 6, False, True),),
            signs=(SignRecord("fever", None),),
        ),
        dataclasses.replace(
            last[1],
            symptoms=(SymptomRecord("saddle", "left", 0, True, False),),
            signs=(SignRecord("night_pain", None), SignRecord("weight_loss", None)),
        ),
        dataclasses.replace(
            last[2],
            walking_brings_leg_pain=True,
            sitting_relieves_leg_pain=False,
            standing_still_relieves_leg_pain=True,
        ),
    ]
    return dataclasses.replace(data, days=tuple(days), **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def v2(sciatica_data: ReportData, directory: Path) -> Pdf:
    data = with_v2_days(sciatica_data, health_history=("cancer", "diabetes"))
    return render(data, directory, "v2")


def day_line(pdf: Pdf, day: DayRecord) -> str:
    return next(line for line in pdf.text.splitlines() if line.strip().startswith(d(day.date)))


def test_the_header_gives_the_health_history_in_the_patients_words(v2: Pdf) -> None:
    first = v2.texts[0]
    assert "Health" in first and "history" in first
    assert vocab.HEALTH_HISTORY["cancer"] in first
    assert vocab.HEALTH_HISTORY["diabetes"] in first


@pytest.mark.parametrize(
    ("history", "words"),
    [((), "not given"), (("prefer_not_to_say",), "prefer not to say")],
)
def test_a_health_history_not_given_says_so(
    sciatica_data: ReportData, directory: Path, history: tuple[str, ...], words: str
) -> None:
    pdf = render(dataclasses.replace(sciatica_data, health_history=history), directory, words)
    assert words in pdf.texts[0]


def test_the_daily_log_names_the_new_places_and_signs(v2: Pdf) -> None:
    tokens = v2.tokens()
    for words in ("ball of foot", "SADDLE/genitals", "FEVER", "night pain", "WEIGHT LOSS"):
        assert set(words.split()) <= tokens, words  # a cell may wrap between words


def test_standing_still_is_counted_apart_from_sitting(v2: Pdf) -> None:
    standing = sum(day.standing_still_relieves_leg_pain for day in v2.data.days)
    assert standing == 1
    line = next(line for line in v2.text.splitlines() if "standing still (not sitting)" in line)
    assert line.split()[-1] == str(standing)


def test_first_evidence_is_the_first_day_of_the_evidence(
    sciatica_data: ReportData, directory: Path
) -> None:
    flag = next(f for f in sciatica_data.flags if f.status == "active")
    earliest = min(day.date for day in sciatica_data.days)
    moved = dataclasses.replace(
        flag, first_detected_on=date(2026, 4, 1), first_evidence_on=earliest
    )
    data = dataclasses.replace(sciatica_data, flags=(moved,))
    pdf = render(data, directory, "first_evidence")
    row = next(line for line in pdf.texts[0].splitlines() if flag.title[:30] in line)

    assert d(earliest) in row  # page 1's table
    assert f"First evidence: {d(earliest)}" in pdf.text  # the patterns in detail
    assert f"First evidence: {d(date(2026, 4, 1))}" not in pdf.text
    assert d(date(2026, 4, 1)) not in row


def test_a_flag_stored_before_version_2_falls_back_to_when_it_was_raised(
    sciatica_data: ReportData, directory: Path
) -> None:
    flag: FlagRecord = next(f for f in sciatica_data.flags if f.status == "active")
    old = dataclasses.replace(flag, first_evidence_on=None)
    pdf = render(dataclasses.replace(sciatica_data, flags=(old,)), directory, "old")

    assert f"First evidence: {d(flag.first_detected_on)}" in pdf.text


# --- report version 2, page 1 (issue 14, first increment) -------------------------------


SEVERITIES_OF_EIGHT = ("urgent", "prompt", "prompt", "prompt", *["see_specialist"] * 4)


def eight_flags(data: ReportData) -> tuple[FlagRecord, ...]:
    """Eight open flags with long clinical summaries, over the whole year."""
    first, last = data.days[0].date, data.days[-1].date
    codes = (
        "cauda_equina_red_flag",
        "bilateral_sciatica",
        "progressive_weakness",
        "foot_drop",
        "sciatica",
        "s1_pattern",
        "footwear_nerve_compression",
        "worsening",
    )
    return tuple(
        FlagRecord(
            code=code,
            title=f"Pattern {index}: {code.replace('_', ' ')}",
            severity=("urgent", "prompt", "prompt", "prompt")[index]
            if index < 4
            else "see_specialist",
            side="left" if index % 2 else None,
            status="active",
            first_detected_on=last,
            first_evidence_on=first,
            last_evidence_on=last,
            evidence_dates=tuple(day.date for day in data.days[::3]),
            summary="A long summary " * 12,
            explanation="A long explanation for the patient. " * 10,
            clinician_summary="Left S1 distribution, numbness on 11 of 14 logged days, " * 4,
        )
        for index, code in enumerate(codes)
    )


def test_page_one_ends_on_page_one_with_eight_flags_and_a_year(
    year_data: ReportData, directory: Path
) -> None:
    data = dataclasses.replace(year_data, flags=eight_flags(year_data))
    pdf = render(data, directory, "eight_flags")
    first, second = pdf.texts[0], pdf.texts[1]

    for section in ("Patterns found", "Red flags the journal asks about", "Onset", "Medications"):
        assert section in first
        assert section not in second
    for flag in data.flags:
        assert flag.title[:20] in first
    assert "The patterns in detail" not in first
    assert "The patterns in detail" in "\n".join(pdf.texts[1:])


def red_flag_row(page: str, label: str) -> str:
    return next(line for line in page.splitlines() if line.strip().startswith(label))


def test_the_red_flag_line_says_when_a_sign_was_reported_and_when_not(
    sciatica_data: ReportData, directory: Path
) -> None:
    logged = len(sciatica_data.days)
    quiet = render(sciatica_data, directory, "no_saddle").texts[0]
    assert f"not reported in {logged} logged days" in red_flag_row(quiet, "Saddle or genital")

    saddle_day = sciatica_data.days[-2]
    numb = SymptomRecord("saddle", "left", 0, True, False)
    days = tuple(
        dataclasses.replace(day, symptoms=(*day.symptoms, numb)) if day is saddle_day else day
        for day in sciatica_data.days
    )
    saddle = render(dataclasses.replace(sciatica_data, days=days), directory, "saddle").texts[0]
    assert f"REPORTED on {d(saddle_day.date)}" in red_flag_row(saddle, "Saddle or genital")
    assert f"not reported in {logged} logged days" in red_flag_row(saddle, "Bladder change")


def test_page_one_gives_the_weekly_check_first_latest_and_change(
    sciatica_data: ReportData, directory: Path
) -> None:
    first_day, last_day = sciatica_data.days[2].date, sciatica_data.days[-1].date
    scores = (
        CheckScore(
            first_day, "Footnote weekly check", "leg_pain", "Leg pain (0-10)", 7.5, "severe"
        ),
        CheckScore(
            last_day, "Footnote weekly check", "leg_pain", "Leg pain (0-10)", 4.0, "moderate"
        ),
    )
    data = dataclasses.replace(sciatica_data, check_scores=scores)
    first = render(data, directory, "weekly").texts[0]

    row = next(line for line in first.splitlines() if line.strip().startswith("Leg pain (0-10)"))
    assert f"7.5 on {d(first_day)}" in row
    assert f"4 (moderate) on {d(last_day)}" in row
    assert row.split()[-1] == f"{4.0 - 7.5:+.1f}"
    assert "Weekly check (Footnote weekly check, 2 answers)" in first


def test_page_one_says_when_the_weekly_check_was_not_answered(v2: Pdf) -> None:
    assert "Not answered in this period." in v2.texts[0]
