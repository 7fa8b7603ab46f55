"""Where the symptoms sit, pointing away from a single root: one foot alone, or both sides.

- `local_foot_nerve_pattern` (monitor), per side: 3 or more days with numbness or tingling
  in that foot, the other foot free of both, and nothing symptomatic above the ankle on
  that side. A nerve trapped near the ankle or in the foot (tarsal tunnel, Morton's
  neuroma, tight shoes) can do this as well as the spine. Lower-back pain does not count
  against it (version 2): back ache is common and says nothing about the foot's nerve.
- `bilateral_foot_numbness`: numbness or tingling in both feet the same day, 3 or more days.
  Its explanation names diabetes and low vitamin B12, more strongly when `diabetes` is in
  the health history, and says instead that both legs show nerve-root patterns when the
  same analysis raises a root pattern or sciatica on each side (`analyse` picks that
  wording, since it needs the other rules' results).
- `bilateral_leg_symptoms` (monitor): symptomatic leg regions on both sides, 3 or more days,
  unless `bilateral_sciatica` is raised (`analyse` drops it then: the prompt flag says more).
"""

from __future__ import annotations

from journal.rules.catalogue import (
    BILATERAL_FOOT_NUMBNESS,
    BILATERAL_LEG_SYMPTOMS,
    LOCAL_FOOT_NERVE_PATTERN,
)
from journal.rules.days import Journal, other_side
from journal.rules.findings import make_finding
from journal.rules.thresholds import (
    BILATERAL_FOOT_MIN_DAYS,
    BILATERAL_LEG_MIN_DAYS,
    LOCAL_FOOT_MIN_DAYS,
)
from journal.rules.types import Finding
from journal.vocabulary import LEFT, LEG_SIDES, RIGHT

DIABETES = "diabetes"


def rule_local_foot_nerve_pattern(journal: Journal) -> list[Finding]:
    findings = []
    for side in LEG_SIDES:
        other = other_side(side)
        dates = [
            day.date
            for day in journal.days
            if side in day.foot_numb_tingling
            and other not in day.foot_numb_tingling
            and side not in day.above_ankle
        ]
        if len(dates) >= LOCAL_FOOT_MIN_DAYS:
            logged = len(journal.days)
            summary = (
                f"Numbness or tingling in the {side} foot only, nothing above the ankle, on "
                f"{len(dates)} of {logged} logged days"
            )
            clinician = (
                f"{side.capitalize()} foot-confined sensory symptoms on {len(dates)} of "
                f"{logged} logged days, contralateral foot and {side} leg above the ankle "
                "unaffected"
            )
            findings.append(
                make_finding(
                    LOCAL_FOOT_NERVE_PATTERN,
                    side=side,
                    dates=dates,
                    summary=summary,
                    clinician=clinician,
                )
            )
    return findings


def rule_bilateral_foot_numbness(journal: Journal) -> list[Finding]:
    dates = [
        day.date
        for day in journal.days
        if LEFT in day.foot_numb_tingling and RIGHT in day.foot_numb_tingling
    ]
    if len(dates) < BILATERAL_FOOT_MIN_DAYS:
        return []
    logged = len(journal.days)
    summary = f"Numbness or tingling in both feet on {len(dates)} of {logged} logged days"
    clinician = f"Bilateral foot sensory symptoms on {len(dates)} of {logged} logged days"
    if DIABETES in journal.health_history:
        clinician += "; diabetes in history"
    return [
        make_finding(
            BILATERAL_FOOT_NUMBNESS,
            side=None,
            dates=dates,
            summary=summary,
            clinician=clinician,
            variant=DIABETES if DIABETES in journal.health_history else "",
        )
    ]


def rule_bilateral_leg_symptoms(journal: Journal) -> list[Finding]:
    dates = [
        day.date for day in journal.days if day.symptomatic_leg[LEFT] and day.symptomatic_leg[RIGHT]
    ]
    if len(dates) < BILATERAL_LEG_MIN_DAYS:
        return []
    logged = len(journal.days)
    summary = f"Symptoms in both legs on {len(dates)} of {logged} logged days"
    clinician = f"Bilateral leg symptoms on {len(dates)} of {logged} logged days"
    return [
        make_finding(
            BILATERAL_LEG_SYMPTOMS, side=None, dates=dates, summary=summary, clinician=clinician
        )
    ]
