"""Claims as leases (journal/analysis_claims.py) and work owed after a broker outage
(config.celery.publish), without worker processes: tests/faults runs them for real."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import TestCase, override_settings
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

import config.celery
from journal import analysis, analysis_claims
from journal.models import Patient
from journal.tasks import analyse_patient, sweep_pending_analyses
from tests.factories import PatientFactory, entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

LEASE = datetime.timedelta(seconds=settings.FOOTNOTE_CLAIM_LEASE_SECONDS)


def marked(patient: Patient, **columns: Any) -> Patient:
    Patient.objects.filter(pk=patient.pk).update(analysis_requested_at=timezone.now(), **columns)
    return Patient.objects.get(pk=patient.pk)


def test_a_live_claim_is_left_to_its_worker_and_a_lapsed_one_taken_over() -> None:
    patient = marked(
        PatientFactory(), analysis_claimed_at=timezone.now(), analysis_claimed_by="first"
    )
    assert analysis.flags_recompute_for_patients(patient_ids=[patient.pk], claim_token="x") == 0
    assert analysis.patients_still_pending(patient_ids=[patient.pk]) == [patient.pk]

    # The same message, redelivered after its pool process died, takes it back at once.
    assert analysis.flags_recompute_for_patients(patient_ids=[patient.pk], claim_token="first")
    assert not analysis.patients_still_pending(patient_ids=[patient.pk])

    lapsed = timezone.now() - LEASE - datetime.timedelta(seconds=1)
    patient = marked(patient, analysis_claimed_at=lapsed, analysis_claimed_by="dead")
    assert analysis.flags_recompute_for_patients(patient_ids=[patient.pk], claim_token="y") == 1
    patient.refresh_from_db()
    assert (patient.analysis_requested_at, patient.analysis_claimed_at) == (None, None)
    assert patient.analysis_claimed_by == ""


def test_the_sweep_takes_lapsed_leases_and_old_marks_once_then_lets_them_wait_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = timezone.now()
    unclaimed_for = datetime.timedelta(seconds=settings.FOOTNOTE_UNCLAIMED_STALE_SECONDS)
    dead = marked(PatientFactory(), analysis_claimed_at=now - LEASE - datetime.timedelta(1))
    live = marked(PatientFactory(), analysis_claimed_at=now)
    lost = PatientFactory()
    Patient.objects.filter(pk=lost.pk).update(
        analysis_requested_at=now - unclaimed_for - datetime.timedelta(seconds=1)
    )
    waiting = marked(PatientFactory())  # its message is in the queue, not lost
    queued: list[list[str]] = []
    monkeypatch.setattr(
        "journal.tasks.analyse_patients_chunk.delay", lambda chunk: queued.append(chunk)
    )

    assert sweep_pending_analyses() == 2
    assert sorted(queued[0]) == sorted([str(dead.pk), str(lost.pk)])
    assert sweep_pending_analyses() == 0  # re-armed: they wait their turn again
    assert sweep_pending_analyses(everything=True) == 3  # all but the live claim
    assert sorted(queued[-1]) == sorted(str(p.pk) for p in (dead, lost, waiting))
    assert Patient.objects.get(pk=live.pk).analysis_claimed_at == now


@pytest.mark.django_db(transaction=True)
@override_settings(FOOTNOTE_CLAIM_HEARTBEAT_SECONDS=0.05, FOOTNOTE_CLAIM_LEASE_SECONDS=0.2)
def test_the_heartbeat_renews_the_lease_until_another_worker_takes_it() -> None:
    patient = marked(PatientFactory())
    claim = analysis_claims.analysis_claim(patient_ids=[patient.pk], claim_token="mine")
    assert list(claim.generations) == [patient.pk]

    def renew(last: datetime.datetime, now: datetime.datetime) -> bool:
        return analysis_claims.analysis_claim_renew(claim, last, now)

    with analysis_claims.Heartbeat(renew, claimed_at=claim.claimed_at) as beat:
        time.sleep(0.5)  # longer than the lease
        assert analysis_claims.analysis_claim(patient_ids=[patient.pk]).generations == {}
        Patient.objects.filter(pk=patient.pk).update(analysis_claimed_at=timezone.now())
        time.sleep(0.2)  # taken over: the next beat finds it gone
    assert beat.lost
    assert beat.renewed_at > claim.claimed_at


@pytest.fixture
def broker_down(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """analyse_patient's messages cannot be sent; the sweeps' can (recorded)."""
    sent: list[str] = []

    def refused(*args: Any, **kwargs: Any) -> None:
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(analyse_patient, "delay", refused)
    monkeypatch.setattr(
        config.celery.app,
        "send_task",
        lambda name, kwargs: sent.append(f"{name} {kwargs}"),
    )
    yield sent
    config.celery._work_owed.clear()


def test_a_write_after_an_outage_sends_what_was_owed_at_no_query_cost(
    client_api: Any, broker_down: list[str], django_assert_max_num_queries: Any
) -> None:
    today = datetime.datetime.now(datetime.UTC).date()
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client_api.post(
            "/api/v1/entries/", entry_body(today - datetime.timedelta(days=2)), format="json"
        )
    assert answer.status_code == 201
    assert config.celery.work_owed() and broker_down == []

    with (
        django_assert_max_num_queries(9),
        TestCase.captureOnCommitCallbacks(execute=True) as callbacks,
    ):
        answer = client_api.post(
            "/api/v1/entries/", entry_body(today - datetime.timedelta(days=1)), format="json"
        )
    assert answer.status_code == 201
    assert len(callbacks) == 1
    assert broker_down == [
        "journal.tasks.sweep_pending_analyses {'everything': True}",
        "reports.tasks.sweep_stale_reports {'everything': True}",
    ]
    assert not config.celery.work_owed()


def test_nothing_owed_costs_a_write_nothing(client_api: Any) -> None:
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        client_api.post(
            "/api/v1/entries/",
            entry_body(datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=2)),
            format="json",
        )
        client_api.post(
            "/api/v1/entries/",
            entry_body(datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=1)),
            format="json",
        )
    assert len(callbacks) == 1  # the first write's analysis; the second's mark was pending
