"""The analysis pipeline through a real broker (Redis) and a real worker."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone

from journal import analysis
from journal.models import Flag, FlagChange, Patient
from journal.tasks import analyse_patient, sweep_pending_analyses
from tests.factories import entry_body
from tests.support.celery_worker import (
    drop_queued_messages,
    queued_messages,
    redis_broker,
    running_worker,
    wait_for,
)

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def sciatica_body(date: datetime.date) -> dict:
    return entry_body(
        date,
        id=str(uuid.uuid4()),
        symptoms=[
            {"region": "thigh_back", "side": "left", "pain": 6, "tingling": True},
            {"region": "calf", "side": "left", "pain": 5, "numbness": True},
        ],
        signs=[],
        footwear=[],
    )


def validated(patient: Patient, body: dict) -> dict:
    from journal.api.serializers import EntryInputSerializer

    serializer = EntryInputSerializer(data=body, context={"timezone": patient.timezone})
    serializer.is_valid(raise_exception=True)
    return {k: v for k, v in serializer.validated_data.items() if k not in ("id", "version")}


def is_analysed(patient: Patient) -> bool:
    return not analysis.patients_still_pending(patient_ids=[patient.pk])


def test_a_write_is_analysed_by_the_worker_after_commit(make_patient):
    patient, client = make_patient()
    today = datetime.date.today()
    with running_worker() as log:
        for n in range(4):
            response = client.post(
                "/api/v1/entries/", sciatica_body(today - datetime.timedelta(days=n)), format="json"
            )
            assert response.status_code == 201
        wait_for(lambda: is_analysed(patient) and log.named("analyse_patient"), what="the analysis")
        wait_for(
            lambda: Flag.objects.filter(patient=patient, code="sciatica").exists(), what="the flag"
        )


def test_a_rolled_back_write_enqueues_nothing(make_patient):
    from django.db import transaction

    from journal import services

    patient, _ = make_patient()
    content = validated(patient, sciatica_body(datetime.date.today()))

    def write_then_fail() -> None:
        with transaction.atomic():
            services.entries_apply_changes(
                patient=patient, changes=[services.Upsert(uuid.uuid4(), content, None)]
            )
            raise RuntimeError("rolled back")

    with redis_broker():
        with pytest.raises(RuntimeError):
            write_then_fail()
        queued = queued_messages()
    assert queued == 0
    patient.refresh_from_db()
    assert patient.analysis_requested_at is None


def test_a_500_change_sync_gives_one_analysis(make_patient):
    patient, client = make_patient()
    today = datetime.date.today()
    changes = [
        {"op": "upsert", "entry": sciatica_body(today - datetime.timedelta(days=n))}
        for n in range(500)
    ]
    with running_worker() as log:
        response = client.post("/api/v1/sync/", {"since": None, "changes": changes}, format="json")
        assert response.status_code == 200
        wait_for(lambda: is_analysed(patient) and log.named("analyse_patient"), what="the analysis")
        # A second analysis would be a rerun the first scheduled (RERUN_COUNTDOWN_SECONDS
        # later) because a write came in meanwhile: the first says whether it did.
        assert log.results("analyse_patient") == ["analysed"]
        assert log.named("analyse_patient") == [(str(patient.pk),)]


def test_running_the_task_twice_leaves_the_same_flags(make_patient):
    patient, client = make_patient()
    today = datetime.date.today()
    for n in range(4):
        client.post(
            "/api/v1/entries/", sciatica_body(today - datetime.timedelta(days=n)), format="json"
        )

    def snapshot():
        return sorted(
            Flag.objects.filter(patient=patient).values_list(
                "id", "code", "side", "status", "evidence_dates", "summary"
            )
        )

    with running_worker() as log:
        for _ in range(2):
            Patient.objects.filter(pk=patient.pk).update(analysis_requested_at=timezone.now())
            before = len(log.named("analyse_patient"))
            analyse_patient.delay(str(patient.pk))
            wait_for(lambda b=before: len(log.named("analyse_patient")) > b, what="the task")
            if _ == 0:
                first, history = snapshot(), FlagChange.objects.count()
    assert first and snapshot() == first
    assert FlagChange.objects.count() == history


def test_work_marked_pending_with_no_message_is_picked_up_by_the_sweep(make_patient):
    patient, client = make_patient()
    today = datetime.date.today()
    with redis_broker():  # the analysis messages go to a broker that we then empty
        for n in range(4):
            client.post(
                "/api/v1/entries/", sciatica_body(today - datetime.timedelta(days=n)), format="json"
            )
        assert queued_messages() == 1
        drop_queued_messages()
    Patient.objects.filter(pk=patient.pk).update(
        analysis_requested_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    assert not Flag.objects.filter(patient=patient).exists()

    with running_worker() as log:
        sweep_pending_analyses.delay()
        wait_for(lambda: is_analysed(patient), what="the sweep's analysis")
        assert log.named("analyse_patients_chunk") == [([str(patient.pk)],)]
    assert Flag.objects.filter(patient=patient, code="sciatica", status="active").exists()
