"""POST /api/v1/import/: a patient's own JSON export, applied as a sync applies entries
(api.md, "Import"): same journal after a move, nothing changed by a second import, a
broken entry named and the rest imported, never an overwrite."""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from journal.models import Patient
from tests.conftest import ON_POSTGRES
from tests.factories import entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

IMPORT = "/api/v1/import/"
ENTRIES = "/api/v1/entries/"
EVENTS = "/api/v1/events/"
STAMPS = ("id", "version", "updated_at", "alerts")


def days_ago(n: int) -> str:
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def source(make_patient: Callable[..., tuple[Any, APIClient]]) -> tuple[Any, APIClient]:
    """A patient with three days, two events and a profile, in Europe/Athens."""
    patient, client = make_patient(timezone="Europe/Athens")
    Patient.objects.filter(pk=patient.pk).update(
        display_name="Ada", birth_year=1978, health_history=["diabetes"]
    )
    for day in (
        entry_body(days_ago(3)),
        entry_body(days_ago(2), symptoms=[], signs=[], notes="A quiet day"),
        entry_body(days_ago(1), medications=[], footwear=["athletic"]),
    ):
        assert client.post(ENTRIES, day, format="json").status_code == 201
    for event in (
        {"kind": "back_surgery", "site": "lower_back", "date": "2025-03-01", "notes": "L5"},
        {"kind": "trauma", "site": "ankle", "side": "left", "date": "2025-09-09"},
    ):
        assert client.post(EVENTS, event, format="json").status_code == 201
    return patient, client


def exported(client: APIClient) -> dict[str, Any]:
    answer = client.get("/api/v1/export/", {"format": "json"})
    assert answer.status_code == 200
    return dict(json.loads(answer.content))


def journal_of(client: APIClient) -> dict[str, Any]:
    document = exported(client)
    return {
        "entries": [{k: v for k, v in e.items() if k not in STAMPS} for e in document["entries"]],
        "events": [{k: v for k, v in e.items() if k != "id"} for e in document["events"]],
        "profile": {k: v for k, v in document["profile"].items() if k not in ("id", "username")},
    }


def import_file(client: APIClient, document: dict[str, Any]) -> Any:
    return client.post(IMPORT, document, format="json")


def test_an_export_imported_into_a_new_account_gives_the_same_journal(
    source: tuple[Any, APIClient], make_patient: Callable[..., tuple[Any, APIClient]]
) -> None:
    _, new_client = make_patient(timezone="Europe/Athens", display_name="")

    answer = import_file(new_client, exported(source[1]))

    assert answer.status_code == 202, answer.content
    assert answer.json()["entries"] == {"created": 3, "unchanged": 0, "conflicts": 0, "invalid": 0}
    assert answer.json()["events"] == {"created": 2, "unchanged": 0}
    assert (answer.json()["created"], answer.json()["problems"]) == (5, [])
    assert set(answer.json()["profile_filled"]) == {"display_name", "birth_year", "health_history"}
    assert journal_of(new_client) == journal_of(source[1])


def test_a_move_to_another_server_keeps_the_entry_ids(
    source: tuple[Any, APIClient], make_patient: Callable[..., tuple[Any, APIClient]]
) -> None:
    """The other server has never seen the ids: here, the source account is gone."""
    document = exported(source[1])
    source[0].user.delete()
    _, new_client = make_patient(timezone="Europe/Athens", display_name="")

    assert import_file(new_client, document).status_code == 202

    assert [e["id"] for e in exported(new_client)["entries"]] == [
        e["id"] for e in document["entries"]
    ]


def test_importing_the_same_file_twice_changes_nothing(
    source: tuple[Any, APIClient], make_patient: Callable[..., tuple[Any, APIClient]]
) -> None:
    _, new_client = make_patient(timezone="Europe/Athens", display_name="")
    document = exported(source[1])
    import_file(new_client, document)
    before = exported(new_client)

    again = import_file(new_client, document)

    assert again.status_code == 202
    assert again.json()["entries"] == {"created": 0, "unchanged": 3, "conflicts": 0, "invalid": 0}
    assert again.json()["events"] == {"created": 0, "unchanged": 2}
    assert again.json()["profile_filled"] == []
    after = exported(new_client)
    assert (after["entries"], after["events"]) == (before["entries"], before["events"])


