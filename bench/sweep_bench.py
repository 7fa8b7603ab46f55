"""The nightly analysis: patients per second per core against a raw read of the same rows.

Floor: one raw read, with the database driver, of exactly the rows the analysis loads
(entries, symptoms, signs and events of each patient's window), chunk by chunk. Measured:
`flags_recompute_for_patients` over the same chunks (load, all rules, flag writes), first
on a population without flags (every flag is new), then again (steady state: the nightly
case, evidence unchanged). One process, so the figures are per core.
"""

from __future__ import annotations

import datetime
import statistics
import time
import uuid
from typing import Any

from django.db import connection
from django.utils import timezone

from bench.population import population_ensure
from journal import analysis, analysis_inputs
from journal.models import Flag, FlagChange, Patient


def _chunks(ids: list[uuid.UUID], size: int) -> list[list[uuid.UUID]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


RAW_READ = [
    """SELECT p.id, p.health_history FROM journal_patient p WHERE p.id = ANY(%(ids)s)""",
    """SELECT e.id, e.patient_id, e.date, e.footwear, e.walking_brings_leg_pain,
              e.sitting_relieves_leg_pain, e.standing_still_relieves_leg_pain
         FROM journal_entry e
        WHERE e.patient_id = ANY(%(ids)s) AND e.deleted_at IS NULL AND e.date >= %(since)s""",
    """SELECT s.entry_id, s.region, s.side, s.pain, s.numbness, s.tingling, s.part_of_day,
              s.qualities
         FROM journal_symptom s JOIN journal_entry e ON e.id = s.entry_id
        WHERE e.patient_id = ANY(%(ids)s) AND e.deleted_at IS NULL AND e.date >= %(since)s""",
    """SELECT g.entry_id, g.code, g.side, g.count
         FROM journal_sign g JOIN journal_entry e ON e.id = g.entry_id
        WHERE e.patient_id = ANY(%(ids)s) AND e.deleted_at IS NULL AND e.date >= %(since)s""",
    """SELECT patient_id, kind, site, side, date FROM journal_event
        WHERE patient_id = ANY(%(ids)s) AND date >= %(events_since)s""",
]


def _raw_read(chunks: list[list[uuid.UUID]], today: datetime.date) -> tuple[float, int]:
    since = today - datetime.timedelta(days=analysis_inputs.ENTRY_LOOKBACK_DAYS)
    events_since = today - datetime.timedelta(days=analysis_inputs.EVENT_LOOKBACK_DAYS)
    rows = 0
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for chunk in chunks:
            params = {"ids": chunk, "since": since, "events_since": events_since}
            for query in RAW_READ:
                cursor.execute(query, params)
                rows += len(cursor.fetchall())
    return time.perf_counter() - started, rows


def _sweep(chunks: list[list[uuid.UUID]]) -> float:
    started = time.perf_counter()
    for chunk in chunks:
        analysis.flags_recompute_for_patients(patient_ids=chunk)
    return time.perf_counter() - started


def run(*, patients: int = 10_000) -> dict[str, Any]:
    today = timezone.now().date()
    ids = population_ensure(patients=patients, today=today)
    chunks = _chunks(ids, analysis.CHUNK_SIZE)
    FlagChange.objects.all().delete()
    Flag.objects.all().delete()
    _raw_read(chunks, today)  # warm the cache for both sides alike
    floor_seconds, rows = min(_raw_read(chunks, today) for _ in range(3))
    first_seconds = _sweep(chunks)
    flags = Flag.objects.count()
    steady_seconds = min(_sweep(chunks) for _ in range(2))
    singles = []
    for patient_id in ids[:50]:
        Patient.objects.filter(pk=patient_id).update(analysis_requested_at=timezone.now())
        started = time.perf_counter()
        analysis.flags_recompute_for_patients(patient_ids=[patient_id])
        singles.append(time.perf_counter() - started)
    return {
        "patients": len(ids),
        "rows_read": rows,
        "flags": flags,
        "floor_raw_read_s": round(floor_seconds, 3),
        "floor_patients_per_s": round(len(ids) / floor_seconds),
        "first_sweep_s": round(first_seconds, 3),
        "first_sweep_patients_per_s": round(len(ids) / first_seconds),
        "steady_sweep_s": round(steady_seconds, 3),
        "steady_sweep_patients_per_s": round(len(ids) / steady_seconds),
        "ratio_steady_vs_raw_read": round(steady_seconds / floor_seconds, 2),
        "ratio_first_vs_raw_read": round(first_seconds / floor_seconds, 2),
        "single_patient_analysis_ms_median": round(statistics.median(singles) * 1000, 2),
    }
