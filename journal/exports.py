"""Everything a patient has, as JSON, CSV or a FHIR R4 Bundle (GET /api/v1/export/)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import uuid
from collections.abc import Callable
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient as FhirPatient

from journal import selectors
from journal import vocabulary as v
from journal.models import Patient

Export = tuple[str, str, str]  # body, content type, file extension


def _all_entries(patient: Patient) -> list[dict[str, Any]]:
    rows = (
        selectors.patient_live_entries(patient=patient)
        .order_by("date")
        .values_list(*selectors.ENTRY_COLUMNS)
    )
    return selectors.entry_rows_as_dicts(rows)


def _events(patient: Patient) -> list[dict[str, Any]]:
    return [
        {
            **event,
            "id": str(event["id"]),
            "date": event["date"].isoformat(),
            "side": event["side"] or None,
        }
        for event in selectors.patient_events(patient=patient)
        .order_by("date", "created_at")
        .values("id", "kind", "site", "side", "date", "notes")
    ]


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


def export_json(*, patient: Patient) -> Export:
    document = {
        "format": "footnote-export/1",
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "profile": _profile(patient),
        "entries": _all_entries(patient),
        "events": _events(patient),
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


def export_csv(*, patient: Patient) -> Export:
    """One row per symptom reading; a day without symptoms still has one row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in _all_entries(patient):
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


# FHIR: only codes we could verify. LOINC 72514-3 is "Pain severity - 0-10 verbal numeric
# rating [Score] - Reported" (loinc.org/72514-3). Body sites and signs have no code here
# that we have verified against SNOMED CT, so they are given as text, which FHIR allows.
LOINC = "http://loinc.org"
PAIN_SEVERITY_LOINC = "72514-3"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
FOOTNOTE_NAMESPACE = uuid.UUID("5d0c2f0e-5a3b-4a57-9c47-9a1f6b0e3c11")


def _site_text(region: str, side: str | None) -> str:
    label = v.region_label(region)
    return label if side in (None, "", v.CENTER) else f"{side.capitalize()} {label.lower()}"


def _observation(
    *, key: str, patient_ref: str, date: str, code: dict[str, Any], **values: Any
) -> tuple[str, Observation]:
    observation_id = str(uuid.uuid5(FOOTNOTE_NAMESPACE, key))
    observation = Observation.model_validate(
        {
            "id": observation_id,
            "status": "final",
            "category": [
                {
                    "coding": [
                        {"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}
                    ]
                }
            ],
            "code": code,
            "subject": {"reference": patient_ref},
            "effectiveDateTime": date,
            **values,
        }
    )
    return f"urn:uuid:{observation_id}", observation


def build_fhir_bundle(*, patient: Patient) -> Bundle:
    patient_ref = f"urn:uuid:{patient.pk}"
    fhir_patient = FhirPatient.model_validate(
        {
            "id": str(patient.pk),
            "name": [{"text": patient.display_name}] if patient.display_name else None,
            "birthDate": str(patient.birth_year) if patient.birth_year else None,
        }
    )
    resources: list[tuple[str, Any]] = [(patient_ref, fhir_patient)]
    pain_code = {
        "coding": [
            {
                "system": LOINC,
                "code": PAIN_SEVERITY_LOINC,
                "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
            }
        ],
        "text": "Pain (0-10)",
    }
    for entry in _all_entries(patient):
        for symptom in entry["symptoms"]:
            components = [
                {"code": {"text": "Numbness"}, "valueBoolean": symptom["numbness"]},
                {"code": {"text": "Tingling"}, "valueBoolean": symptom["tingling"]},
            ]
            notes = []
            if symptom["qualities"]:
                notes.append({"text": "Feels " + ", ".join(symptom["qualities"])})
            if symptom["part_of_day"]:
                notes.append({"text": f"Reported for the {symptom['part_of_day']}"})
            resources.append(
                _observation(
                    key=f"{entry['id']}/{symptom['region']}/{symptom['side']}/{symptom['part_of_day']}",
                    patient_ref=patient_ref,
                    date=entry["date"],
                    code=pain_code,
                    valueInteger=symptom["pain"],
                    bodySite={"text": _site_text(symptom["region"], symptom["side"])},
                    component=components,
                    note=notes or None,
                )
            )
        for sign in entry["signs"]:
            label = v.SIGNS[sign["code"]][0]
            resources.append(
                _observation(
                    key=f"{entry['id']}/sign/{sign['code']}/{sign['side']}",
                    patient_ref=patient_ref,
                    date=entry["date"],
                    code={"text": label},
                    valueBoolean=True,
                    bodySite={"text": f"{sign['side'].capitalize()} leg"} if sign["side"] else None,
                    note=[{"text": f"{sign['count']} times"}] if sign["count"] else None,
                )
            )
    for event in _events(patient):
        side = f", {event['side']}" if event["side"] else ""
        site = v.EVENT_SITES[event["site"]].lower()
        resources.append(
            _observation(
                key=f"event/{event['id']}",
                patient_ref=patient_ref,
                date=event["date"],
                code={"text": f"{v.EVENT_KINDS[event['kind']]} ({site}{side})"},
                valueString=event["notes"] or v.EVENT_KINDS[event["kind"]],
            )
        )
    return Bundle.model_validate(
        {
            "type": "collection",
            "timestamp": datetime.datetime.now(datetime.UTC).isoformat(),
            "entry": [{"fullUrl": url, "resource": resource} for url, resource in resources],
        }
    )


def export_fhir(*, patient: Patient) -> Export:
    bundle = build_fhir_bundle(patient=patient)
    return bundle.model_dump_json(exclude_none=True), "application/fhir+json", "fhir.json"


EXPORTERS: dict[str, Callable[..., Export]] = {
    "json": export_json,
    "csv": export_csv,
    "fhir": export_fhir,
}
