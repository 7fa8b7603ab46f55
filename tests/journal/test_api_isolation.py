"""A patient sees and touches only their own data; another patient's id answers 404,
exactly like an id that does not exist (api.md), on every route."""

from __future__ import annotations

import csv
import datetime
import io
import json
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from journal.models import Entry, Event, Patient
from tests.factories import entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ENTRIES = "/api/v1/entries/"
EVENTS = "/api/v1/events/"
SYNC = "/api/v1/sync/"
DAY = datetime.date(2026, 6, 1)


@dataclass
class Person:
    patient: Patient
    client: APIClient
    entry: dict[str, Any]
    tombstone_id: str
    event: dict[str, Any]


def journal_of(patient: Patient, client: APIClient, notes: str) -> Person:
    entry = client.post(ENTRIES, entry_body(DAY, notes=notes), format="json").json()
    gone = client.post(ENTRIES, entry_body("2026-05-01", notes=notes), format="json").json()
    client.delete(f"{ENTRIES}{gone['id']}/")
    event = client.post(
        EVENTS,
        {"kind": "trauma", "site": "ankle", "date": "2026-04-01", "notes": notes},
        format="json",
    ).json()
    return Person(patient, client, entry, gone["id"], event)


@pytest.fixture
def alice(make_patient: Any) -> Person:
    return journal_of(*make_patient(), notes="Alice's day")


@pytest.fixture
def bob(make_patient: Any) -> Person:
    return journal_of(*make_patient(), notes="Bob's day")


def snapshot(person: Person) -> dict[str, Any]:
    """Everything stored for `person`, to compare before and after an intrusion."""
    entries = {
        str(e.pk): (
            e.date,
            e.version,
            e.notes,
            e.deleted_at,
            e.change_seq,
            sorted(e.symptoms.values_list("region", "side", "pain")),
        )
        for e in Entry.objects.filter(patient=person.patient)
    }
    events = list(Event.objects.filter(patient=person.patient).values())
    patient = Patient.objects.filter(pk=person.patient.pk).values("change_seq", "timezone").get()
    return {"entries": entries, "events": events, "patient": patient}


# --- Entries --------------------------------------------------------------------------


def intrusions(target: str, version: int) -> dict[str, tuple[str, str, Any]]:
    url = f"{ENTRIES}{target}/"
    body = entry_body("2026-05-20", notes="Mallory was here", version=version)
    return {
        "get": ("get", url, None),
        "put": ("put", url, body),
        "patch": ("patch", url, {"notes": "Mallory was here", "version": version}),
        "delete": ("delete", url, None),
        "delete-with-version": ("delete", f"{url}?version={version}", None),
        "post-with-their-id": ("post", ENTRIES, {**body, "id": target}),
    }


@pytest.mark.parametrize(
    "kind", ["get", "put", "patch", "delete", "delete-with-version", "post-with-their-id"]
)
@pytest.mark.parametrize("target", ["live", "tombstone"])
def test_another_patients_entry_id_answers_404_and_changes_nothing(
    alice: Person, bob: Person, kind: str, target: str
) -> None:
    target_id = bob.entry["id"] if target == "live" else bob.tombstone_id
    method, url, body = intrusions(target_id, version=bob.entry["version"])[kind]
    before = snapshot(alice), snapshot(bob)

    answer = getattr(alice.client, method)(url, body, format="json")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}
    assert (snapshot(alice), snapshot(bob)) == before


def test_another_patients_id_answers_like_an_unknown_id(alice: Person, bob: Person) -> None:
    theirs = alice.client.put(
        f"{ENTRIES}{bob.entry['id']}/", entry_body("2026-05-20"), format="json"
    )
    unknown = alice.client.get(f"{ENTRIES}{uuid.uuid4()}/")

    assert (theirs.status_code, theirs.content) == (unknown.status_code, unknown.content)


def test_each_patient_lists_only_their_own_entries(alice: Person, bob: Person) -> None:
    mine = alice.client.get(ENTRIES).json()["results"]

    assert [e["id"] for e in mine] == [alice.entry["id"]]
    assert all(e["notes"] == "Alice's day" for e in mine)


