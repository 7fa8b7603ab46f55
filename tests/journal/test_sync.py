"""Offline sync (api.md): per-change results, replay safety, conflicts that lose nothing,
and a cursor through which one device learns what another did."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
import time_machine
from rest_framework.test import APIClient

from journal.api import sync_views
from journal.authentication import access_token_issue
from journal.models import Entry, Patient, Sign, Symptom
from tests.factories import entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

SYNC = "/api/v1/sync/"
ENTRIES = "/api/v1/entries/"
DAY = datetime.date(2026, 6, 1)


def day(n: int) -> str:
    return (DAY - datetime.timedelta(days=n)).isoformat()


def upsert(date: str, entry_id: Any = None, **fields: Any) -> dict[str, Any]:
    return {"op": "upsert", "entry": entry_body(date, id=str(entry_id or uuid.uuid4()), **fields)}


def delete(entry_id: Any, version: int | None = None) -> dict[str, Any]:
    change: dict[str, Any] = {"op": "delete", "id": str(entry_id)}
    if version is not None:
        change["version"] = version
    return change


def sync(client: APIClient, changes: list[Any], since: str | None = None) -> dict[str, Any]:
    answer = client.post(SYNC, {"since": since, "changes": changes}, format="json")
    assert answer.status_code == 200, answer.content
    return answer.json()


def statuses(answer: dict[str, Any]) -> list[str]:
    return [r["status"] for r in answer["results"]]


def stored_state(patient: Patient) -> dict[str, Any]:
    entries = sorted(
        Entry.objects.filter(patient=patient).values_list(
            "id", "date", "version", "notes", "change_seq", "updated_at", "deleted_at"
        )
    )
    return {
        "entries": entries,
        "symptoms": Symptom.objects.filter(entry__patient=patient).count(),
        "signs": Sign.objects.filter(entry__patient=patient).count(),
        "seq": Patient.objects.get(pk=patient.pk).change_seq,
    }


@pytest.fixture
def second_device(patient: Patient) -> APIClient:
    """The same patient signed in on another device, with its own token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {access_token_issue(user=patient.user)}")
    return client


# --- Results, change by change --------------------------------------------------------


@pytest.fixture
def two_entries(client_api: APIClient) -> list[dict[str, Any]]:
    answer = sync(client_api, [upsert(day(1)), upsert(day(2))])
    assert statuses(answer) == ["created", "created"]
    return [Entry.objects.get(pk=r["id"]) for r in answer["results"]]


def test_each_change_gets_its_own_result_and_one_bad_change_stops_nothing(
    client_api: APIClient, two_entries: list[Entry]
) -> None:
    kept, gone = two_entries
    new_id = uuid.uuid4()
    changes = [
        upsert(day(3), new_id),
        upsert(day(1), kept.pk, notes="Edited offline", version=1),
        {
            "op": "upsert",
            "entry": {
                "id": str(uuid.uuid4()),
                "date": day(4),
                "symptoms": [{"region": "elbow", "side": "left", "pain": 3}],
            },
        },
        upsert(day(3), new_id),
        delete(gone.pk, version=1),
        upsert(day(1), kept.pk, notes="Edited on a stale copy", version=1),
        upsert(day(5)),
    ]

    answer = sync(client_api, changes)

    assert statuses(answer) == [
        "created",
        "updated",
        "invalid",
        "unchanged",
        "deleted",
        "conflict",
        "created",
    ]
    created, updated, invalid, unchanged, deleted, conflict, _ = answer["results"]
    assert (created["id"], created["version"], created["errors"]) == (str(new_id), 1, None)
    assert (updated["version"], unchanged["version"], deleted["version"]) == (2, 1, 2)
    assert invalid["errors"] == {"symptoms": {"0": {"region": ['"elbow" is not a valid choice.']}}}
    assert conflict["server"]["notes"] == "Edited offline"
    assert conflict["server"]["version"] == 2
    kept.refresh_from_db()
    assert (kept.version, kept.notes) == (2, "Edited offline")
    assert Entry.objects.get(pk=gone.pk).is_deleted
    assert Entry.objects.filter(deleted_at__isnull=True).count() == 3


