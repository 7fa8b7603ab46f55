"""The bridge between the journal and the pattern rules.

- The red-flag rule runs inside every entry write, so an urgent pattern is answered at
  once (`urgent_alerts_for_days`).
- Everything else is requested with a mark in the database (`journal.analysis_requests`)
  and done in the queue (`journal.tasks`): a lost broker message only delays the work, because a
  periodic sweep picks up marks that have waited too long.
- Analysis input is loaded in bulk: a chunk of patients costs the same few queries as one.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import logging
import operator
import uuid
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from journal import rules
from journal.models import Entry, Event, Flag, FlagChange, Patient, Sign, Symptom
from journal.rules.thresholds import WINDOW_DAYS

logger = logging.getLogger(__name__)

# What the rules need before the latest entry date (rules/__init__.py): the footwear
# window and the longest event look-back.
ENTRY_LOOKBACK_DAYS = 28
EVENT_LOOKBACK_DAYS = 90
# The nightly sweep re-analyses everyone with an entry this recent (rules.md).
RECENT_ACTIVITY_DAYS = 30
CHUNK_SIZE = 500
# A mark older than this has lost its message (or its worker): the sweep takes it.
STALE_REQUEST = datetime.timedelta(minutes=3)


# --- Input ----------------------------------------------------------------------------


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


@dataclasses.dataclass
class AnalysisInput:
    entries: list[rules.DayEntry]
    events: list[rules.PatientEvent]


def analysis_inputs_load(
    *, patient_ids: Sequence[uuid.UUID], as_of: datetime.date | None = None
) -> dict[uuid.UUID, AnalysisInput]:
    """Each patient's window, for any number of patients, in five queries.

    Every patient's window ends at their own latest entry; loading from the earliest such
    window start is harmless, because the rules ignore what lies before their window.
    """
    latest = dict(
        Entry.objects.filter(patient_id__in=patient_ids, deleted_at__isnull=True)
        .values("patient_id")
        .annotate(latest=Max("date"))
        .values_list("patient_id", "latest")
    )
    inputs = {pid: AnalysisInput(entries=[], events=[]) for pid in patient_ids}
    if not latest:
        return inputs
    earliest_window_end = min(latest.values())
    entries_from = earliest_window_end - datetime.timedelta(days=ENTRY_LOOKBACK_DAYS)
    events_from = earliest_window_end - datetime.timedelta(days=EVENT_LOOKBACK_DAYS)

    rows = list(
        Entry.objects.filter(
            patient_id__in=list(latest), deleted_at__isnull=True, date__gte=entries_from
        )
        # Footwear as text, parsed once per distinct value: a nightly sweep reads hundreds
        # of thousands of rows holding a handful of distinct lists.
        .annotate(footwear_text=Cast("footwear", TextField()))
        .values_list(
            "id",
            "patient_id",
            "date",
            "footwear_text",
            "walking_brings_leg_pain",
            "sitting_relieves_leg_pain",
        )
    )
    symptoms: dict[uuid.UUID, list[rules.SymptomReading]] = defaultdict(list)
    signs: dict[uuid.UUID, list[rules.SignReading]] = defaultdict(list)
    for entry_id, region, side, pain, numb, tingle, part in Symptom.objects.filter(
        entry__patient_id__in=list(latest),
        entry__deleted_at__isnull=True,
        entry__date__gte=entries_from,
    ).values_list("entry_id", "region", "side", "pain", "numbness", "tingling", "part_of_day"):
        symptoms[entry_id].append(rules.SymptomReading(region, side, pain, numb, tingle, part))
    for entry_id, code, side, count in Sign.objects.filter(
        entry__patient_id__in=list(latest),
        entry__deleted_at__isnull=True,
        entry__date__gte=entries_from,
    ).values_list("entry_id", "code", "side", "count"):
        signs[entry_id].append(rules.SignReading(code, side or None, count))
    for entry_id, patient_id, date, footwear, walking, sitting in rows:
        inputs[patient_id].entries.append(
            rules.DayEntry(
                date=date,
                symptoms=tuple(symptoms.get(entry_id, ())),
                signs=tuple(signs.get(entry_id, ())),
                footwear=_footwear(footwear),
                walking_brings_leg_pain=walking,
                sitting_relieves_leg_pain=sitting,
            )
        )
    for patient_id, kind, site, side, date in Event.objects.filter(
        patient_id__in=list(latest), date__gte=events_from
    ).values_list("patient_id", "kind", "site", "side", "date"):
        inputs[patient_id].events.append(rules.PatientEvent(kind, site, side or None, date))
    return inputs


@functools.lru_cache(maxsize=256)
def _footwear(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


# --- Flags from findings --------------------------------------------------------------


def _apply_finding(flag: Flag, finding: rules.Finding, *, merge: bool) -> bool:
    """Copy a finding's evidence onto a flag; True when anything changed."""
    dates = [d.isoformat() for d in finding.evidence_dates]
    if merge:  # the write path sees one day; keep the evidence the analysis found
        dates = sorted(set(flag.evidence_dates) | set(dates))
    values = {
        "severity": finding.severity,
        "title": finding.title,
        "last_evidence_on": max(finding.last_evidence_on, flag.last_evidence_on)
        if merge
        else finding.last_evidence_on,
        "evidence_dates": dates,
        "summary": finding.summary,
        "explanation": finding.explanation,
        "rule_version": rules.RULE_VERSION,
    }
    changed = False
    for name, value in values.items():
        if getattr(flag, name) != value:
            setattr(flag, name, value)
            changed = True
    return changed


