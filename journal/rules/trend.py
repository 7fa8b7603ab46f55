"""`worsening`: leg and foot symptoms rising across the window.

Needs at least 7 logged days in the window, then either:
- pain: the least-squares slope of each logged day's worst leg/foot pain (either side,
  any reading, 0 on a logged day without one) against the calendar date is at least 0.15
  a day, and the mean of the last 3 logged days is at least 2 above the first 3's; or
- numbness: the mean number of numb or tingling region-days over the last 3 logged days
  is at least 2 above the first 3's.

Readings of rules.md:
- The 7-logged-day minimum applies to both branches: with fewer days the "first 3" and
  "last 3" overlap or touch, and a rise between them means little.
- The slope is per calendar day (x = the date), over logged days only: gaps are not
  filled, but a gap still stretches time, so a rise spread over a long gap is slower.
- A logged day with no leg or foot reading counts as worst pain 0: the patient logged the
  day and reported no leg pain. So a pain-free day logged before a run of painful ones
  is evidence of worsening, and can complete this pattern; that is intended.
- The numb or tingling count takes the leg and foot region-days with numbness or tingling
  (version 2: the lower back and the saddle are not counted; a saddle change is a red
  flag of its own).
- The evidence is every logged day of the window: the trend is drawn through all of them.
- All comparisons are exact (integers and fractions of integers).
"""

from __future__ import annotations

from typing import Final

from journal.rules.arith import at_least, exact_ratio
from journal.rules.catalogue import WORSENING
from journal.rules.days import Journal
from journal.rules.findings import make_finding, sentence
from journal.rules.thresholds import (
    WORSENING_EDGE_DAYS,
    WORSENING_MIN_LOGGED_DAYS,
    WORSENING_MIN_NUMB_TINGLING_RISE,
    WORSENING_MIN_PAIN_RISE,
    WORSENING_MIN_SLOPE,
)
from journal.rules.types import Finding

_MIN_SLOPE: Final = exact_ratio(WORSENING_MIN_SLOPE)


def rule_worsening(journal: Journal) -> list[Finding]:
    days = journal.days
    n = len(days)
    if n < WORSENING_MIN_LOGGED_DAYS:
        return []
    edge = WORSENING_EDGE_DAYS
    pains = [day.worst_leg_pain for day in days]
    counts = [day.numb_tingling_count for day in days]
    parts = []

    origin = days[0].date
    xs = [(day.date - origin).days for day in days]
    sum_x, sum_y = sum(xs), sum(pains)
    slope_num = n * sum(x * y for x, y in zip(xs, pains, strict=True)) - sum_x * sum_y
    slope_den = n * sum(x * x for x in xs) - sum_x * sum_x  # > 0: the dates are distinct
    first_pain, last_pain = sum(pains[:edge]), sum(pains[-edge:])
    if (
        at_least(slope_num, slope_den, _MIN_SLOPE)
        and last_pain - first_pain >= WORSENING_MIN_PAIN_RISE * edge
    ):
        parts.append(
            f"worst leg or foot pain rising {slope_num / slope_den:.2f} a day over {n} logged "
            f"days, from a mean of {first_pain / edge:.1f} on the first {edge} to "
            f"{last_pain / edge:.1f} on the last {edge}"
        )

    first_count, last_count = sum(counts[:edge]), sum(counts[-edge:])
    if last_count - first_count >= WORSENING_MIN_NUMB_TINGLING_RISE * edge:
        parts.append(
            f"numb or tingling regions up from a mean of {first_count / edge:.1f} a day on "
            f"the first {edge} logged days to {last_count / edge:.1f} on the last {edge}"
        )
    if not parts:
        return []
    summary = "; ".join(parts)
    return [
        make_finding(
            WORSENING,
            side=None,
            dates=[day.date for day in days],
            summary=sentence(summary),
            clinician=sentence(summary.replace("worst leg or foot pain", "worst leg/foot NRS")),
        )
    ]