def test_a_conflict_returns_the_server_copy_and_keeps_it(
    client_api: APIClient, second_device: APIClient, two_entries: list[Entry]
) -> None:
    entry = two_entries[0]
    sync(second_device, [upsert(day(1), entry.pk, notes="From the laptop", version=1)])

    answer = sync(client_api, [upsert(day(1), entry.pk, notes="From the phone", version=1)])

    (result,) = answer["results"]
    assert (result["status"], result["version"]) == ("conflict", 2)
    assert result["server"]["notes"] == "From the laptop"
    assert result["server"]["symptoms"]
    assert result["server"]["id"] == str(entry.pk)
    assert result["errors"]["detail"]
    assert Entry.objects.get(pk=entry.pk).notes == "From the laptop"


def test_a_new_id_on_a_taken_date_is_a_conflict_carrying_the_entry_of_that_date(
    client_api: APIClient, two_entries: list[Entry]
) -> None:
    answer = sync(client_api, [upsert(day(1), notes="Logged on another phone")])

    (result,) = answer["results"]
    assert result["status"] == "conflict"
    assert result["server"]["id"] == str(two_entries[0].pk)
    assert Entry.objects.count() == 2


def test_deleting_a_deleted_entry_again_answers_deleted(
    client_api: APIClient, two_entries: list[Entry]
) -> None:
    entry = two_entries[0]
    sync(client_api, [delete(entry.pk)])

    again = sync(client_api, [delete(entry.pk), delete(entry.pk, version=1)])

    assert statuses(again) == ["deleted", "deleted"]
    assert Entry.objects.get(pk=entry.pk).version == 2


def test_a_stale_delete_is_a_conflict_and_deletes_nothing(
    client_api: APIClient, two_entries: list[Entry]
) -> None:
    entry = two_entries[0]
    sync(client_api, [upsert(day(1), entry.pk, notes="Edited", version=1)])

    answer = sync(client_api, [delete(entry.pk, version=1)])

    assert statuses(answer) == ["conflict"]
    assert answer["results"][0]["server"]["notes"] == "Edited"
    assert not Entry.objects.get(pk=entry.pk).is_deleted


def test_a_deleted_entry_comes_back_only_with_the_tombstones_version(
    client_api: APIClient, two_entries: list[Entry]
) -> None:
    entry = two_entries[0]
    sync(client_api, [delete(entry.pk)])

    stale = sync(client_api, [upsert(day(1), entry.pk, version=1)])
    revived = sync(client_api, [upsert(day(1), entry.pk, notes="Back", version=2)])

    assert statuses(stale) == ["conflict"]
    assert stale["results"][0]["server"]["deleted"] is True
    assert statuses(revived) == ["updated"]
    assert revived["results"][0]["version"] == 3
    assert Entry.objects.get(pk=entry.pk).notes == "Back"


def test_changes_to_one_entry_apply_in_order_within_a_batch(client_api: APIClient) -> None:
    entry_id = uuid.uuid4()

    answer = sync(
        client_api,
        [
            upsert(day(1), entry_id),
            upsert(day(1), entry_id, notes="Second thought", version=1),
            upsert(day(7), entry_id, notes="Wrong day, moved", version=2),
            delete(entry_id, version=3),
        ],
    )

    assert statuses(answer) == ["created", "updated", "updated", "deleted"]
    entry = Entry.objects.get(pk=entry_id)
    assert (entry.version, entry.is_deleted, entry.date.isoformat()) == (4, True, day(7))
    assert not entry.symptoms.exists()


def test_a_date_freed_in_a_batch_can_be_taken_in_the_same_batch(
    client_api: APIClient, two_entries: list[Entry]
) -> None:
    first, second = two_entries  # on day(1) and day(2)

    answer = sync(
        client_api,
        [delete(first.pk, version=1), upsert(day(1), second.pk, notes="Moved", version=1)],
    )

    assert statuses(answer) == ["deleted", "updated"]
    second.refresh_from_db()
    assert (second.date.isoformat(), second.notes) == (day(1), "Moved")
    assert Entry.objects.get(pk=first.pk).is_deleted