def _new_flag(patient_id: uuid.UUID, finding: rules.Finding, now: datetime.datetime) -> Flag:
    return Flag(
        patient_id=patient_id,
        code=finding.code,
        side=finding.side or "",
        severity=finding.severity,
        title=finding.title,
        status="active",
        first_detected_on=finding.first_evidence_on,
        last_evidence_on=finding.last_evidence_on,
        evidence_dates=[d.isoformat() for d in finding.evidence_dates],
        summary=finding.summary,
        explanation=finding.explanation,
        rule_version=rules.RULE_VERSION,
        status_changed_at=now,
        created_at=now,
        updated_at=now,
    )


@dataclasses.dataclass
class _FlagPlan:
    create: list[Flag] = dataclasses.field(default_factory=list)
    update: list[Flag] = dataclasses.field(default_factory=list)
    history: list[tuple[Flag, str]] = dataclasses.field(default_factory=list)


def _plan_flags(
    *,
    patient_id: uuid.UUID,
    existing: Iterable[Flag],
    findings: Iterable[rules.Finding],
    now: datetime.datetime,
    plan: _FlagPlan,
    resolve_missing: bool,
) -> list[Flag]:
    """Decide what to create, update and resolve; return the flags behind `findings`."""
    by_key = {(flag.code, flag.side): flag for flag in existing}
    found: list[Flag] = []
    for finding in findings:
        key = (finding.code, finding.side or "")
        flag = by_key.pop(key, None)
        if flag is None:
            flag = _new_flag(patient_id, finding, now)
            plan.create.append(flag)
            plan.history.append((flag, "active"))
        else:
            changed = _apply_finding(flag, finding, merge=not resolve_missing)
            if flag.status == "resolved":  # the pattern came back
                flag.status, flag.status_changed_at = "active", now
                flag.first_detected_on = finding.first_evidence_on
                plan.history.append((flag, "active"))
                changed = True
            if changed:
                flag.updated_at = now
                plan.update.append(flag)
        found.append(flag)
    if resolve_missing:
        for flag in by_key.values():
            if flag.status != "resolved":
                flag.status, flag.status_changed_at, flag.updated_at = "resolved", now, now
                plan.update.append(flag)
                plan.history.append((flag, "resolved"))
    return found


FLAG_UPDATE_FIELDS = [
    "severity",
    "title",
    "status",
    "first_detected_on",
    "last_evidence_on",
    "evidence_dates",
    "summary",
    "explanation",
    "rule_version",
    "status_changed_at",
    "updated_at",
]


