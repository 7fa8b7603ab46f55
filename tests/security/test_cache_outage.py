"""The cache (Redis in production) down: the calls that need it answer a JSON 503 with
words to act on, never a 500 HTML page, and /healthz says so."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, override_settings
from rest_framework.test import APIClient

from journal.authentication import access_token_issue
from tests.factories import PASSWORD, PatientFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Port 9 (discard) is closed here: every cache call fails to connect.
DEAD_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.5},
    }
}


@pytest.fixture
def cache_down() -> Iterator[None]:
    with override_settings(CACHES=DEAD_CACHE):
        yield


def assert_json_503(answer: Any) -> None:
    assert answer.status_code == 503, answer.content
    assert answer["Content-Type"] == "application/json"
    assert "a moment" in answer.json()["detail"]


def test_sign_in_answers_a_json_503(cache_down: None) -> None:
    PatientFactory(user__username="grace")

    answer = APIClient().post(
        "/api/v1/auth/token/", {"username": "grace", "password": PASSWORD}, format="json"
    )

    assert_json_503(answer)


def test_registration_answers_a_json_503(cache_down: None) -> None:
    body = {"username": "ada", "password": "correct horse battery staple"}

    assert_json_503(APIClient().post("/api/v1/auth/register/", body, format="json"))


def test_password_change_and_account_deletion_answer_a_json_503(db: Any) -> None:
    patient = PatientFactory()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {access_token_issue(user=patient.user)}")
    change = {"current_password": PASSWORD, "new_password": "a new and long passphrase"}

    with override_settings(CACHES=DEAD_CACHE):
        changed = client.post("/api/v1/auth/password/", change, format="json")
        deleted = client.generic(
            "DELETE", "/api/v1/account/", f'{{"password": "{PASSWORD}"}}', "application/json"
        )
        journal_read = client.get("/api/v1/entries/")

    assert_json_503(changed)
    assert_json_503(deleted)
    assert journal_read.status_code == 200  # the journal itself does not need the cache


def test_healthz_reports_the_cache(cache_down: None) -> None:
    answer = Client().get("/healthz")

    assert answer.status_code == 503
    assert answer.json()["cache"] == "unavailable"
    assert answer.json()["database"] == "ok"
