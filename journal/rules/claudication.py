"""Leg pain brought on by walking: `neurogenic_claudication` and its vascular look-alike.

- `neurogenic_claudication`: 3 or more logged days with both `walking_brings_leg_pain`
  and `sitting_relieves_leg_pain`, and not `standing_still_relieves_leg_pain` (the lumbar
  spinal stenosis pattern: the canal opens when the spine bends, so sitting or leaning
  forward helps and standing still does not).
- `vascular_claudication_pattern`: 3 or more logged days with `walking_brings_leg_pain`
  and `standing_still_relieves_leg_pain` and a symptomatic calf. Pain from narrowed leg
  arteries eases within minutes of stopping, without sitting (Nadeau et al. 2013 on
  telling neurogenic from vascular claudication).

Readings of rules.md:
- No side for either: the answers are about the legs as a whole.
- Neurogenic claudication needs no symptom readings: the two answers are themselves the
  patient's report of leg pain. The vascular pattern asks for the calf, where arterial
  claudication is felt.
- A day with all three answers counts for the vascular pattern only.
"""

from __future__ import annotations

from journal.rules.catalogue import NEUROGENIC_CLAUDICATION, VASCULAR_CLAUDICATION_PATTERN
from journal.rules.days import Journal
from journal.rules.findings import make_finding
from journal.rules.thresholds import CLAUDICATION_MIN_DAYS
from journal.rules.types import Finding


def rule_neurogenic_claudication(journal: Journal) -> list[Finding]:
    dates = [
        day.date
        for day in journal.days
        if day.walking_brings_leg_pain
        and day.sitting_relieves_leg_pain
        and not day.standing_still_relieves_leg_pain
    ]
    if len(dates) < CLAUDICATION_MIN_DAYS:
        return []
    logged = len(journal.days)
    summary = (
        f"Leg pain on walking, eased by sitting or bending forward, on {len(dates)} of "
        f"{logged} logged days"
    )
    clinician = (
        f"Neurogenic claudication history on {len(dates)} of {logged} logged days "
        "(walking-induced leg pain relieved by sitting/flexion, not by standing still)"
    )
    return [
        make_finding(
            NEUROGENIC_CLAUDICATION, side=None, dates=dates, summary=summary, clinician=clinician
        )
    ]


def rule_vascular_claudication_pattern(journal: Journal) -> list[Finding]:
    dates = [
        day.date
        for day in journal.days
        if day.walking_brings_leg_pain
        and day.standing_still_relieves_leg_pain
        and day.symptomatic_calf
    ]
    if len(dates) < CLAUDICATION_MIN_DAYS:
        return []
    logged = len(journal.days)
    summary = (
        f"Calf symptoms with leg pain on walking that eases on standing still, on "
        f"{len(dates)} of {logged} logged days"
    )
    clinician = (
        f"Calf claudication relieved by standing still on {len(dates)} of {logged} logged "
        "days: consider peripheral arterial disease (pulses, ABPI)"
    )
    return [
        make_finding(
            VASCULAR_CLAUDICATION_PATTERN,
            side=None,
            dates=dates,
            summary=summary,
            clinician=clinician,
        )
    ]
