"""Entry.payload, the stored JSON the entry list sends as it is, must always say exactly
what the tables say."""

from __future__ import annotations

import datetime
import json

import pytest

from journal import selectors
from journal.models import Entry
from tests.factories import EntryFactory, SymptomFactory, entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_the_stored_payload_matches_the_entry_read_from_the_tables(patient_client):
    _, client = patient_client
    today = datetime.date.today()
    created = client.post("/api/v1/entries/", entry_body(today), format="json").json()
    body = {**entry_body(today, notes="Ελένη: «πονάει» — ça brûle"), "version": 1}
    client.put(f"/api/v1/entries/{created['id']}/", body, format="json")

    entry = Entry.objects.get(pk=created["id"])
    from_tables = selectors.entries_dicts_by_ids(entry_ids=[entry.pk])[entry.pk]
    assert json.loads(entry.payload) == json.loads(json.dumps(from_tables))
    listed = client.get("/api/v1/entries/").json()["results"]
    assert listed == [json.loads(entry.payload)]


def test_a_deleted_entry_keeps_no_payload(patient_client):
    _, client = patient_client
    created = client.post(
        "/api/v1/entries/", entry_body(datetime.date.today()), format="json"
    ).json()
    client.delete(f"/api/v1/entries/{created['id']}/")
    assert Entry.objects.get(pk=created["id"]).payload == ""


def test_rows_without_a_payload_are_rendered_from_the_tables(patient_client):
    patient, client = patient_client
    entry = EntryFactory(patient=patient, date=datetime.date(2026, 1, 2))
    SymptomFactory(entry=entry, region="heel", side="right", pain=4)
    assert entry.payload == ""

    (listed,) = client.get("/api/v1/entries/").json()["results"]

    assert listed["id"] == str(entry.pk)
    assert listed["symptoms"][0]["region"] == "heel"
