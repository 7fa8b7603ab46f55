"""Where the symptoms sit, pointing away from a single root: one foot alone, or both sides.

- `local_foot_nerve_pattern` (monitor), per side: 3 or more days with numbness or tingling
  in that foot, the other foot free of both, and that side's symptoms confined to the foot
  and ankle. A nerve trapped near the ankle or in the foot can do this as well as the spine.
- `bilateral_foot_numbness`: numbness or tingling in both feet the same day, 3 or more days.
- `bilateral_leg_symptoms` (monitor): symptomatic leg regions on both sides, 3 or more days.

Reading of rules.md: "confined to the foot" is the exact opposite of the "not confined to
the foot" that sciatica and the root patterns require (a symptomatic leg region above the
ankle on that side, or a symptomatic lower back on any side). So a day counts either
towards a root or towards a local foot nerve, never both: foot tingling on a day of back
pain points to the spine, not to the ankle.
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


def rule_local_foot_nerve_pattern(journal: Journal) -> list[Finding]:
    findings = []
    for side in LEG_SIDES:
        other = other_side(side)
        dates = [
            day.date
            for day in journal.days
            if side in day.foot_numb_tingling
            and other not in day.foot_numb_tingling
            and side not in day.beyond_foot
        ]
        if len(dates) >= LOCAL_FOOT_MIN_DAYS:
            summary = (
                f"Numbness or tingling in the {side} foot only, nothing above the ankle, on "
                f"{len(dates)} of {len(journal.days)} logged days"
            )
            findings.append(
                make_finding(LOCAL_FOOT_NERVE_PATTERN, side=side, dates=dates, summary=summary)
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
    summary = (
        f"Numbness or tingling in both feet on {len(dates)} of {len(journal.days)} logged days"
    )
    return [make_finding(BILATERAL_FOOT_NUMBNESS, side=None, dates=dates, summary=summary)]


def rule_bilateral_leg_symptoms(journal: Journal) -> list[Finding]:
    dates = [
        day.date for day in journal.days if day.symptomatic_leg[LEFT] and day.symptomatic_leg[RIGHT]
    ]
    if len(dates) < BILATERAL_LEG_MIN_DAYS:
        return []
    summary = f"Symptoms in both legs on {len(dates)} of {len(journal.days)} logged days"
    return [make_finding(BILATERAL_LEG_SYMPTOMS, side=None, dates=dates, summary=summary)]
