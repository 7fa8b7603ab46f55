"""The cauda equina screen inside a write (rules.md): the red flag and its warning,
answered in the write's own `alerts`, never left to the queue.

It screens the written days that could raise it, each with the stored days of the 14
before it, stores the flag (adding evidence, never resolving) and returns every active
screen flag with evidence on a written day.
"""

from __future__ import annotations

import datetime
import json
import uuid
import zoneinfo
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from journal import rules
from journal.analysis_inputs import day_entry_from_content
from journal.flag_storage import FlagPlan, flags_plan, flags_plan_execute
from journal.models import Entry, Flag, Patient
from journal.rules.thresholds import RED_FLAG_LOOKBACK_DAYS, WINDOW_DAYS


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


def screen_days_to_check(
    *, timezone_name: str, days: Sequence[dict[str, Any]]
) -> list[rules.DayEntry]:
    """The written days the screen looks at: recent ones that could raise it (no query).

    An emergency is about now: a red-flag day synced months late from an old phone is
    history for the analysis, not a reason to send someone to hospital today."""
    today = datetime.datetime.now(zoneinfo.ZoneInfo(timezone_name)).date()
    recent_from = today - datetime.timedelta(days=WINDOW_DAYS - 1)
    written = (
        day_entry_from_content(content) for content in days if content["date"] >= recent_from
    )
    return [day for day in written if rules.screen_can_fire(day)]


def _stored_days_before(
    *, patient: Patient, written: Sequence[rules.DayEntry]
) -> list[rules.DayEntry]:
    """The patient's stored days in the 14 before the written ones (one query), from
    each entry's stored JSON. Days being written are left to the write's own values."""
    written_dates = {day.date for day in written}
    first = min(written_dates) - datetime.timedelta(days=RED_FLAG_LOOKBACK_DAYS)
    payloads = Entry.objects.filter(
        patient=patient, deleted_at__isnull=True, date__gte=first, date__lte=max(written_dates)
    ).values_list("date", "payload")
    return [
        day_entry_from_content(_stored_content(payload))
        for date, payload in payloads
        if date not in written_dates and payload
    ]


def _stored_content(payload: str) -> dict[str, Any]:
    content: dict[str, Any] = json.loads(payload)
    content["date"] = datetime.date.fromisoformat(content["date"])
    return content


def screen_alerts_for_days(
    *, patient: Patient, days: list[tuple[uuid.UUID, dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Screen the days just written (inside the write's transaction) with the stored days
    before each, store the red flag or warning, and return the answer's alerts: every
    active screen flag with evidence on a written day, each once.

    A constant number of queries whatever the batch: none when no written day could raise
    the screen, else one read of the days before, one of the flags, and the flag writes.
    """
    written = screen_days_to_check(
        timezone_name=patient.timezone, days=[content for _, content in days]
    )
    if not written:
        return []
    history = _stored_days_before(patient=patient, written=written)
    findings = rules.urgent_findings([*history, *written], written=[day.date for day in written])
    if not findings:
        return []
    now = timezone.now()
    plan = FlagPlan()
    existing = Flag.objects.select_for_update().filter(patient=patient, code__in=rules.SCREEN_CODES)
    flags = flags_plan(
        patient_id=patient.pk,
        existing=existing,
        findings=findings,
        now=now,
        plan=plan,
        resolve_missing=False,
    )
    flags_plan_execute(plan)
    written_on = {day.date.isoformat() for day in written}
    return [
        flag_as_alert(flag)
        for flag in flags
        if flag.status == "active" and not written_on.isdisjoint(flag.evidence_dates)
    ]