@pytest.mark.parametrize("moving_id_first", [True, False])
def test_a_date_freed_by_a_delete_can_be_moved_into_whatever_the_row_order(
    client_api: APIClient, moving_id_first: bool
) -> None:
    low, high = uuid.UUID(int=1), uuid.UUID(int=2)
    moving, deleted = (low, high) if moving_id_first else (high, low)
    sync(client_api, [upsert(day(1), deleted), upsert(day(2), moving)])

    answer = sync(client_api, [delete(deleted, version=1), upsert(day(1), moving, version=1)])

    assert statuses(answer) == ["deleted", "updated"]
    assert Entry.objects.get(pk=moving).date.isoformat() == day(1)
    assert Entry.objects.get(pk=deleted).is_deleted


def test_a_moved_entry_frees_its_date_for_a_new_one_in_the_same_batch(
    client_api: APIClient, two_entries: list[Entry]
) -> None:
    first = two_entries[0]
    new_id = uuid.uuid4()

    answer = sync(
        client_api, [upsert(day(9), first.pk, version=1), upsert(day(1), new_id, notes="New")]
    )

    assert statuses(answer) == ["updated", "created"]
    assert Entry.objects.get(pk=new_id).date.isoformat() == day(1)
    assert Entry.objects.get(pk=first.pk).date.isoformat() == day(9)


def test_two_entries_may_swap_dates_in_one_batch_through_a_free_date(
    client_api: APIClient, two_entries: list[Entry]
) -> None:
    first, second = two_entries

    answer = sync(
        client_api,
        [
            upsert(day(9), first.pk, version=1),
            upsert(day(1), second.pk, version=1),
            upsert(day(2), first.pk, version=2),
        ],
    )

    assert statuses(answer) == ["updated", "updated", "updated"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.date.isoformat(), second.date.isoformat()) == (day(2), day(1))


@time_machine.travel(datetime.datetime(2026, 6, 1, 18, 0, tzinfo=datetime.UTC), tick=False)
def test_a_sync_answers_urgent_alerts_raised_by_its_changes(client_api: APIClient) -> None:
    saddle = [{"region": "saddle", "side": "center", "pain": 1, "tingling": True}]

    answer = sync(client_api, [upsert(day(1)), upsert(day(2), symptoms=saddle)])

    assert [a["code"] for a in answer["alerts"]] == ["cauda_equina_red_flag"]
    assert answer["alerts"][0]["dates"] == [day(2)]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("upsert", "non_field_errors"),
        ({"op": "replace", "id": str(uuid.uuid4())}, "op"),
        ({"entry": entry_body(day(1), id=str(uuid.uuid4()))}, "op"),
        ({"op": "upsert"}, "entry"),
        ({"op": "upsert", "entry": [entry_body(day(1))]}, "entry"),
        ({"op": "upsert", "entry": entry_body(day(1))}, "id"),
        ({"op": "delete"}, "id"),
        ({"op": "delete", "id": "entry-1"}, "id"),
        ({"op": "delete", "id": str(uuid.uuid4())}, "id"),
        ({"op": "delete", "id": str(uuid.uuid4()), "version": "3"}, "version"),
        ({"op": "delete", "id": str(uuid.uuid4()), "version": True}, "version"),
    ],
    ids=[
        "not-an-object",
        "unknown-op",
        "no-op",
        "no-entry",
        "entry-not-an-object",
        "no-id",
        "delete-without-id",
        "delete-bad-id",
        "delete-unknown-id",
        "delete-version-string",
        "delete-version-true",
    ],
)
def test_a_malformed_change_is_invalid_naming_the_field_and_the_rest_applies(
    client_api: APIClient, change: Any, field: str
) -> None:
    answer = sync(client_api, [change, upsert(day(1))])

    assert statuses(answer) == ["invalid", "created"]
    assert field in answer["results"][0]["errors"]
    assert Entry.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"changes": {"op": "upsert"}}, "changes"),
        ({"changes": "everything"}, "changes"),
        ({"since": 3}, "since"),
    ],
)
def test_a_malformed_sync_request_is_a_400(
    client_api: APIClient, body: dict[str, Any], field: str
) -> None:
    answer = client_api.post(SYNC, body, format="json")

    assert answer.status_code == 400
    assert field in answer.json()


# --- A full batch, and replaying it ---------------------------------------------------


