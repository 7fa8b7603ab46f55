"""Writes for reports: request one, generate it (in the queue), share it by link."""

from __future__ import annotations

import contextlib
import datetime
import functools
import logging
import os
import secrets
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, transaction
from django.db import OperationalError as DatabaseOperationalError
from django.db.models import F, Q
from django.utils import timezone

from journal.analysis_claims import Heartbeat, claim_lease, unclaimed_stale_after
from journal.models import Patient, token_digest
from reports.models import Report, Share, ShareAccess, report_file_name
from reports.rendering import render_report_pdf
from reports.selectors import report_data_load

logger = logging.getLogger(__name__)

MAX_PERIOD_DAYS = 366
MAX_ATTEMPTS = 3


def report_request(
    *, patient: Patient, period_start: datetime.date, period_end: datetime.date
) -> Report:
    """Record a pending report and queue its generation once the row is committed."""
    with transaction.atomic():
        report = Report.objects.create(
            patient=patient, period_start=period_start, period_end=period_end
        )
        transaction.on_commit(lambda: report_enqueue(report_id=report.pk))
    return report


def report_enqueue(*, report_id: uuid.UUID) -> None:
    from celery.exceptions import Retry

    from config.celery import publish
    from reports.tasks import generate_report

    try:
        # The broker down: the report stays pending in the database, and is queued again
        # once the broker is back (config.celery.publish) or by the sweep.
        publish(lambda: generate_report.delay(str(report_id)), what=f"report {report_id}")
    except Retry as retry:
        # Eager mode only: a retry cannot wait inside the request. The claim lapses and
        # the sweep takes the report over.
        logger.warning("Report %s will be generated again: %s", report_id, retry)


def _claim_lapsed(now: datetime.datetime) -> Q:
    """Being drawn by a worker that stopped renewing its claim (it died)."""
    return Q(status="generating", started_at__lt=now - claim_lease())


def report_claim(*, report_id: uuid.UUID, claim_token: str = "") -> Report | None:
    """Take the report for generation, unless another worker holds a live claim or it is
    already done. A compare-and-set, not a lock. The claim is a lease: `started_at` is
    its stamp, renewed by the heartbeat while the report is drawn (report_generate), so
    a claim whose stamp is older than the lease belongs to a dead worker and may be taken
    over. `claim_token` (the task message's id) lets a redelivered message take back at
    once the claim its killed pool process left: only one copy of a message is ever out,
    the visibility timeout outlasting whatever a live worker holds."""
    now = timezone.now()
    claimable = Q(status="pending") | _claim_lapsed(now)
    if claim_token:
        claimable |= Q(status="generating", claimed_by=claim_token)
    claimed = Report.objects.filter(claimable, pk=report_id, attempts__lt=MAX_ATTEMPTS).update(
        status="generating", started_at=now, attempts=F("attempts") + 1, claimed_by=claim_token
    )
    if not claimed:
        return None
    return Report.objects.get(pk=report_id)


def _claim_renew(report_id: uuid.UUID, last: datetime.datetime, now: datetime.datetime) -> bool:
    renewed = Report.objects.filter(pk=report_id, status="generating", started_at=last).update(
        started_at=now
    )
    return renewed > 0


def report_generate(
    *,
    report_id: uuid.UUID,
    claim_token: str = "",
    invariant: bool = False,
    heartbeat: bool = False,
) -> str:
    """Render and store a claimed report. Returns what happened, for the task's log.
    `heartbeat` renews the claim while the report is drawn (a worker, not an eager run)."""
    report = report_claim(report_id=report_id, claim_token=claim_token)
    if report is None:
        _fail_if_out_of_attempts(report_id)
        return "not claimable (done, taken, or out of attempts)"
    assert report.started_at is not None  # the claim stamped it
    beat = Heartbeat(
        functools.partial(_claim_renew, report_id), claimed_at=report.started_at, enabled=heartbeat
    )
    try:
        with beat:
            data = report_data_load(report=report, generated_at=report.started_at)
            rendered = render_report_pdf(data, invariant=invariant)
    except (DatabaseOperationalError, InterfaceError):
        # The database hiccupped (a failover, a dropped connection): not the report's
        # fault. The claim goes back, this try not counted, and the task retries with
        # backoff. (If the database cannot hear that either, the lease lapses.)
        with contextlib.suppress(DatabaseOperationalError, InterfaceError):
            Report.objects.filter(
                pk=report_id, status="generating", started_at=beat.renewed_at, attempts__gt=0
            ).update(status="pending", started_at=None, attempts=F("attempts") - 1)
        raise
    except Exception as error:  # a rendering bug must not leave the report pending forever
        logger.exception("Report %s failed", report_id)
        Report.objects.filter(pk=report_id, status="generating").update(
            status="failed",
            failure_reason=f"{type(error).__name__}: {error}"[:300],
            finished_at=timezone.now(),
        )
        return "failed"
    if beat.lost:
        # This worker stalled past its lease and another took the report over: the file
        # and the row are the other's to write.
        return "claim lost: another worker took it over"
    # The model's upload_to name: one per report, so a rerun replaces the file it left.
    name = report_file_name(report, "")
    if default_storage.exists(name):
        default_storage.delete(name)
    stored_name = default_storage.save(name, ContentFile(rendered.pdf))
    finished = Report.objects.filter(
        pk=report_id, status="generating", started_at=beat.renewed_at
    ).update(
        status="ready",
        file=stored_name,
        pages=rendered.pages,
        size_bytes=len(rendered.pdf),
        finished_at=timezone.now(),
        failure_reason="",
    )
    if not finished and not Report.objects.filter(pk=report_id).exists():
        # The patient deleted their account while this report was being drawn: the
        # deletion could not know of this file, so the file goes now. (Another worker
        # that took the claim over writes the same name: only a report that is gone
        # loses its file here.)
        report_files_delete([stored_name])
        return "deleted meanwhile"
    return "ready"


