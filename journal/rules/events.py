"""Symptoms after a dated event: `post_trauma_nerve_injury`, `post_procedure_sciatic_neuropathy`.

- `post_trauma_nerve_injury`: a `trauma` at the hip, lower back, ankle or knee in the 56
  days ending at the window's end, then symptomatic foot region-days on 2 or more days.
- `post_procedure_sciatic_neuropathy`: a `hip_surgery` (any site), or an `injection` at the
  hip or buttock, in the 90 days ending at the window's end, then symptomatic leg
  region-days on 2 or more days.

Readings of rules.md:
- "In the N days before the window's end" counts like the window itself: the end date and
  the N-1 days before it. An event exactly N days back is out, N-1 days back is in. Events
  dated after the latest entry are not "before the window's end" and are ignored.
- "After it" means on a later date: on the day of an injury the journal cannot tell
  whether the symptoms came before or after it.
- The symptom days are logged days of the 14-day window (after the event). The look-back
  decides which events still count; the flag is about symptoms now, so it resolves when
  the recent days are free of them even if the event is still within its look-back.
- The symptoms must be on the event's side when the event has a left or right side, for
  both rules (rules.md says so for procedures; a left-knee injury explains nothing about
  the right foot). "center", empty and unknown sides are unknown.
- Event of unknown side: "take the side of the symptoms after it". Each leg that has
  enough days after it gets its own flag. If neither leg has enough on its own but the
  two together do ("any side when unknown"), one flag without a side is raised, since
  the symptoms cannot be placed on one leg.
- Several qualifying events: one flag per side; the earliest event that can explain that
  side is the one reported, since "after it" then covers the most days.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from journal.rules.catalogue import POST_PROCEDURE_SCIATIC_NEUROPATHY, POST_TRAUMA_NERVE_INJURY
from journal.rules.days import Day, Journal, leg_side
from journal.rules.findings import make_finding
from journal.rules.thresholds import (
    POST_PROCEDURE_INJECTION_SITES,
    POST_PROCEDURE_LOOKBACK_DAYS,
    POST_PROCEDURE_MIN_DAYS,
    POST_TRAUMA_LOOKBACK_DAYS,
    POST_TRAUMA_MIN_DAYS,
    POST_TRAUMA_SITES,
)
from journal.rules.types import Finding, PatientEvent
from journal.vocabulary import EVENT_KINDS, EVENT_SITES, FOOT_REGIONS, LEG_SIDES

SideTest = Callable[[Day, str], bool]


def rule_post_trauma_nerve_injury(journal: Journal) -> list[Finding]:
    events = [
        event
        for event in _within(journal, POST_TRAUMA_LOOKBACK_DAYS)
        if event.kind == "trauma" and event.site in POST_TRAUMA_SITES
    ]
    return _symptoms_after(
        journal,
        POST_TRAUMA_NERVE_INJURY,
        events,
        min_days=POST_TRAUMA_MIN_DAYS,
        affected=_foot_symptomatic,
        where="foot",
    )


def rule_post_procedure_sciatic_neuropathy(journal: Journal) -> list[Finding]:
    events = [
        event
        for event in _within(journal, POST_PROCEDURE_LOOKBACK_DAYS)
        if event.kind == "hip_surgery"
        or (event.kind == "injection" and event.site in POST_PROCEDURE_INJECTION_SITES)
    ]
    return _symptoms_after(
        journal,
        POST_PROCEDURE_SCIATIC_NEUROPATHY,
        events,
        min_days=POST_PROCEDURE_MIN_DAYS,
        affected=_leg_symptomatic,
        where="leg",
    )


def _foot_symptomatic(day: Day, side: str) -> bool:
    return not day.symptomatic_leg[side].isdisjoint(FOOT_REGIONS)


def _leg_symptomatic(day: Day, side: str) -> bool:
    return bool(day.symptomatic_leg[side])


def _within(journal: Journal, lookback_days: int) -> list[PatientEvent]:
    first = journal.end - datetime.timedelta(days=lookback_days - 1)
    return [event for event in journal.events if first <= event.date <= journal.end]


def _symptoms_after(
    journal: Journal,
    code: str,
    events: Sequence[PatientEvent],
    *,
    min_days: int,
    affected: SideTest,
    where: str,
) -> list[Finding]:
    if not events:
        return []
    findings = []
    for side in LEG_SIDES:
        candidates = [event for event in events if leg_side(event.side) in (side, None)]
        if not candidates:
            continue
        event = _earliest(candidates)
        dates = [day.date for day in journal.days if day.date > event.date and affected(day, side)]
        if len(dates) >= min_days:
            summary = (
                f"{_describe(event)}; {side} {where} symptoms on {len(dates)} logged days since"
            )
            findings.append(make_finding(code, side=side, dates=dates, summary=summary))
    unsided = [event for event in events if leg_side(event.side) is None]
    if not findings and unsided:
        event = _earliest(unsided)
        dates = [
            day.date
            for day in journal.days
            if day.date > event.date and any(affected(day, side) for side in LEG_SIDES)
        ]
        if len(dates) >= min_days:
            summary = (
                f"{_describe(event)}; {where} symptoms, on one side or the other, on "
                f"{len(dates)} logged days since"
            )
            findings.append(make_finding(code, side=None, dates=dates, summary=summary))
    return findings


def _earliest(events: Sequence[PatientEvent]) -> PatientEvent:
    return min(events, key=lambda event: (event.date, event.kind, event.site, event.side or ""))


def _describe(event: PatientEvent) -> str:
    """The event as a summary names it, e.g. 'Injury or fall (left knee) on 2026-10-03'."""
    place = EVENT_SITES.get(event.site, "").lower() if event.site != "other" else ""
    where = " ".join(part for part in (leg_side(event.side) or "", place) if part)
    what = EVENT_KINDS.get(event.kind, event.kind)
    if where:
        what = f"{what} ({where})"
    return f"{what} on {event.date.isoformat()}"
