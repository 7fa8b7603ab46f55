"""Reports (the specialist's PDF) and the links that share them."""

from __future__ import annotations

import uuid
from typing import Any, NoReturn

from django.db import models
from django.db.models import F, Q

from journal.models import Patient

REPORT_STATUSES = ("pending", "generating", "ready", "failed")


def report_file_name(report: Report, filename: str) -> str:
    # Deterministic, so a task run twice replaces its file instead of leaving a second one.
    return f"reports/{report.patient_id}/{report.pk}.pdf"


class Report(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=12, default="pending")
    file = models.FileField(upload_to=report_file_name, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    size_bytes = models.PositiveIntegerField(null=True, blank=True)
    failure_reason = models.CharField(max_length=300, blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    # The id of the task message holding the claim: a redelivered message (its worker was
    # killed) keeps its id, so it may take its own claim back at once.
    claimed_by = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(status__in=REPORT_STATUSES), name="report_status_known"
            ),
        ]
        indexes = [
            models.Index(fields=["patient", "-created_at"], name="report_patient_created"),
            models.Index(fields=["status", "created_at"], name="report_status_created"),
        ]

    def __str__(self) -> str:
        return f"report {self.period_start}–{self.period_end} ({self.status})"


class Share(models.Model):
    """A link a specialist opens without an account. Only the token's SHA-256 is kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="shares")
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="share_expires_after_creation"
            ),
        ]

    def __str__(self) -> str:
        return f"share of {self.report_id} until {self.expires_at:%Y-%m-%d}"


class ShareAccess(models.Model):
    """One opening of a share link. Append-only: rows are never changed or removed one by
    one (they go only with the whole account)."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="accesses")
    at = models.DateTimeField(auto_now_add=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["share", "at"], name="shareaccess_share_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.ip}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("The share access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValueError("The share access log is append-only.")
