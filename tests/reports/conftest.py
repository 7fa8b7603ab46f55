"""Report data for the rendering tests, built by hand: no database, no factories needed.

- `six_week_sciatica`: six weeks of a left S1 sciatica (buttock, back of thigh, calf, sole;
  numbness and tingling; trouble standing on tiptoe), a few high-heel days with foot pain,
  an injection, notes in Greek, Cyrillic, French, markup and emoji, and flags of every
  status.
- `year_data`: 366 days from `bench.year_data` (the benchmarks' year), deterministic
  pseudo-random, with gaps, an operation and an urgent flag, here with YEAR_NOTES: markup
  and a note long enough to get rows of its own.
- `empty_period`: a period with nothing logged and no flags.
- `short_journal`: the six-week story cut to its last `logged` days, in a period of
  `period_days` (a 60-day report of a 9-day journal; a 7-day report).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bench.year_data import year_of_data
from reports.rendering import (
    DayRecord,
    EventRecord,
    FlagRecord,
    MedicationRecord,
    ReportData,
    SignRecord,
    SymptomRecord,
)
from tests.reports.pdfs import Pdf, render

GREEK_NOTE = "Πόνος στο αριστερό πόδι μετά το περπάτημα"
CYRILLIC_NOTE = "Онемение в левой стопе, хуже вечером"
FRENCH_NOTE = "Douleur à la fesse gauche, très gênante; ça brûle"
MARKUP_NOTE = "Took <b>two</b> pills & felt <para>odd</para> — 5 > 3"
EMOJI_NOTE = "Walked to the shop 🦶🏽 then rested 脚痛"
LONG_NOTE = ("Long day at work, sat through three meetings and the drive home. " * 12).strip()
YEAR_NOTES = (GREEK_NOTE, CYRILLIC_NOTE, FRENCH_NOTE, MARKUP_NOTE, "Better today.", LONG_NOTE)

SIX_WEEK_START = date(2026, 3, 2)
SIX_WEEK_END = date(2026, 4, 12)
SKIPPED = {date(2026, 3, 8), date(2026, 3, 21), date(2026, 3, 22), date(2026, 4, 5)}
HIGH_HEEL_DAYS = {
    date(2026, 3, 6),
    date(2026, 3, 13),
    date(2026, 3, 20),
    date(2026, 3, 27),
    date(2026, 4, 3),
    date(2026, 4, 10),
}
TIPTOE_DAYS = {date(2026, 3, 24), date(2026, 3, 30), date(2026, 4, 7)}
INJECTION_DAY = date(2026, 3, 25)
NOTES = {
    date(2026, 3, 3): GREEK_NOTE,
    date(2026, 3, 10): CYRILLIC_NOTE,
    date(2026, 3, 17): FRENCH_NOTE,
    date(2026, 3, 24): MARKUP_NOTE,
    date(2026, 3, 31): EMOJI_NOTE,
    date(2026, 4, 8): LONG_NOTE,
}


def _sciatica_day(day: date, index: int) -> DayRecord:
    wave = (index * 7) % 5  # 0..4, a repeatable wobble
    later = index >= 21
    symptoms = [
        SymptomRecord("lower_back", "center", 3 + wave % 3, False, False, ("aching",)),
        SymptomRecord("buttock", "left", 4 + wave % 2, False, False, ("aching",)),
        SymptomRecord("thigh_back", "left", 3 + wave % 3, False, index % 3 == 0, ("shooting",)),
        SymptomRecord(
            "calf", "left", 4 + wave, False, index % 2 == 0, ("burning", "electric"), "morning"
        ),
        SymptomRecord("calf", "left", 5 + wave, False, False, ("burning",), "evening"),
        SymptomRecord("sole", "left", 5 + wave % 4, index % 4 != 1, False, ("burning",)),
    ]
    if index % 6 == 0:
        symptoms.append(SymptomRecord("heel", "left", 2, True, False))
    footwear: tuple[str, ...] = ("athletic",)
    if day in HIGH_HEEL_DAYS:
        footwear = ("high_heels",)
        symptoms.append(SymptomRecord("big_toe", "right", 6 + wave % 2, False, True))
        symptoms.append(SymptomRecord("foot_top", "right", 5, False, False, ("aching",)))
    elif index % 5 == 0:
        symptoms.append(SymptomRecord("foot_top", "right", 1, False, False))
    signs: tuple[SignRecord, ...] = ()
    if day in TIPTOE_DAYS:
        signs = (SignRecord("toe_stand_difficulty", "left"),)
    if day == date(2026, 4, 9):
        signs = (SignRecord("tripping", "left", 2),)
    medications = [MedicationRecord("Ibuprofen", "400 mg", 2 if wave > 1 else 1)]
    if later:
        medications.append(MedicationRecord("Pregabalin", "75 mg", 2))
    return DayRecord(
        date=day,
        symptoms=tuple(symptoms),
        signs=signs,
        footwear=footwear,
        sitting_hours=4 + wave * 1.5,
        walking_minutes=15 + 10 * wave,
        walking_brings_leg_pain=index % 3 != 2,
        sitting_relieves_leg_pain=index % 4 == 0,
        medications=tuple(medications),
        sleep_quality=6 - wave % 3,
        notes=NOTES.get(day, ""),
    )


def six_week_sciatica() -> ReportData:
    days = []
    current = SIX_WEEK_START
    index = 0
    while current <= SIX_WEEK_END:
        if current not in SKIPPED:
            days.append(_sciatica_day(current, index))
        index += 1
        current += timedelta(days=1)
    sciatica_dates = tuple(d.date for d in days if d.date >= date(2026, 3, 9))
    flags = (
        FlagRecord(
            code="s1_pattern",
            title="Symptoms in the S1 nerve-root territory, left",
            severity="see_specialist",
            side="left",
            status="acknowledged",
            first_detected_on=date(2026, 3, 12),
            # Rules version 2: the first day of the evidence, earlier than when it was raised.
            first_evidence_on=sciatica_dates[0],
            last_evidence_on=date(2026, 4, 12),
            evidence_dates=sciatica_dates[:20],
            summary="Calf, sole and back of thigh symptomatic on 20 days; numbness on 15",
            explanation="Pain and numbness in the calf, sole and heel follow the S1 root.",
        ),
        FlagRecord(
            code="sciatica",
            title="One-sided leg pain with numbness",
            severity="see_specialist",
            side="left",
            status="active",
            first_detected_on=date(2026, 3, 9),
            last_evidence_on=date(2026, 4, 12),
            evidence_dates=sciatica_dates,
            summary="Left leg symptoms on 30 of 38 days; numbness on 28",
            explanation=(
                "Leg pain on one side that runs below the knee, with numbness, is the typical "
                "picture of an irritated lumbar nerve root (sciatica). Bring this report to "
                "your appointment."
            ),
        ),
        FlagRecord(
            code="footwear_nerve_compression",
            title="Foot pain on days with high heels or tight boots",
            severity="see_specialist",
            side="right",
            status="active",
            first_detected_on=date(2026, 3, 20),
            last_evidence_on=date(2026, 4, 10),
            evidence_dates=tuple(sorted(HIGH_HEEL_DAYS)),
            summary="Mean worst foot pain 6.4 on 6 high-heel days against 1.9 on the others",
            explanation="Tight or high shoes can press on the nerves of the foot.",
        ),
        FlagRecord(
            code="foot_drop",
            title="Tripping over the toes, left",
            severity="prompt",
            side="left",
            status="active",
            first_detected_on=date(2026, 4, 9),
            last_evidence_on=date(2026, 4, 9),
            evidence_dates=(date(2026, 4, 9),),
            summary="Tripped twice on 9 Apr 2026",
            explanation="Catching the toes can mean the foot is not lifting properly.",
        ),
        FlagRecord(
            code="bilateral_leg_symptoms",
            title="Symptoms in both legs",
            severity="monitor",
            side=None,
            status="resolved",
            first_detected_on=date(2026, 3, 4),
            last_evidence_on=date(2026, 3, 7),
            evidence_dates=(date(2026, 3, 4), date(2026, 3, 6), date(2026, 3, 7)),
            summary="Both legs on 3 days",
            explanation="",
        ),
    )
    events = (
        EventRecord(INJECTION_DAY, "injection", "lower_back", "left", "Epidural, L5/S1 <left>"),
        EventRecord(date(2026, 1, 20), "trauma", "lower_back", None, "Slipped on ice"),
    )
    return ReportData(
        report_id="rpt_6w_0001",
        patient_name="Eleni Papadopoulou-Müller <b>",
        birth_year=1979,
        period_start=SIX_WEEK_START,
        period_end=SIX_WEEK_END,
        generated_at=datetime(2026, 4, 12, 18, 45, tzinfo=UTC),
        timezone="Europe/Athens",
        days=tuple(days),
        events=events,
        flags=flags,
    )


def empty_period() -> ReportData:
    return ReportData(
        report_id="rpt_empty_0003",
        patient_name="Sam Empty",
        birth_year=None,
        period_start=date(2026, 2, 1),
        period_end=date(2026, 2, 28),
        generated_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
        timezone="America/New_York",
        days=(),
        events=(),
        flags=(),
    )


def short_journal(period_days: int, logged: int) -> ReportData:
    """The six-week story's last `logged` days in a period of `period_days` ending with it:
    a journal started late in the period, with the flags of those days."""
    full = six_week_sciatica()
    days = full.days[-logged:]
    first = days[0].date
    start = full.period_end - timedelta(days=period_days - 1)
    flags = []
    for flag in full.flags:
        evidence = tuple(day for day in flag.evidence_dates if day >= first)
        if evidence:
            flags.append(
                dataclasses.replace(
                    flag,
                    evidence_dates=evidence,
                    first_evidence_on=evidence[0],
                    first_detected_on=max(flag.first_detected_on, evidence[0]),
                )
            )
    return dataclasses.replace(
        full,
        report_id=f"rpt_{period_days}d_{logged}",
        period_start=start,
        days=days,
        flags=tuple(flags),
        events=tuple(event for event in full.events if event.date >= first),
    )


@pytest.fixture(scope="module")
def sciatica_data() -> ReportData:
    return six_week_sciatica()


@pytest.fixture(scope="module")
def year_data() -> ReportData:
    return year_of_data(notes=YEAR_NOTES)


@pytest.fixture(scope="module")
def empty_data() -> ReportData:
    return empty_period()


# --- the rendered reports, once per test module -----------------------------------------


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rendering")


@pytest.fixture(scope="module")
def sciatica(sciatica_data: ReportData, directory: Path) -> Pdf:
    return render(sciatica_data, directory, "sciatica")


@pytest.fixture(scope="module")
def year(year_data: ReportData, directory: Path) -> Pdf:
    return render(year_data, directory, "year")


@pytest.fixture(scope="module")
def empty(empty_data: ReportData, directory: Path) -> Pdf:
    return render(empty_data, directory, "empty")