def _fail_if_out_of_attempts(report_id: uuid.UUID) -> None:
    Report.objects.filter(
        Q(status="pending") | _claim_lapsed(timezone.now()),
        pk=report_id,
        attempts__gte=MAX_ATTEMPTS,
    ).update(
        status="failed",
        failure_reason="Generation was interrupted too many times.",
        finished_at=timezone.now(),
    )


def reports_stale(*, everything: bool = False) -> list[uuid.UUID]:
    """Reports whose worker died (a claim whose lease was not renewed) or whose message
    was lost (pending for minutes). `everything`: every pending report however fresh (the
    broker was down, so its message may never have been sent)."""
    now = timezone.now()
    pending = Q(status="pending")
    if not everything:
        pending &= Q(created_at__lt=now - unclaimed_stale_after())
    stale = pending | _claim_lapsed(now)
    return list(Report.objects.filter(stale).values_list("pk", flat=True)[:1000])


def share_create(*, report: Report, expires_in_days: int) -> tuple[Share, str]:
    """A new link; the token is returned once and only its digest is stored."""
    token = secrets.token_urlsafe(32)
    share = Share.objects.create(
        report=report,
        token_digest=token_digest(token),
        expires_at=timezone.now() + datetime.timedelta(days=expires_in_days),
    )
    return share, token


def share_revoke(*, share: Share) -> Share:
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
    return share


def share_access_record(*, share: Share, ip: str | None, user_agent: str) -> ShareAccess:
    return ShareAccess.objects.create(share=share, ip=ip or None, user_agent=user_agent[:300])


def report_files_of_patient(*, patient_id: uuid.UUID) -> list[str]:
    """The patient's report files, their rows locked until the caller's transaction ends:
    a report finishing meanwhile waits, then finds its row gone and removes its own file
    (report_generate)."""
    rows = Report.objects.select_for_update().filter(patient_id=patient_id)
    return [name for name in rows.values_list("file", flat=True) if name]


def report_files_delete(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
    # On local disk the per-patient folder would stay behind, named after the deleted
    # patient's id; object storage has no folders to remove.
    for folder in {os.path.dirname(name) for name in names}:
        with contextlib.suppress(NotImplementedError, OSError):
            os.rmdir(default_storage.path(folder))


def report_files_orphaned_delete() -> int:
    """Delete stored report files whose report no longer exists (a worker that died
    between storing a file and a deletion that could not see it): nothing a patient
    deleted stays on disk. A file's name is its report's id (report_file_name), so a
    report still being generated keeps its file. Returns how many files went."""
    try:
        folders, _ = default_storage.listdir("reports")
    except (FileNotFoundError, NotImplementedError):
        return 0
    removed = 0
    for folder in folders:
        _, files = default_storage.listdir(f"reports/{folder}")
        by_id: dict[uuid.UUID | None, str] = {}
        for filename in files:
            stem = os.path.splitext(filename)[0]
            try:
                by_id[uuid.UUID(stem)] = f"reports/{folder}/{filename}"
            except ValueError:
                continue  # not a report's file: not ours to judge
        existing = set(Report.objects.filter(pk__in=list(by_id)).values_list("pk", flat=True))
        orphans = [name for report_id, name in by_id.items() if report_id not in existing]
        report_files_delete(orphans)
        removed += len(orphans)
    return removed
