"""What the rules read, loaded in bulk: a chunk of patients costs the same few queries as one.

`analysis_inputs_load` gives each patient's window for the nightly sweep and the queue;
`day_entry_from_content` turns one validated entry (the API's shape) into the rules'
input, for the screen inside a write.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Max, Min, Q, TextField
from django.db.models.functions import Cast

from journal import rules
from journal.models import Entry, Event, Patient, Sign, Symptom
from journal.rules.thresholds import (
    FOOTWEAR_WINDOW_DAYS,
    RED_FLAG_LOOKBACK_DAYS,
    SPINAL_PROCEDURE_LOOKBACK_DAYS,
    WINDOW_DAYS,
)

# What the rules need before the latest entry date (rules/__init__.py): the footwear
# window (which also covers the screen's 14 days before the 14-day window), and the
# longest event look-back, from the window's first day.
ENTRY_LOOKBACK_DAYS = max(FOOTWEAR_WINDOW_DAYS, WINDOW_DAYS + RED_FLAG_LOOKBACK_DAYS)
EVENT_LOOKBACK_DAYS = SPINAL_PROCEDURE_LOOKBACK_DAYS + WINDOW_DAYS


def day_entry_from_content(content: dict[str, Any]) -> rules.DayEntry:
    """A validated entry (the API's shape) as the rules' input."""
    return rules.DayEntry(
        date=content["date"],
        symptoms=tuple(
            rules.SymptomReading(
                region=s["region"],
                side=s["side"],
                pain=s["pain"],
                numbness=s["numbness"],
                tingling=s["tingling"],
                part_of_day=s["part_of_day"] or "",
                qualities=tuple(s["qualities"]),
            )
            for s in content["symptoms"]
        ),
        signs=tuple(
            rules.SignReading(code=s["code"], side=s["side"] or None, count=s["count"])
            for s in content["signs"]
        ),
        footwear=tuple(content["footwear"]),
        walking_brings_leg_pain=content["walking_brings_leg_pain"],
        sitting_relieves_leg_pain=content["sitting_relieves_leg_pain"],
        standing_still_relieves_leg_pain=content.get("standing_still_relieves_leg_pain", False),
    )


@dataclasses.dataclass
class AnalysisInput:
    entries: list[rules.DayEntry]
    events: list[rules.PatientEvent]
    health_history: tuple[str, ...] = ()
    first_logged_on: datetime.date | None = None


def analysis_inputs_load(
    *, patient_ids: Sequence[uuid.UUID], as_of: datetime.date | None = None
) -> dict[uuid.UUID, AnalysisInput]:
    """Each patient's window, for any number of patients, in five queries.

    Every patient's window ends at their own latest entry; loading from the earliest such
    window start is harmless, because the rules ignore what lies before their window.
    """
    live = Q(entries__deleted_at__isnull=True)
    latest: dict[uuid.UUID, datetime.date] = {}
    inputs = {pid: AnalysisInput(entries=[], events=[]) for pid in patient_ids}
    for patient_id, history, first, last in (
        Patient.objects.filter(pk__in=patient_ids)
        .annotate(first=Min("entries__date", filter=live), last=Max("entries__date", filter=live))
        .filter(last__isnull=False)
        .values_list("pk", "health_history", "first", "last")
    ):
        latest[patient_id] = last
        inputs[patient_id].health_history = tuple(history or ())
        inputs[patient_id].first_logged_on = first
    if not latest:
        return inputs
    earliest_window_end = min(latest.values())
    entries_from = earliest_window_end - datetime.timedelta(days=ENTRY_LOOKBACK_DAYS)
    events_from = earliest_window_end - datetime.timedelta(days=EVENT_LOOKBACK_DAYS)

    rows = list(
        Entry.objects.filter(
            patient_id__in=list(latest), deleted_at__isnull=True, date__gte=entries_from
        )
        # Footwear as text, parsed once per distinct value: a nightly sweep reads hundreds
        # of thousands of rows holding a handful of distinct lists.
        .annotate(footwear_text=Cast("footwear", TextField()))
        .values_list(
            "id",
            "patient_id",
            "date",
            "footwear_text",
            "walking_brings_leg_pain",
            "sitting_relieves_leg_pain",
            "standing_still_relieves_leg_pain",
        )
    )
    symptoms: dict[uuid.UUID, list[rules.SymptomReading]] = defaultdict(list)
    signs: dict[uuid.UUID, list[rules.SignReading]] = defaultdict(list)
    for entry_id, region, side, pain, numb, tingle, part, qualities in (
        Symptom.objects.filter(
            entry__patient_id__in=list(latest),
            entry__deleted_at__isnull=True,
            entry__date__gte=entries_from,
        )
        .annotate(qualities_text=Cast("qualities", TextField()))
        .values_list(
            "entry_id",
            "region",
            "side",
            "pain",
            "numbness",
            "tingling",
            "part_of_day",
            "qualities_text",
        )
    ):
        symptoms[entry_id].append(
            rules.SymptomReading(region, side, pain, numb, tingle, part, _codes(qualities))
        )
    for entry_id, code, side, count in Sign.objects.filter(
        entry__patient_id__in=list(latest),
        entry__deleted_at__isnull=True,
        entry__date__gte=entries_from,
    ).values_list("entry_id", "code", "side", "count"):
        signs[entry_id].append(rules.SignReading(code, side or None, count))
    for entry_id, patient_id, date, footwear, walking, sitting, standing in rows:
        inputs[patient_id].entries.append(
            rules.DayEntry(
                date=date,
                symptoms=tuple(symptoms.get(entry_id, ())),
                signs=tuple(signs.get(entry_id, ())),
                footwear=_codes(footwear),
                walking_brings_leg_pain=walking,
                sitting_relieves_leg_pain=sitting,
                standing_still_relieves_leg_pain=standing,
            )
        )
    for patient_id, kind, site, side, date in Event.objects.filter(
        patient_id__in=list(latest), date__gte=events_from
    ).values_list("patient_id", "kind", "site", "side", "date"):
        inputs[patient_id].events.append(rules.PatientEvent(kind, site, side or None, date))
    return inputs


@functools.lru_cache(maxsize=256)
def _codes(text: str) -> tuple[str, ...]:
    """A stored JSON list of codes (footwear, qualities), parsed once per distinct value:
    a nightly sweep reads hundreds of thousands of rows holding a handful of lists."""
    return tuple(json.loads(text))
