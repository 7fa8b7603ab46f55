"""The patient's row as the lock of an entry write, and the source of its change numbers.

Writers of one patient queue on this row until they commit, so each batch decides
against settled state and the sync cursor never skips a change that commits late.
"""

from __future__ import annotations

import uuid

from django.db import connection

from journal.analysis_requests import ANALYSIS_GENERATION_BUMP
from journal.models import Patient
from journal.rows import rows_param


def patient_change_seq(*, patient_id: uuid.UUID) -> int:
    """The patient's latest change number, without a lock (nothing will be written)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT change_seq FROM journal_patient WHERE id = %s",
            [rows_param(Patient, "id", patient_id)],
        )
        return int(cursor.fetchone()[0])


def patient_reserve(*, patient_id: uuid.UUID, count: int) -> tuple[int, bool]:
    """In one statement: lock the patient's row until the batch commits, take `count`
    change numbers, and bump the analysis generation (the first half of the analysis
    mark: an analysis running now must run again). Answers the change number before them
    and whether an analysis is pending. A batch that ends up writing nothing rolls this
    back with the rest."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE journal_patient SET change_seq = change_seq + %s,"  # noqa: S608 (constants)
            f" {ANALYSIS_GENERATION_BUMP}"
            # The column itself, not `IS NOT NULL`: SQLite 3.40 answers that expression
            # wrongly in a RETURNING clause.
            " WHERE id = %s RETURNING change_seq, analysis_requested_at",
            [count, rows_param(Patient, "id", patient_id)],
        )
        change_seq, requested_at = cursor.fetchone()
    return int(change_seq) - count, requested_at is not None
