"""Reports in the queue and share links, through the API (the PDF itself is tested in
test_rendering*.py)."""

from __future__ import annotations

import datetime
import os
import uuid

import pytest
import time_machine
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import TestCase
from django.utils import timezone

from reports import services
from reports.models import Report, Share, ShareAccess
from reports.selectors import report_data_load
from reports.tasks import generate_report, sweep_stale_reports
from tests.factories import EntryFactory, EventFactory, PatientFactory, SymptomFactory, entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

NOW = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def log_days(client, count: int) -> None:
    for n in range(count):
        date = TODAY - datetime.timedelta(days=n)
        assert client.post("/api/v1/entries/", entry_body(date), format="json").status_code == 201


def request_report(client, start: datetime.date, end: datetime.date):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/api/v1/reports/", {"from": str(start), "to": str(end)}, format="json")


@pytest.fixture
def ready_report(patient_client):
    patient, client = patient_client
    log_days(client, 5)
    answer = request_report(client, TODAY - datetime.timedelta(days=13), TODAY)
    return patient, client, Report.objects.get(pk=answer.json()["id"])


def test_a_requested_report_is_pending_then_generated_in_the_queue(patient_client):
    _, client = patient_client
    log_days(client, 5)

    answer = request_report(client, TODAY - datetime.timedelta(days=13), TODAY)

    assert answer.status_code == 202
    assert answer.json()["status"] == "pending"
    detail = client.get(f"/api/v1/reports/{answer.json()['id']}/").json()
    assert detail["status"] == "ready"
    assert detail["from"] == str(TODAY - datetime.timedelta(days=13)) and detail["to"] == str(TODAY)
    assert detail["pages"] >= 1 and detail["size_bytes"] > 1000
    assert detail["pdf_url"].endswith(f"/api/v1/reports/{answer.json()['id']}/pdf/")
    listing = client.get("/api/v1/reports/").json()
    assert [r["id"] for r in listing["results"]] == [answer.json()["id"]]


def test_the_pdf_downloads_with_a_file_name_carrying_the_period(ready_report):
    _, client, report = ready_report
    answer = client.get(f"/api/v1/reports/{report.pk}/pdf/")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    start = TODAY - datetime.timedelta(days=13)
    assert f"footnote-report-{start}-to-{TODAY}.pdf" in answer["Content-Disposition"]
    assert b"".join(answer.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("period", "field"),
    [
        ({"from": "2026-11-10", "to": "2026-11-01"}, "to"),
        ({"from": "2025-01-01", "to": "2026-11-20"}, "to"),
        ({"from": "2026-11-01", "to": "2026-11-21"}, "to"),
        ({"from": "2026-11-01"}, "to"),
        ({"from": "yesterday", "to": "2026-11-20"}, "from"),
    ],
)
def test_a_bad_period_is_refused_naming_the_field(client_api, period, field):
    answer = client_api.post("/api/v1/reports/", period, format="json")
    assert answer.status_code == 400
    assert field in answer.json()


def test_a_366_day_period_is_accepted(client_api):
    answer = request_report(client_api, TODAY - datetime.timedelta(days=365), TODAY)
    assert answer.status_code == 202


def test_another_patients_report_pdf_and_shares_are_404(ready_report, make_patient):
    _, _, report = ready_report
    _, intruder = make_patient()
    for path in ("", "pdf/", "shares/"):
        assert intruder.get(f"/api/v1/reports/{report.pk}/{path}").status_code == 404
    assert (
        intruder.post(
            f"/api/v1/reports/{report.pk}/shares/", {"expires_in_days": 3}, format="json"
        ).status_code
        == 404
    )
    share, _ = services.share_create(report=report, expires_in_days=3)
    assert intruder.delete(f"/api/v1/reports/{report.pk}/shares/{share.pk}/").status_code == 404
    share.refresh_from_db()
    assert share.revoked_at is None


def test_a_share_link_opens_the_pdf_without_an_account_and_logs_every_access(ready_report):
    _, client, report = ready_report
    created = client.post(
        f"/api/v1/reports/{report.pk}/shares/", {"expires_in_days": 7}, format="json"
    )
    assert created.status_code == 201
    url = created.json()["url"]
    token = url.rsplit("/", 1)[1]
    assert len(token) >= 43
    assert not Share.objects.filter(token_digest=token).exists()  # only the hash is stored

    from django.test import Client

    anonymous = Client(HTTP_USER_AGENT="ClinicBrowser/1.0", REMOTE_ADDR="203.0.113.9")
    opened = anonymous.get(f"/share/{token}")
    assert opened.status_code == 200
    assert opened["Content-Type"] == "application/pdf"
    assert opened["Cache-Control"] == "no-store"
    assert opened["Referrer-Policy"] == "no-referrer"
    assert opened["X-Robots-Tag"] == "noindex"
    anonymous.get(f"/share/{token}")

    (listed,) = client.get(f"/api/v1/reports/{report.pk}/shares/").json()
    assert len(listed["accesses"]) == 2
    assert listed["accesses"][0]["ip"] == "203.0.113.9"
    assert listed["accesses"][0]["user_agent"] == "ClinicBrowser/1.0"


