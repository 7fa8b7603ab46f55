"""CSRF: a write signed in by the session cookie (a browser, which any site can make send
that cookie) needs the CSRF token; a write with `Authorization: Token` needs none, because
no other site can make a browser send that header."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from journal.authentication import access_token_issue
from journal.models import Entry
from tests.factories import PASSWORD, PatientFactory, entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ENTRIES = "/api/v1/entries/"


@pytest.fixture
def patient(db: Any) -> Any:
    return PatientFactory(timezone="UTC")


def yesterday() -> str:
    return str(datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=1))


def test_session_authenticated_writes_need_the_csrf_token(patient: Any) -> None:
    browser = Client(enforce_csrf_checks=True)
    assert browser.login(username=patient.user.username, password=PASSWORD)

    forged = browser.post(ENTRIES, entry_body(yesterday()), content_type="application/json")
    assert forged.status_code == 403
    assert "CSRF" in forged.json()["detail"]
    assert not Entry.objects.exists()

    browser.get("/admin/login/")  # any page with a form hands out the token cookie
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value
    answer = browser.post(
        ENTRIES, entry_body(yesterday()), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert answer.status_code == 201
    assert Entry.objects.filter(patient=patient).count() == 1


def test_token_authenticated_writes_need_no_csrf_token(patient: Any) -> None:
    phone = APIClient(enforce_csrf_checks=True)
    phone.credentials(HTTP_AUTHORIZATION=f"Token {access_token_issue(user=patient.user)}")

    answer = phone.post(ENTRIES, entry_body(yesterday()), format="json")

    assert answer.status_code == 201
