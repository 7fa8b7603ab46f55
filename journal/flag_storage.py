"""Flags from findings: one flag per (patient, code, side), created, updated, resolved and
re-activated as the findings change (rules.md, "How the analysis runs" and "Lifecycle").

Used by the whole analysis (`journal.analysis`, which resolves what no longer holds) and
by the screen inside a write (`journal.red_flag_screen`, which only adds evidence).
Plans are made in memory and written in bulk, so a chunk of patients costs a few
statements.
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import Iterable

from journal import rules
from journal.models import Flag, FlagChange
from journal.rules.catalogue import CAUDA_EQUINA_RED_FLAG, CAUDA_EQUINA_WARNING

# Flags that stay until the patient acknowledges them (rules.md, lifecycle): an emergency
# is never cleared by time alone.
_PERSISTENT_SEVERITY = "urgent"


def _apply_finding(flag: Flag, finding: rules.Finding, *, merge: bool) -> bool:
    """Copy a finding's evidence onto a flag; True when anything changed."""
    dates = [d.isoformat() for d in finding.evidence_dates]
    if merge:  # the write path sees a few days; keep the evidence the analysis found
        dates = sorted(set(flag.evidence_dates) | set(dates))
    values = {
        "severity": finding.severity,
        "title": finding.title,
        "first_evidence_on": datetime.date.fromisoformat(dates[0]),
        "last_evidence_on": datetime.date.fromisoformat(dates[-1]),
        "evidence_dates": dates,
        "summary": finding.summary,
        "clinician_summary": finding.clinician_summary,
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
        first_evidence_on=finding.first_evidence_on,
        last_evidence_on=finding.last_evidence_on,
        evidence_dates=[d.isoformat() for d in finding.evidence_dates],
        summary=finding.summary,
        clinician_summary=finding.clinician_summary,
        explanation=finding.explanation,
        rule_version=rules.RULE_VERSION,
        status_changed_at=now,
        created_at=now,
        updated_at=now,
    )


@dataclasses.dataclass
class FlagPlan:
    create: list[Flag] = dataclasses.field(default_factory=list)
    update: list[Flag] = dataclasses.field(default_factory=list)
    history: list[tuple[Flag, str]] = dataclasses.field(default_factory=list)


def _without_superseded_warning(
    findings: Iterable[rules.Finding], existing: Iterable[Flag]
) -> list[rules.Finding]:
    """The cauda equina warning is not raised while the red flag is active: the red flag
    says more (rules.md). The red flag may be active from an earlier day, so the stored
    flags are asked as well as this run's findings."""
    findings = list(findings)
    red_flag_active = any(f.code == CAUDA_EQUINA_RED_FLAG for f in findings) or any(
        flag.code == CAUDA_EQUINA_RED_FLAG and flag.status == "active" for flag in existing
    )
    if not red_flag_active:
        return findings
    return [finding for finding in findings if finding.code != CAUDA_EQUINA_WARNING]


def flags_plan(
    *,
    patient_id: uuid.UUID,
    existing: Iterable[Flag],
    findings: Iterable[rules.Finding],
    now: datetime.datetime,
    plan: FlagPlan,
    resolve_missing: bool,
) -> list[Flag]:
    """Decide what to create, update and resolve; return the flags behind `findings`.

    1. A finding without a flag creates one.
    2. A finding with a flag updates its evidence. A resolved flag whose pattern is back is
       active again; so is an acknowledged urgent or screen flag that has new evidence
       days (a new day with the sign must show the advice again).
    3. With `resolve_missing` (the whole analysis, not a write's screen), a flag whose
       pattern no longer holds is resolved, except an urgent one: it stays until the
       patient acknowledges it, and an acknowledged one stays listed.
    """
    existing = list(existing)
    by_key = {(flag.code, flag.side): flag for flag in existing}
    found: list[Flag] = []
    for finding in _without_superseded_warning(findings, existing):
        key = (finding.code, finding.side or "")
        flag = by_key.pop(key, None)
        if flag is None:
            flag = _new_flag(patient_id, finding, now)
            plan.create.append(flag)
            plan.history.append((flag, "active"))
            found.append(flag)
            continue
        had = set(flag.evidence_dates)
        changed = _apply_finding(flag, finding, merge=not resolve_missing)
        new_days = not set(flag.evidence_dates) <= had
        if flag.status == "resolved" or (
            flag.status == "acknowledged" and new_days and _reactivated_by_new_days(flag)
        ):
            if flag.status == "resolved":
                flag.first_detected_on = finding.first_evidence_on
            flag.status, flag.status_changed_at = "active", now
            plan.history.append((flag, "active"))
            changed = True
        if changed:
            flag.updated_at = now
            plan.update.append(flag)
        found.append(flag)
    if resolve_missing:
        for flag in by_key.values():
            if flag.status == "resolved" or flag.severity == _PERSISTENT_SEVERITY:
                continue
            flag.status, flag.status_changed_at, flag.updated_at = "resolved", now, now
            plan.update.append(flag)
            plan.history.append((flag, "resolved"))
    return found


def _reactivated_by_new_days(flag: Flag) -> bool:
    return flag.severity == _PERSISTENT_SEVERITY or flag.code in rules.SCREEN_CODES


FLAG_UPDATE_FIELDS = [
    "severity",
    "title",
    "status",
    "first_detected_on",
    "first_evidence_on",
    "last_evidence_on",
    "evidence_dates",
    "summary",
    "clinician_summary",
    "explanation",
    "rule_version",
    "status_changed_at",
    "updated_at",
]


def flags_plan_execute(plan: FlagPlan) -> None:
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
