"""`neurogenic_claudication`: leg pain brought on by walking and eased by sitting.

3 or more logged days of the window with both `walking_brings_leg_pain` and
`sitting_relieves_leg_pain` (the lumbar spinal stenosis pattern). No side: the answers are
about the legs as a whole. As rules.md states it, no symptom readings are required: the
two answers are themselves the patient's report of leg pain.
"""

from __future__ import annotations

from journal.rules.catalogue import NEUROGENIC_CLAUDICATION
from journal.rules.days import Journal
from journal.rules.findings import make_finding
from journal.rules.thresholds import CLAUDICATION_MIN_DAYS
from journal.rules.types import Finding


def rule_neurogenic_claudication(journal: Journal) -> list[Finding]:
    dates = [
        day.date
        for day in journal.days
        if day.walking_brings_leg_pain and day.sitting_relieves_leg_pain
    ]
    if len(dates) < CLAUDICATION_MIN_DAYS:
        return []
    summary = (
        f"Leg pain on walking, eased by sitting or bending forward, on {len(dates)} of "
        f"{len(journal.days)} logged days"
    )
    return [make_finding(NEUROGENIC_CLAUDICATION, side=None, dates=dates, summary=summary)]
