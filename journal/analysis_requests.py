"""Marking a patient for analysis: the one home of the mark and of its enqueueing.

A mark is two columns of the patient's row, set by every journal write (entries, events)
inside its transaction:

- `analysis_generation` goes up, so an analysis running now sees that the journal moved
  and runs again instead of clearing the mark (`flags_recompute_for_patients`);
- `analysis_requested_at` keeps the first request's time, which the sweep ages
  (`analysis.STALE_REQUEST`): a lost broker message only delays the work.

The write enqueues the analysis on commit only if no mark was pending before it, so a
burst of writes coalesces into one analysis. A write that finds a mark pending sends, on
commit, what this process owes from a broker outage (`analysis_queue_on_commit`): the
pending mark's message may never have gone.

The mark is spelled once, as SQL (`_GENERATION_BUMP`, `_REQUEST_KEEP_FIRST`), because the
entry write path runs it as plain statements: whole where the row is updated once
(`analysis_request`, the PostgreSQL short way), in halves in the locked entry write,
which bumps the generation when it locks the row and must read whether a mark was
pending before setting one (RETURNING gives the row after the update).
"""

from __future__ import annotations

import datetime
import logging
import uuid
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from config.celery import owed_work_send, publish, work_owed
from journal.models import Patient
from journal.rows import Write, rows_param

logger = logging.getLogger(__name__)

_GENERATION_BUMP = "analysis_generation = {table}analysis_generation + 1"
_REQUEST_KEEP_FIRST = "analysis_requested_at = COALESCE({table}analysis_requested_at, %s)"

# The generation half, for the statement that locks the patient's row in an entry write.
ANALYSIS_GENERATION_BUMP = _GENERATION_BUMP.format(table="")


def analysis_mark_assignments(now: datetime.datetime, *, table: str = "") -> tuple[str, list[Any]]:
    """The mark as the SET assignments of an UPDATE of journal_patient, with their
    parameters. `table` qualifies the columns read (an UPDATE ... FROM that has other
    columns of the same names needs it)."""
    qualifier = f"{table}." if table else ""
    assignments = ", ".join(
        (_GENERATION_BUMP.format(table=qualifier), _REQUEST_KEEP_FIRST.format(table=qualifier))
    )
    return assignments, [rows_param(Patient, "analysis_requested_at", now)]


def analysis_requested_write(*, patient_id: uuid.UUID, now: datetime.datetime) -> Write:
    """The request half of the mark, for the locked entry write to run with its other
    writes (it took the generation half when it locked the row)."""
    return Write(
        f"UPDATE journal_patient SET {_REQUEST_KEEP_FIRST.format(table='')}"  # noqa: S608
        " WHERE id = %s",
        [
            rows_param(Patient, "analysis_requested_at", now),
            rows_param(Patient, "id", patient_id),
        ],
    )


def analysis_request(*, patient_id: uuid.UUID, force: bool = False) -> None:
    """Mark the patient for analysis (inside the write's transaction), and enqueue it on
    commit unless an analysis is already pending. `force` enqueues anyway (an explicit
    recompute: the pending message may be lost)."""
    already_pending = (
        Patient.objects.select_for_update()
        .filter(pk=patient_id)
        .values_list("analysis_requested_at", flat=True)
        .get()
        is not None
    )
    assignments, params = analysis_mark_assignments(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE journal_patient SET {assignments} WHERE id = %s",  # noqa: S608 (constants)
            [*params, rows_param(Patient, "id", patient_id)],
        )
    analysis_queue_on_commit(patient_id=patient_id, was_pending=already_pending and not force)


def analysis_queue_on_commit(*, patient_id: uuid.UUID, was_pending: bool) -> None:
    """After a write marked the patient: on commit, enqueue the analysis unless a mark was
    pending before (a burst of writes coalesces into one analysis). A write that needs no
    message of its own still sends what this process owes since the broker was down: the
    pending mark's message may be the one that never went. That costs nothing when
    nothing is owed (a flag in memory)."""
    if not was_pending:
        transaction.on_commit(lambda: analysis_enqueue(patient_id=patient_id))
    elif work_owed():
        transaction.on_commit(owed_work_send)


def analysis_enqueue(*, patient_id: uuid.UUID) -> None:
    from journal.tasks import analyse_patient

    # The broker down: the mark stays in the database, and is queued again once the
    # broker is back (config.celery.publish) or by the sweep.
    publish(lambda: analyse_patient.delay(str(patient_id)), what=f"analysis of {patient_id}")
