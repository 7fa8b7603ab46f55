"""Reads for reports: the owner's reports and shares, and a report's data in bulk."""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from journal.models import Entry, Event, Flag, Patient, Sign, Symptom, token_digest
from journal.questionnaire_selectors import answers_list
from journal.selectors import ENTRY_CONTENT_NAMES, one_or_404
from reports.models import Report, Share, ShareAccess
from reports.rendering import data as r


def patient_reports(*, patient: Patient) -> QuerySet[Report]:
    return Report.objects.filter(patient=patient)


def report_get(*, patient: Patient, report_id: uuid.UUID | str) -> Report:
    return one_or_404(patient_reports(patient=patient), report_id)


def report_shares(*, report: Report) -> QuerySet[Share]:
    return report.shares.order_by("-created_at").prefetch_related(
        Prefetch("accesses", queryset=ShareAccess.objects.order_by("-at"))
    )


def share_get(*, report: Report, share_id: uuid.UUID | str) -> Share:
    return one_or_404(report.shares.all(), share_id)


def share_live_by_token(*, token: str) -> Share | None:
    """The share for a token, if it still opens a ready report."""
    return (
        Share.objects.select_related("report")
        .filter(
            token_digest=token_digest(token),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            report__status="ready",
        )
        .first()
    )


def report_data_load(*, report: Report, generated_at: datetime.datetime) -> r.ReportData:
    """Everything the PDF shows, for any period, in seven queries."""
    patient = Patient.objects.get(pk=report.patient_id)
    start, end = report.period_start, report.period_end
    entries = list(
        Entry.objects.filter(
            patient=patient, deleted_at__isnull=True, date__gte=start, date__lte=end
        )
        .order_by("date")
        .values_list("id", *ENTRY_CONTENT_NAMES)
    )
    in_period = {
        "entry__patient": patient,
        "entry__deleted_at__isnull": True,
        "entry__date__gte": start,
        "entry__date__lte": end,
    }
    symptoms: dict[uuid.UUID, list[r.SymptomRecord]] = defaultdict(list)
    for entry_id, region, side, pain, numb, tingle, qualities, part in (
        Symptom.objects.filter(**in_period)
        .order_by("id")
        .values_list(
            "entry_id", "region", "side", "pain", "numbness", "tingling", "qualities", "part_of_day"
        )
    ):
        symptoms[entry_id].append(
            r.SymptomRecord(region, side, pain, numb, tingle, tuple(qualities), part)
        )
    signs: dict[uuid.UUID, list[r.SignRecord]] = defaultdict(list)
    for entry_id, code, side, count in (
        Sign.objects.filter(**in_period)
        .order_by("id")
        .values_list("entry_id", "code", "side", "count")
    ):
        signs[entry_id].append(r.SignRecord(code, side or None, count))
    days = tuple(
        r.DayRecord(
            date=date,
            symptoms=tuple(symptoms.get(entry_id, ())),
            signs=tuple(signs.get(entry_id, ())),
            footwear=tuple(footwear),
            sitting_hours=sitting,
            walking_minutes=walking,
            walking_brings_leg_pain=walking_pain,
            sitting_relieves_leg_pain=sitting_relief,
            standing_still_relieves_leg_pain=standing_relief,
            medications=tuple(
                r.MedicationRecord(m["name"], m.get("dose") or "", m.get("times"))
                for m in medications
            ),
            sleep_quality=sleep,
            notes=notes,
        )
        for (
            entry_id,
            date,
            footwear,
            sitting,
            walking,
            walking_pain,
            sitting_relief,
            standing_relief,
            medications,
            sleep,
            notes,
        ) in entries
    )
    events = tuple(
        r.EventRecord(date, kind, site, side or None, notes)
        for date, kind, site, side, notes in Event.objects.filter(
            patient=patient, date__gte=start, date__lte=end
        )
        .order_by("date", "created_at")
        .values_list("date", "kind", "site", "side", "notes")
    )
    # Flags whose evidence touches the period, whatever their status now.
    flags = tuple(
        r.FlagRecord(
            code=flag.code,
            title=flag.title,
            severity=flag.severity,
            side=flag.side or None,
            status=flag.status,
            first_detected_on=flag.first_detected_on,
            last_evidence_on=flag.last_evidence_on,
            evidence_dates=tuple(
                d
                for d in (datetime.date.fromisoformat(x) for x in flag.evidence_dates)
                if start <= d <= end
            ),
            summary=flag.summary,
            explanation=flag.explanation,
            first_evidence_on=flag.first_evidence_on,
            clinician_summary=flag.clinician_summary,
        )
        for flag in Flag.objects.filter(
            patient=patient, last_evidence_on__gte=start, first_detected_on__lte=end
        ).order_by("code", "side")
    )
    return r.ReportData(
        report_id=str(report.pk),
        patient_name=patient.display_name,
        birth_year=patient.birth_year,
        period_start=start,
        period_end=end,
        generated_at=generated_at,
        timezone=patient.timezone,
        days=days,
        events=events,
        flags=flags,
        health_history=tuple(patient.health_history or ()),
        check_scores=tuple(
            r.CheckScore(
                answer.authored_on,
                answer.instrument.title,
                score["name"],
                score["title"],
                score["value"],
                score.get("band", ""),
            )
            for answer in reversed(answers_list(patient=patient, date_from=start, date_to=end))
            for score in answer.scores
        ),
    )
