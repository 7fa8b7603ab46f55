"""A patient who moves west: their former "today" is tomorrow where they are now. A phone
re-sending that day unchanged (its outbox retrying) is answered as unchanged; anything
new or changed for that date is still a date in the future."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
import time_machine

from journal.models import Entry
from tests.factories import entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# 20:00 UTC: already 2 June in Auckland (UTC+12), still 1 June in Honolulu (UTC-10).
NOW = datetime.datetime(2026, 6, 1, 20, tzinfo=datetime.UTC)
FORMER_TODAY = "2026-06-02"


@pytest.fixture
def moved_west(make_patient: Any) -> Any:
    with time_machine.travel(NOW, tick=False):
        _, client = make_patient(timezone="Pacific/Auckland")
        body = {**entry_body(FORMER_TODAY), "id": str(uuid.uuid4())}
        assert client.post("/api/v1/entries/", body, format="json").status_code == 201
        moved = client.patch("/api/v1/profile/", {"timezone": "Pacific/Honolulu"}, format="json")
        assert moved.status_code == 200
        yield client, body


def test_the_former_today_resent_unchanged_is_accepted(moved_west: Any) -> None:
    client, body = moved_west

    again = client.post("/api/v1/entries/", body, format="json")
    put = client.put(f"/api/v1/entries/{body['id']}/", {**body, "version": 1}, format="json")
    synced = client.post(
        "/api/v1/sync/",
        {"since": None, "changes": [{"op": "upsert", "entry": body}]},
        format="json",
    )

    assert again.status_code == 200
    assert again.json()["version"] == 1
    assert put.status_code == 200
    assert [r["status"] for r in synced.json()["results"]] == ["unchanged"]
    assert Entry.objects.get().version == 1


def test_the_former_today_changed_or_new_is_still_in_the_future(moved_west: Any) -> None:
    client, body = moved_west
    changed = {**body, "notes": "changed after the flight", "version": 1}

    put = client.put(f"/api/v1/entries/{body['id']}/", changed, format="json")
    other = client.post("/api/v1/entries/", entry_body("2026-06-02"), format="json")
    synced = client.post(
        "/api/v1/sync/",
        {"since": None, "changes": [{"op": "upsert", "entry": changed}]},
        format="json",
    )

    assert put.status_code == 400
    assert "future" in put.json()["date"][0]
    assert other.status_code == 400
    assert [r["status"] for r in synced.json()["results"]] == ["invalid"]
    assert Entry.objects.get().notes == body["notes"]


def test_a_date_in_the_future_everywhere_is_refused_before_any_lookup(moved_west: Any) -> None:
    client, _ = moved_west

    answer = client.post("/api/v1/entries/", entry_body("2026-06-04"), format="json")

    assert answer.status_code == 400
    assert "future" in answer.json()["date"][0]
