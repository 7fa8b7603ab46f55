"""The database side of an entry batch: load the stored state it decides against, and
turn its decision into rows (`journal.rows` runs them).

A batch loads in a constant number of queries and writes in bulk: the largest sync
(settings.FOOTNOTE_SYNC_MAX_CHANGES) costs a handful of statements, not thousands.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from journal.entry_batch import EntryBatch, StoredEntry
from journal.models import Entry, Sign, Symptom
from journal.rows import Write, rows_insert_writes, rows_param, rows_select
from journal.selectors import (
    ENTRY_CONTENT_NAMES,
    SIGN_COLUMNS,
    SYMPTOM_COLUMNS,
    entry_as_dict,
    entry_payload,
    symptoms_and_signs_by_entry,
)

EMPTY_CONTENT: dict[str, Any] = {
    "footwear": [],
    "sitting_hours": None,
    "walking_minutes": None,
    "walking_brings_leg_pain": False,
    "sitting_relieves_leg_pain": False,
    "standing_still_relieves_leg_pain": False,
    "medications": [],
    "sleep_quality": None,
    "notes": "",
}
# The columns an entry write sets, after its id, owner and creation time.
ENTRY_WRITE_NAMES = (
    *ENTRY_CONTENT_NAMES,
    "version",
    "change_seq",
    "updated_at",
    "deleted_at",
    "payload",
)


def placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def entries_stored_load(
    *, patient_id: uuid.UUID, entry_ids: set[uuid.UUID], dates: set[datetime.date]
) -> dict[uuid.UUID, StoredEntry]:
    """The entries a batch may touch: by id (any owner, to detect foreign ids) and the
    patient's live entries on the dates it writes, with the symptoms and signs of the
    patient's live ones. One query for a new entry, two at most."""
    conditions, params = [], []
    if entry_ids:
        conditions.append(f"id IN ({placeholders(len(entry_ids))})")
        params += [rows_param(Entry, "id", entry_id) for entry_id in entry_ids]
    if dates:
        conditions.append(
            f"(patient_id = %s AND deleted_at IS NULL AND date IN ({placeholders(len(dates))}))"
        )
        params += [rows_param(Entry, "patient_id", patient_id)]
        params += [rows_param(Entry, "date", date) for date in dates]
    if not conditions:
        return {}
    rows = rows_select(
        Entry,
        ("id", "patient_id", "version", "deleted_at", *ENTRY_CONTENT_NAMES),
        " OR ".join(conditions),
        params,
    )
    own_live = [row[0] for row in rows if row[1] == patient_id and row[3] is None]
    # In the API's shape, which the batch compares as stored (entry_batch.content_key).
    symptoms, signs = symptoms_and_signs_by_entry(own_live)
    stored = {}
    for entry_id, owner, version, deleted_at, *scalars in rows:
        content = None
        if deleted_at is None and owner == patient_id:
            content = dict(zip(ENTRY_CONTENT_NAMES, scalars, strict=True))
            content["symptoms"] = symptoms.get(entry_id, [])
            content["signs"] = signs.get(entry_id, [])
        stored[entry_id] = StoredEntry(
            entry_id=entry_id,
            patient_id=owner,
            date=scalars[0],
            version=version,
            deleted=deleted_at is not None,
            content=content,
            stored_date=scalars[0],
            stored_deleted=deleted_at is not None,
        )
    return stored


def _entry_row(stored: StoredEntry, now: datetime.datetime) -> tuple[Any, ...]:
    """The entry's ENTRY_WRITE_NAMES values. Keeps the payload (the entry in the API's
    shape, as JSON) on `stored`: a single write answers with it as it is."""
    content = stored.content or {**EMPTY_CONTENT, "date": stored.date}
    stored.payload = ""
    if not stored.deleted and stored.content is not None:
        stored.payload = entry_payload(
            entry_as_dict(
                entry_id=stored.entry_id,
                content=stored.content,
                version=stored.version,
                updated_at=now,
            )
        )
    return (
        *(content[name] for name in ENTRY_CONTENT_NAMES),
        stored.version,
        stored.seq,
        now,
        now if stored.deleted else None,
        stored.payload,
    )


def batch_flush(batch: EntryBatch, now: datetime.datetime) -> list[Write]:
    """Write the batch's changes to entries that exist (now) and return the INSERTs of its
    new rows, for the caller to run together with the patient's update."""
    dirty = batch.dirty()
    if not dirty:
        return []
    existing = [s for s in dirty if not s.is_new]
    # Entries that move to another date, come back from a tombstone or become one are
    # first parked as tombstones, which the one-live-entry-per-date index ignores: then a
    # single UPDATE can bring every entry to its final date without tripping over an order
    # of rows (an entry deleted in the batch still holds its date until it is parked).
    moving = [
        s
        for s in existing
        if s.deleted != s.stored_deleted or (not s.deleted and s.date != s.stored_date)
    ]
    if moving:
        Entry.objects.filter(pk__in=[s.entry_id for s in moving]).update(deleted_at=now)
    if existing:
        objects = []
        for stored in existing:
            entry = Entry(pk=stored.entry_id, patient_id=batch.patient_id)
            for name, value in zip(ENTRY_WRITE_NAMES, _entry_row(stored, now), strict=True):
                setattr(entry, name, value)
            objects.append(entry)
        Entry.objects.bulk_update(objects, ENTRY_WRITE_NAMES, batch_size=250)
        replaced = [s.entry_id for s in existing]
        Symptom.objects.filter(entry_id__in=replaced).delete()
        Sign.objects.filter(entry_id__in=replaced).delete()
    inserts: list[Write] = []
    created = [s for s in dirty if s.is_new]
    if created:
        inserts += rows_insert_writes(
            Entry,
            ("id", "patient_id", "created_at", *ENTRY_WRITE_NAMES),
            [(s.entry_id, batch.patient_id, now, *_entry_row(s, now)) for s in created],
        )
    live = [(s.entry_id, s.content) for s in dirty if not s.deleted and s.content is not None]
    inserts += rows_insert_writes(
        Symptom,
        SYMPTOM_COLUMNS,
        [
            (
                entry_id,
                symptom["region"],
                symptom["side"],
                symptom["part_of_day"] or "",
                symptom["pain"],
                symptom["numbness"],
                symptom["tingling"],
                symptom["qualities"],
            )
            for entry_id, content in live
            for symptom in content["symptoms"]
        ],
    )
    inserts += rows_insert_writes(
        Sign,
        SIGN_COLUMNS,
        [
            (entry_id, sign["code"], sign["side"] or "", sign["count"])
            for entry_id, content in live
            for sign in content["signs"]
        ],
    )
    return inserts
