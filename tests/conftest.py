from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from tests.support.services import missing, port_open

if TYPE_CHECKING:  # the pure-core tests run without Django settings
    from rest_framework.test import APIClient

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.fixture(autouse=True, scope="session")
def _postgres_reachable_when_asked_for() -> None:
    """`make test` runs the database tests again with DATABASE_URL on PostgreSQL."""
    if ON_POSTGRES and not port_open("127.0.0.1", 5432):
        missing("PostgreSQL at 127.0.0.1:5432")


@pytest.fixture(autouse=True)
def _fresh_cache(request: pytest.FixtureRequest) -> None:
    """Sign-in throttle counts live in the cache: no test inherits another's."""
    if "django_db_setup" in request.fixturenames or "db" in request.fixturenames:
        from django.core.cache import cache

        cache.clear()


@pytest.fixture
def make_patient(db: Any) -> Callable[..., tuple[Any, APIClient]]:
    """A patient with a signed-in API client: `patient, client = make_patient()`."""
    from tests.factories import PatientFactory

    def make(**profile: Any) -> tuple[Any, APIClient]:
        from rest_framework.test import APIClient

        from journal.authentication import access_token_issue

        patient = PatientFactory(**profile)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {access_token_issue(user=patient.user)}")
        return patient, client

    return make


@pytest.fixture
def patient_client(make_patient: Callable[..., tuple[Any, APIClient]]) -> tuple[Any, APIClient]:
    return make_patient()


@pytest.fixture
def client_api(patient_client: tuple[Any, APIClient]) -> APIClient:
    return patient_client[1]


@pytest.fixture
def patient(patient_client: tuple[Any, APIClient]) -> Any:
    return patient_client[0]
