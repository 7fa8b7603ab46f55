"""Hand-made journals for the rule tests, dated backwards from one fixed latest day.

`back(3)` is three days before `END`. A journal whose latest entry is `END` has the
window `back(13)` .. `END`; `anchor()` logs an empty check-in on `END` to fix it there.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from journal.rules import (
    DayEntry,
    Finding,
    PatientEvent,
    SignReading,
    SymptomReading,
    analyse,
    urgent_findings,
)

END = datetime.date(2026, 11, 20)


def back(days: int) -> datetime.date:
    return END - datetime.timedelta(days=days)


def pain(
    region: str,
    side: str = "left",
    level: int = 5,
    part: str = "",
    qualities: Iterable[str] = (),
) -> SymptomReading:
    return SymptomReading(
        region,
        side,
        level,
        numbness=False,
        tingling=False,
        part_of_day=part,
        qualities=tuple(qualities),
    )


def numb(region: str, side: str = "left", level: int = 0, part: str = "") -> SymptomReading:
    return SymptomReading(region, side, level, numbness=True, tingling=False, part_of_day=part)


def tingle(region: str, side: str = "left", level: int = 0, part: str = "") -> SymptomReading:
    return SymptomReading(region, side, level, numbness=False, tingling=True, part_of_day=part)


def sign(code: str, side: str | None = None, count: int | None = None) -> SignReading:
    return SignReading(code, side, count)


def entry(
    days_back: int,
    *symptoms: SymptomReading,
    signs: Iterable[SignReading] = (),
    footwear: Iterable[str] = (),
    walking: bool = False,
    sitting: bool = False,
    standing: bool = False,
) -> DayEntry:
    return DayEntry(
        date=back(days_back),
        symptoms=tuple(symptoms),
        signs=tuple(signs),
        footwear=tuple(footwear),
        walking_brings_leg_pain=walking,
        sitting_relieves_leg_pain=sitting,
        standing_still_relieves_leg_pain=standing,
    )


def anchor() -> DayEntry:
    """An empty check-in on END, so the window ends there whatever else is logged."""
    return entry(0)


def event(kind: str, site: str, side: str | None, days_back: int) -> PatientEvent:
    return PatientEvent(kind=kind, site=site, side=side, date=back(days_back))


def flags(
    entries: Iterable[DayEntry],
    events: Iterable[PatientEvent] = (),
    *,
    health_history: Iterable[str] = (),
) -> set[tuple[str, str | None]]:
    """The (code, side) pairs the whole rule set raises."""
    return {
        (finding.code, finding.side)
        for finding in analyse(entries, events, health_history=health_history)
    }


def found(
    code: str,
    entries: Iterable[DayEntry],
    events: Iterable[PatientEvent] = (),
    *,
    health_history: Iterable[str] = (),
    first_logged_on: datetime.date | None = None,
) -> list[Finding]:
    """The findings of one code, in analyse's order."""
    findings = analyse(
        entries, events, health_history=health_history, first_logged_on=first_logged_on
    )
    return [finding for finding in findings if finding.code == code]


def sides(
    code: str,
    entries: Iterable[DayEntry],
    events: Iterable[PatientEvent] = (),
    *,
    health_history: Iterable[str] = (),
) -> set[str | None]:
    """The sides on which `code` is raised (empty when it is not)."""
    return {finding.side for finding in found(code, entries, events, health_history=health_history)}


def screened(
    entries: Iterable[DayEntry], written: Iterable[int] | None = None
) -> list[tuple[str, tuple[datetime.date, ...]]]:
    """What the write-path screen answers, as (code, evidence dates), for the days written
    (days back from END; None screens every day given)."""
    dates = None if written is None else [back(n) for n in written]
    return [(f.code, f.evidence_dates) for f in urgent_findings(entries, written=dates)]
