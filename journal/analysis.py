"""The bridge between the journal and the pattern rules.

- The cauda equina screen (the red flag and its warning) runs inside every entry write,
  over the written days and the stored days of the 14 before each, so an urgent pattern
  is answered at once (`journal.red_flag_screen`).
- Everything else is requested with a mark in the database (`journal.analysis_requests`)
  and done in the queue (`journal.tasks`) by a worker that claims the mark with a lease
  (`journal.analysis_claims`): a lost broker message or a dead worker only delays the
  work, because a periodic sweep picks up marks never claimed for too long and leases
  that were not renewed.
- Analysis input is loaded in bulk: a chunk of patients costs the same few queries as one.
"""

from __future__ import annotations

import datetime
import functools
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from journal import rules
from journal.analysis_claims import (
    Heartbeat,
    analysis_claim,
    analysis_claim_release,
    analysis_claim_renew,
)
from journal.analysis_inputs import analysis_inputs_load
from journal.flag_storage import FlagPlan, flags_plan, flags_plan_execute
from journal.models import Entry, Flag, Patient

logger = logging.getLogger(__name__)

# The nightly sweep re-analyses everyone with an entry this recent (rules.md).
RECENT_ACTIVITY_DAYS = 30
CHUNK_SIZE = 500


def flags_recompute_for_patients(
    *, patient_ids: Sequence[uuid.UUID], claim_token: str = "", heartbeat: bool = False
) -> int:
    """Run every rule for these patients and bring their flags in line. Returns how many
    patients were analysed: those whose pending analysis this run claimed, and those with
    nothing pending (the nightly run); a patient whose analysis another live worker holds
    is left to it. Idempotent: a second run with the same journal writes nothing.

    `heartbeat` renews the claim while the rules run (a worker, not an eager run), so a
    worker that dies loses it within the lease; `claim_token` is the task message's id
    (journal.analysis_claims).
    """
    claim = analysis_claim(patient_ids=patient_ids, claim_token=claim_token)
    with Heartbeat(
        functools.partial(analysis_claim_renew, claim),
        claimed_at=claim.claimed_at,
        enabled=heartbeat and bool(claim.generations),
    ) as beat:
        inputs = analysis_inputs_load(patient_ids=claim.patient_ids)
        now = timezone.now()
        plan = FlagPlan()
        with transaction.atomic():
            existing: dict[uuid.UUID, list[Flag]] = defaultdict(list)
            for flag in Flag.objects.select_for_update().filter(patient_id__in=list(inputs)):
                existing[flag.patient_id].append(flag)
            for patient_id, data in inputs.items():
                findings = rules.analyse(
                    data.entries,
                    data.events,
                    health_history=data.health_history,
                    first_logged_on=data.first_logged_on,
                )
                flags_plan(
                    patient_id=patient_id,
                    existing=existing.get(patient_id, ()),
                    findings=findings,
                    now=now,
                    plan=plan,
                    resolve_missing=True,
                )
            flags_plan_execute(plan)
    analysis_claim_release(claim, beat.renewed_at)
    return len(claim.patient_ids)


def patients_for_nightly_analysis() -> Iterator[uuid.UUID]:
    """Everyone with an entry in the last 30 days, and everyone with a flag written by an
    older rule version, each once, in id order (streamed)."""
    # One extra day covers patients whose "today" is ahead of the server's.
    since = timezone.now().date() - datetime.timedelta(days=RECENT_ACTIVITY_DAYS + 1)
    recent = Entry.objects.filter(date__gte=since, deleted_at__isnull=True).values("patient_id")
    outdated = Flag.objects.exclude(rule_version=rules.RULE_VERSION).values("patient_id")
    return (
        Patient.objects.filter(Q(pk__in=recent) | Q(pk__in=outdated))
        .order_by("pk")
        .values_list("pk", flat=True)
        .iterator(chunk_size=CHUNK_SIZE)
    )


def patients_with_entries() -> Iterator[uuid.UUID]:
    """Every patient with a live entry, in id order (streamed): a re-analysis on deploy."""
    live = Entry.objects.filter(deleted_at__isnull=True).values("patient_id")
    return (
        Patient.objects.filter(pk__in=live)
        .order_by("pk")
        .values_list("pk", flat=True)
        .iterator(chunk_size=CHUNK_SIZE)
    )


def patients_still_pending(*, patient_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    return list(
        Patient.objects.filter(pk__in=patient_ids, analysis_requested_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
