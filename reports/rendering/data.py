"""What the PDF is made from: plain frozen values, loaded by reports' selectors.

The loader turns database rows into these records and the renderer never sees anything
else, so the rendering can be tested (and benchmarked) without a database. Codes are the
ones in journal.vocabulary; dates are the patient's local dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class SymptomRecord:
    region: str
    side: str
    pain: int
    numbness: bool
    tingling: bool
    qualities: tuple[str, ...] = ()
    part_of_day: str = ""


@dataclass(frozen=True, slots=True)
class SignRecord:
    code: str
    side: str | None
    count: int | None = None


@dataclass(frozen=True, slots=True)
class MedicationRecord:
    name: str
    dose: str = ""
    times: int | None = None


@dataclass(frozen=True, slots=True)
class DayRecord:
    date: date
    symptoms: tuple[SymptomRecord, ...] = ()
    signs: tuple[SignRecord, ...] = ()
    footwear: tuple[str, ...] = ()
    sitting_hours: float | None = None
    walking_minutes: int | None = None
    walking_brings_leg_pain: bool = False
    sitting_relieves_leg_pain: bool = False
    standing_still_relieves_leg_pain: bool = False
    medications: tuple[MedicationRecord, ...] = ()
    sleep_quality: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class EventRecord:
    date: date
    kind: str
    site: str
    side: str | None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class FlagRecord:
    code: str
    title: str
    severity: str
    side: str | None
    status: str  # active | acknowledged | resolved
    first_detected_on: date
    last_evidence_on: date
    evidence_dates: tuple[date, ...]
    summary: str
    explanation: str
    first_evidence_on: date | None = None  # the earliest evidence date (rules version 2)
    clinician_summary: str = ""


@dataclass(frozen=True, slots=True)
class CheckScore:
    """One score of one weekly check answered in the period."""

    authored_on: date
    instrument: str  # the questionnaire's title
    name: str
    title: str
    value: float
    band: str = ""


@dataclass(frozen=True, slots=True)
class ReportData:
    report_id: str
    patient_name: str
    birth_year: int | None
    period_start: date
    period_end: date
    generated_at: datetime  # aware, UTC
    timezone: str  # IANA name, e.g. "Europe/Athens"
    days: tuple[DayRecord, ...]  # one per logged date within the period, sorted
    events: tuple[EventRecord, ...]
    flags: tuple[FlagRecord, ...]
    # The profile's health history codes (journal.vocabulary.HEALTH_HISTORY), or
    # ("prefer_not_to_say",); empty when not given.
    health_history: tuple[str, ...] = ()
    # The weekly check's scores in the period, oldest first (empty when none answered).
    check_scores: tuple[CheckScore, ...] = ()
