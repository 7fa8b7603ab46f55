"""Flag writes the patient asks for. (The rules' own flag writes are in `analysis`.)"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from journal.analysis_requests import analysis_request
from journal.models import Flag, FlagChange, Patient


def flag_acknowledge(*, flag: Flag) -> Flag:
    """The patient has seen it. The flag stays in reports; a resolved one stays resolved."""
    if flag.status == "active":
        with transaction.atomic():
            now = timezone.now()
            flag.status, flag.status_changed_at = "acknowledged", now
            flag.save(update_fields=["status", "status_changed_at", "updated_at"])
            FlagChange.objects.create(
                flag=flag, status="acknowledged", at=now, summary=flag.summary
            )
    return flag


def flags_recompute_request(*, patient: Patient) -> None:
    """Queue an analysis now, even if one is marked pending (its message may be lost)."""
    with transaction.atomic():
        analysis_request(patient_id=patient.pk, force=True)
