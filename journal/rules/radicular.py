"""Patterns that point to a nerve root: `sciatica`, `l4_pattern`, `l5_pattern`, `s1_pattern`.

All four are judged per leg, one flag per side that qualifies, and all four use the same
"not confined to the foot" test as rules.md defines it for sciatica: that day, on that
side, a symptomatic leg region above the ankle, or a symptomatic lower back (any side).

`sciatica`, per side, counts the window days on which:
- that side holds at least 80% of the day's symptomatic leg region-days (left + right),
- a symptomatic region of that side is below the knee, and
- that side's symptoms are not confined to the foot;
and needs 3 such days, on 2 or more of which that leg has numbness or tingling (in a leg
region; back numbness is not counted) or a weakness sign on that side.

Root patterns, per side and root. Readings of rules.md:
- "On a side whose symptoms are not confined to the foot" is judged per day, like
  sciatica: only days on which that side's symptoms reach beyond the foot are counted, for
  the days, for the 60% share and for the numbness days. Foot-only days belong to
  `local_foot_nerve_pattern`, and a sore heel on its own never builds a root pattern.
- A root day is a counted day with a symptomatic region of that root's territory.
- The 60% share is that root's symptomatic region-days over the side's symptomatic
  region-days in the L4, L5 and S1 territories (which together are all the leg regions),
  over the counted days. At 60% no two roots can both qualify on one side.
- "At least one symptomatic region of that territory below the knee" is asked of the
  pattern, not of every day: one such region-day among the root days suffices, so thigh
  and knee days of an L4 pattern count once the shin or ankle has joined in. Outer-thigh
  numbness alone never makes an L5 pattern.
- The 2 "numbness" days are root days with numbness or tingling in the territory, or the
  root's own weakness sign on that side (`knee_buckling` L4, `foot_lift_difficulty` L5,
  `toe_stand_difficulty` S1). `leg_weakness` belongs to no single root.
"""

from __future__ import annotations

import datetime
from typing import Final

from journal.rules.arith import at_least, exact_ratio
from journal.rules.catalogue import L4_PATTERN, L5_PATTERN, S1_PATTERN, SCIATICA
from journal.rules.days import Journal, other_side
from journal.rules.findings import make_finding
from journal.rules.thresholds import (
    ONE_SIDED_SHARE,
    ROOT_MIN_DAYS,
    ROOT_MIN_NEURO_DAYS,
    ROOT_SHARE,
    SCIATICA_MIN_DAYS,
    SCIATICA_MIN_NEURO_DAYS,
)
from journal.rules.types import Finding
from journal.vocabulary import BELOW_KNEE_REGIONS, LEG_SIDES, ROOT_TERRITORIES

_ONE_SIDED: Final = exact_ratio(ONE_SIDED_SHARE)
_ROOT_SHARE: Final = exact_ratio(ROOT_SHARE)

# root -> (flag code, territory, the root's own weakness sign, words for the summary)
_ROOTS: Final = {
    "L4": (L4_PATTERN, "knee_buckling", "knee giving way"),
    "L5": (L5_PATTERN, "foot_lift_difficulty", "difficulty lifting the foot"),
    "S1": (S1_PATTERN, "toe_stand_difficulty", "difficulty standing on tiptoe"),
}
_LEG_ROOT_REGIONS: Final = ROOT_TERRITORIES["L4"] | ROOT_TERRITORIES["L5"] | ROOT_TERRITORIES["S1"]


def rule_sciatica(journal: Journal) -> list[Finding]:
    findings = []
    for side in LEG_SIDES:
        other = other_side(side)
        days: list[datetime.date] = []
        neuro = 0
        for day in journal.days:
            mine = day.symptomatic_leg[side]
            if side not in day.beyond_foot or mine.isdisjoint(BELOW_KNEE_REGIONS):
                continue
            if not at_least(len(mine), len(mine) + len(day.symptomatic_leg[other]), _ONE_SIDED):
                continue
            days.append(day.date)
            if day.numb_tingling_leg[side] or side in day.weakness_sides:
                neuro += 1
        if len(days) >= SCIATICA_MIN_DAYS and neuro >= SCIATICA_MIN_NEURO_DAYS:
            summary = (
                f"{side.capitalize()} leg symptoms reaching below the knee on {len(days)} of "
                f"{len(journal.days)} logged days; numbness, tingling or weakness on {neuro}"
            )
            findings.append(make_finding(SCIATICA, side=side, dates=days, summary=summary))
    return findings


def rule_l4_pattern(journal: Journal) -> list[Finding]:
    return _root_pattern(journal, "L4")


def rule_l5_pattern(journal: Journal) -> list[Finding]:
    return _root_pattern(journal, "L5")


def rule_s1_pattern(journal: Journal) -> list[Finding]:
    return _root_pattern(journal, "S1")


def _root_pattern(journal: Journal, root: str) -> list[Finding]:
    code, weakness_sign, weakness_words = _ROOTS[root]
    territory = ROOT_TERRITORIES[root]
    findings = []
    for side in LEG_SIDES:
        days: list[datetime.date] = []
        neuro = root_region_days = all_region_days = 0
        below_knee = False
        for day in journal.days:
            if side not in day.beyond_foot:
                continue
            symptomatic = day.symptomatic_leg[side]
            all_region_days += len(symptomatic & _LEG_ROOT_REGIONS)
            in_territory = symptomatic & territory
            if not in_territory:
                continue
            days.append(day.date)
            root_region_days += len(in_territory)
            below_knee = below_knee or not in_territory.isdisjoint(BELOW_KNEE_REGIONS)
            if not day.numb_tingling_leg[side].isdisjoint(territory) or day.has_sign(
                weakness_sign, side
            ):
                neuro += 1
        if (
            len(days) >= ROOT_MIN_DAYS
            and below_knee
            and at_least(root_region_days, all_region_days, _ROOT_SHARE)
            and neuro >= ROOT_MIN_NEURO_DAYS
        ):
            share = round(100 * root_region_days / all_region_days)
            summary = (
                f"{side.capitalize()} {root} territory symptomatic on {len(days)} of "
                f"{len(journal.days)} logged days ({share}% of the {side} leg's nerve-root "
                f"region-days); numbness, tingling or {weakness_words} on {neuro}"
            )
            findings.append(make_finding(code, side=side, dates=days, summary=summary))
    return findings
