"""A year of report data, deterministic: the one generator the report benchmarks and the
rendering tests share (plain values, no database).

    year_of_data(365)                   # the benchmarks: everyday notes
    year_of_data(notes=YEAR_NOTES)      # the rendering tests: notes with markup, a long one
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from reports.rendering import (
    DayRecord,
    EventRecord,
    FlagRecord,
    MedicationRecord,
    ReportData,
    SignRecord,
    SymptomRecord,
)

# Short notes, some in Greek and Cyrillic (the embedded font's reason to be).
EVERYDAY_NOTES = (
    "Worse after the drive to work, better lying down.",
    "Πόνος στο αριστερό πόδι μετά το περπάτημα",
    "Онемение в левой стопе, хуже вечером",
    "Douleur à la fesse gauche, très gênante",
    "Physio exercises done. Calf cramp at night, woke twice; numb sole in the morning.",
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
START = date(2025, 4, 12)
SURGERY_OFFSET = 200
# The day of the urgent flag: always logged, with the saddle numbness the flag names, so
# page 1's red-flag line and the flags table tell the same story.
URGENT_OFFSET = 100


def year_of_data(
    length: int = 366, seed: int = 7, *, notes: Sequence[str] = EVERYDAY_NOTES
) -> ReportData:
    """`length` days from 2025-04-12: about 85% logged, 2-4 symptoms a day, pain that
    drifts (not noise) and drops after an operation on day 200, one of `notes` on about
    a third of the days, and an urgent flag."""
    rng = random.Random(seed)
    days = []
    level = 5.0
    for offset in range(length):
        day = START + timedelta(days=offset)
        level += rng.gauss(0, 0.5) + (5.5 - level) * 0.08
        if offset == SURGERY_OFFSET:
            level -= 3
        if rng.random() < 0.15 and offset != URGENT_OFFSET:
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
        if offset == URGENT_OFFSET:
            symptoms.append(SymptomRecord("saddle", "center", 2, True, False))
        signs = (SignRecord("tripping", "left", rng.randint(1, 3)),) if rng.random() < 0.04 else ()
        note = rng.choice(notes) if rng.random() < 0.3 else ""
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
                notes=note,
            )
        )
    end = START + timedelta(days=length - 1)
    events = tuple(
        EventRecord(START + timedelta(days=offset), kind, site, "left")
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
        period_start=START,
        period_end=end,
        generated_at=datetime(2026, 4, 13, 7, 0, tzinfo=UTC),
        timezone="Europe/Sofia",
        days=tuple(days),
        events=events,
        flags=(urgent_flag(START + timedelta(days=URGENT_OFFSET)),),
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
