"""Weakness: `foot_drop` and `progressive_weakness` (both prompt: a doctor today).

`foot_drop`, per side: `foot_lift_difficulty` on that side on any logged day of the
window, or `tripping` on that side on 2 or more days. Readings:
- A `tripping` sign whose count is 0 says "no trips today" and does not count; a tripping
  sign without a count does.
- The evidence is every window day with either sign on that side.

`progressive_weakness`, per side: at least 6 logged days, weakness signs on that side on 3
or more of them, more (day, sign) pairs in the last 3 logged days than in the first 3, and
a weakness sign on 2 of the last 3. Readings:
- (day, sign) pairs: `leg_weakness` and `knee_buckling` on one day are two (rules.md).
- The evidence is the days with a weakness sign on that side.
- The same test, on both sides, is criterion (e) of `cauda_equina_red_flag`; that rule
  calls `progressive_weakness_days` over the 14 days ending at each day it screens.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from journal.rules.catalogue import FOOT_DROP, PROGRESSIVE_WEAKNESS
from journal.rules.days import Day, Journal
from journal.rules.findings import make_finding, sentence
from journal.rules.thresholds import (
    FOOT_DROP_MIN_TRIPPING_DAYS,
    PROGRESSIVE_EDGE_DAYS,
    PROGRESSIVE_MIN_LAST_SIGN_DAYS,
    PROGRESSIVE_MIN_LOGGED_DAYS,
    PROGRESSIVE_MIN_SIGN_DAYS,
)
from journal.rules.types import Finding
from journal.vocabulary import LEG_SIDES

FOOT_LIFT_DIFFICULTY = "foot_lift_difficulty"


def rule_foot_drop(journal: Journal) -> list[Finding]:
    findings = []
    for side in LEG_SIDES:
        lift = [day.date for day in journal.days if day.has_sign(FOOT_LIFT_DIFFICULTY, side)]
        trips = [day.date for day in journal.days if side in day.tripping_sides]
        if not lift and len(trips) < FOOT_DROP_MIN_TRIPPING_DAYS:
            continue
        logged = len(journal.days)
        parts, clinical = [], []
        if lift:
            parts.append(
                f"difficulty lifting the {side} foot on {len(lift)} of {logged} logged days"
            )
            clinical.append(f"foot-lift weakness on {len(lift)} of {logged} logged days")
        if trips:
            parts.append(
                f"tripping on the {side} side on {len(trips)}"
                + ("" if lift else f" of {logged} logged days")
            )
            clinical.append(f"tripping on {len(trips)}")
        findings.append(
            make_finding(
                FOOT_DROP,
                side=side,
                dates=lift + trips,
                summary=sentence("; ".join(parts)),
                clinician=f"{side.capitalize()} foot drop pattern: " + ", ".join(clinical),
            )
        )
    return findings


def progressive_weakness_days(days: Sequence[Day], side: str) -> list[datetime.date] | None:
    """The days with a weakness sign on `side` when the weakness is getting worse over
    `days` (logged days, ascending), else None."""
    if len(days) < PROGRESSIVE_MIN_LOGGED_DAYS:
        return None
    weak_days = [day.date for day in days if day.weakness[side]]
    if len(weak_days) < PROGRESSIVE_MIN_SIGN_DAYS:
        return None
    edge = PROGRESSIVE_EDGE_DAYS
    last = days[-edge:]
    if sum(1 for day in last if day.weakness[side]) < PROGRESSIVE_MIN_LAST_SIGN_DAYS:
        return None
    if sum(day.weakness[side] for day in last) <= sum(day.weakness[side] for day in days[:edge]):
        return None
    return weak_days


def rule_progressive_weakness(journal: Journal) -> list[Finding]:
    findings = []
    edge = PROGRESSIVE_EDGE_DAYS
    for side in LEG_SIDES:
        dates = progressive_weakness_days(journal.days, side)
        if dates is None:
            continue
        first = sum(day.weakness[side] for day in journal.days[:edge])
        last = sum(day.weakness[side] for day in journal.days[-edge:])
        logged = len(journal.days)
        summary = (
            f"Weakness signs on the {side} on {len(dates)} of {logged} logged days, "
            f"{last} in the last {edge} logged days against {first} in the first {edge}"
        )
        clinician = (
            f"Progressive {side} leg weakness: weakness signs on {len(dates)} of {logged} "
            f"logged days, {first} → {last} (first vs last {edge} days)"
        )
        findings.append(
            make_finding(
                PROGRESSIVE_WEAKNESS, side=side, dates=dates, summary=summary, clinician=clinician
            )
        )
    return findings
