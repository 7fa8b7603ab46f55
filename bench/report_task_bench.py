"""The 365-day report as the task does it: claim, load a year from PostgreSQL, render,
store the file. Budgets.md measures the report "from the task's start to the stored
file"; the floor is the same raw-canvas floor as bench.report_bench."""

from __future__ import annotations

import datetime
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from bench.report_bench import DAYS, best_of, draw_strings, text_runs
from bench.year_data import year_of_data
from journal import account_services, services
from journal.models import Patient
from reports.models import Report
from reports.rendering import render_report_pdf
from reports.services import report_generate

USERNAME = "bench-report-year"


def _patient_with_a_year() -> tuple[Patient, datetime.date, datetime.date]:
    data = year_of_data(DAYS)
    User.objects.filter(username=USERNAME).delete()
    patient, _ = account_services.patient_register(
        username=USERNAME, password="unused-" + uuid.uuid4().hex
    )
    changes: list[services.Change] = [
        services.Upsert(
            entry_id=uuid.uuid4(),
            content={
                "date": day.date,
                "symptoms": [
                    {
                        "region": s.region,
                        "side": s.side,
                        "pain": s.pain,
                        "numbness": s.numbness,
                        "tingling": s.tingling,
                        "qualities": list(s.qualities),
                        "part_of_day": s.part_of_day,
                    }
                    for s in day.symptoms
                ],
                "signs": [
                    {"code": g.code, "side": g.side or "", "count": g.count} for g in day.signs
                ],
                "footwear": list(day.footwear),
                "sitting_hours": day.sitting_hours,
                "walking_minutes": day.walking_minutes,
                "walking_brings_leg_pain": day.walking_brings_leg_pain,
                "sitting_relieves_leg_pain": day.sitting_relieves_leg_pain,
                "standing_still_relieves_leg_pain": day.standing_still_relieves_leg_pain,
                "medications": [
                    {"name": m.name, "dose": m.dose, "times": m.times} for m in day.medications
                ],
                "sleep_quality": day.sleep_quality,
                "notes": day.notes,
            },
            expected_version=None,
        )
        for day in data.days
    ]
    services.entries_apply_changes(patient=patient, changes=changes)
    return patient, data.period_start, data.period_end


# VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child of this large
# benchmark process would report the parent's peak.
RSS_PROBE = """
from bench.year_data import year_of_data
from reports.rendering import render_report_pdf
render_report_pdf(year_of_data(366))
print(next(line for line in open("/proc/self/status") if line.startswith("VmHWM")).split()[1])
"""


def _peak_rss_of_a_year_report_mb() -> float:
    """Peak resident memory of a fresh process that renders a 366-day report (budget:
    a worker stays under 200 MB)."""
    root = Path(__file__).resolve().parent.parent
    output = subprocess.run(
        [sys.executable, "-c", RSS_PROBE], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    return round(int(output.split()[-1]) / 1024, 1)  # VmHWM is in kB


def run() -> dict[str, Any]:
    patient, start, end = _patient_with_a_year()
    report = Report.objects.create(patient=patient, period_start=start, period_end=end)

    def generate() -> None:
        Report.objects.filter(pk=report.pk).update(status="pending", attempts=0)
        assert report_generate(report_id=report.pk) == "ready"

    task_ms = best_of(5, generate)
    report.refresh_from_db()
    with report.file.open("rb") as stored:
        strings = text_runs(stored.read())
    floor_ms = best_of(5, lambda: draw_strings(strings))
    started = time.perf_counter()
    render_report_pdf(year_of_data(DAYS))
    return {
        "task_ms": round(task_ms, 1),
        "floor_ms": round(floor_ms, 1),
        "ratio": round(task_ms / floor_ms, 2),
        "size_bytes": report.size_bytes,
        "pages": report.pages,
        "strings": len(strings),
        "render_only_ms_one_run": round((time.perf_counter() - started) * 1000, 1),
        "peak_rss_mb_366_day_render": _peak_rss_of_a_year_report_mb(),
        "measured_at": timezone.now().isoformat(),
    }
