"""Patterns that point to a nerve root: `sciatica`, `bilateral_sciatica`, and the root patterns.

All rest on **radicular leg symptoms** on a side (days.py): a route down the leg, not a
sore spot. Lower-back pain never counts towards one.

`sciatica`, per side, counts the window days on which that side holds at least 80% of the
day's symptomatic leg region-days and has radicular leg symptoms. It needs 3 such days, on
2 or more of which that leg has numbness or tingling, a weakness sign on that side, or
radicular pain: a below-knee region with pain >= 5 described as shooting, electric or
burning (NICE CKS sciatica: radicular pain is often felt without numbness).

`bilateral_sciatica` (prompt): radicular leg symptoms on both sides on 2 or more window
days, with numbness, tingling or a weakness sign on both sides on at least one of them.
Days on which walking brings on the leg pain and sitting eases it do not count: that is
the stenosis pattern, which `neurogenic_claudication` covers.

Root patterns, per side and root (domain.md's version 2 territories: the knee and below
the knee only; buttock and thighs belong to several roots and never pick one):
- the counted days are the side's days with radicular leg symptoms;
- a root day is a counted day with a symptomatic region of that root's territory; at
  least 3 are needed;
- the root's share is its symptomatic region-days over the side's region-days in all
  three territories, over the counted days; at least 60% (so two roots never both fire);
- on 2 or more root days, numbness or tingling in the territory, or the root's own
  weakness sign on that side (`knee_buckling` L4, `foot_lift_difficulty` L5,
  `toe_stand_difficulty` S1). `leg_weakness` belongs to no single root.
"""

from __future__ import annotations

import datetime
from typing import Final

from journal.rules.arith import at_least, exact_ratio
from journal.rules.catalogue import BILATERAL_SCIATICA, L4_PATTERN, L5_PATTERN, S1_PATTERN, SCIATICA
from journal.rules.days import Day, Journal, other_side
from journal.rules.findings import make_finding
from journal.rules.thresholds import (
    BILATERAL_SCIATICA_MIN_DAYS,
    ONE_SIDED_SHARE,
    ROOT_MIN_DAYS,
    ROOT_MIN_NEURO_DAYS,
    ROOT_SHARE,
    SCIATICA_MIN_DAYS,
    SCIATICA_MIN_NEURO_DAYS,
)
from journal.rules.types import Finding
from journal.vocabulary import LEFT, LEG_SIDES, RIGHT, ROOT_TERRITORIES

_ONE_SIDED: Final = exact_ratio(ONE_SIDED_SHARE)
_ROOT_SHARE: Final = exact_ratio(ROOT_SHARE)

# root -> (flag code, the root's own weakness sign, words for the summaries)
_ROOTS: Final = {
    "L4": (L4_PATTERN, "knee_buckling", "knee giving way", "knee giving way"),
    "L5": (
        L5_PATTERN,
        "foot_lift_difficulty",
        "difficulty lifting the foot",
        "foot-lift (dorsiflexion) weakness",
    ),
    "S1": (
        S1_PATTERN,
        "toe_stand_difficulty",
        "difficulty standing on tiptoe",
        "toe-stand (plantarflexion) weakness",
    ),
}
_LEG_ROOT_REGIONS: Final = ROOT_TERRITORIES["L4"] | ROOT_TERRITORIES["L5"] | ROOT_TERRITORIES["S1"]


def rule_sciatica(journal: Journal) -> list[Finding]:
    findings = []
    for side in LEG_SIDES:
        other = other_side(side)
        days: list[datetime.date] = []
        numb = weak = pain_only = 0
        for day in journal.days:
            mine = day.symptomatic_leg[side]
            if side not in day.radicular:
                continue
            if not at_least(len(mine), len(mine) + len(day.symptomatic_leg[other]), _ONE_SIDED):
                continue
            days.append(day.date)
            if day.numb_tingling_leg[side]:
                numb += 1
            elif day.weak_on(side):
                weak += 1
            elif side in day.radicular_pain:
                pain_only += 1
        neuro = numb + weak + pain_only
        if len(days) < SCIATICA_MIN_DAYS or neuro < SCIATICA_MIN_NEURO_DAYS:
            continue
        logged = len(journal.days)
        summary = (
            f"{side.capitalize()} leg symptoms along a nerve, reaching below the knee, on "
            f"{len(days)} of {logged} logged days; numbness, tingling, weakness or shooting "
            f"pain on {neuro}"
        )
        parts = [f"numbness/tingling on {numb}"]
        if weak:
            parts.append(f"weakness without sensory change on {weak}")
        if pain_only:
            parts.append(f"radicular pain alone on {pain_only}")
        clinician = (
            f"{side.capitalize()} radicular leg symptoms on {len(days)} of {logged} logged "
            f"days; " + ", ".join(parts)
        )
        findings.append(
            make_finding(SCIATICA, side=side, dates=days, summary=summary, clinician=clinician)
        )
    return findings


