"""Report generation in the queue (idempotent: claimed with a compare-and-set)."""

from __future__ import annotations

import uuid

from celery import Task, shared_task

from config.celery import RETRY_ON_DATABASE_ERRORS
from reports import services


@shared_task(bind=True, **RETRY_ON_DATABASE_ERRORS)  # type: ignore[untyped-decorator]
def generate_report(self: Task, report_id: str) -> str:
    return services.report_generate(
        report_id=uuid.UUID(report_id),
        claim_token=self.request.id or "",
        heartbeat=not self.request.is_eager,
    )


@shared_task(**RETRY_ON_DATABASE_ERRORS)  # type: ignore[untyped-decorator]
def sweep_stale_reports(everything: bool = False) -> int:
    """Queue again the reports whose worker died (a claim not renewed) or whose message
    was lost. Celery beat sends it every FOOTNOTE_SWEEP_SECONDS; `everything` (sent once
    the broker is back after an outage) takes every pending report, however fresh. A
    report queued twice is drawn once: the second message finds nothing to claim."""
    stale = services.reports_stale(everything=everything)
    for report_id in stale:
        generate_report.delay(str(report_id))
    return len(stale)


@shared_task(**RETRY_ON_DATABASE_ERRORS)  # type: ignore[untyped-decorator]
def remove_orphan_report_files() -> int:
    """Delete report files whose report is gone (the safety net of account deletion)."""
    return services.report_files_orphaned_delete()
