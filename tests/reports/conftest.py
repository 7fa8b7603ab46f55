"""Report data for the rendering tests, built by hand: no database, no factories needed.

- `six_week_sciatica`: six weeks of a left S1 sciatica (buttock, back of thigh, calf, sole;
  numbness and tingling; trouble standing on tiptoe), a few high-heel days with foot pain,
  an injection, notes in Greek, Cyrillic, French, markup and emoji, and flags of every
  status.
- `synthetic_year`: 366 days, deterministic pseudo-random, with gaps.
- `empty_period`: a period with nothing logged and no flags.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from reports.rendering import (
    DayRecord,
    EventRecord,
    FlagRecord,
    MedicationRecord,
    ReportData,
    SignRecord,
    SymptomRecord,
)

GREEK_NOTE = "Πόνος στο αριστερό πόδι μετά το περπάτημα"
CYRILLIC_NOTE = "Онемение в левой стопе, хуже вечером"
FRENCH_NOTE = "Douleur à la fesse gauche, très gênante; ça brûle"
MARKUP_NOTE = "Took <b>two</b> pills & felt <para>odd</para> — 5 > 3"
EMOJI_NOTE = "Walked to the shop 🦶🏽 then rested 脚痛"
LONG_NOTE = ("Long day at work, sat through three meetings and the drive home. " * 12).strip()

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
            summary="Tripped twice on 9 Apr",
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


def urgent_flag(day: date) -> FlagRecord:
    return FlagRecord(
        code="cauda_equina_red_flag",
        title="Numbness in the saddle area",
        severity="urgent",
        side=None,
        status="active",
        first_detected_on=day,
        last_evidence_on=day,
        evidence_dates=(day,),
        summary="Numbness between the legs with back pain on one day",
        explanation=(
            "Numbness in the saddle area, or new trouble with the bladder or bowel, together "
            "with back or leg pain can mean the nerves at the bottom of the spine are badly "
            "squeezed. Seek emergency care now."
        ),
    )


# (region, side, how much of the day's level it carries): a left S1 sciatica that settles
# after an operation, with a right foot that flares in tight shoes.
PROFILE = (
    ("lower_back", "center", 0.9),
    ("buttock", "left", 0.8),
    ("thigh_back", "left", 0.7),
    ("calf", "left", 1.0),
    ("sole", "left", 1.0),
    ("heel", "left", 0.6),
    ("shin_outer", "left", 0.5),
    ("foot_top", "right", 0.5),
    ("big_toe", "right", 0.6),
    ("knee", "right", 0.4),
)
SURGERY_OFFSET = 200


def synthetic_year(length: int = 366, seed: int = 7) -> ReportData:
    """`length` days from 2025-04-12: about 85% logged, 2-4 symptoms a day, pain that
    drifts (not noise), notes on about a third of the days."""
    rng = random.Random(seed)
    start = date(2025, 4, 12)
    days = []
    level = 5.0
    for offset in range(length):
        day = start + timedelta(days=offset)
        level += rng.gauss(0, 0.5) + (5.5 - level) * 0.08
        if offset == SURGERY_OFFSET:
            level -= 3
        if rng.random() < 0.15:
            continue
        target = level - (2.0 if offset > SURGERY_OFFSET else 0.0)
        symptoms = []
        chosen = rng.sample(PROFILE[:7], rng.randint(2, 3))
        heels = rng.random() < 0.12
        if heels or rng.random() < 0.15:
            chosen.append(rng.choice(PROFILE[7:]))
        for region, side, weight in chosen:
            pain = round(max(0.0, min(10.0, target * weight + rng.gauss(0, 0.8) + 3 * heels)))
            numb = region in ("sole", "heel", "calf") and rng.random() < 0.5
            symptoms.append(
                SymptomRecord(
                    region,
                    side,
                    pain,
                    numb,
                    rng.random() < 0.2,
                    tuple(rng.sample(("aching", "burning", "shooting"), rng.randint(0, 2))),
                    rng.choice(("", "morning", "evening")),
                )
            )
        signs = (SignRecord("tripping", "left", rng.randint(1, 3)),) if rng.random() < 0.04 else ()
        notes = ""
        if rng.random() < 0.3:
            notes = rng.choice(
                (GREEK_NOTE, CYRILLIC_NOTE, FRENCH_NOTE, MARKUP_NOTE, "Better today.", LONG_NOTE)
            )
        days.append(
            DayRecord(
                date=day,
                symptoms=tuple(symptoms),
                signs=signs,
                footwear=("high_heels",) if heels else (rng.choice(("regular", "athletic")),),
                sitting_hours=round(rng.uniform(2, 10), 1),
                walking_minutes=rng.randint(0, 120),
                walking_brings_leg_pain=rng.random() < 0.4,
                sitting_relieves_leg_pain=rng.random() < 0.3,
                medications=(MedicationRecord("Paracetamol", "1 g", rng.randint(1, 3)),)
                if rng.random() < 0.5
                else (),
                sleep_quality=rng.randint(3, 9),
                notes=notes,
            )
        )
    end = start + timedelta(days=length - 1)
    events = tuple(
        EventRecord(start + timedelta(days=offset), kind, site, "left")
        for offset, kind, site in (
            (40, "trauma", "ankle"),
            (44, "injection", "hip"),
            (SURGERY_OFFSET, "back_surgery", "lower_back"),
            (300, "other", "other"),
        )
        if offset < length
    )
    return ReportData(
        report_id="rpt_year_0002",
        patient_name="Ivan Petrov",
        birth_year=1961,
        period_start=start,
        period_end=end,
        generated_at=datetime(2026, 4, 13, 7, 0, tzinfo=UTC),
        timezone="Europe/Sofia",
        days=tuple(days),
        events=events,
        flags=(urgent_flag(start + timedelta(days=100)),),
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


@pytest.fixture(scope="module")
def sciatica_data() -> ReportData:
    return six_week_sciatica()


@pytest.fixture(scope="module")
def year_data() -> ReportData:
    return synthetic_year()


@pytest.fixture(scope="module")
def empty_data() -> ReportData:
    return empty_period()
