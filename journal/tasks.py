"""Celery tasks of the journal: they take ids, load what they need, and call a service.

All are idempotent (acks_late and reject_on_worker_lost are on globally, so a killed
worker's task runs again) and retried with backoff when the database hiccups.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence

from celery import Task, shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from config.celery import RETRY_ON_DATABASE_ERRORS
from journal import analysis, analysis_claims, reminders
from journal.models import Patient

logger = logging.getLogger(__name__)

# A write that lands during an analysis asks for another one; waiting a moment lets a
# burst of writes settle into a single re-run.
RERUN_COUNTDOWN_SECONDS = 2


def _chunks(ids: Iterator[uuid.UUID], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for patient_id in ids:
        chunk.append(str(patient_id))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@shared_task(bind=True, **RETRY_ON_DATABASE_ERRORS)  # type: ignore[untyped-decorator]
def analyse_patient(self: Task, patient_id: str) -> str:
    """Analyse one patient whose journal changed, if that is still pending and no other
    worker holds it."""
    pk = uuid.UUID(patient_id)
    if not Patient.objects.filter(pk=pk, analysis_requested_at__isnull=False).exists():
        return "nothing pending"
    analysed = analysis.flags_recompute_for_patients(
        patient_ids=[pk], claim_token=self.request.id or "", heartbeat=not self.request.is_eager
    )
    if not analysed:
        return "nothing to claim (done, or another worker holds it)"
    if analysis.patients_still_pending(patient_ids=[pk]):
        analyse_patient.apply_async((patient_id,), countdown=RERUN_COUNTDOWN_SECONDS)
        return "analysed; a write came in meanwhile, so once more"
    return "analysed"


@shared_task(bind=True, **RETRY_ON_DATABASE_ERRORS)  # type: ignore[untyped-decorator]
def analyse_patients_chunk(self: Task, patient_ids: Sequence[str]) -> int:
    """Analyse a chunk of patients with bulk loads (the sweeps fan out to this). A patient
    written to meanwhile gets an analysis of its own, as analyse_patient does."""
    pks = [uuid.UUID(patient_id) for patient_id in patient_ids]
    analysed = analysis.flags_recompute_for_patients(
        patient_ids=pks, claim_token=self.request.id or "", heartbeat=not self.request.is_eager
    )
    for pk in analysis.patients_still_pending(patient_ids=pks):
        analyse_patient.apply_async((str(pk),), countdown=RERUN_COUNTDOWN_SECONDS)
    return analysed


@shared_task(**RETRY_ON_DATABASE_ERRORS)  # type: ignore[untyped-decorator]
def sweep_pending_analyses(everything: bool = False) -> int:
    """Queue again the analyses whose worker died (a lease not renewed) or whose message
    was lost (a mark never claimed for minutes). Celery beat sends it every
    FOOTNOTE_SWEEP_SECONDS; `everything` (sent once the broker is back after an outage)
    takes every mark that no live worker holds, however fresh."""
    pending = (
        Patient.objects.filter(analysis_claims.analyses_stale(everything=everything))
        .order_by("analysis_requested_at")
        .values_list("pk", flat=True)
        .iterator(chunk_size=analysis.CHUNK_SIZE)
    )
    count = 0
    for chunk in _chunks(pending, analysis.CHUNK_SIZE):
        analysis_claims.analyses_stale_rearm(patient_ids=chunk, everything=everything)
        analyse_patients_chunk.delay(chunk)
        count += len(chunk)
    return count


@shared_task(**RETRY_ON_DATABASE_ERRORS)  # type: ignore[untyped-decorator]
def nightly_analysis() -> int:
    """Re-analyse everyone with recent entries, so flags resolve as time passes, and
    everyone whose flags an older rule version wrote (a deploy of new rules reaches them
    by the next night even if nobody runs `manage.py reanalyse`). Fans out chunked tasks
    instead of looping in this one, so any number of workers share it."""
    count = 0
    for chunk in _chunks(analysis.patients_for_nightly_analysis(), analysis.CHUNK_SIZE):
        analyse_patients_chunk.delay(chunk)
        count += len(chunk)
    return count


def reanalysis_fan_out() -> int:
    """Queue the analysis of every patient with entries, in chunks (manage.py reanalyse
    --fan-out). Returns how many patients were queued."""
    count = 0
    for chunk in _chunks(analysis.patients_with_entries(), analysis.CHUNK_SIZE):
        analyse_patients_chunk.delay(chunk)
        count += len(chunk)
    return count


@shared_task(**RETRY_ON_DATABASE_ERRORS)  # type: ignore[untyped-decorator]
def send_due_reminders() -> int:
    """Every minute (beat): claim the reminders due now, one task a subscription."""
    subscription_ids = reminders.reminders_claim_due(now=timezone.now())
    for subscription_id in subscription_ids:
        try:
            send_reminder.delay(subscription_id)
        except Exception:
            # Eager mode runs the send here and lets its last failure through: one
            # broken push service must not keep the others' reminders back.
            logger.exception("reminder to subscription %s failed", subscription_id)
    return len(subscription_ids)


@shared_task(  # type: ignore[untyped-decorator]
    autoretry_for=(reminders.PushDeliveryFailed, OperationalError, InterfaceError),
    retry_backoff=30,
    retry_backoff_max=15 * 60,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=reminders.PUSH_TIMEOUT_SECONDS * 3,
    time_limit=reminders.PUSH_TIMEOUT_SECONDS * 6,
)
def send_reminder(subscription_id: int) -> str:
    """Send one subscription its reminder; a push service that fails is tried again with
    backoff (30 s, 1 min, 2 min, … up to 15 min), the others wait for nothing."""
    return reminders.reminder_push_send(subscription_id=subscription_id)
