"""`cauda_equina_red_flag` (urgent): the red flags every spine guideline puts first.

Raised on any single day with:
- numbness or tingling in the saddle area;
- a bladder, bowel or sexual function change together with back or leg symptoms that day;
- weakness on both sides the same day.

Readings of rules.md, chosen to miss as little as possible (a missed cauda equina costs a
patient their bladder; a false alarm costs an emergency visit):
- "Weakness on both sides": the table names `foot_lift_difficulty` or `leg_weakness`, and
  "Reading the rules" says any weakness sign (also `toe_stand_difficulty`,
  `knee_buckling`) on the left and any on the right. We follow the wider reading.
- "Back or leg symptoms" next to a bladder/bowel/sexual change: any pain (>= 1), numbness
  or tingling in the lower back or a leg region, not only a symptomatic (>= 3) one.
  Saddle numbness or tingling raises the flag on its own, with or without such a change.
- Saddle readings count whatever side they were stored with.

`analyse` applies it over the 14-day window (so it resolves two weeks after the last such
day); `urgent_findings` applies it to whatever days it is given, a single one included.
"""

from __future__ import annotations

from journal.rules.catalogue import CAUDA_EQUINA_RED_FLAG
from journal.rules.days import Journal
from journal.rules.findings import days_phrase, make_finding, sentence
from journal.rules.types import Finding
from journal.vocabulary import LEFT, RIGHT


def rule_cauda_equina_red_flag(journal: Journal) -> list[Finding]:
    saddle, autonomic, both_weak = [], [], []
    for day in journal.days:
        if day.saddle_numb_or_tingling:
            saddle.append(day.date)
        if day.bladder_bowel_sexual_change and day.back_or_leg_symptom:
            autonomic.append(day.date)
        if LEFT in day.weakness_sides and RIGHT in day.weakness_sides:
            both_weak.append(day.date)
    dates = set(saddle) | set(autonomic) | set(both_weak)
    if not dates:
        return []
    parts = []
    if saddle:
        parts.append(f"saddle numbness or tingling on {days_phrase(len(saddle))}")
    if autonomic:
        parts.append(
            "bladder, bowel or sexual function change with back or leg symptoms on "
            + days_phrase(len(autonomic))
        )
    if both_weak:
        parts.append(f"weakness in both legs on {days_phrase(len(both_weak))}")
    summary = "; ".join(parts) + f"; latest {max(dates).isoformat()}"
    return [make_finding(CAUDA_EQUINA_RED_FLAG, side=None, dates=dates, summary=sentence(summary))]
