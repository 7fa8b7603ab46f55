"""The journal as a FHIR R4 Bundle (GET /api/v1/export/?format=fhir): see
journal/fhir_codes.md for every resource and code and its source."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.flag import Flag
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient as FhirPatient
from fhir.resources.R4B.procedure import Procedure
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from journal import questionnaire_selectors, selectors
from journal import vocabulary as v
from journal.export_sources import all_entries, all_events
from journal.models import Patient

Export = tuple[str, str, str]  # body, content type, file extension


# FHIR: only codes a cited source confirms; journal/fhir_codes.md names the source of
# each. Body sites, signs, events, flags and circumstances have no code here that we
# have verified against SNOMED CT or LOINC, so they are given as text, which FHIR allows.
LOINC = "http://loinc.org"
PAIN_SEVERITY_LOINC = "72514-3"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"
UCUM = "http://unitsofmeasure.org"
FOOTNOTE_NAMESPACE = uuid.UUID("5d0c2f0e-5a3b-4a57-9c47-9a1f6b0e3c11")
SURVEY = {"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}
PAIN_CODE = {
    "coding": [
        {
            "system": LOINC,
            "code": PAIN_SEVERITY_LOINC,
            "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
        }
    ],
    "text": "Pain (0-10)",
}
# Which FHIR resource holds an event of each kind: an injury is a Condition (what
# happened to the body, with its onset), operations and injections are Procedures.
PROCEDURE_KINDS = frozenset({"hip_surgery", "back_surgery", "injection"})
# A flag's status in Footnote, as Flag.status (required binding: active | inactive |
# entered-in-error). An acknowledged flag still holds: the patient has seen it.
FLAG_STATUS = {"active": "active", "acknowledged": "active", "resolved": "inactive"}


def _site_text(region: str, side: str | None) -> str:
    label = v.region_label(region)
    return label if side in (None, "", v.CENTER) else f"{side.capitalize()} {label.lower()}"


def _resource(cls: Any, key: str, **fields: Any) -> tuple[str, Any]:
    """A resource with an id stable between exports (derived from what it records)."""
    resource_id = str(uuid.uuid5(FOOTNOTE_NAMESPACE, key))
    return f"urn:uuid:{resource_id}", cls.model_validate({"id": resource_id, **fields})


def _observation(
    *, key: str, patient_ref: str, date: str, code: dict[str, Any], **values: Any
) -> tuple[str, Observation]:
    return _resource(
        Observation,
        key,
        status="final",
        category=[SURVEY],
        code=code,
        subject={"reference": patient_ref},
        effectiveDateTime=date,
        **values,
    )


def _quantity(value: float | int, unit: str, code: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": code}


def _pain_observations(entry: dict[str, Any], patient_ref: str) -> list[tuple[str, Any]]:
    resources = []
    for symptom in entry["symptoms"]:
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
                code=PAIN_CODE,
                valueInteger=symptom["pain"],
                bodySite={"text": _site_text(symptom["region"], symptom["side"])},
                component=[
                    {"code": {"text": "Numbness"}, "valueBoolean": symptom["numbness"]},
                    {"code": {"text": "Tingling"}, "valueBoolean": symptom["tingling"]},
                ],
                note=notes or None,
            )
        )
    return resources


def _sign_observations(entry: dict[str, Any], patient_ref: str) -> list[tuple[str, Any]]:
    return [
        _observation(
            key=f"{entry['id']}/sign/{sign['code']}/{sign['side']}",
            patient_ref=patient_ref,
            date=entry["date"],
            code={"text": v.SIGNS[sign["code"]][0]},
            valueBoolean=True,
            bodySite={"text": f"{sign['side'].capitalize()} leg"} if sign["side"] else None,
            note=[{"text": f"{sign['count']} times"}] if sign["count"] else None,
        )
        for sign in entry["signs"]
    ]


def _day_observation(entry: dict[str, Any], patient_ref: str) -> tuple[str, Any]:
    """Footwear, sitting, walking and sleep as one Observation's components; the day's
    notes, the patient's own words, as its note."""
    parts: list[dict[str, Any]] = []
    if entry["footwear"]:
        worn = ", ".join(v.FOOTWEAR[code] for code in entry["footwear"])
        parts.append({"code": {"text": "Footwear"}, "valueString": worn})
    if entry["sitting_hours"] is not None:
        hours = _quantity(entry["sitting_hours"], "h", "h")
        parts.append({"code": {"text": "Time spent sitting"}, "valueQuantity": hours})
    if entry["walking_minutes"] is not None:
        minutes = _quantity(entry["walking_minutes"], "min", "min")
        parts.append({"code": {"text": "Time spent walking"}, "valueQuantity": minutes})
    for name, text in (
        ("walking_brings_leg_pain", "Leg pain comes on while walking"),
        ("sitting_relieves_leg_pain", "Sitting or bending forward eases the leg pain"),
        ("standing_still_relieves_leg_pain", "Standing still eases the leg pain"),
    ):
        parts.append({"code": {"text": text}, "valueBoolean": bool(entry[name])})
    if entry["sleep_quality"] is not None:
        sleep = {"code": {"text": "Sleep quality (0-10)"}, "valueInteger": entry["sleep_quality"]}
        parts.append(sleep)
    return _observation(
        key=f"{entry['id']}/day",
        patient_ref=patient_ref,
        date=entry["date"],
        code={"text": "The day's circumstances"},
        component=parts,
        note=[{"text": entry["notes"]}] if entry["notes"] else None,
    )