def test_a_revoked_or_expired_or_unknown_link_is_404_with_private_headers(ready_report):
    _, client, report = ready_report
    revoked = client.post(
        f"/api/v1/reports/{report.pk}/shares/", {"expires_in_days": 7}, format="json"
    ).json()
    expiring = client.post(
        f"/api/v1/reports/{report.pk}/shares/", {"expires_in_days": 1}, format="json"
    ).json()
    assert client.delete(f"/api/v1/reports/{report.pk}/shares/{revoked['id']}/").status_code == 204

    from django.test import Client

    anonymous = Client()
    assert anonymous.get(revoked["url"].split("testserver")[1]).status_code == 404
    with time_machine.travel(NOW + datetime.timedelta(days=1, seconds=1), tick=False):
        answer = anonymous.get(expiring["url"].split("testserver")[1])
    assert answer.status_code == 404
    assert answer["Cache-Control"] == "no-store" and answer["X-Robots-Tag"] == "noindex"
    assert anonymous.get("/share/" + "x" * 43).status_code == 404
    assert ShareAccess.objects.count() == 0


@pytest.mark.parametrize("days", [0, 31, "7", True, None])
def test_a_share_expiry_outside_1_to_30_days_is_refused(ready_report, days):
    _, client, report = ready_report
    answer = client.post(
        f"/api/v1/reports/{report.pk}/shares/", {"expires_in_days": days}, format="json"
    )
    assert answer.status_code == 400
    assert "expires_in_days" in answer.json()


def test_the_access_log_is_append_only(ready_report):
    _, _, report = ready_report
    share, _ = services.share_create(report=report, expires_in_days=2)
    access = services.share_access_record(share=share, ip="198.51.100.1", user_agent="x")
    access.user_agent = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        access.save()
    with pytest.raises(ValueError, match="append-only"):
        access.delete()


def test_running_generation_twice_stores_one_file(ready_report):
    _, _, report = ready_report
    folder = os.path.dirname(default_storage.path(report.file.name))
    Report.objects.filter(pk=report.pk).update(status="pending", attempts=0)
    generate_report(str(report.pk))
    generate_report(str(report.pk))  # already ready: nothing to claim
    assert os.listdir(folder) == [f"{report.pk}.pdf"]
    report.refresh_from_db()
    assert report.status == "ready"


def test_a_rendering_failure_is_recorded_with_a_reason(patient_client, monkeypatch):
    _, client = patient_client

    def broken(*args, **kwargs):
        raise RuntimeError("the font went missing")

    monkeypatch.setattr(services, "render_report_pdf", broken)
    answer = request_report(client, TODAY - datetime.timedelta(days=3), TODAY)
    report = Report.objects.get(pk=answer.json()["id"])
    assert report.status == "failed"
    assert "the font went missing" in report.failure_reason
    assert client.get(f"/api/v1/reports/{report.pk}/pdf/").status_code == 409


def test_the_sweep_requeues_stale_pending_reports_and_takes_over_dead_claims():
    patient = PatientFactory()
    lost = Report.objects.create(patient=patient, period_start=TODAY, period_end=TODAY)
    dead = Report.objects.create(
        patient=patient,
        period_start=TODAY,
        period_end=TODAY,
        status="generating",
        started_at=timezone.now(),
        attempts=1,
    )
    fresh = Report.objects.create(patient=patient, period_start=TODAY, period_end=TODAY)
    with time_machine.travel(NOW + datetime.timedelta(minutes=10), tick=False):
        Report.objects.filter(pk=fresh.pk).update(created_at=timezone.now())
        assert sweep_stale_reports() == 2
    statuses = dict(Report.objects.values_list("pk", "status"))
    assert statuses[lost.pk] == "ready" and statuses[dead.pk] == "ready"
    assert statuses[fresh.pk] == "pending"


def test_a_redelivered_message_takes_back_its_own_claim_but_not_anothers():
    report = Report.objects.create(
        patient=PatientFactory(),
        period_start=TODAY,
        period_end=TODAY,
        status="generating",
        started_at=timezone.now(),
        attempts=1,
        claimed_by="message-of-the-killed-worker",
    )
    assert services.report_generate(report_id=report.pk, claim_token="another-message") != "ready"
    assert (
        services.report_generate(report_id=report.pk, claim_token="message-of-the-killed-worker")
        == "ready"
    )


