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