def _medication_statements(entry: dict[str, Any], patient_ref: str) -> list[tuple[str, Any]]:
    resources = []
    for n, medication in enumerate(entry["medications"]):
        dose = ", ".join(
            part
            for part in (
                medication["dose"],
                f"{medication['times']} times" if medication["times"] else "",
            )
            if part
        )
        resources.append(
            _resource(
                MedicationStatement,
                f"{entry['id']}/medication/{n}",
                # "completed": taken, and the statement covers that day only.
                status="completed",
                medicationCodeableConcept={"text": medication["name"]},
                subject={"reference": patient_ref},
                effectiveDateTime=entry["date"],
                informationSource={"reference": patient_ref},
                dosage=[{"text": dose}] if dose else None,
            )
        )
    return resources


def _event_resource(event: dict[str, Any], patient_ref: str) -> tuple[str, Any]:
    site = v.EVENT_SITES[event["site"]]
    body_site = [
        {"text": f"{event['side'].capitalize()} {site.lower()}" if event["side"] else site}
    ]
    kind = v.EVENT_KINDS[event["kind"]]
    note = [{"text": event["notes"]}] if event["notes"] else None
    key = f"event/{event['id']}"
    if event["kind"] in PROCEDURE_KINDS:
        return _resource(
            Procedure,
            key,
            status="completed",
            code={"text": kind},
            subject={"reference": patient_ref},
            performedDateTime=event["date"],
            bodySite=body_site,
            note=note,
        )
    if event["kind"] == "trauma":
        return _resource(
            Condition,
            key,
            code={"text": kind},
            subject={"reference": patient_ref},
            onsetDateTime=event["date"],
            asserter={"reference": patient_ref},
            bodySite=body_site,
            note=note,
        )
    return _observation(
        key=key,
        patient_ref=patient_ref,
        date=event["date"],
        code={"text": f"{kind} ({site.lower()})"},
        bodySite=body_site[0],
        valueString=event["notes"] or kind,
    )


def _flags(patient: Patient, patient_ref: str) -> list[tuple[str, Any]]:
    """Each pattern found, as a Flag: a warning a receiving system shows before care,
    which is what an urgent red flag is for. Flag has no note, so the title, the side,
    the evidence in words and what to do go in its text."""
    resources = []
    for flag in selectors.patient_flags(patient=patient).order_by("first_evidence_on", "code"):
        side = f" ({flag.side})" if flag.side else ""
        summary = flag.clinician_summary or flag.summary
        resources.append(
            _resource(
                Flag,
                f"flag/{flag.pk}",
                status=FLAG_STATUS[flag.status],
                category=[
                    {
                        "coding": [
                            {"system": FLAG_CATEGORY, "code": "clinical", "display": "Clinical"}
                        ]
                    }
                ],
                code={
                    "text": f"{flag.title}{side}. Severity: {flag.severity}. {summary}",
                },
                subject={"reference": patient_ref},
                period={
                    "start": flag.first_evidence_on.isoformat(),
                    "end": flag.last_evidence_on.isoformat() if flag.status == "resolved" else None,
                },
                author={"display": f"Footnote pattern rules, version {flag.rule_version}"},
            )
        )
    return resources


def _questionnaire_response_resources(
    patient: Patient, patient_ref: str
) -> list[tuple[str, QuestionnaireResponse]]:
    """The weekly check's answers, as the QuestionnaireResponses they were sent as."""
    resources = []
    for answer in questionnaire_selectors.answers_list(patient=patient):
        response = questionnaire_selectors.answer_as_dict(answer)["response"]
        response["subject"] = {"reference": patient_ref}
        resources.append((f"urn:uuid:{answer.pk}", QuestionnaireResponse.model_validate(response)))
    return resources


def build_fhir_bundle(*, patient: Patient, server: str = "urn:footnote:") -> Bundle:
    """The whole journal as an R4 collection Bundle; `server` (this server's address)
    names the system of the Patient's identifier."""
    patient_ref = f"urn:uuid:{patient.pk}"
    fhir_patient = FhirPatient.model_validate(
        {
            "id": str(patient.pk),
            "identifier": [
                {
                    "system": f"{server.rstrip('/')}/patients",
                    "value": str(patient.pk),
                    "assigner": {"display": "Footnote"},
                }
            ],
            "name": [{"text": patient.display_name}] if patient.display_name else None,
            "birthDate": str(patient.birth_year) if patient.birth_year else None,
        }
    )
    resources: list[tuple[str, Any]] = [(patient_ref, fhir_patient)]
    for entry in all_entries(patient):
        resources += _pain_observations(entry, patient_ref)
        resources += _sign_observations(entry, patient_ref)
        resources.append(_day_observation(entry, patient_ref))
        resources += _medication_statements(entry, patient_ref)
    resources += [_event_resource(event, patient_ref) for event in all_events(patient)]
    resources += _flags(patient, patient_ref)
    resources += _questionnaire_response_resources(patient, patient_ref)
    return Bundle.model_validate(
        {
            "type": "collection",
            "timestamp": datetime.datetime.now(datetime.UTC).isoformat(),
            "entry": [{"fullUrl": url, "resource": resource} for url, resource in resources],
        }
    )


def export_fhir(*, patient: Patient, server: str = "urn:footnote:") -> Export:
    bundle = build_fhir_bundle(patient=patient, server=server)
    return bundle.model_dump_json(exclude_none=True), "application/fhir+json", "fhir.json"