def full_batch() -> list[dict[str, Any]]:
    """500 days, each with symptoms, a sign, footwear and medications."""
    return [upsert(day(n), uuid.UUID(int=n + 1), notes=f"Day {n}") for n in range(500)]


def test_a_500_change_batch_applies_in_a_few_queries(
    patient: Patient, client_api: APIClient, django_assert_max_num_queries: Any
) -> None:
    # Bulk statements, not one per change: a few dozen at most, because SQLite splits
    # a bulk insert into chunks of its variable limit where PostgreSQL needs one or two.
    with django_assert_max_num_queries(40):
        answer = sync(client_api, full_batch())

    assert statuses(answer) == ["created"] * 500
    assert Entry.objects.filter(patient=patient).count() == 500
    assert Symptom.objects.count() == 1000
    assert Sign.objects.count() == 500


def test_replaying_a_500_change_batch_gives_the_same_state_and_no_duplicates(
    patient: Patient, client_api: APIClient
) -> None:
    batch = full_batch()
    first = sync(client_api, batch)
    state = stored_state(patient)

    replay = sync(client_api, batch)

    assert statuses(first) == ["created"] * 500
    assert statuses(replay) == ["unchanged"] * 500
    assert [r["version"] for r in replay["results"]] == [1] * 500
    assert stored_state(patient) == state
    assert state["symptoms"] == 1000


def test_a_batch_that_changes_nothing_leaves_the_patient_row_as_it_was(
    patient: Patient, client_api: APIClient
) -> None:
    batch = [upsert(day(n), uuid.UUID(int=n + 1)) for n in range(3)]
    sync(client_api, batch)
    marks = ("change_seq", "analysis_generation", "analysis_requested_at")
    before = Patient.objects.filter(pk=patient.pk).values_list(*marks).get()

    replay = sync(client_api, [*batch, upsert(day(0), uuid.uuid4(), notes="Same day, new id")])

    assert statuses(replay) == ["unchanged"] * 3 + ["conflict"]
    assert Patient.objects.filter(pk=patient.pk).values_list(*marks).get() == before
    assert replay["cursor"] == str(before[0])


def test_the_cursor_after_a_partly_new_batch_skips_none_of_another_devices_changes(
    patient: Patient, client_api: APIClient, second_device: APIClient
) -> None:
    first = sync(client_api, [upsert(day(1), uuid.UUID(int=1))])
    mixed = sync(
        client_api,
        [upsert(day(1), uuid.UUID(int=1)), upsert(day(2), uuid.UUID(int=2))],
        since=first["cursor"],
    )
    other = sync(second_device, [upsert(day(3), uuid.UUID(int=3))], since=mixed["cursor"])

    later = sync(client_api, [], since=mixed["cursor"])

    assert statuses(mixed) == ["unchanged", "created"]
    assert statuses(other) == ["created"]
    assert [change["id"] for change in later["changes"]] == [str(uuid.UUID(int=3))]


def test_replaying_a_batch_of_edits_and_deletes_changes_nothing_more(
    patient: Patient, client_api: APIClient, two_entries: list[Entry]
) -> None:
    kept, gone = two_entries
    batch = [
        upsert(day(1), kept.pk, notes="Edited", version=1),
        delete(gone.pk, version=1),
        upsert(day(3), uuid.UUID(int=7)),
    ]
    first = sync(client_api, batch)
    state = stored_state(patient)

    replay = sync(client_api, batch)

    assert statuses(first) == ["updated", "deleted", "created"]
    assert statuses(replay) == ["unchanged", "deleted", "unchanged"]
    assert stored_state(patient) == state


def test_more_than_500_changes_is_a_413_and_writes_nothing(client_api: APIClient) -> None:
    changes = [*full_batch(), upsert(day(500))]

    answer = client_api.post(SYNC, {"since": None, "changes": changes}, format="json")

    assert answer.status_code == 413
    assert "500" in answer.json()["detail"]
    assert not Entry.objects.exists()


# --- The cursor -----------------------------------------------------------------------