def _execute(plan: _FlagPlan) -> None:
    if plan.create:
        Flag.objects.bulk_create(plan.create, batch_size=500)
    if plan.update:
        Flag.objects.bulk_update(plan.update, FLAG_UPDATE_FIELDS, batch_size=500)
    if plan.history:
        FlagChange.objects.bulk_create(
            [
                FlagChange(
                    flag_id=flag.pk, status=status, at=flag.status_changed_at, summary=flag.summary
                )
                for flag, status in plan.history
            ],
            batch_size=500,
        )


def flags_recompute_for_patients(*, patient_ids: Sequence[uuid.UUID]) -> int:
    """Run every rule for these patients and bring their flags in line. Returns how many
    patients were analysed. Idempotent: a second run with the same journal writes nothing.

    Each patient's mark is cleared only if no write came in since it was read, so a write
    during the analysis gets its own analysis.
    """
    marks = list(
        Patient.objects.filter(pk__in=patient_ids).values_list(
            "pk", "analysis_generation", "analysis_requested_at"
        )
    )
    inputs = analysis_inputs_load(patient_ids=[pk for pk, _, _ in marks])
    now = timezone.now()
    plan = _FlagPlan()
    with transaction.atomic():
        existing: dict[uuid.UUID, list[Flag]] = defaultdict(list)
        for flag in Flag.objects.select_for_update().filter(patient_id__in=list(inputs)):
            existing[flag.patient_id].append(flag)
        for patient_id, data in inputs.items():
            findings = rules.analyse(data.entries, data.events)
            _plan_flags(
                patient_id=patient_id,
                existing=existing.get(patient_id, ()),
                findings=findings,
                now=now,
                plan=plan,
                resolve_missing=True,
            )
        _execute(plan)
    # One statement clears every mark that no write has bumped since it was read.
    unchanged = [Q(pk=pk, analysis_generation=gen) for pk, gen, requested in marks if requested]
    if unchanged:
        Patient.objects.filter(functools.reduce(operator.or_, unchanged)).update(
            analysis_requested_at=None
        )
    return len(marks)


def patients_still_pending(*, patient_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    return list(
        Patient.objects.filter(pk__in=patient_ids, analysis_requested_at__isnull=False).values_list(
            "pk", flat=True
        )
    )


# --- Urgent, inside the write ---------------------------------------------------------


def flag_as_alert(flag: Flag) -> dict[str, Any]:
    return {
        "id": str(flag.pk),
        "code": flag.code,
        "title": flag.title,
        "severity": flag.severity,
        "side": flag.side or None,
        "summary": flag.summary,
        "explanation": flag.explanation,
        "dates": list(flag.evidence_dates),
    }


def urgent_findings_in_days(
    *, timezone_name: str, days: Sequence[dict[str, Any]]
) -> list[rules.Finding]:
    """The red-flag rule over days about to be written (no query)."""
    # An emergency is about now: a red-flag day synced months late from an old phone is
    # history for the analysis, not a reason to send someone to hospital today.
    today = datetime.datetime.now(zoneinfo.ZoneInfo(timezone_name)).date()
    recent_from = today - datetime.timedelta(days=WINDOW_DAYS - 1)
    recent = [content for content in days if content["date"] >= recent_from]
    if not recent:
        return []
    return list(rules.urgent_findings(day_entry_from_content(content) for content in recent))


def urgent_alerts_for_days(
    *, patient: Patient, days: list[tuple[uuid.UUID, dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Run the red-flag rule over the days just written (inside the write's transaction),
    store its flags, and return them as the answer's alerts."""
    findings = urgent_findings_in_days(
        timezone_name=patient.timezone, days=[content for _, content in days]
    )
    if not findings:
        return []
    now = timezone.now()
    plan = _FlagPlan()
    existing = Flag.objects.select_for_update().filter(
        patient=patient, code__in={finding.code for finding in findings}
    )
    flags = _plan_flags(
        patient_id=patient.pk,
        existing=existing,
        findings=findings,
        now=now,
        plan=plan,
        resolve_missing=False,
    )
    _execute(plan)
    return [flag_as_alert(flag) for flag in flags]
