"""Everything a patient has, as JSON, CSV or a FHIR R4 Bundle (GET /api/v1/export/); the
FHIR Bundle is built in journal/fhir_export.py."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from typing import Any

from journal import questionnaire_selectors
from journal.export_sources import all_entries, all_events
from journal.fhir_export import Export, export_fhir
from journal.models import Patient


def _profile(patient: Patient) -> dict[str, Any]:
    return {
        "id": str(patient.pk),
        "username": patient.user.username,
        "display_name": patient.display_name,
        "birth_year": patient.birth_year,
        "timezone": patient.timezone,
        "reminder_time": patient.reminder_time.isoformat() if patient.reminder_time else None,
        "health_history": patient.health_history,
    }


def _questionnaire_responses(patient: Patient) -> list[dict[str, Any]]:
    """The weekly check's answers as FHIR QuestionnaireResponses, with their scores."""
    return [
        questionnaire_selectors.answer_as_dict(answer)
        for answer in questionnaire_selectors.answers_list(patient=patient)
    ]


def export_json(*, patient: Patient, server: str = "") -> Export:
    document = {
        "format": "footnote-export/1",
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "profile": _profile(patient),
        "entries": all_entries(patient),
        "events": all_events(patient),
        "questionnaire_responses": _questionnaire_responses(patient),
    }
    return json.dumps(document, ensure_ascii=False, indent=1), "application/json", "json"


CSV_COLUMNS = (
    "date",
    "entry_id",
    "region",
    "side",
    "part_of_day",
    "pain",
    "numbness",
    "tingling",
    "qualities",
    "signs",
    "footwear",
    "sitting_hours",
    "walking_minutes",
    "walking_brings_leg_pain",
    "sitting_relieves_leg_pain",
    "standing_still_relieves_leg_pain",
    "medications",
    "sleep_quality",
    "notes",
)


# A cell starting with one of these may run as a formula in a spreadsheet (OWASP's CSV
# injection list, plus what spreadsheets skip or fold before reading a formula: leading
# spaces and line breaks, and the full-width forms some of them read as = + - @).
FORMULA_STARTS = frozenset("=+-@\t\r\n \uff1d\uff0b\uff0d\uff20")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def export_csv(*, patient: Patient, server: str = "") -> Export:
    """One row per symptom reading; a day without symptoms still has one row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in all_entries(patient):
        day = [
            ";".join(
                f"{s['code']}:{s['side']}" if s["side"] else s["code"] for s in entry["signs"]
            ),
            ";".join(entry["footwear"]),
            entry["sitting_hours"],
            entry["walking_minutes"],
            entry["walking_brings_leg_pain"],
            entry["sitting_relieves_leg_pain"],
            entry["standing_still_relieves_leg_pain"],
            ";".join(
                " ".join(
                    str(p) for p in (m["name"], m["dose"], m["times"] and f"x{m['times']}") if p
                )
                for m in entry["medications"]
            ),
            entry["sleep_quality"],
            entry["notes"],
        ]
        readings = entry["symptoms"] or [None]
        for symptom in readings:
            reading = (
                [
                    symptom["region"],
                    symptom["side"],
                    symptom["part_of_day"] or "",
                    symptom["pain"],
                    symptom["numbness"],
                    symptom["tingling"],
                    ";".join(symptom["qualities"]),
                ]
                if symptom
                else [""] * 7
            )
            writer.writerow([_cell(x) for x in (entry["date"], entry["id"], *reading, *day)])
    return out.getvalue(), "text/csv; charset=utf-8", "csv"


EXPORTERS: dict[str, Callable[..., Export]] = {
    "json": export_json,
    "csv": export_csv,
    "fhir": export_fhir,
}
