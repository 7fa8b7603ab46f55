"""Entry writes. Every entry write (POST, PUT, PATCH, DELETE and each sync item) goes
through `entries_apply_changes`, so the version rule, replay safety, tombstones and the
sync cursor behave the same whichever door a change comes in by.

The batch is decided in memory (`journal.entry_batch`, pure) against the stored state,
loaded and written in bulk by `journal.entry_writes`. Account, event and flag writes live
in `account_services`, `event_services` and `flag_services`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from journal import red_flag_screen, selectors
from journal.analysis_requests import (
    analysis_queue_on_commit,
    analysis_requested_write,
)
from journal.entries_postgresql import entries_create_new_postgresql
from journal.entry_batch import ApplyOutcome, Change, EntryBatch, Rejected, Upsert
from journal.entry_writes import batch_flush, entries_stored_load
from journal.local_dates import today_in_zone
from journal.models import Patient
from journal.patient_locks import patient_change_seq, patient_reserve
from journal.rows import writes_execute


def entries_apply_changes(*, patient: Patient, changes: Sequence[Change]) -> ApplyOutcome:
    """Apply a batch of entry changes for one patient, each standing alone: on PostgreSQL
    by the short way when every change is a new entry (`entries_postgresql`), otherwise
    (or when the short way declines) decided under the patient's row lock."""
    return entries_create_new_postgresql(patient=patient, changes=changes) or _entries_apply_locked(
        patient=patient, changes=changes
    )


def _entries_apply_locked(*, patient: Patient, changes: Sequence[Change]) -> ApplyOutcome:
    """Any batch, in one transaction:

    1. Lock the patient's row, take a change number for each change that may write, and
       bump the analysis generation (`patient_reserve`). A batch of refused changes only
       reads the change number.
    2. Load the entries the batch touches (by id, and the patient's live entries on its
       dates) with their symptoms and signs.
    3. Decide each change in order, in memory (`EntryBatch`).
    4. If anything changed: write it in bulk, and request an analysis (enqueued on
       commit) unless one was pending: a burst of writes coalesces into one analysis.
    5. Attach the stored entry to each conflict, for the client to choose.
    6. Run the red-flag rule over the days written, store its flags, answer them as alerts.
    7. If nothing changed (a replay, conflicts), roll back, giving back the change numbers
       and the analysis generation.
    """
    with transaction.atomic():
        now = timezone.now()
        reserved = sum(1 for change in changes if not isinstance(change, Rejected))
        if reserved:
            seq_before, analysis_pending = patient_reserve(patient_id=patient.pk, count=reserved)
        else:
            seq_before, analysis_pending = patient_change_seq(patient_id=patient.pk), True
        entry_ids = {c.entry_id for c in changes if c.entry_id is not None}
        dates = {c.content["date"] for c in changes if isinstance(c, Upsert)}
        today = today_in_zone(patient.timezone)
        batch = EntryBatch(
            patient_id=patient.pk,
            seq=seq_before,
            stored=entries_stored_load(patient_id=patient.pk, entry_ids=entry_ids, dates=dates),
            today=today,
            future_message=f"This date is in the future: today is {today} in {patient.timezone}.",
        )
        results = [batch.apply(change) for change in changes]
        wrote = batch.seq != seq_before
        if wrote:
            writes = batch_flush(batch, now)
            if not analysis_pending:
                writes.append(analysis_requested_write(patient_id=patient.pk, now=now))
            analysis_queue_on_commit(patient_id=patient.pk, was_pending=analysis_pending)
            writes_execute(writes)
        conflicting = {r.conflict_with for r in results if r.conflict_with is not None}
        if conflicting:
            servers = selectors.entries_dicts_by_ids(entry_ids=list(conflicting))
            for result in results:
                if result.conflict_with is not None:
                    result.server = servers[result.conflict_with]
        written = [s for s in batch.dirty() if not s.deleted]
        raised = red_flag_screen.screen_alerts_for_days(
            patient=patient, days=[(s.entry_id, s.content) for s in written if s.content]
        )
        if reserved and not wrote:
            # Last: no query may follow in a block marked for rollback.
            transaction.set_rollback(True)
    seq_after = seq_before + reserved if wrote else seq_before
    batch.attach_written_json(results)
    return ApplyOutcome(results=results, alerts=raised, seq_before=seq_before, seq_after=seq_after)


def entry_patch_merge(
    *, patient: Patient, entry_id: uuid.UUID, changes: dict[str, Any]
) -> dict[str, Any]:
    """A PATCH as the whole entry to validate: the stored entry (404 if it is not the
    patient's live entry) with the given fields over it. The id is the address's."""
    entry = selectors.entry_get(patient=patient, entry_id=entry_id)
    stored = selectors.entry_dict(entry_id=entry.pk)
    merged = {
        key: value
        for key, value in stored.items()
        if key not in ("id", "version", "updated_at", "deleted")
    }
    merged.update({key: value for key, value in changes.items() if key != "id"})
    return merged
