"""Reads. Every patient-scoped query starts here and filters by owner, so isolation is
decided in one place and no view can forget it.

Entries are read as plain tuples and turned into dicts by hand: building ORM objects and
running DRF serializers dominate bulk reads (budgets.md), and the entry list must stay fast
and use a constant number of queries whatever the page size.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from journal.models import Entry, Event, Flag, Patient, Sign, Symptom

ENTRY_COLUMNS = (
    "id",
    "date",
    "footwear",
    "sitting_hours",
    "walking_minutes",
    "walking_brings_leg_pain",
    "sitting_relieves_leg_pain",
    "medications",
    "sleep_quality",
    "notes",
    "version",
    "updated_at",
    "deleted_at",
)
SYMPTOM_COLUMNS = ("entry_id", "region", "side", "part_of_day", "pain", "numbness", "tingling", "qualities")
SIGN_COLUMNS = ("entry_id", "code", "side", "count")


def _timestamp(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def patient_live_entries(*, patient: Patient) -> QuerySet[Entry]:
    return Entry.objects.filter(patient=patient, deleted_at__isnull=True)


def entry_get(*, patient: Patient, entry_id: uuid.UUID | str) -> Entry:
    """The patient's live entry, or 404 (also for another patient's id or a tombstone)."""
    entry = patient_live_entries(patient=patient).filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    return entry


def symptoms_and_signs_by_entry(
    entry_ids: Sequence[uuid.UUID],
) -> tuple[dict[uuid.UUID, list[dict[str, Any]]], dict[uuid.UUID, list[dict[str, Any]]]]:
    """Two queries, whatever the number of entries."""
    symptoms: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    signs: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    if not entry_ids:
        return symptoms, signs
    for entry_id, region, side, part, pain, numb, tingle, qualities in (
        Symptom.objects.filter(entry_id__in=entry_ids).order_by("id").values_list(*SYMPTOM_COLUMNS)
    ):
        symptoms[entry_id].append(
            {
                "region": region,
                "side": side,
                "part_of_day": part or None,
                "pain": pain,
                "numbness": numb,
                "tingling": tingle,
                "qualities": qualities,
            }
        )
    for entry_id, code, side, count in (
        Sign.objects.filter(entry_id__in=entry_ids).order_by("id").values_list(*SIGN_COLUMNS)
    ):
        signs[entry_id].append({"code": code, "side": side or None, "count": count})
    return symptoms, signs


def entry_rows_as_dicts(rows: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Turn ENTRY_COLUMNS tuples into the API's entry shape (tombstones included)."""
    rows = list(rows)
    symptoms, signs = symptoms_and_signs_by_entry([row[0] for row in rows if row[12] is None])
    result = []
    for (
        entry_id,
        date,
        footwear,
        sitting_hours,
        walking_minutes,
        walking_pain,
        sitting_relief,
        medications,
        sleep_quality,
        notes,
        version,
        updated_at,
        deleted_at,
    ) in rows:
        if deleted_at is not None:
            result.append(
                {
                    "id": str(entry_id),
                    "date": date.isoformat(),
                    "version": version,
                    "updated_at": _timestamp(updated_at),
                    "deleted": True,
                }
            )
            continue
        result.append(
            {
                "id": str(entry_id),
                "date": date.isoformat(),
                "symptoms": symptoms.get(entry_id, []),
                "signs": signs.get(entry_id, []),
                "footwear": footwear,
                "sitting_hours": sitting_hours,
                "walking_minutes": walking_minutes,
                "walking_brings_leg_pain": walking_pain,
                "sitting_relieves_leg_pain": sitting_relief,
                "medications": medications,
                "sleep_quality": sleep_quality,
                "notes": notes,
                "version": version,
                "updated_at": _timestamp(updated_at),
                "deleted": False,
            }
        )
    return result


def entries_dicts_by_ids(*, entry_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """Entries (live or tombstones) by id, for answers after a write. Three queries."""
    rows = Entry.objects.filter(pk__in=entry_ids).values_list(*ENTRY_COLUMNS)
    return {uuid.UUID(d["id"]): d for d in entry_rows_as_dicts(rows)}


def entry_dict(*, entry_id: uuid.UUID) -> dict[str, Any]:
    return entries_dicts_by_ids(entry_ids=[entry_id])[entry_id]


def entries_page(
    *,
    patient: Patient,
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    before: datetime.date | None,
    page_size: int,
) -> tuple[list[dict[str, Any]], datetime.date | None]:
    """A page of live entries, newest first, and the date to continue before (or None).

    Keyset pagination on the date (unique among a patient's live entries): no COUNT, no
    OFFSET, and a page costs the same deep in the history as at the top.
    """
    query = patient_live_entries(patient=patient)
    if date_from is not None:
        query = query.filter(date__gte=date_from)
    if date_to is not None:
        query = query.filter(date__lte=date_to)
    if before is not None:
        query = query.filter(date__lt=before)
    rows = list(query.order_by("-date").values_list(*ENTRY_COLUMNS)[: page_size + 1])
    next_before = rows[page_size - 1][1] if len(rows) > page_size else None
    return entry_rows_as_dicts(rows[:page_size]), next_before


def entries_changed_since(
    *, patient: Patient, after_seq: int, upto_seq: int, limit: int
) -> list[dict[str, Any]]:
    """Entries and tombstones whose change number is in (after_seq, upto_seq], oldest first."""
    rows = (
        Entry.objects.filter(patient=patient, change_seq__gt=after_seq, change_seq__lte=upto_seq)
        .order_by("change_seq")
        .values_list(*ENTRY_COLUMNS, "change_seq")[:limit]
    )
    rows = list(rows)
    dicts = entry_rows_as_dicts(row[:-1] for row in rows)
    for item, row in zip(dicts, rows, strict=True):
        item["_seq"] = row[-1]
    return dicts


def patient_events(*, patient: Patient) -> QuerySet[Event]:
    return Event.objects.filter(patient=patient)


def event_get(*, patient: Patient, event_id: uuid.UUID | str) -> Event:
    event = patient_events(patient=patient).filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event


def patient_flags(*, patient: Patient) -> QuerySet[Flag]:
    return Flag.objects.filter(patient=patient)


def flag_get(*, patient: Patient, flag_id: uuid.UUID | str) -> Flag:
    flag = patient_flags(patient=patient).filter(pk=flag_id).first()
    if flag is None:
        raise Http404
    return flag
