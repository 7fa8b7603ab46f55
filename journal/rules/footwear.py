"""`footwear_nerve_compression`: foot or ankle pain that follows high heels or tight boots.

Over the 28 days ending at the latest entry, per side: the mean of the day's worst
foot/ankle pain on that side on days with `high_heels` or `tight_boots` is at least 2
points above the mean on the other days, with at least 3 days of each kind. One flag per
side that qualifies.

Readings of rules.md:
- "Days without" are days on which footwear was recorded and none of it was constricting.
  A logged day with no footwear recorded says nothing about shoes (as a day without an
  entry says nothing about symptoms), so it belongs to neither group. This is also what
  keeps a pain-free check-in that skipped the footwear question from manufacturing the
  contrast: with "no footwear" counted as "without", such a day lowers the comparison
  mean and could raise a flag on its own.
- On a day in either group, a side with no foot/ankle reading counts as pain 0 there: the
  patient logged the day and reported no pain in that foot.
- The evidence dates are the constricting-footwear days with foot/ankle pain on that
  side; the summary gives both means and both day counts.
- Means are compared exactly (integers), so "2 points above" fires at exactly 2.
"""

from __future__ import annotations

from journal.rules.catalogue import FOOTWEAR_NERVE_COMPRESSION
from journal.rules.days import Journal
from journal.rules.findings import make_finding
from journal.rules.thresholds import (
    FOOTWEAR_MIN_DAYS_WITH,
    FOOTWEAR_MIN_DAYS_WITHOUT,
    FOOTWEAR_MIN_PAIN_DIFFERENCE,
    FOOTWEAR_WINDOW_DAYS,
)
from journal.rules.types import Finding
from journal.vocabulary import CONSTRICTING_FOOTWEAR, LEG_SIDES


def rule_footwear_nerve_compression(journal: Journal) -> list[Finding]:
    # shoe_days holds only days with footwear recorded: the others say nothing about shoes.
    constricting = [day for day in journal.shoe_days if day.footwear & CONSTRICTING_FOOTWEAR]
    others = [day for day in journal.shoe_days if day.footwear.isdisjoint(CONSTRICTING_FOOTWEAR)]
    n_with, n_without = len(constricting), len(others)
    if n_with < FOOTWEAR_MIN_DAYS_WITH or n_without < FOOTWEAR_MIN_DAYS_WITHOUT:
        return []
    findings = []
    for side in LEG_SIDES:
        sum_with = sum(day.worst_foot_pain[side] for day in constricting)
        sum_without = sum(day.worst_foot_pain[side] for day in others)
        # mean_with - mean_without >= D  <=>  sum_with*n_without - sum_without*n_with >= D*n*n
        difference = sum_with * n_without - sum_without * n_with
        if difference < FOOTWEAR_MIN_PAIN_DIFFERENCE * n_with * n_without:
            continue
        summary = (
            f"Worst {side} foot/ankle pain averaged {sum_with / n_with:.1f} on {n_with} days "
            f"in high heels or tight boots against {sum_without / n_without:.1f} on "
            f"{n_without} days in other shoes (last {FOOTWEAR_WINDOW_DAYS} days)"
        )
        findings.append(
            make_finding(
                FOOTWEAR_NERVE_COMPRESSION,
                side=side,
                dates=[day.date for day in constricting if day.worst_foot_pain[side] > 0],
                summary=summary,
                clinician=(
                    f"{side.capitalize()} foot/ankle NRS {sum_with / n_with:.1f} in high heels "
                    f"or tight boots ({n_with} days) vs {sum_without / n_without:.1f} in other "
                    f"footwear ({n_without} days): consider peroneal/sural entrapment"
                ),
            )
        )
    return findings