def rule_bilateral_sciatica(journal: Journal) -> list[Finding]:
    days = [
        day
        for day in journal.days
        if len(day.radicular) == 2
        and not (day.walking_brings_leg_pain and day.sitting_relieves_leg_pain)
    ]
    if len(days) < BILATERAL_SCIATICA_MIN_DAYS:
        return []
    neuro = [day for day in days if day.neuro_on(LEFT) and day.neuro_on(RIGHT)]
    if not neuro:
        return []
    logged = len(journal.days)
    summary = (
        f"Symptoms along a nerve in both legs, reaching below the knee, on {len(days)} of "
        f"{logged} logged days; numbness, tingling or weakness in both on {len(neuro)}"
    )
    clinician = (
        f"Bilateral radicular leg symptoms on {len(days)} of {logged} logged days; "
        f"bilateral sensory or motor signs on {len(neuro)}"
    )
    return [
        make_finding(
            BILATERAL_SCIATICA,
            side=None,
            dates=[day.date for day in days],
            summary=summary,
            clinician=clinician,
        )
    ]


def rule_l4_pattern(journal: Journal) -> list[Finding]:
    return _root_pattern(journal, "L4")


def rule_l5_pattern(journal: Journal) -> list[Finding]:
    return _root_pattern(journal, "L5")


def rule_s1_pattern(journal: Journal) -> list[Finding]:
    return _root_pattern(journal, "S1")


def _root_pattern(journal: Journal, root: str) -> list[Finding]:
    code, weakness_sign, weakness_words, weakness_clinical = _ROOTS[root]
    territory = ROOT_TERRITORIES[root]
    findings = []
    for side in LEG_SIDES:
        days: list[datetime.date] = []
        numb = weak = root_region_days = all_region_days = 0
        for day in journal.days:
            if side not in day.radicular:
                continue
            symptomatic = day.symptomatic_leg[side]
            all_region_days += len(symptomatic & _LEG_ROOT_REGIONS)
            in_territory = symptomatic & territory
            if not in_territory:
                continue
            days.append(day.date)
            root_region_days += len(in_territory)
            if not day.numb_tingling_leg[side].isdisjoint(territory):
                numb += 1
            elif day.has_sign(weakness_sign, side):
                weak += 1
        neuro = numb + weak
        if (
            len(days) < ROOT_MIN_DAYS
            or not at_least(root_region_days, all_region_days, _ROOT_SHARE)
            or neuro < ROOT_MIN_NEURO_DAYS
        ):
            continue
        share = round(100 * root_region_days / all_region_days)
        logged = len(journal.days)
        summary = (
            f"{side.capitalize()} {root} area symptomatic on {len(days)} of {logged} logged "
            f"days ({share}% of the {side} leg's nerve-root areas); numbness, tingling or "
            f"{weakness_words} on {neuro}"
        )
        clinician = (
            f"{side.capitalize()} {root} distribution on {len(days)} of {logged} logged days "
            f"({share}% of this leg's root-area symptoms); numbness/tingling on {numb}"
            f", {weakness_clinical} on {_count_sign(journal.days, weakness_sign, side)}"
        )
        findings.append(
            make_finding(code, side=side, dates=days, summary=summary, clinician=clinician)
        )
    return findings


def _count_sign(days: tuple[Day, ...], code: str, side: str) -> int:
    return sum(1 for day in days if day.has_sign(code, side))
