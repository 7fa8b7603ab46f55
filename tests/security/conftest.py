"""A patient with a few days logged and a generated report, as the security tests need."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from reports.models import Report
from tests.factories import entry_body


def days_ago(n: int) -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    cache.clear()


@pytest.fixture
def report_ready(django_capture_on_commit_callbacks: Any) -> Callable[[APIClient], Report]:
    """Log three days and request a report; eager Celery generates it on commit."""

    def make(client: APIClient) -> Report:
        with django_capture_on_commit_callbacks(execute=True):
            for n in (1, 2, 3):
                answer = client.post("/api/v1/entries/", entry_body(days_ago(n)), format="json")
                assert answer.status_code == 201, answer.content
            answer = client.post(
                "/api/v1/reports/",
                {"from": str(days_ago(7)), "to": str(days_ago(1))},
                format="json",
            )
        assert answer.status_code == 202, answer.content
        report = Report.objects.get(pk=answer.json()["id"])
        assert report.status == "ready", report.failure_reason
        return report

    return make
