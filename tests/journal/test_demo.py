"""`manage.py demo_patient` (make run): a demo journal of several weeks, idempotent."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.test import APIClient

from journal.demo import DEMO_DAYS, DEMO_PASSWORD, DEMO_USERNAME
from journal.models import Entry, Patient, Symptom

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    """Failed sign-ins of other modules count against this address in the cache."""
    cache.clear()


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo_patient", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_instructions_name_the_address_served() -> None:
    output = run_demo("--address", "http://127.0.0.1:8123/")
    assert "http://127.0.0.1:8123/api/docs/" in output
    assert ":8000" not in output


@time_machine.travel(datetime.datetime(2026, 6, 15, 22, 30, tzinfo=datetime.UTC), tick=False)
def test_the_demo_patient_has_weeks_of_entries_ending_today() -> None:
    output = run_demo()

    patient = Patient.objects.get(user__username=DEMO_USERNAME)
    dates = sorted(patient.entries.filter(deleted_at__isnull=True).values_list("date", flat=True))
    assert len(dates) >= DEMO_DAYS * 3 // 4  # a few days are skipped on purpose
    assert dates[-1] == datetime.date(2026, 6, 16)  # already tomorrow in Athens
    assert dates[-1] - dates[0] >= datetime.timedelta(weeks=5)
    assert Symptom.objects.filter(entry__patient=patient).count() > 2 * len(dates)
    assert f"{len(dates)} days logged" in output
    assert DEMO_PASSWORD in output


def test_the_demo_patient_can_sign_in_and_read_the_journal(db: None) -> None:
    run_demo()
    client = APIClient()

    token = client.post(
        "/api/v1/auth/token/",
        {"username": DEMO_USERNAME, "password": DEMO_PASSWORD},
        format="json",
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert len(client.get("/api/v1/entries/").json()["results"]) > 20


def test_running_the_demo_twice_replaces_it_without_error() -> None:
    run_demo()
    other = User.objects.create_user(username="someone-else", password="a long passphrase")

    run_demo()

    assert User.objects.filter(username=DEMO_USERNAME).count() == 1
    assert Patient.objects.filter(user__username=DEMO_USERNAME).count() == 1
    demo = Patient.objects.get(user__username=DEMO_USERNAME)
    assert Entry.objects.exclude(patient=demo).count() == 0
    assert User.objects.filter(pk=other.pk).exists()
