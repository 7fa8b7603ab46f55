"""`serious_pathology_warning` (prompt): back or leg symptoms with signs of a serious cause.

With back or leg symptoms somewhere in the window, any of (rules.md, version 2; NICE CKS
sciatica and NG59 red flags for infection, cancer and fracture):
- `fever` on a day with back symptoms (infection of the spine);
- `night_pain` on 3 or more days (pain that rest does not ease);
- `weight_loss` on any day;
- `cancer` in the patient's health history, with back symptoms on 3 or more days;
- a `back_surgery`, or an `injection` at the lower back, in the 90 days before a day with
  `fever` or with a weakness sign on either side (infection after a spinal procedure).

Readings of rules.md:
- "Back symptoms" are lower-back pain >= 1, numbness or tingling; "back or leg symptoms"
  the same in the lower back or any leg region (a red-flag reading: over-call, not miss).
- "In the 90 days before a day": the event is dated before that day, at most 90 days.
- The evidence is the days that met a criterion; the summary names each criterion met.
"""

from __future__ import annotations

import datetime
from typing import Final

from journal.rules.catalogue import SERIOUS_PATHOLOGY_WARNING
from journal.rules.days import Day, Journal
from journal.rules.findings import days_phrase, make_finding, sentence
from journal.rules.thresholds import (
    CANCER_HISTORY_MIN_BACK_DAYS,
    NIGHT_PAIN_MIN_DAYS,
    SPINAL_PROCEDURE_LOOKBACK_DAYS,
)
from journal.rules.types import Finding, PatientEvent
from journal.vocabulary import LEG_SIDES

_PROCEDURE_LOOKBACK: Final = datetime.timedelta(days=SPINAL_PROCEDURE_LOOKBACK_DAYS)

# criterion -> (patient words, clinician words)
_CRITERIA: Final[dict[str, tuple[str, str]]] = {
    "fever": ("a temperature on a day with back symptoms", "fever with back pain"),
    "night_pain": ("pain at night that rest does not ease", "non-mechanical night pain"),
    "weight_loss": ("weight loss without trying", "unexplained weight loss"),
    "cancer": ("back symptoms, with cancer in your health history", "back pain, history of cancer"),
    "after_procedure": (
        "a temperature or weakness after back surgery or a lower-back injection",
        "fever or weakness within 90 days of spinal surgery/injection",
    ),
}


def rule_serious_pathology_warning(journal: Journal) -> list[Finding]:
    if not any(day.back_or_leg_symptom for day in journal.days):
        return []
    hits: dict[str, list[datetime.date]] = {}
    fever = [day for day in journal.days if day.has_sign("fever")]
    feverish_back = [day.date for day in fever if day.back_symptom]
    if feverish_back:
        hits["fever"] = feverish_back
    night = [day.date for day in journal.days if day.has_sign("night_pain")]
    if len(night) >= NIGHT_PAIN_MIN_DAYS:
        hits["night_pain"] = night
    weight = [day.date for day in journal.days if day.has_sign("weight_loss")]
    if weight:
        hits["weight_loss"] = weight
    if "cancer" in journal.health_history:
        back = [day.date for day in journal.days if day.back_symptom]
        if len(back) >= CANCER_HISTORY_MIN_BACK_DAYS:
            hits["cancer"] = back
    procedures = [event for event in journal.events if _spinal_procedure(event)]
    if procedures:
        after = [
            day.date
            for day in journal.days
            if _fever_or_weakness(day) and any(_shortly_before(e, day) for e in procedures)
        ]
        if after:
            hits["after_procedure"] = after
    if not hits:
        return []
    ordered = [criterion for criterion in _CRITERIA if criterion in hits]
    dates = {date for criterion in ordered for date in hits[criterion]}
    summary = "; ".join(
        f"{_CRITERIA[criterion][0]} on {days_phrase(len(hits[criterion]))}" for criterion in ordered
    )
    clinician = "; ".join(
        f"{_CRITERIA[criterion][1]} ({days_phrase(len(hits[criterion]))})" for criterion in ordered
    )
    return [
        make_finding(
            SERIOUS_PATHOLOGY_WARNING,
            side=None,
            dates=dates,
            summary=sentence(summary),
            clinician=sentence(clinician),
            variant=",".join(ordered),
        )
    ]


def _spinal_procedure(event: PatientEvent) -> bool:
    return event.kind == "back_surgery" or (
        event.kind == "injection" and event.site == "lower_back"
    )


def _fever_or_weakness(day: Day) -> bool:
    return day.has_sign("fever") or any(day.weak_on(side) for side in LEG_SIDES)


def _shortly_before(event: PatientEvent, day: Day) -> bool:
    return day.date - _PROCEDURE_LOOKBACK <= event.date < day.date
