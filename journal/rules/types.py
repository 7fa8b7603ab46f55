"""The values the rules read and return: plain frozen dataclasses, no framework.

The database loader builds `DayEntry` and `PatientEvent` values from its rows; the flag
storage reads `Finding` values back. Nothing here knows where the values came from.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SymptomReading:
    """One check-in of one region on one side (domain.md, "A symptom")."""

    region: str  # vocabulary.REGION_CODES
    side: str  # "left" | "right" | "center"
    pain: int  # 0..10
    numbness: bool
    tingling: bool
    part_of_day: str = ""  # "", "morning", ...: several check-ins of one region per day
    qualities: tuple[str, ...] = ()  # vocabulary.QUALITIES: "shooting", "burning" ...


@dataclass(frozen=True, slots=True)
class SignReading:
    """A sign noticed that day (domain.md, "Signs")."""

    code: str  # vocabulary.SIGN_CODES
    side: str | None  # None for the unsided signs (bladder_change ...)
    count: int | None = None  # how many times, for tripping


@dataclass(frozen=True, slots=True)
class DayEntry:
    """What the patient logged for one date; the same date may come in several pieces."""

    date: datetime.date
    symptoms: tuple[SymptomReading, ...] = ()
    signs: tuple[SignReading, ...] = ()
    footwear: tuple[str, ...] = ()
    walking_brings_leg_pain: bool = False
    sitting_relieves_leg_pain: bool = False
    standing_still_relieves_leg_pain: bool = False


@dataclass(frozen=True, slots=True)
class PatientEvent:
    """A dated piece of history: an injury, an operation, an injection."""

    kind: str  # trauma, hip_surgery, back_surgery, injection, other
    site: str  # hip, lower_back, buttock, knee, ankle, foot, other
    side: str | None  # left/right/center, or None when unknown
    date: datetime.date


@dataclass(frozen=True, slots=True)
class Finding:
    """A pattern worth discussing, with the dated evidence that raised it."""

    code: str
    title: str  # short patient-facing title
    severity: str  # urgent | prompt | see_specialist | monitor
    side: str | None  # "left" | "right" | None
    first_evidence_on: datetime.date
    last_evidence_on: datetime.date
    evidence_dates: tuple[datetime.date, ...]  # sorted ascending, unique
    summary: str  # one line with the numbers that triggered it
    explanation: str  # two to four plain sentences, ending with NOT_A_DIAGNOSIS
    clinician_summary: str  # one line in clinical words, for the specialist's report
