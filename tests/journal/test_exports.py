"""GET /api/v1/export/: everything the patient has, as JSON, CSV or a FHIR R4 Bundle."""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from rest_framework.test import APIClient

from journal.models import Patient
from tests.factories import entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

EXPORT = "/api/v1/export/"
ENTRIES = "/api/v1/entries/"
FORMULAS = [
    '=HYPERLINK("http://evil.example")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    "\n=1+1",
    " =1+1",
    '\uff1dHYPERLINK("http://evil.example")',  # full-width =
    "\uff0b1+1",
    "\uff0d2+3",
    "\uff20SUM(A1)",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", " ", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@pytest.fixture
def journal(patient: Patient, client_api: APIClient) -> dict[str, Any]:
    """Three days (one without symptoms, one deleted later), two events, a profile."""
    Patient.objects.filter(pk=patient.pk).update(birth_year=1978, display_name="Ada")
    days = [
        entry_body(
            "2026-06-01",
            notes=FORMULAS[0],
            medications=[{"name": "=cmd|' /C calc'!A0", "dose": "", "times": None}],
        ),
        entry_body(
            "2026-06-02",
            symptoms=[
                {
                    "region": "lower_back",
                    "side": "center",
                    "pain": 3,
                    "part_of_day": "morning",
                    "qualities": ["aching", "stabbing"],
                },
                {"region": "lower_back", "side": "center", "pain": 7, "part_of_day": "evening"},
                {"region": "big_toe", "side": "right", "pain": 0, "tingling": True},
            ],
            signs=[{"code": "bladder_change"}, {"code": "leg_weakness", "side": "right"}],
            notes="Plain words, with a comma",
        ),
        entry_body("2026-06-03", symptoms=[], signs=[], notes="No symptoms today"),
        entry_body("2026-05-01", notes="Deleted later"),
    ]
    entries = [client_api.post(ENTRIES, d, format="json").json() for d in days]
    client_api.delete(f"/api/v1/entries/{entries[3]['id']}/")
    events = [
        client_api.post("/api/v1/events/", body, format="json").json()
        for body in (
            {
                "kind": "hip_surgery",
                "site": "hip",
                "side": "left",
                "date": "2026-01-15",
                "notes": "Total hip replacement",
            },
            {"kind": "trauma", "site": "ankle", "date": "2026-03-03"},
        )
    ]
    return {"entries": entries[:3], "events": events}


def export(client: APIClient, kind: str | None) -> Any:
    answer = client.get(EXPORT, {"format": kind} if kind else {})
    assert answer.status_code == 200, answer.content
    assert answer["Cache-Control"] == "no-store"
    return answer


# --- JSON -----------------------------------------------------------------------------


def test_json_export_holds_every_live_entry_event_and_the_profile(
    patient: Patient, client_api: APIClient, journal: dict[str, Any]
) -> None:
    answer = export(client_api, None)

    assert answer["Content-Type"] == "application/json"
    assert answer["Content-Disposition"].startswith('attachment; filename="footnote-')
    assert answer["Content-Disposition"].endswith('.json"')
    document = json.loads(answer.content)
    assert document["format"] == "footnote-export/1"
    assert document["profile"]["id"] == str(patient.pk)
    assert (document["profile"]["birth_year"], document["profile"]["display_name"]) == (1978, "Ada")
    exported = {e["id"]: e for e in document["entries"]}
    assert list(exported) == [e["id"] for e in journal["entries"]]  # oldest first
    for entry in journal["entries"]:
        assert exported[entry["id"]] == {k: v for k, v in entry.items() if k != "alerts"}
    assert [e["id"] for e in document["events"]] == [e["id"] for e in journal["events"]]
    assert document["events"][1]["side"] is None


def test_json_export_of_an_empty_journal_is_valid(client_api: APIClient) -> None:
    document = json.loads(export(client_api, "json").content)

    assert (document["entries"], document["events"]) == ([], [])


# --- CSV ------------------------------------------------------------------------------


def csv_rows(client: APIClient) -> list[dict[str, str]]:
    answer = export(client, "csv")
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"].endswith('.csv"')
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8"))))


def test_csv_export_has_one_row_per_symptom_and_one_for_a_day_without(
    client_api: APIClient, journal: dict[str, Any]
) -> None:
    rows = csv_rows(client_api)

    assert [(r["date"], r["region"], r["side"], r["part_of_day"], r["pain"]) for r in rows] == [
        ("2026-06-01", "calf", "left", "", "4"),
        ("2026-06-01", "sole", "left", "", "6"),
        ("2026-06-02", "lower_back", "center", "morning", "3"),
        ("2026-06-02", "lower_back", "center", "evening", "7"),
        ("2026-06-02", "big_toe", "right", "", "0"),
        ("2026-06-03", "", "", "", ""),
    ]
    june_2 = rows[2]
    assert june_2["qualities"] == "aching;stabbing"
    assert june_2["signs"] == "leg_weakness:right;bladder_change"
    assert june_2["notes"] == "Plain words, with a comma"
    assert (rows[4]["numbness"], rows[4]["tingling"]) == ("False", "True")
    assert rows[0]["medications"].endswith("calc'!A0")
    assert {r["entry_id"] for r in rows} == {e["id"] for e in journal["entries"]}


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_export_quotes_cells_a_spreadsheet_would_run_as_formulas(
    client_api: APIClient, text: str
) -> None:
    body = entry_body(
        "2026-06-01", notes=text, medications=[{"name": text, "dose": text}], symptoms=[]
    )
    assert client_api.post("/api/v1/entries/", body, format="json").status_code == 201

    (row,) = csv_rows(client_api)

    assert row["notes"] == "'" + text
    # Medication names and doses are trimmed on input: "\tTab" arrives as "Tab", and
    # " =1+1" as "=1+1".
    taken = f"{text.strip()} {text.strip()}"
    assert row["medications"] == ("'" + taken if taken.startswith(FORMULA_STARTS) else taken)
    assert all(not value.startswith(FORMULA_STARTS) for value in row.values())


# --- FHIR -----------------------------------------------------------------------------


LOINC_PAIN = {"system": "http://loinc.org", "code": "72514-3"}


def fhir_bundle(client: APIClient) -> Bundle:
    answer = export(client, "fhir")
    assert answer["Content-Type"] == "application/fhir+json"
    assert answer["Content-Disposition"].endswith('.fhir.json"')
    return Bundle.model_validate_json(answer.content)


def observations(bundle: Bundle) -> list[Any]:
    return [e.resource for e in bundle.entry if e.resource.get_resource_type() == "Observation"]


def test_fhir_export_is_a_valid_r4_bundle_with_the_patient(
    patient: Patient, client_api: APIClient, journal: dict[str, Any]
) -> None:
    bundle = fhir_bundle(client_api)

    assert bundle.type == "collection"
    (fhir_patient,) = [
        e.resource for e in bundle.entry if e.resource.get_resource_type() == "Patient"
    ]
    assert fhir_patient.id == str(patient.pk)
    assert (fhir_patient.name[0].text, str(fhir_patient.birthDate)) == ("Ada", "1978")
    full_urls = [e.fullUrl for e in bundle.entry]
    assert len(set(full_urls)) == len(full_urls)
    assert all(o.subject.reference == f"urn:uuid:{patient.pk}" for o in observations(bundle))


def test_fhir_export_gives_each_pain_reading_as_a_loinc_observation(
    client_api: APIClient, journal: dict[str, Any]
) -> None:
    pain = [
        o
        for o in observations(fhir_bundle(client_api))
        if o.code.coding
        and {"system": o.code.coding[0].system, "code": o.code.coding[0].code} == LOINC_PAIN
    ]

    readings = sorted((str(o.effectiveDateTime), o.bodySite.text, o.valueInteger) for o in pain)
    assert readings == [
        ("2026-06-01", "Left calf", 4),
        ("2026-06-01", "Left sole", 6),
        ("2026-06-02", "Lower back", 3),
        ("2026-06-02", "Lower back", 7),
        ("2026-06-02", "Right big toe", 0),
    ]
    assert all(o.status == "final" for o in pain)
    toe = next(o for o in pain if o.bodySite.text == "Right big toe")
    assert {c.code.text: c.valueBoolean for c in toe.component} == {
        "Numbness": False,
        "Tingling": True,
    }
    morning = next(o for o in pain if o.valueInteger == 3)
    assert [n.text for n in morning.note] == ["Feels aching, stabbing", "Reported for the morning"]


def test_fhir_export_gives_signs_as_text_observations(
    client_api: APIClient, journal: dict[str, Any]
) -> None:
    texts = {
        (str(o.effectiveDateTime), o.code.text): o
        for o in observations(fhir_bundle(client_api))
        if not o.code.coding
    }

    tripping = texts[("2026-06-01", "Tripped or caught the toes")]
    assert (tripping.valueBoolean, tripping.bodySite.text) == (True, "Left leg")
    assert tripping.note[0].text == "2 times"
    assert texts[("2026-06-02", "New trouble passing urine, or leaking")].bodySite is None


def test_fhir_observation_ids_are_stable_between_exports(
    client_api: APIClient, journal: dict[str, Any]
) -> None:
    first = [e.fullUrl for e in fhir_bundle(client_api).entry]
    second = [e.fullUrl for e in fhir_bundle(client_api).entry]

    assert first == second


def test_fhir_export_of_an_empty_journal_is_valid(client_api: APIClient) -> None:
    bundle = fhir_bundle(client_api)

    assert [e.resource.get_resource_type() for e in bundle.entry] == ["Patient"]


# --- Asking wrong ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xml", "JSON", "", "pdf"])
def test_an_unknown_export_format_is_a_400_naming_it(client_api: APIClient, kind: str) -> None:
    answer = client_api.get(EXPORT, {"format": kind})

    assert answer.status_code == 400
    assert "format" in answer.json()


def test_export_uses_a_constant_number_of_queries(
    client_api: APIClient, patient: Patient, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        client_api.post(
            "/api/v1/entries/",
            entry_body(datetime.date(2026, 6, 1) - datetime.timedelta(days=n)),
            format="json",
        )

    for kind in ("json", "csv", "fhir"):
        with django_assert_max_num_queries(6):
            export(client_api, kind)
