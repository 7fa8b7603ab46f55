"""The bridge between journal writes and the pattern rules.

The urgent rule runs inside the write so a red flag is answered at once; the rest of the
analysis is requested (a mark in the database) and done later in the queue.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from journal import rules
from journal.models import Patient


def day_entry_from_content(content: dict[str, Any]) -> rules.DayEntry:
    """A validated entry (the API's shape) as the rules' input."""
    return rules.DayEntry(
        date=content["date"],
        symptoms=tuple(
            rules.SymptomReading(
                region=s["region"],
                side=s["side"],
                pain=s["pain"],
                numbness=s["numbness"],
                tingling=s["tingling"],
                part_of_day=s["part_of_day"] or "",
            )
            for s in content["symptoms"]
        ),
        signs=tuple(
            rules.SignReading(code=s["code"], side=s["side"] or None, count=s["count"])
            for s in content["signs"]
        ),
        footwear=tuple(content["footwear"]),
        walking_brings_leg_pain=content["walking_brings_leg_pain"],
        sitting_relieves_leg_pain=content["sitting_relieves_leg_pain"],
    )


def finding_as_alert(finding: rules.Finding, flag_id: str | None = None) -> dict[str, Any]:
    return {
        "id": flag_id,
        "code": finding.code,
        "title": finding.title,
        "severity": finding.severity,
        "side": finding.side,
        "summary": finding.summary,
        "explanation": finding.explanation,
        "dates": [d.isoformat() for d in finding.evidence_dates],
    }


def urgent_alerts_for_days(
    *, patient: Patient, days: list[tuple[uuid.UUID, dict[str, Any]]]
) -> list[dict[str, Any]]:
    """The red-flag rule over the days just written, as alerts for the answer."""
    if not days:
        return []
    findings = rules.urgent_findings(day_entry_from_content(content) for _, content in days)
    return [finding_as_alert(finding) for finding in findings]


def analysis_request(*, patient_id: uuid.UUID) -> None:
    """Mark the patient as needing analysis (call inside the write's transaction)."""
    Patient.objects.filter(pk=patient_id).update(analysis_requested_at=timezone.now())
    analysis_request_on_commit(patient_id=patient_id)


def analysis_request_on_commit(*, patient_id: uuid.UUID) -> None:
    """Enqueue the analysis once the write is committed (never for a rolled-back one)."""
    transaction.on_commit(lambda: None)
