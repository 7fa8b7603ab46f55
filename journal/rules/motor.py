"""`foot_drop` (prompt): the foot will not lift, or the toes catch.

Per side: `foot_lift_difficulty` on that side on any logged day of the window, or
`tripping` on that side on 2 or more days. Readings:
- A `tripping` sign whose count is 0 says "no trips today" and does not count; a tripping
  sign without a count does.
- The evidence is every window day with either sign on that side.
"""

from __future__ import annotations

from journal.rules.catalogue import FOOT_DROP
from journal.rules.days import Journal
from journal.rules.findings import make_finding, sentence
from journal.rules.thresholds import FOOT_DROP_MIN_TRIPPING_DAYS
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
        parts = []
        if lift:
            parts.append(
                f"difficulty lifting the {side} foot on {len(lift)} of {logged} logged days"
            )
        if trips:
            parts.append(
                f"tripping on the {side} side on {len(trips)}"
                + ("" if lift else f" of {logged} logged days")
            )
        summary = sentence("; ".join(parts))
        findings.append(
            make_finding(
                FOOT_DROP,
                side=side,
                dates=lift + trips,
                summary=summary,
            )
        )
    return findings
