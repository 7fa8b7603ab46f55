"""Deleting an account leaves nothing of the person: no row in any table, no report file,
no working token or session; and nobody else loses anything.

The proof is a snapshot of every table taken before the patient's data exist (with a
bystander's data already in place): after the deletion every table must be exactly that
snapshot again. A new table that the deletion forgets fails this test without anyone
having to remember to add it here.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from journal.models import Flag, Patient
from reports.models import Report, Share
from tests.factories import PASSWORD, entry_body
from tests.security.conftest import days_ago
from tests.support.push_service import Browser

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

PROFILE = "/api/v1/profile/"
SADDLE_NUMBNESS = [
    {"region": "saddle", "side": "center", "pain": 2, "numbness": True},
    {"region": "lower_back", "side": "center", "pain": 6},
]


# Tables that hold no patient's data: the questionnaires this server offers.
SHARED_TABLES = {"journal_instrument"}


def weekly_check_answers() -> dict[str, Any]:
    integers = ("leg_pain_average", "leg_pain_worst", "back_pain_average", "back_pain_worst")
    integers += ("interference_activities", "interference_work", "interference_sleep")
    items: list[dict[str, Any]] = [
        {"linkId": link, "answer": [{"valueInteger": 4}]} for link in integers
    ]
    items += [
        {"linkId": "walking_distance", "answer": [{"valueCoding": {"code": "over_1km"}}]},
        {"linkId": "sitting_time", "answer": [{"valueCoding": {"code": "over_1h"}}]},
    ]
    return {"resourceType": "QuestionnaireResponse", "id": str(uuid.uuid4()), "item": items}


def every_table() -> dict[str, list[str]]:
    """Each table's rows, as sorted text (rows may hold lists and dicts)."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = sorted(repr(row) for row in cursor.fetchall())
    return tables


def stored_files(folder: str) -> list[str]:
    try:
        return default_storage.listdir(folder)[1]
    except FileNotFoundError:
        return []


def full_journal(
    make_patient: Any, report_ready: Any, capture: Any
) -> tuple[Patient, list[APIClient], Client, Report]:
    """Entries with symptoms and signs, an urgent flag, an event, a generated report with
    its file, a share that was opened, two API tokens (one with a push subscription) and
    a browser session."""
    patient, client = make_patient(timezone="UTC")
    report = report_ready(client)
    with capture(execute=True):
        answer = client.post(
            "/api/v1/entries/", entry_body(days_ago(0), symptoms=SADDLE_NUMBNESS), format="json"
        )
        assert answer.status_code == 201, answer.content
        assert answer.json()["alerts"]
        event = {"kind": "trauma", "site": "ankle", "side": "left", "date": str(days_ago(20))}
        assert client.post("/api/v1/events/", event, format="json").status_code == 201
        weekly = "/api/v1/questionnaires/footnote-weekly-check/responses/"
        assert client.post(weekly, weekly_check_answers(), format="json").status_code == 201
        shared = client.post(
            f"/api/v1/reports/{report.pk}/shares/", {"expires_in_days": 3}, format="json"
        )
        assert APIClient().get(shared.json()["url"]).status_code == 200
    second = APIClient()
    signed_in = second.post(
        "/api/v1/auth/token/",
        {"username": patient.user.username, "password": PASSWORD},
        format="json",
    )
    second.credentials(HTTP_AUTHORIZATION=f"Token {signed_in.json()['token']}")
    subscription = Browser(endpoint=f"https://push.example/{patient.pk}").subscription_json()
    assert (
        second.post("/api/v1/push/subscriptions/", subscription, format="json").status_code == 201
    )
    browser = Client()
    assert browser.login(username=patient.user.username, password=PASSWORD)
    assert browser.get(PROFILE).status_code == 200
    return patient, [client, second], browser, report


def test_account_deletion_leaves_nothing_of_the_patient_and_touches_no_one_else(
    make_patient: Any, report_ready: Any, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    bystander, bystander_tokens, bystander_browser, bystander_report = full_journal(
        make_patient, report_ready, capture
    )
    before = every_table()

    patient, tokens, browser, report = full_journal(make_patient, report_ready, capture)
    pdf = report.file.name
    assert default_storage.exists(pdf)
    assert Flag.objects.filter(patient=patient, severity="urgent").exists()
    assert Share.objects.get(report=report).accesses.count() == 1
    with_patient = every_table()
    grown = {
        t
        for t in with_patient
        if t.startswith(("journal_", "reports_")) and with_patient[t] != before[t]
    }
    patients_tables = {
        t for t in before if t.startswith(("journal_", "reports_")) and t not in SHARED_TABLES
    }
    assert grown == patients_tables, (
        "the fixture must give the patient rows in every journal and reports table"
    )

    with capture(execute=True):
        answer = tokens[0].delete("/api/v1/account/", {"password": PASSWORD}, format="json")

    assert answer.status_code == 204
    after = every_table()
    changed = {table for table in after if after[table] != before[table]}
    assert changed == set(), f"rows left behind or lost in {sorted(changed)}"
    assert not default_storage.exists(pdf)
    assert stored_files(f"reports/{patient.pk}") == []
    for client in tokens:
        assert client.get(PROFILE).status_code == 401
    assert browser.get(PROFILE).status_code == 401
    # The bystander still has everything, and it still works.
    assert [c.get(PROFILE).status_code for c in bystander_tokens] == [200, 200]
    assert bystander_browser.get(PROFILE).status_code == 200
    assert stored_files(f"reports/{bystander.pk}") == [bystander_report.file.name.rsplit("/", 1)[1]]