def test_importing_a_patients_own_export_changes_nothing(source: tuple[Any, APIClient]) -> None:
    before = exported(source[1])

    answer = import_file(source[1], before)

    assert (answer.json()["created"], answer.json()["unchanged"]) == (0, 5)
    assert exported(source[1])["entries"] == before["entries"]


def test_a_broken_entry_is_named_and_the_rest_imported(
    source: tuple[Any, APIClient], make_patient: Callable[..., tuple[Any, APIClient]]
) -> None:
    _, new_client = make_patient(timezone="Europe/Athens", display_name="")
    document = exported(source[1])
    broken = document["entries"][1]
    broken["symptoms"] = [{"region": "elbow", "side": "left", "pain": 11}]

    answer = import_file(new_client, document)

    assert answer.status_code == 202
    assert answer.json()["entries"] == {"created": 2, "unchanged": 0, "conflicts": 0, "invalid": 1}
    (problem,) = answer.json()["problems"]
    assert (problem["id"], problem["date"], problem["status"]) == (
        broken["id"],
        broken["date"],
        "invalid",
    )
    assert "symptoms" in problem["errors"]
    assert len(exported(new_client)["entries"]) == 2


def test_a_day_already_written_differently_is_a_conflict_and_kept(
    source: tuple[Any, APIClient], make_patient: Callable[..., tuple[Any, APIClient]]
) -> None:
    _, new_client = make_patient(timezone="Europe/Athens", display_name="")
    mine = new_client.post(ENTRIES, entry_body(days_ago(1), notes="Mine"), format="json").json()

    answer = import_file(new_client, exported(source[1]))

    assert answer.json()["entries"]["conflicts"] == 1
    (problem,) = answer.json()["problems"]
    assert (problem["status"], problem["date"]) == ("conflict", days_ago(1))
    assert problem["server"]["id"] == mine["id"]
    assert new_client.get(f"{ENTRIES}{mine['id']}/").json()["notes"] == "Mine"


def test_profile_fields_already_given_here_are_kept(
    source: tuple[Any, APIClient], make_patient: Callable[..., tuple[Any, APIClient]]
) -> None:
    new_patient, new_client = make_patient(timezone="Europe/Athens", display_name="")
    Patient.objects.filter(pk=new_patient.pk).update(display_name="Ada L.", health_history=[])

    answer = import_file(new_client, exported(source[1]))

    assert answer.json()["profile_filled"] == ["birth_year"]
    new_patient.refresh_from_db()
    assert (new_patient.display_name, new_patient.health_history) == ("Ada L.", [])


def test_more_than_366_entries_is_a_413(client_api: APIClient) -> None:
    document = {"format": "footnote-export/1", "entries": [{}] * 367}

    assert import_file(client_api, document).status_code == 413


@pytest.mark.parametrize(
    "document",
    [
        {},
        {"format": "other/1"},
        {"format": "footnote-export/1", "entries": {}},
        {"format": "footnote-export/1", "events": [{"kind": "dance"}]},
        {"format": "footnote-export/1", "profile": {"birth_year": 1700}},
    ],
)
def test_a_file_that_is_not_an_export_is_a_400(client_api: APIClient, document: Any) -> None:
    assert import_file(client_api, document).status_code == 400


def _document(days: int) -> dict[str, Any]:
    return {
        "format": "footnote-export/1",
        "profile": {"display_name": "Ada", "birth_year": 1978},
        "entries": [entry_body(days_ago(n), id=str(uuid.uuid4())) for n in range(1, days + 1)],
        "events": [
            {"kind": "trauma", "site": "ankle", "side": "", "date": days_ago(n), "notes": ""}
            for n in range(1, days + 1)
        ],
    }


def test_an_import_takes_the_same_queries_for_3_days_as_for_366(
    make_patient: Callable[..., tuple[Any, APIClient]],
    django_assert_max_num_queries: Any,
) -> None:
    """Bulk statements: the same ones whatever the size. SQLite alone splits a bulk insert
    into chunks of its variable limit (journal/rows.py), so there inserts are left out."""
    statements = []
    for days in (3, 366):
        _, client = make_patient(timezone="UTC")
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(40):
            answer = import_file(client, _document(days))
        assert answer.json()["created"] == 2 * days
        statements.append(
            [q["sql"].split()[0] for q in queries.captured_queries]
            if ON_POSTGRES
            else [q["sql"].split()[0] for q in queries.captured_queries if "INSERT" not in q["sql"]]
        )

    assert statements[0] == statements[1]
    assert len(statements[0]) <= 17
