"""The FHIR export carries the whole journal (issue 13): pain per region and side with
numbness and tingling, medications, operations and injections, injuries, the flags, the
day's circumstances and notes; valid for fhir.resources and for HL7's R4 JSON schema."""

from __future__ import annotations

import datetime
import gzip
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from fhir.resources.R4B.bundle import Bundle
from rest_framework.test import APIClient

from journal.models import Flag, Patient
from tests.factories import entry_body
from tests.journal.test_questionnaires import ANSWERS, fhir_response

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

R4_SCHEMA = Path(__file__).parent / "fhir" / "fhir.schema.json.gz"


@pytest.fixture(scope="module")
def r4_validator() -> Any:
    schema = json.loads(gzip.decompress(R4_SCHEMA.read_bytes()))
    return jsonschema_rs.Draft6Validator(schema)


@pytest.fixture
def journal(patient: Patient, client_api: APIClient) -> None:
    Patient.objects.filter(pk=patient.pk).update(display_name="Ada", birth_year=1978)
    day = entry_body(
        "2026-06-01",
        footwear=["high_heels", "athletic"],
        sitting_hours=7.5,
        walking_minutes=20,
        walking_brings_leg_pain=True,
        medications=[
            {"name": "ibuprofen", "dose": "400 mg", "times": 2},
            {"name": "paracetamol", "dose": "", "times": None},
        ],
        notes="Worse after the wedding",
    )
    assert client_api.post("/api/v1/entries/", day, format="json").status_code == 201
    for event in (
        {"kind": "back_surgery", "site": "lower_back", "date": "2025-02-01", "notes": "L5"},
        {"kind": "injection", "site": "lower_back", "side": "left", "date": "2025-05-05"},
        {"kind": "trauma", "site": "ankle", "side": "right", "date": "2025-09-09"},
        {"kind": "other", "site": "other", "date": "2025-10-10", "notes": "Physio"},
    ):
        assert client_api.post("/api/v1/events/", event, format="json").status_code == 201
    Flag.objects.create(
        patient=patient,
        code="sciatica",
        side="left",
        severity="see_specialist",
        title="One-sided leg pain with numbness",
        status="active",
        first_detected_on=datetime.date(2026, 6, 1),
        first_evidence_on=datetime.date(2026, 5, 20),
        last_evidence_on=datetime.date(2026, 6, 1),
        evidence_dates=["2026-05-20", "2026-06-01"],
        summary="Left leg symptoms on 6 of 14 days",
        explanation="Worth discussing with a specialist.",
        rule_version="2026.12.1",
        status_changed_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC),
    )
    weekly = "/api/v1/questionnaires/footnote-weekly-check/responses/"
    answers = fhir_response(ANSWERS, authored="2026-06-01")
    assert client_api.post(weekly, answers, format="json").status_code == 201


def exported(client: APIClient) -> dict[str, Any]:
    answer = client.get("/api/v1/export/", {"format": "fhir"})
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/fhir+json"
    return dict(json.loads(answer.content))


def of_type(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == kind]


def test_the_export_is_valid_for_fhir_resources_and_hl7s_r4_json_schema(
    client_api: APIClient, journal: None, r4_validator: Any
) -> None:
    document = exported(client_api)

    Bundle.model_validate(document)
    errors = [f"{e.instance_path}: {e.message[:200]}" for e in r4_validator.iter_errors(document)]
    assert errors == []
    kinds = {e["resource"]["resourceType"] for e in document["entry"]}
    assert kinds == {
        "Patient",
        "Observation",
        "MedicationStatement",
        "Procedure",
        "Condition",
        "Flag",
        "QuestionnaireResponse",
    }


def test_the_schema_check_would_catch_a_resource_r4_does_not_allow(r4_validator: Any) -> None:
    broken = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {}}]}
    assert not r4_validator.is_valid(broken)


def test_the_patient_carries_an_identifier_of_this_server(
    patient: Patient, client_api: APIClient, journal: None
) -> None:
    (fhir_patient,) = of_type(exported(client_api), "Patient")

    assert fhir_patient["identifier"] == [
        {
            "system": "http://testserver/patients",
            "value": str(patient.pk),
            "assigner": {"display": "Footnote"},
        }
    ]


def test_medications_are_medication_statements_of_the_day(
    client_api: APIClient, journal: None
) -> None:
    statements = of_type(exported(client_api), "MedicationStatement")

    assert [
        (m["medicationCodeableConcept"]["text"], m.get("dosage"), m["effectiveDateTime"])
        for m in statements
    ] == [
        ("ibuprofen", [{"text": "400 mg, 2 times"}], "2026-06-01"),
        ("paracetamol", None, "2026-06-01"),
    ]
    assert {m["status"] for m in statements} == {"completed"}


def test_operations_and_injections_are_procedures_and_an_injury_a_condition(
    client_api: APIClient, journal: None
) -> None:
    document = exported(client_api)

    procedures = of_type(document, "Procedure")
    assert [
        (p["code"]["text"], p["bodySite"][0]["text"], p["performedDateTime"]) for p in procedures
    ] == [
        ("Back surgery", "Lower back", "2025-02-01"),
        ("Injection", "Left lower back", "2025-05-05"),
    ]
    assert procedures[0]["note"] == [{"text": "L5"}]
    (injury,) = of_type(document, "Condition")
    assert (injury["code"]["text"], injury["bodySite"][0]["text"], injury["onsetDateTime"]) == (
        "Injury or fall",
        "Right ankle",
        "2025-09-09",
    )
    other = [o for o in of_type(document, "Observation") if o["code"]["text"] == "Other (other)"]
    assert other[0]["valueString"] == "Physio"


def test_a_flag_is_a_clinical_flag_with_its_evidence_in_words(
    client_api: APIClient, journal: None
) -> None:
    (flag,) = of_type(exported(client_api), "Flag")

    assert flag["status"] == "active"
    assert flag["category"][0]["coding"][0]["code"] == "clinical"
    assert flag["code"]["text"].startswith("One-sided leg pain with numbness (left)")
    assert "Left leg symptoms on 6 of 14 days" in flag["code"]["text"]
    assert flag["period"] == {"start": "2026-05-20"}


def test_the_days_circumstances_and_notes_are_one_observation(
    client_api: APIClient, journal: None
) -> None:
    (day,) = [
        o
        for o in of_type(exported(client_api), "Observation")
        if o["code"]["text"] == "The day's circumstances"
    ]

    parts = {c["code"]["text"]: c for c in day["component"]}
    assert parts["Footwear"]["valueString"] == "High heels, Trainers"
    assert parts["Time spent sitting"]["valueQuantity"] == {
        "value": 7.5,
        "unit": "h",
        "system": "http://unitsofmeasure.org",
        "code": "h",
    }
    assert parts["Time spent walking"]["valueQuantity"]["code"] == "min"
    assert parts["Leg pain comes on while walking"]["valueBoolean"] is True
    assert parts["Sleep quality (0-10)"]["valueInteger"] == 6
    assert day["note"] == [{"text": "Worse after the wedding"}]
