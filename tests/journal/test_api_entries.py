"""Daily entries and events through the API (api.md): the contract tables, row by row."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from journal import entries_postgresql
from journal.models import Entry, Event, Patient, Sign, Symptom
from tests.factories import EventFactory, entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ENTRIES = "/api/v1/entries/"
EVENTS = "/api/v1/events/"
DAY = datetime.date(2026, 6, 1)
ANY_ID = "6f1c1a52-3c1e-4a5e-9a57-0b8a3f6f9d10"


def entry_url(entry_id: Any) -> str:
    return f"{ENTRIES}{entry_id}/"


def event_url(event_id: Any) -> str:
    return f"{EVENTS}{event_id}/"


def stored(entry_id: Any) -> Entry:
    return Entry.objects.get(pk=entry_id)


@pytest.fixture
def saved(client_api: APIClient) -> dict[str, Any]:
    """An entry as the server answered its creation (version 1)."""
    answer = client_api.post(ENTRIES, entry_body(DAY), format="json")
    assert answer.status_code == 201
    return answer.json()


def resend(saved: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """What a client sends back: the entry as loaded, with its version, and changes."""
    body = {k: v for k, v in saved.items() if k not in ("updated_at", "deleted", "alerts")}
    return {**body, **changes}


# --- POST -----------------------------------------------------------------------------


def test_post_creates_the_entry_and_answers_it_whole(
    patient: Patient, client_api: APIClient
) -> None:
    answer = client_api.post(ENTRIES, entry_body(DAY), format="json")

    assert answer.status_code == 201
    body = answer.json()
    assert body["date"] == "2026-06-01"
    assert body["version"] == 1
    assert body["alerts"] == []
    assert body["deleted"] is False
    assert body["updated_at"].endswith("Z")
    assert body["symptoms"] == [
        {
            "region": "calf",
            "side": "left",
            "part_of_day": None,
            "pain": 4,
            "numbness": False,
            "tingling": False,
            "qualities": [],
        },
        {
            "region": "sole",
            "side": "left",
            "part_of_day": None,
            "pain": 6,
            "numbness": True,
            "tingling": False,
            "qualities": ["burning"],
        },
    ]
    assert body["signs"] == [{"code": "tripping", "side": "left", "count": 2}]
    assert body["medications"] == [{"name": "ibuprofen", "dose": "400 mg", "times": 2}]
    assert (body["footwear"], body["sitting_hours"], body["walking_minutes"]) == (
        ["high_heels"],
        7.5,
        20,
    )
    entry = stored(body["id"])
    assert entry.patient == patient
    assert (entry.symptoms.count(), entry.signs.count()) == (2, 1)


def test_post_keeps_a_client_chosen_id_and_a_retry_makes_no_duplicate(
    client_api: APIClient,
) -> None:
    entry_id = str(uuid.uuid4())
    body = entry_body(DAY, id=entry_id)

    first = client_api.post(ENTRIES, body, format="json")
    retry = client_api.post(ENTRIES, body, format="json")

    assert (first.status_code, retry.status_code) == (201, 200)
    assert first.json()["id"] == retry.json()["id"] == entry_id
    assert retry.json()["version"] == 1
    assert Entry.objects.count() == 1
    assert Symptom.objects.count() == 2


def test_second_entry_on_same_date_is_a_conflict_carrying_the_existing_entry(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    answer = client_api.post(ENTRIES, entry_body(DAY, notes="A second try"), format="json")

    assert answer.status_code == 409
    assert answer.json()["id"] == saved["id"]
    assert answer.json()["notes"] == "Worse after the wedding"
    assert "already an entry for this date" in answer.json()["detail"]
    assert Entry.objects.count() == 1


SADDLE_NUMB = [{"region": "saddle", "side": "center", "pain": 2, "numbness": True}]


@time_machine.travel(datetime.datetime(2026, 6, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_post_of_an_urgent_pattern_answers_the_alert_at_once(client_api: APIClient) -> None:
    answer = client_api.post(ENTRIES, entry_body(DAY, symptoms=SADDLE_NUMB), format="json")

    assert answer.status_code == 201
    (alert,) = answer.json()["alerts"]
    assert (alert["code"], alert["severity"]) == ("cauda_equina_red_flag", "urgent")
    assert alert["dates"] == ["2026-06-01"]
    assert alert["explanation"]


def test_an_urgent_pattern_logged_months_late_raises_no_alert(client_api: APIClient) -> None:
    answer = client_api.post(ENTRIES, entry_body(DAY, symptoms=SADDLE_NUMB), format="json")

    assert answer.status_code == 201
    assert answer.json()["alerts"] == []


def test_a_minimal_entry_takes_the_defaults(client_api: APIClient) -> None:
    answer = client_api.post(ENTRIES, {"date": "2026-06-01"}, format="json")

    assert answer.status_code == 201
    body = answer.json()
    assert (body["symptoms"], body["signs"], body["footwear"], body["medications"]) == (
        [],
        [],
        [],
        [],
    )
    assert (body["sitting_hours"], body["sleep_quality"], body["notes"]) == (None, None, "")


def test_lists_are_stored_in_vocabulary_order_without_repeats(client_api: APIClient) -> None:
    body = entry_body(
        DAY,
        footwear=["barefoot", "regular", "barefoot"],
        symptoms=[
            {
                "region": "sole",
                "side": "left",
                "pain": 3,
                "qualities": ["throbbing", "aching", "aching"],
            }
        ],
    )

    answer = client_api.post(ENTRIES, body, format="json")

    assert answer.json()["footwear"] == ["regular", "barefoot"]
    assert answer.json()["symptoms"][0]["qualities"] == ["aching", "throbbing"]


def test_one_region_may_be_logged_at_several_parts_of_the_day(client_api: APIClient) -> None:
    readings = [
        {"region": "sole", "side": "left", "pain": 2, "part_of_day": "morning"},
        {"region": "sole", "side": "left", "pain": 7, "part_of_day": "evening"},
        {"region": "sole", "side": "left", "pain": 4},
    ]

    answer = client_api.post(ENTRIES, entry_body(DAY, symptoms=readings), format="json")

    assert answer.status_code == 201
    assert [s["part_of_day"] for s in answer.json()["symptoms"]] == [None, "morning", "evening"]


def test_notes_keep_any_language_and_their_whitespace(client_api: APIClient) -> None:
    notes = "  Πόνος στο πέλμα 🦶\n焼けるような痛み  "

    answer = client_api.post(ENTRIES, entry_body(DAY, notes=notes), format="json")

    assert answer.json()["notes"] == notes
    assert stored(answer.json()["id"]).notes == notes


# --- GET ------------------------------------------------------------------------------


def test_get_answers_the_entry_as_written(client_api: APIClient, saved: dict[str, Any]) -> None:
    answer = client_api.get(entry_url(saved["id"]))

    assert answer.status_code == 200
    assert answer.json() == {k: v for k, v in saved.items() if k != "alerts"}


def test_get_of_an_unknown_id_is_404(client_api: APIClient) -> None:
    assert client_api.get(entry_url(uuid.uuid4())).status_code == 404


def test_get_of_a_malformed_id_is_404(client_api: APIClient) -> None:
    assert client_api.get(f"{ENTRIES}not-a-uuid/").status_code == 404


# --- PUT ------------------------------------------------------------------------------


def test_put_of_a_new_id_creates_the_entry(patient: Patient, client_api: APIClient) -> None:
    entry_id = uuid.uuid4()

    answer = client_api.put(entry_url(entry_id), entry_body(DAY), format="json")

    assert answer.status_code == 201
    assert answer.json()["id"] == str(entry_id)
    assert answer.json()["version"] == 1
    assert stored(entry_id).patient == patient


def test_put_with_the_stored_version_replaces_the_entry(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    body = resend(
        saved,
        notes="Better today",
        symptoms=[{"region": "heel", "side": "right", "pain": 2}],
        signs=[],
    )

    answer = client_api.put(entry_url(saved["id"]), body, format="json")

    assert answer.status_code == 200
    assert answer.json()["version"] == 2
    assert answer.json()["notes"] == "Better today"
    entry = stored(saved["id"])
    assert (entry.version, entry.notes) == (2, "Better today")
    assert list(entry.symptoms.values_list("region", "side", "pain")) == [("heel", "right", 2)]
    assert not entry.signs.exists()


@pytest.mark.parametrize("version", [1, 3, None, 0], ids=["stale", "ahead", "null", "zero"])
def test_stale_version_put_is_a_conflict_and_overwrites_nothing(
    client_api: APIClient, saved: dict[str, Any], version: int | None
) -> None:
    second = client_api.put(entry_url(saved["id"]), resend(saved, notes="Second"), format="json")
    assert second.json()["version"] == 2

    answer = client_api.put(
        entry_url(saved["id"]), resend(saved, notes="Lost update", version=version), format="json"
    )

    assert answer.status_code == 409
    server = answer.json()
    assert (server["id"], server["version"], server["notes"]) == (saved["id"], 2, "Second")
    assert server["symptoms"] == saved["symptoms"]
    assert "another device" in server["detail"]
    entry = stored(saved["id"])
    assert (entry.version, entry.notes, entry.symptoms.count()) == (2, "Second", 2)


def test_put_without_a_version_of_an_existing_entry_is_a_conflict(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    body = entry_body(DAY, notes="Forgot the version")

    answer = client_api.put(entry_url(saved["id"]), body, format="json")

    assert answer.status_code == 409
    assert stored(saved["id"]).notes == "Worse after the wedding"


def test_identical_put_twice_is_a_no_op_not_a_conflict(client_api: APIClient) -> None:
    entry_id = uuid.uuid4()
    body = entry_body(DAY)
    client_api.put(entry_url(entry_id), body, format="json")
    before = stored(entry_id)

    again = client_api.put(entry_url(entry_id), body, format="json")

    assert again.status_code == 200
    assert again.json()["version"] == 1
    after = stored(entry_id)
    assert (after.version, after.updated_at, after.change_seq) == (
        before.version,
        before.updated_at,
        before.change_seq,
    )


def test_the_same_day_in_another_order_is_still_the_same_day(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    body = resend(
        saved,
        version=None,
        symptoms=list(reversed(saved["symptoms"])),
        footwear=list(reversed(saved["footwear"])),
    )

    answer = client_api.put(entry_url(saved["id"]), body, format="json")

    assert answer.status_code == 200
    assert answer.json()["version"] == 1


def test_put_with_another_id_in_the_body_is_refused(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    body = resend(saved, id=str(uuid.uuid4()), notes="Changed")

    answer = client_api.put(entry_url(saved["id"]), body, format="json")

    assert answer.status_code == 400
    assert "id" in answer.json()
    assert stored(saved["id"]).version == 1


def test_put_may_move_an_entry_to_a_free_date(client_api: APIClient, saved: dict[str, Any]) -> None:
    answer = client_api.put(entry_url(saved["id"]), resend(saved, date="2026-05-31"), format="json")

    assert answer.status_code == 200
    assert stored(saved["id"]).date == datetime.date(2026, 5, 31)
    assert client_api.post(ENTRIES, entry_body(DAY), format="json").status_code == 201


def test_put_to_a_date_that_has_an_entry_is_a_conflict_carrying_that_entry(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    other = client_api.post(ENTRIES, entry_body("2026-05-31"), format="json").json()

    answer = client_api.put(entry_url(saved["id"]), resend(saved, date="2026-05-31"), format="json")

    assert answer.status_code == 409
    assert answer.json()["id"] == other["id"]
    assert stored(saved["id"]).date == DAY


def test_put_of_a_new_id_on_a_taken_date_is_a_conflict(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    new_id = uuid.uuid4()

    answer = client_api.put(entry_url(new_id), entry_body(DAY), format="json")

    assert answer.status_code == 409
    assert answer.json()["id"] == saved["id"]
    assert not Entry.objects.filter(pk=new_id).exists()


# --- PATCH ----------------------------------------------------------------------------


def test_patch_with_the_stored_version_changes_only_the_fields_given(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    answer = client_api.patch(
        entry_url(saved["id"]), {"version": 1, "sleep_quality": 2}, format="json"
    )

    assert answer.status_code == 200
    body = answer.json()
    assert (body["version"], body["sleep_quality"]) == (2, 2)
    assert body["symptoms"] == saved["symptoms"]
    assert (body["notes"], body["signs"]) == (saved["notes"], saved["signs"])
    assert stored(saved["id"]).sleep_quality == 2


@pytest.mark.parametrize("body", [{"version": 1, "notes": "late"}, {"notes": "no version"}])
def test_stale_version_patch_is_a_conflict_and_overwrites_nothing(
    client_api: APIClient, saved: dict[str, Any], body: dict[str, Any]
) -> None:
    client_api.patch(entry_url(saved["id"]), {"version": 1, "notes": "Second"}, format="json")

    answer = client_api.patch(entry_url(saved["id"]), body, format="json")

    assert answer.status_code == 409
    assert (answer.json()["version"], answer.json()["notes"]) == (2, "Second")
    assert (stored(saved["id"]).version, stored(saved["id"]).notes) == (2, "Second")


def test_patch_that_changes_nothing_is_a_no_op(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    answer = client_api.patch(entry_url(saved["id"]), {"notes": saved["notes"]}, format="json")

    assert answer.status_code == 200
    assert answer.json()["version"] == 1


def test_patch_with_a_bad_value_names_the_field(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    answer = client_api.patch(
        entry_url(saved["id"]), {"version": 1, "sleep_quality": 11}, format="json"
    )

    assert answer.status_code == 400
    assert "sleep_quality" in answer.json()


def test_patch_of_an_unknown_id_is_404_and_creates_nothing(client_api: APIClient) -> None:
    answer = client_api.patch(entry_url(uuid.uuid4()), {"notes": "x"}, format="json")

    assert answer.status_code == 404
    assert not Entry.objects.exists()


# --- DELETE ---------------------------------------------------------------------------


def test_delete_leaves_a_tombstone_that_sync_reports(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    answer = client_api.delete(entry_url(saved["id"]))

    assert answer.status_code == 204
    tombstone = stored(saved["id"])
    assert tombstone.deleted_at is not None
    assert (tombstone.version, tombstone.notes) == (2, "")
    assert not tombstone.symptoms.exists()
    assert not tombstone.signs.exists()
    sync = client_api.post("/api/v1/sync/", {"since": None, "changes": []}, format="json")
    assert sync.json()["changes"] == [
        {
            "id": saved["id"],
            "date": "2026-06-01",
            "version": 2,
            "updated_at": sync.json()["changes"][0]["updated_at"],
            "deleted": True,
        }
    ]


def test_a_deleted_entry_is_gone_from_reads_and_frees_its_date(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    client_api.delete(entry_url(saved["id"]))

    assert client_api.get(entry_url(saved["id"])).status_code == 404
    assert client_api.delete(entry_url(saved["id"])).status_code == 404
    assert client_api.get(ENTRIES).json()["results"] == []
    assert client_api.post(ENTRIES, entry_body(DAY), format="json").status_code == 201


@pytest.mark.parametrize(("version", "status"), [("1", 204), ("2", 409), (None, 204)])
def test_delete_honours_an_optional_version(
    client_api: APIClient, saved: dict[str, Any], version: str | None, status: int
) -> None:
    url = entry_url(saved["id"]) + (f"?version={version}" if version else "")

    answer = client_api.delete(url)

    assert answer.status_code == status
    assert stored(saved["id"]).is_deleted is (status == 204)
    if status == 409:
        assert answer.json()["version"] == 1


@pytest.mark.parametrize(
    "version", ["one", "-1", "1.0", "²", "", "2147483648", "9" * 5000], ids=repr
)
def test_delete_with_a_malformed_version_is_a_400(
    client_api: APIClient, saved: dict[str, Any], version: str
) -> None:
    answer = client_api.delete(f"{entry_url(saved['id'])}?version={version}")

    assert answer.status_code == 400
    assert "version" in answer.json()
    assert not stored(saved["id"]).is_deleted


def test_a_tombstone_may_come_back_with_its_version(
    client_api: APIClient, saved: dict[str, Any]
) -> None:
    client_api.delete(entry_url(saved["id"]))

    stale = client_api.put(entry_url(saved["id"]), resend(saved, version=1), format="json")
    revived = client_api.put(entry_url(saved["id"]), resend(saved, version=2), format="json")

    assert stale.status_code == 409
    assert stale.json()["deleted"] is True
    assert revived.status_code == 200
    assert revived.json()["version"] == 3
    assert stored(saved["id"]).symptoms.count() == 2


# --- List -----------------------------------------------------------------------------


def post_days(client: APIClient, days: range, **overrides: Any) -> None:
    for day in days:
        body = entry_body(DAY - datetime.timedelta(days=day), **overrides)
        assert client.post(ENTRIES, body, format="json").status_code == 201


def test_list_is_newest_first_with_symptoms_and_signs_nested(client_api: APIClient) -> None:
    post_days(client_api, range(3))

    answer = client_api.get(ENTRIES)

    assert answer.status_code == 200
    body = answer.json()
    assert body["next"] is None
    assert [e["date"] for e in body["results"]] == ["2026-06-01", "2026-05-31", "2026-05-30"]
    assert all(len(e["symptoms"]) == 2 and len(e["signs"]) == 1 for e in body["results"])


def test_list_filters_by_from_and_to_inclusive(client_api: APIClient) -> None:
    post_days(client_api, range(5))

    answer = client_api.get(ENTRIES, {"from": "2026-05-29", "to": "2026-05-31"})

    assert [e["date"] for e in answer.json()["results"]] == [
        "2026-05-31",
        "2026-05-30",
        "2026-05-29",
    ]


def test_list_follows_next_links_to_the_end_without_gaps(client_api: APIClient) -> None:
    post_days(client_api, range(5))
    seen: list[str] = []
    url: str | None = f"{ENTRIES}?page_size=2&from=2026-05-28"

    while url:
        body = client_api.get(url).json()
        seen += [e["date"] for e in body["results"]]
        url = body["next"]

    assert seen == ["2026-06-01", "2026-05-31", "2026-05-30", "2026-05-29", "2026-05-28"]


def test_list_pages_hold_50_by_default(client_api: APIClient, patient: Patient) -> None:
    Entry.objects.bulk_create(
        Entry(patient=patient, date=DAY - datetime.timedelta(days=n)) for n in range(51)
    )

    body = client_api.get(ENTRIES).json()

    assert len(body["results"]) == 50
    assert body["next"] is not None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": 101}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": "many"}, "page_size"),
        ({"from": "yesterday"}, "from"),
        ({"to": "2026-13-01"}, "to"),
        ({"cursor": "abc"}, "cursor"),
    ],
)
def test_list_rejects_bad_parameters_by_name(
    client_api: APIClient, params: dict[str, Any], field: str
) -> None:
    answer = client_api.get(ENTRIES, params)

    assert answer.status_code == 400
    assert field in answer.json()


@pytest.fixture
def history(patient: Patient) -> Patient:
    """100 days of entries, each with four symptoms and two signs, written in bulk."""
    entries = Entry.objects.bulk_create(
        Entry(patient=patient, date=DAY - datetime.timedelta(days=n), notes=f"day {n}")
        for n in range(100)
    )
    Symptom.objects.bulk_create(
        Symptom(entry=entry, region=region, side=side, pain=n % 11)
        for n, entry in enumerate(entries)
        for region, side in (
            ("sole", "left"),
            ("calf", "left"),
            ("lower_back", "center"),
            ("heel", "right"),
        )
    )
    Sign.objects.bulk_create(
        sign
        for entry in entries
        for sign in (
            Sign(entry=entry, code="tripping", side="left", count=3),
            Sign(entry=entry, code="bladder_change"),
        )
    )
    return patient


def test_list_uses_the_same_few_queries_whatever_the_page_size(
    history: Patient, client_api: APIClient, django_assert_max_num_queries: Any
) -> None:
    counts = {}
    for page_size in (1, 10, 50, 100):
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(4):
            answer = client_api.get(ENTRIES, {"page_size": page_size})
        assert len(answer.json()["results"]) == page_size
        assert all(len(e["symptoms"]) == 4 for e in answer.json()["results"])
        counts[page_size] = len(queries)

    assert len(set(counts.values())) == 1, counts


def test_a_create_takes_the_same_few_statements_however_many_symptoms(
    patient: Patient, client_api: APIClient, django_assert_max_num_queries: Any
) -> None:
    # PostgreSQL: sign-in, a read of the day, one write. SQLite: sign-in, the patient's row
    # lock, the stored state of the day, a statement per table. Savepoints: the test's own.
    limit = 5 if connection.vendor == "postgresql" else 9
    many = [
        {"region": region, "side": side, "pain": 3}
        for region in ("sole", "calf", "heel", "knee", "thigh_back", "buttock")
        for side in ("left", "right")
    ]
    counts = []
    for day, symptoms in enumerate(([], many[:1], many)):
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(limit):
            body = entry_body(DAY + datetime.timedelta(days=day), symptoms=symptoms)
            answer = client_api.post(ENTRIES, body, format="json")
        assert answer.status_code == 201
        assert len(answer.json()["symptoms"]) == len(symptoms)
        counts.append(len(queries))

    assert counts[1] == counts[2], counts  # (no symptoms at all can skip a statement)
    assert Symptom.objects.filter(entry__patient=patient).count() == 1 + len(many)


def test_a_create_whose_read_went_stale_still_takes_the_next_change_number(
    patient: Patient, client_api: APIClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The short way read the journal before another phone saved a day: its conditional
    # write must not land with a change number already used (a sync cursor would skip
    # one of the two); the locked way writes it after the other.
    client_api.post(ENTRIES, entry_body(DAY), format="json")
    monkeypatch.setattr(entries_postgresql, "_patient_seq_and_taken", lambda **_: (0, False))

    answer = client_api.post(ENTRIES, entry_body(DAY + datetime.timedelta(days=1)), format="json")

    assert answer.status_code == 201
    assert Entry.objects.get(pk=answer.json()["id"]).change_seq == 2
    assert Patient.objects.get(pk=patient.pk).change_seq == 2


def test_a_create_refused_by_a_unique_index_is_decided_again_under_the_lock(
    patient: Patient, client_api: APIClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The read saw the current change number but missed the taken date (as if the other
    # entry committed in between): the index refuses the insert, nothing is written.
    first = client_api.post(ENTRIES, entry_body(DAY), format="json").json()
    monkeypatch.setattr(
        entries_postgresql,
        "_patient_seq_and_taken",
        lambda **_: (Patient.objects.get(pk=patient.pk).change_seq, False),
    )

    answer = client_api.post(ENTRIES, entry_body(DAY, notes="Other phone"), format="json")

    assert answer.status_code == 409
    assert answer.json()["id"] == first["id"]
    assert Entry.objects.filter(patient=patient).count() == 1
    assert Patient.objects.get(pk=patient.pk).change_seq == 1


# --- Events ---------------------------------------------------------------------------


EVENT = {
    "kind": "back_surgery",
    "site": "lower_back",
    "side": "center",
    "date": "2026-03-02",
    "notes": "Microdiscectomy L5-S1",
}


@pytest.fixture
def event(client_api: APIClient) -> dict[str, Any]:
    answer = client_api.post(EVENTS, EVENT, format="json")
    assert answer.status_code == 201
    return answer.json()


def test_post_event_creates_it(patient: Patient, event: dict[str, Any]) -> None:
    assert {k: event[k] for k in EVENT} == EVENT
    assert set(event) == {*EVENT, "id", "created_at", "updated_at"}
    assert Event.objects.get(pk=event["id"]).patient == patient


def test_an_event_without_side_answers_null(client_api: APIClient) -> None:
    answer = client_api.post(
        EVENTS, {"kind": "injection", "site": "hip", "date": "2026-03-02"}, format="json"
    )

    assert answer.status_code == 201
    assert (answer.json()["side"], answer.json()["notes"]) == (None, "")


def test_get_event_answers_it(client_api: APIClient, event: dict[str, Any]) -> None:
    answer = client_api.get(event_url(event["id"]))

    assert answer.status_code == 200
    assert answer.json() == event


def test_patch_event_changes_only_the_fields_given(
    client_api: APIClient, event: dict[str, Any]
) -> None:
    answer = client_api.patch(event_url(event["id"]), {"side": None, "notes": ""}, format="json")

    assert answer.status_code == 200
    assert (answer.json()["side"], answer.json()["notes"]) == (None, "")
    assert answer.json()["kind"] == "back_surgery"
    assert Event.objects.get(pk=event["id"]).side == ""


def test_delete_event_removes_it(client_api: APIClient, event: dict[str, Any]) -> None:
    assert client_api.delete(event_url(event["id"])).status_code == 204

    assert not Event.objects.exists()
    assert client_api.get(event_url(event["id"])).status_code == 404


def test_events_list_newest_first_and_filters_by_dates(
    client_api: APIClient, patient: Patient
) -> None:
    for day in ("2026-01-10", "2026-02-10", "2026-03-10"):
        EventFactory(patient=patient, date=datetime.date.fromisoformat(day))

    everything = client_api.get(EVENTS).json()["results"]
    february = client_api.get(EVENTS, {"from": "2026-02-01", "to": "2026-02-28"}).json()["results"]

    assert [e["date"] for e in everything] == ["2026-03-10", "2026-02-10", "2026-01-10"]
    assert [e["date"] for e in february] == ["2026-02-10"]


def test_events_list_pages_with_a_next_link(client_api: APIClient, patient: Patient) -> None:
    for day in range(1, 6):
        EventFactory(patient=patient, date=datetime.date(2026, 1, day))

    first = client_api.get(EVENTS, {"page_size": 2}).json()
    second = client_api.get(first["next"]).json()

    assert [e["date"] for e in first["results"]] == ["2026-01-05", "2026-01-04"]
    assert [e["date"] for e in second["results"]] == ["2026-01-03", "2026-01-02"]
    assert client_api.get(EVENTS, {"page_size": 0}).status_code == 400


def test_unknown_event_id_is_404(client_api: APIClient) -> None:
    for answer in (
        client_api.get(event_url(uuid.uuid4())),
        client_api.patch(event_url(uuid.uuid4()), {"notes": "x"}, format="json"),
        client_api.delete(event_url(uuid.uuid4())),
    ):
        assert answer.status_code == 404


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", entry_url(ANY_ID)),
        ("delete", ENTRIES),
        ("put", ENTRIES),
        ("get", "/api/v1/sync/"),
        ("put", event_url(ANY_ID)),
        ("get", "/api/v1/account/"),
    ],
)
def test_a_method_a_route_does_not_take_is_a_405(
    client_api: APIClient, method: str, url: str
) -> None:
    answer = getattr(client_api, method)(url, {}, format="json")

    assert answer.status_code == 405
    assert "not allowed" in answer.json()["detail"]


# --- Anonymous ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", ENTRIES),
        ("post", ENTRIES),
        ("get", entry_url(ANY_ID)),
        ("put", entry_url(ANY_ID)),
        ("patch", entry_url(ANY_ID)),
        ("delete", entry_url(ANY_ID)),
        ("post", "/api/v1/sync/"),
        ("get", EVENTS),
        ("post", EVENTS),
        ("get", event_url(ANY_ID)),
        ("patch", event_url(ANY_ID)),
        ("delete", event_url(ANY_ID)),
        ("get", "/api/v1/profile/"),
        ("patch", "/api/v1/profile/"),
        ("get", "/api/v1/export/"),
        ("delete", "/api/v1/account/"),
        ("delete", "/api/v1/auth/token/"),
    ],
)
def test_anonymous_requests_get_401(db: Any, method: str, url: str) -> None:
    answer = getattr(APIClient(), method)(url, {}, format="json")

    assert answer.status_code == 401
    assert "detail" in answer.json()
