"""The in-memory decision of an entry batch: no database, no Django."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from journal.entry_batch import (
    CONFLICT,
    CREATED,
    DELETED,
    INVALID,
    NOT_FOUND,
    UNCHANGED,
    UPDATED,
    Delete,
    EntryBatch,
    Rejected,
    StoredEntry,
    Upsert,
    content_key,
)
from tests.support.purity import frameworks_in, run_fresh

PATIENT, OTHER = uuid.UUID(int=1), uuid.UUID(int=2)
DAY = datetime.date(2026, 3, 10)


def content(date: datetime.date = DAY, **changes: Any) -> dict[str, Any]:
    return {
        "date": date,
        "symptoms": [
            {
                "region": "calf",
                "side": "left",
                "part_of_day": "",
                "pain": 4,
                "numbness": False,
                "tingling": False,
                "qualities": ["aching"],
            }
        ],
        "signs": [],
        "footwear": ["regular"],
        "sitting_hours": None,
        "walking_minutes": 20,
        "walking_brings_leg_pain": False,
        "sitting_relieves_leg_pain": False,
        "standing_still_relieves_leg_pain": False,
        "medications": [],
        "sleep_quality": None,
        "notes": "",
        **changes,
    }


def stored(entry_id: uuid.UUID, *, owner: uuid.UUID = PATIENT, version: int = 1) -> StoredEntry:
    return StoredEntry(
        entry_id=entry_id,
        patient_id=owner,
        date=DAY,
        version=version,
        deleted=False,
        content=content(),
        stored_date=DAY,
    )


def batch(*entries: StoredEntry, seq: int = 10) -> EntryBatch:
    return EntryBatch(patient_id=PATIENT, seq=seq, stored={s.entry_id: s for s in entries})


def test_a_new_entry_is_created_with_the_next_change_number() -> None:
    decided = batch()
    result = decided.apply(Upsert(uuid.UUID(int=5), content(), None))
    assert (result.status, result.version) == (CREATED, 1)
    assert decided.seq == 11
    assert [s.entry_id for s in decided.dirty()] == [uuid.UUID(int=5)]


def test_a_second_entry_on_the_same_date_is_a_conflict_with_the_first() -> None:
    first = uuid.UUID(int=5)
    decided = batch(stored(first))
    result = decided.apply(Upsert(uuid.UUID(int=6), content(notes="other phone"), None))
    assert (result.status, result.conflict_with) == (CONFLICT, first)
    assert decided.seq == 10


def test_the_same_day_sent_again_is_unchanged_whatever_the_list_order() -> None:
    entry_id = uuid.UUID(int=5)
    existing = stored(entry_id)
    existing.content = content(footwear=["regular", "high_heels"])
    replay = content(footwear=["high_heels", "regular"])
    result = batch(existing).apply(Upsert(entry_id, replay, expected_version=None))
    assert (result.status, result.version) == (UNCHANGED, 1)


def test_an_update_needs_the_stored_version() -> None:
    entry_id = uuid.UUID(int=5)
    stale = batch(stored(entry_id, version=3)).apply(Upsert(entry_id, content(notes="x"), 2))
    fresh = batch(stored(entry_id, version=3)).apply(Upsert(entry_id, content(notes="x"), 3))
    assert stale.status == CONFLICT
    assert (fresh.status, fresh.version) == (UPDATED, 4)


def test_another_patients_id_looks_like_one_that_does_not_exist() -> None:
    foreign = uuid.UUID(int=7)
    decided = batch(stored(foreign, owner=OTHER))
    assert decided.apply(Upsert(foreign, content(), None)).status == NOT_FOUND
    assert decided.apply(Delete(foreign, None)).status == NOT_FOUND


def test_a_delete_frees_the_date_for_a_later_change_of_the_same_batch() -> None:
    old, new = uuid.UUID(int=5), uuid.UUID(int=6)
    decided = batch(stored(old))
    statuses = [
        decided.apply(Delete(old, 1)).status,
        decided.apply(Upsert(new, content(), None)).status,
        decided.apply(Delete(old, None)).status,
    ]
    assert statuses == [DELETED, CREATED, DELETED]
    assert decided.seq == 12


def test_a_rejected_change_is_answered_invalid_and_takes_no_change_number() -> None:
    decided = batch()
    result = decided.apply(Rejected(None, {"op": ["Use 'upsert' or 'delete'."]}))
    assert (result.status, decided.seq) == (INVALID, 10)


def test_content_key_reads_an_empty_side_or_part_of_day_as_stored_or_as_answered() -> None:
    as_stored = content(signs=[{"code": "foot_slap", "side": "", "count": None}])
    as_answered = content(
        symptoms=[{**as_stored["symptoms"][0], "part_of_day": None}],
        signs=[{"code": "foot_slap", "side": None, "count": None}],
    )
    assert content_key(as_stored) == content_key(as_answered)


def test_the_batch_decision_loads_no_django_module() -> None:
    modules = run_fresh(
        "import json, sys, journal.entry_batch; print(json.dumps(sorted(sys.modules)))"
    )
    assert frameworks_in(modules) == []
