"""A PostgreSQL optimisation of the entry write, for what most writes are: a phone saving
new days (new ids, free dates, no red flag).

The general way (`services.entries_apply_changes`) runs in a transaction: BEGIN, the
statement that locks the patient's row, the load, the writes, COMMIT. This way runs one
read and one statement that is atomic on its own, saving BEGIN, the lock statement and
COMMIT. Its commit (e45754a, "New entries on PostgreSQL: one read and one conditional
statement, no transaction round trips") measured that at about a tenth of a create's
CPU, on the path that carries the create's budget (budgets.md: `POST /api/v1/entries/`
>= 0.50x the trivial endpoint, aiming at 0.75x).

It decides nothing the general way would decide differently: whenever it is not sure,
it writes nothing and answers None, and the batch takes the general way.
"""

from __future__ import annotations

import contextlib
import datetime
import uuid
from collections.abc import Sequence

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from journal import red_flag_screen
from journal.analysis_requests import (
    analysis_mark_assignments,
    analysis_queue_on_commit,
)
from journal.entry_batch import ApplyOutcome, Change, EntryBatch, Upsert
from journal.entry_writes import batch_flush, placeholders
from journal.local_dates import today_in_zone
from journal.models import Entry, Patient
from journal.rows import Write, rows_param, writes_execute_if


def _patient_seq_and_taken(
    *, patient_id: uuid.UUID, entry_ids: set[uuid.UUID], dates: set[datetime.date]
) -> tuple[int, bool]:
    """The patient's change number and whether any of the ids (any owner's) or of the
    patient's live dates is taken, read in one snapshot. (Two EXISTS, not one with an OR:
    each is an index probe, where the OR made PostgreSQL scan the whole table.)"""
    patient_param = rows_param(Patient, "id", patient_id)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT change_seq,"  # noqa: S608 (only placeholders are added)
            f" EXISTS (SELECT FROM journal_entry WHERE id IN ({placeholders(len(entry_ids))}))"
            " OR EXISTS (SELECT FROM journal_entry WHERE patient_id = %s"
            f" AND deleted_at IS NULL AND date IN ({placeholders(len(dates))}))"
            " FROM journal_patient WHERE id = %s",
            [
                *(rows_param(Entry, "id", entry_id) for entry_id in entry_ids),
                patient_param,
                *(rows_param(Entry, "date", date) for date in dates),
                patient_param,
            ],
        )
        row = cursor.fetchone()
    return (0, True) if row is None else (int(row[0]), bool(row[1]))


def entries_create_new_postgresql(
    *, patient: Patient, changes: Sequence[Change]
) -> ApplyOutcome | None:
    """Write a batch of brand-new entries in one read and one statement, or answer None
    (having written nothing) for the general way to take the batch.

    1. Take only PostgreSQL, and batches of upserts with distinct ids and dates, none of
       them a red flag (the general way stores the urgent flags).
    2. Read the patient's change number and whether an id or a date is taken, without a
       lock. Taken: None.
    3. Decide the batch in memory against an empty stored state (every entry is new).
    4. One statement: advance the change number only from the number read (every entry
       write advances it) and mark the patient for analysis, then insert the rows only if
       that matched. If another write came first, nothing is written: None. If an id or a
       date was taken meanwhile, a unique index refuses the insert: None.
    5. Enqueue the analysis on commit if none was pending when the statement locked the
       row.
    """
    if connection.vendor != "postgresql" or not changes:
        return None
    upserts = [change for change in changes if isinstance(change, Upsert)]
    entry_ids = {change.entry_id for change in upserts}
    dates = {change.content["date"] for change in upserts}
    if not (len(upserts) == len(entry_ids) == len(dates) == len(changes)):
        return None
    if max(dates) > today_in_zone(patient.timezone):
        return None  # only a replay may carry such a date: the general way decides
    contents = [change.content for change in upserts]
    if red_flag_screen.screen_days_to_check(timezone_name=patient.timezone, days=contents):
        return None
    seq_before, taken = _patient_seq_and_taken(
        patient_id=patient.pk, entry_ids=entry_ids, dates=dates
    )
    if taken:
        return None
    now = timezone.now()
    batch = EntryBatch(patient_id=patient.pk, seq=seq_before, stored={})
    results = [batch.apply(change) for change in changes]
    mark, mark_params = analysis_mark_assignments(now, table="patient")
    patient_param = rows_param(Patient, "id", patient.pk)
    guard = Write(
        # `before` is the row as this statement locked it, so whether an analysis is
        # pending right now. (A plain self-join would read it as the statement began: if
        # an analysis finished while this waited for the lock, it would look pending and
        # the new mark would never be enqueued.)
        "UPDATE journal_patient AS patient SET change_seq = %s,"  # noqa: S608
        f" {mark} FROM (SELECT analysis_requested_at FROM journal_patient"
        " WHERE id = %s FOR UPDATE) AS before"
        " WHERE patient.id = %s AND patient.change_seq = %s"
        " RETURNING before.analysis_requested_at",
        [batch.seq, *mark_params, patient_param, patient_param, seq_before],
    )
    inserts = batch_flush(batch, now)
    try:
        with transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext():
            returned = writes_execute_if(guard, inserts)
    except IntegrityError:
        # Another process got there first: an id or a date was taken after the read.
        return None
    if returned is None:
        # Another process got there first: the change number moved after the read.
        return None
    (requested_before,) = returned
    analysis_queue_on_commit(patient_id=patient.pk, was_pending=requested_before is not None)
    batch.attach_written_json(results)
    return ApplyOutcome(results=results, alerts=[], seq_before=seq_before, seq_after=batch.seq)
