"""GET /healthz (no auth): 200 with database and queue status; 503 when either is down."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client

from config.celery import app
from journal import health

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


class UnreachableDatabase:
    def cursor(self) -> Any:
        raise OperationalError("could not connect to server")


@pytest.fixture
def broker(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Leave eager mode for a broker at the address the test gives."""
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def at(url: str) -> None:
        monkeypatch.setattr(app.conf, "broker_url", url)

    return at


def test_healthz_answers_ok_without_signing_in() -> None:
    answer = Client().get("/healthz")

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok", "cache": "ok", "queue": "eager"}
    assert "no-cache" in answer["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(health, "connection", UnreachableDatabase())

    answer = Client().get("/healthz")

    assert answer.status_code == 503
    assert answer.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "ok",
        "queue": "eager",
    }


def test_healthz_checks_a_real_broker_when_not_eager(broker: Any) -> None:
    broker("memory://")

    answer = Client().get("/healthz")

    assert answer.status_code == 200
    assert answer.json()["queue"] == "ok"


def test_healthz_is_503_when_the_broker_cannot_be_reached(broker: Any) -> None:
    broker("redis://127.0.0.1:1/0")  # nothing listens on port 1

    answer = Client().get("/healthz")

    assert answer.status_code == 503
    assert answer.json() == {
        "status": "unavailable",
        "database": "ok",
        "cache": "ok",
        "queue": "unavailable",
    }
