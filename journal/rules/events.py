"""Symptoms after a dated event: `post_trauma_nerve_injury`, `post_procedure_sciatic_neuropathy`.

- `post_trauma_nerve_injury`: a `trauma` at the hip, lower back, ankle or knee in the 56
  days ending at the window's end, then numbness, tingling or a weakness sign in the leg
  or foot on 2 or more days. Pain alone after an injury is the injury itself (an ankle
  sprain hurts at the ankle), not a sign of a nerve.
- `post_procedure_sciatic_neuropathy`: a `hip_surgery` (any site), or an `injection` at the
  hip or buttock, in the 90 days ending at the window's end, then numbness, tingling or a
  weakness sign in the leg on 2 or more days. Ordinary pain after a hip replacement is
  expected and raises nothing.
- Both summaries say whether any day before the event was logged: without such a
  baseline the journal cannot tell whether the symptoms began after the event.

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
from collections.abc import Sequence

from journal.rules.catalogue import POST_PROCEDURE_SCIATIC_NEUROPATHY, POST_TRAUMA_NERVE_INJURY
from journal.rules.days import Journal, leg_side
from journal.rules.findings import date_words, make_finding
from journal.rules.thresholds import (
    POST_PROCEDURE_INJECTION_SITES,
    POST_PROCEDURE_LOOKBACK_DAYS,
    POST_PROCEDURE_MIN_DAYS,
    POST_TRAUMA_LOOKBACK_DAYS,
    POST_TRAUMA_MIN_DAYS,
    POST_TRAUMA_SITES,
)
from journal.rules.types import Finding, PatientEvent
from journal.vocabulary import EVENT_KINDS, EVENT_SITES, LEG_SIDES


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
    )


def _within(journal: Journal, lookback_days: int) -> list[PatientEvent]:
    first = journal.end - datetime.timedelta(days=lookback_days - 1)
    return [event for event in journal.events if first <= event.date <= journal.end]


def _symptoms_after(
    journal: Journal,
    code: str,
    events: Sequence[PatientEvent],
    *,
    min_days: int,
) -> list[Finding]:
    if not events:
        return []
    findings = []
    for side in LEG_SIDES:
        candidates = [event for event in events if leg_side(event.side) in (side, None)]
        if not candidates:
            continue
        event = _earliest(candidates)
        dates = [day.date for day in journal.days if day.date > event.date and day.neuro_on(side)]
        if len(dates) >= min_days:
            findings.append(_finding(journal, code, event, side, dates))
    unsided = [event for event in events if leg_side(event.side) is None]
    if not findings and unsided:
        event = _earliest(unsided)
        dates = [
            day.date
            for day in journal.days
            if day.date > event.date and any(day.neuro_on(side) for side in LEG_SIDES)
        ]
        if len(dates) >= min_days:
            findings.append(_finding(journal, code, event, None, dates))
    return findings


def _finding(
    journal: Journal,
    code: str,
    event: PatientEvent,
    side: str | None,
    dates: list[datetime.date],
) -> Finding:
    leg = f"the {side} leg" if side else "one leg or the other"
    baseline = journal.first_logged_on < event.date
    summary = (
        f"{_describe(event)}; numbness, tingling or weakness in {leg} on {len(dates)} logged "
        "days since; "
        + ("days before it were logged" if baseline else "no day before it was logged")
    )
    clinician = (
        f"{_describe(event)}; {side + ' ' if side else ''}sensory or motor symptoms on "
        f"{len(dates)} logged days after; "
        + ("pre-event baseline logged" if baseline else "no pre-event baseline in the journal")
    )
    return make_finding(code, side=side, dates=dates, summary=summary, clinician=clinician)


def _earliest(events: Sequence[PatientEvent]) -> PatientEvent:
    return min(events, key=lambda event: (event.date, event.kind, event.site, event.side or ""))


def _describe(event: PatientEvent) -> str:
    """The event as a summary names it, e.g. 'Injury or fall (left knee) on 3 Oct 2026'."""
    place = EVENT_SITES.get(event.site, "").lower() if event.site != "other" else ""
    where = " ".join(part for part in (leg_side(event.side) or "", place) if part)
    what = EVENT_KINDS.get(event.kind, event.kind)
    if where:
        what = f"{what} ({where})"
    return f"{what} on {date_words(event.date)}"
