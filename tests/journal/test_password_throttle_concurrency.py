"""The password throttle under concurrent guessing, with real threads: a limit of five is
five, however many wrong passwords arrive at once."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from journal.models import AccessToken
from tests.factories import PatientFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

GUESSES = 40


def concurrently(count: int, attempt: Any) -> Counter[int]:
    start = threading.Barrier(count)
    codes: list[int] = []

    def guess(n: int) -> None:
        try:
            start.wait()
            codes.append(attempt(n))
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return Counter(codes)


def test_forty_concurrent_wrong_sign_ins_get_five_tries() -> None:
    PatientFactory(user__username="grace")

    def attempt(n: int) -> int:
        body = {"username": "grace", "password": f"guess {n}"}
        client = APIClient(REMOTE_ADDR=f"10.0.{n}.1")  # one name, many addresses
        return client.post("/api/v1/auth/token/", body, format="json").status_code

    codes = concurrently(GUESSES, attempt)

    assert codes == Counter({400: 5, 429: GUESSES - 5})


def test_forty_concurrent_account_deletions_with_wrong_passwords_get_five_tries() -> None:
    from journal.authentication import access_token_issue

    patient = PatientFactory(user__username="grace")
    key = access_token_issue(user=patient.user)

    def attempt(n: int) -> int:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        body = f'{{"password": "guess {n}"}}'
        return client.generic("DELETE", "/api/v1/account/", body, "application/json").status_code

    codes = concurrently(GUESSES, attempt)

    assert codes == Counter({400: 5, 429: GUESSES - 5})
    assert AccessToken.objects.filter(user=patient.user).exists()