def test_changes_from_another_device_arrive_through_the_old_cursor(
    client_api: APIClient, second_device: APIClient
) -> None:
    kept_id, edited_id, gone_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    start = sync(
        client_api, [upsert(day(1), kept_id), upsert(day(2), edited_id), upsert(day(3), gone_id)]
    )
    assert start["changes"] == []  # its own changes are not echoed back
    laptop = sync(
        second_device,
        [
            upsert(day(2), edited_id, notes="From the laptop", version=1),
            delete(gone_id, version=1),
            upsert(day(4), notes="Logged on the laptop"),
        ],
    )
    second_device.put(
        f"{ENTRIES}{kept_id}/", entry_body(day(1), notes="PUT", version=1), format="json"
    )

    answer = sync(client_api, [], since=start["cursor"])

    changes = {c["id"]: c for c in answer["changes"]}
    assert set(changes) == {str(edited_id), str(gone_id), str(kept_id), laptop["results"][2]["id"]}
    assert changes[str(edited_id)]["notes"] == "From the laptop"
    assert changes[str(edited_id)]["symptoms"]
    assert changes[str(gone_id)] == {
        "id": str(gone_id),
        "date": day(3),
        "version": 2,
        "deleted": True,
        "updated_at": changes[str(gone_id)]["updated_at"],
    }
    assert changes[str(kept_id)]["notes"] == "PUT"
    assert answer["more"] is False
    assert sync(client_api, [], since=answer["cursor"])["changes"] == []


def test_changes_arrive_oldest_first_and_once_each(
    client_api: APIClient, second_device: APIClient
) -> None:
    entry_id = uuid.uuid4()
    cursor = sync(client_api, [])["cursor"]
    sync(second_device, [upsert(day(1), entry_id)])
    sync(second_device, [upsert(day(2))])
    sync(second_device, [upsert(day(1), entry_id, notes="Again", version=1)])

    answer = sync(client_api, [], since=cursor)

    assert [c["date"] for c in answer["changes"]] == [day(2), day(1)]
    assert answer["changes"][1]["version"] == 2


def test_a_device_that_writes_and_pulls_at_once_gets_the_others_changes_not_its_own(
    client_api: APIClient, second_device: APIClient
) -> None:
    cursor = sync(client_api, [upsert(day(1))])["cursor"]
    other = sync(second_device, [upsert(day(2))])["results"][0]["id"]

    answer = sync(client_api, [upsert(day(3))], since=cursor)

    assert [c["id"] for c in answer["changes"]] == [other]
    assert sync(client_api, [], since=answer["cursor"])["changes"] == []


def test_a_long_history_arrives_in_pages_without_gaps(
    client_api: APIClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync(client_api, [upsert(day(n)) for n in range(7)])
    monkeypatch.setattr(sync_views, "SYNC_CHANGES_PAGE", 3)
    dates: list[str] = []
    cursor = None

    for expected_more in (True, True, False):
        answer = sync(client_api, [], since=cursor)
        assert answer["more"] is expected_more
        dates += [c["date"] for c in answer["changes"]]
        cursor = answer["cursor"]

    assert sorted(dates) == sorted(day(n) for n in range(7))


def test_the_first_sync_of_a_new_device_gets_everything(
    client_api: APIClient, second_device: APIClient
) -> None:
    created = sync(client_api, [upsert(day(n)) for n in range(3)])
    sync(client_api, [delete(created["results"][0]["id"])])

    answer = sync(second_device, [])

    assert len(answer["changes"]) == 3
    assert [c["deleted"] for c in answer["changes"]] == [False, False, True]


@pytest.mark.parametrize(
    "since",
    ["abc", "-1", "1.5", "", " 1", "١", "9" * 19, "1000"],
    ids=["word", "negative", "fraction", "empty", "space", "arabic-digit", "huge", "ahead"],
)
def test_a_cursor_that_is_not_ours_is_a_400_and_applies_nothing(
    client_api: APIClient, since: str
) -> None:
    sync(client_api, [upsert(day(1))])

    answer = client_api.post(SYNC, {"since": since, "changes": [upsert(day(2))]}, format="json")

    assert answer.status_code == 400
    assert "since" in answer.json()
    assert Entry.objects.count() == 1


def test_a_sync_without_changes_only_pulls(client_api: APIClient) -> None:
    sync(client_api, [upsert(day(1))])

    answer = client_api.post(SYNC, {}, format="json").json()

    assert answer["results"] == []
    assert len(answer["changes"]) == 1
