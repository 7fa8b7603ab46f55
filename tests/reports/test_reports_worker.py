"""A report generated end to end by a real worker through Redis."""

from __future__ import annotations

import datetime

import pytest

from reports.models import Report
from tests.factories import entry_body
from tests.support.celery_worker import running_worker, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_generates_the_requested_report(make_patient):
    _, client = make_patient()
    today = datetime.date.today()
    for n in range(3):
        client.post(
            "/api/v1/entries/", entry_body(today - datetime.timedelta(days=n)), format="json"
        )
    with running_worker() as log:
        answer = client.post(
            "/api/v1/reports/",
            {"from": str(today - datetime.timedelta(days=30)), "to": str(today)},
            format="json",
        )
        assert answer.status_code == 202
        report_id = answer.json()["id"]
        wait_for(
            lambda: Report.objects.get(pk=report_id).status == "ready",
            timeout=30,
            what="the report",
        )
        assert log.named("generate_report") == [(report_id,)]
    pdf = client.get(f"/api/v1/reports/{report_id}/pdf/")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_database_error_while_generating_is_retried_not_a_failure(make_patient, monkeypatch):
    from django.db import OperationalError

    from reports import services
    from reports.selectors import report_data_load

    _, client = make_patient()
    today = datetime.date.today()
    client.post("/api/v1/entries/", entry_body(today), format="json")
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return report_data_load(**kwargs)

    monkeypatch.setattr(services, "report_data_load", flaky)
    with running_worker():
        answer = client.post(
            "/api/v1/reports/", {"from": str(today), "to": str(today)}, format="json"
        )
        report_id = answer.json()["id"]
        wait_for(
            lambda: Report.objects.get(pk=report_id).status in ("ready", "failed"),
            timeout=30,
            what="the report",
        )

    report = Report.objects.get(pk=report_id)
    assert (report.status, report.failure_reason) == ("ready", "")
    assert len(calls) == 2
    assert report.attempts == 1  # the try the database spoilt is not counted