def test_the_same_date_is_free_for_each_patient(alice: Person, bob: Person) -> None:
    assert alice.entry["date"] == bob.entry["date"]
    assert Entry.objects.filter(date=DAY, deleted_at__isnull=True).count() == 2


# --- Sync -----------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["live", "tombstone"])
def test_sync_changes_to_another_patients_ids_are_invalid_and_change_nothing(
    alice: Person, bob: Person, target: str
) -> None:
    target_id = bob.entry["id"] if target == "live" else bob.tombstone_id
    before = snapshot(bob)
    own_new = str(uuid.uuid4())
    changes = [
        {"op": "upsert", "entry": entry_body("2026-05-20", id=target_id, version=1)},
        {
            "op": "upsert",
            "entry": entry_body("2026-05-21", id=target_id, version=bob.entry["version"]),
        },
        {"op": "delete", "id": target_id},
        {"op": "delete", "id": target_id, "version": bob.entry["version"]},
        {"op": "upsert", "entry": entry_body("2026-05-22", id=own_new)},
    ]

    answer = alice.client.post(SYNC, {"since": None, "changes": changes}, format="json")

    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["invalid"] * 4 + ["created"]
    assert all(r["server"] is None and r["id"] == target_id for r in results[:4])
    assert all("id" in r["errors"] for r in results[:4])
    assert snapshot(bob) == before
    assert Entry.objects.get(pk=own_new).patient == alice.patient


def test_sync_reports_only_the_patients_own_changes(alice: Person, bob: Person) -> None:
    answer = alice.client.post(SYNC, {"since": None, "changes": []}, format="json")

    ids = {c["id"] for c in answer.json()["changes"]}
    assert ids == {alice.entry["id"], alice.tombstone_id}


def test_another_patients_changes_do_not_move_the_cursor(alice: Person, bob: Person) -> None:
    cursor = alice.client.post(SYNC, {"since": None}, format="json").json()["cursor"]
    bob.client.post(ENTRIES, entry_body("2026-05-30"), format="json")

    answer = alice.client.post(SYNC, {"since": cursor}, format="json").json()

    assert (answer["changes"], answer["cursor"]) == ([], cursor)


# --- Events ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_another_patients_event_id_answers_404_and_changes_nothing(
    alice: Person, bob: Person, method: str
) -> None:
    before = snapshot(bob)

    answer = getattr(alice.client, method)(
        f"{EVENTS}{bob.event['id']}/", {"notes": "Mallory was here"}, format="json"
    )

    assert answer.status_code == 404
    assert snapshot(bob) == before


def test_each_patient_lists_only_their_own_events(alice: Person, bob: Person) -> None:
    assert [e["id"] for e in alice.client.get(EVENTS).json()["results"]] == [alice.event["id"]]


# --- Profile and export ---------------------------------------------------------------


def test_the_profile_is_the_signed_in_patients(alice: Person, bob: Person) -> None:
    alice.client.patch("/api/v1/profile/", {"timezone": "Asia/Tokyo"}, format="json")

    assert alice.client.get("/api/v1/profile/").json()["id"] == str(alice.patient.pk)
    assert Patient.objects.get(pk=bob.patient.pk).timezone == "Europe/Athens"


def test_every_export_holds_only_the_patients_own_data(alice: Person, bob: Person) -> None:
    exported = {
        kind: alice.client.get("/api/v1/export/", {"format": kind}).content.decode()
        for kind in ("json", "csv", "fhir")
    }

    document = json.loads(exported["json"])
    assert [e["id"] for e in document["entries"]] == [alice.entry["id"]]
    assert [e["id"] for e in document["events"]] == [alice.event["id"]]
    rows = list(csv.DictReader(io.StringIO(exported["csv"])))
    assert {row["entry_id"] for row in rows} == {alice.entry["id"]}
    for text in exported.values():
        assert "Bob's day" not in text
        assert str(bob.patient.pk) not in text
        assert bob.entry["id"] not in text