def test_a_live_claim_is_left_alone_and_a_lapsed_one_taken_over():
    """A claim is a lease (settings.FOOTNOTE_CLAIM_LEASE_SECONDS) that the drawing worker
    renews: while it is fresh another message does not take it; once it lapsed (its
    worker died), any message may."""
    report = Report.objects.create(
        patient=PatientFactory(),
        period_start=TODAY,
        period_end=TODAY,
        status="generating",
        started_at=timezone.now(),
        attempts=1,
        claimed_by="message-of-the-killed-worker",
    )
    assert services.report_generate(report_id=report.pk, claim_token="another-message") != "ready"
    lease = datetime.timedelta(seconds=settings.FOOTNOTE_CLAIM_LEASE_SECONDS)
    Report.objects.filter(pk=report.pk).update(
        started_at=timezone.now() - lease - datetime.timedelta(seconds=1)
    )
    assert services.report_generate(report_id=report.pk, claim_token="another-message") == "ready"
    report.refresh_from_db()
    assert (report.attempts, report.claimed_by) == (2, "another-message")


def test_a_report_interrupted_too_often_is_marked_failed():
    report = Report.objects.create(
        patient=PatientFactory(),
        period_start=TODAY,
        period_end=TODAY,
        status="generating",
        started_at=timezone.now() - datetime.timedelta(hours=1),
        attempts=services.MAX_ATTEMPTS,
    )
    generate_report(str(report.pk))
    report.refresh_from_db()
    assert report.status == "failed" and "interrupted" in report.failure_reason


def test_a_years_data_loads_in_a_constant_number_of_queries(django_assert_num_queries):
    patient = PatientFactory()
    entries = [
        EntryFactory(patient=patient, date=TODAY - datetime.timedelta(days=n)) for n in range(60)
    ]
    for entry in entries:
        SymptomFactory(entry=entry)
    EventFactory(patient=patient, date=TODAY - datetime.timedelta(days=9))
    report = Report.objects.create(
        patient=patient, period_start=TODAY - datetime.timedelta(days=365), period_end=TODAY
    )
    with django_assert_num_queries(7):
        data = report_data_load(report=report, generated_at=NOW)
    assert len(data.days) == 60 and len(data.events) == 1
    assert all(len(day.symptoms) == 1 for day in data.days)


def test_deleting_the_account_removes_report_files(ready_report):
    _, client, report = ready_report
    path = default_storage.path(report.file.name)
    assert os.path.exists(path)
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.delete(
            "/api/v1/account/", {"password": "a long and private passphrase"}, format="json"
        )
    assert answer.status_code == 204
    assert not os.path.exists(path)
    assert not os.path.exists(os.path.dirname(path))  # no folder named after the patient
    assert not Report.objects.filter(pk=report.pk).exists()
    assert not Share.objects.exists()


def test_an_unknown_report_id_is_404(client_api):
    assert client_api.get(f"/api/v1/reports/{uuid.uuid4()}/").status_code == 404


def test_a_report_finishing_after_its_patient_deleted_the_account_leaves_no_file(
    patient_client, monkeypatch
):
    from tests.factories import PASSWORD

    patient, client = patient_client
    log_days(client, 3)
    real_render = services.render_report_pdf

    def render_while_the_patient_leaves(*args, **kwargs):
        rendered = real_render(*args, **kwargs)
        gone = client.generic(
            "DELETE", "/api/v1/account/", f'{{"password": "{PASSWORD}"}}', "application/json"
        )
        assert gone.status_code == 204
        return rendered

    monkeypatch.setattr(services, "render_report_pdf", render_while_the_patient_leaves)
    answer = request_report(client, TODAY - datetime.timedelta(days=3), TODAY)

    report_id = answer.json()["id"]
    assert not Report.objects.filter(pk=report_id).exists()
    assert not default_storage.exists(f"reports/{patient.pk}/{report_id}.pdf")
    assert not os.path.exists(default_storage.path(f"reports/{patient.pk}"))


def test_the_sweep_removes_report_files_no_report_points_to(ready_report):
    from django.core.files.base import ContentFile

    from reports.tasks import remove_orphan_report_files

    patient, _, report = ready_report
    gone_patient, gone_report = uuid.uuid4(), uuid.uuid4()
    orphan = default_storage.save(f"reports/{gone_patient}/{gone_report}.pdf", ContentFile(b"%PDF"))
    stray = default_storage.save(f"reports/{patient.pk}/{uuid.uuid4()}.pdf", ContentFile(b"%PDF"))

    # At least these two: earlier tests in this run leave files their rolled-back rows
    # pointed to, in the same media folder.
    assert remove_orphan_report_files() >= 2

    assert not default_storage.exists(orphan)
    assert not default_storage.exists(stray)
    assert not os.path.exists(default_storage.path(f"reports/{gone_patient}"))
    assert default_storage.exists(report.file.name)
