"""Report generation in the queue (idempotent: claimed with a compare-and-set)."""

from __future__ import annotations

import uuid

from celery import Task, shared_task

from config.celery import RETRY_ON_DATABASE_ERRORS
from reports import services


@shared_task(bind=True, **RETRY_ON_DATABASE_ERRORS)  # type: ignore[untyped-decorator]
def generate_report(self: Task, report_id: str) -> str:
    return services.report_generate(
        report_id=uuid.UUID(report_id), claim_token=self.request.id or ""
    )


@shared_task(**RETRY_ON_DATABASE_ERRORS)  # type: ignore[untyped-decorator]
def sweep_stale_reports() -> int:
    """Queue again the reports whose message or worker was lost."""
    stale = services.reports_stale()
    for report_id in stale:
        generate_report.delay(str(report_id))
    return len(stale)


@shared_task(**RETRY_ON_DATABASE_ERRORS)  # type: ignore[untyped-decorator]
def remove_orphan_report_files() -> int:
    """Delete report files whose report is gone (the safety net of account deletion)."""
    return services.report_files_orphaned_delete()
