"""Entry writes racing other writers of the same patient's row, on real connections."""

from __future__ import annotations

import datetime
import threading
import uuid

import pytest
from django.db import connection, transaction
from django.utils import timezone

from journal import analysis_requests, services
from journal.models import Entry, Patient
from tests.factories import PatientFactory
from tests.journal.test_analysis import sciatica_day

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_new_day_saved_while_an_analysis_finishes_still_enqueues_the_next_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The analysis clears the patient's mark as the phone saves a day. The save waits for
    # the row, then finds no analysis pending: it must enqueue one, or its day would wait
    # for the periodic sweep.
    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole database: this interleaving cannot happen there")
    enqueued: list[uuid.UUID] = []
    monkeypatch.setattr(
        analysis_requests, "analysis_enqueue", lambda *, patient_id: enqueued.append(patient_id)
    )
    patient = PatientFactory()
    Patient.objects.filter(pk=patient.pk).update(analysis_requested_at=timezone.now())
    holding, release = threading.Event(), threading.Event()

    def analysis_finishing() -> None:
        try:
            with transaction.atomic():
                Patient.objects.filter(pk=patient.pk).update(analysis_requested_at=None)
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    finisher = threading.Thread(target=analysis_finishing)
    finisher.start()
    assert holding.wait(10)
    threading.Timer(0.3, release.set).start()

    outcome = services.entries_apply_changes(
        patient=patient,
        changes=[services.Upsert(uuid.uuid4(), sciatica_day(datetime.date(2026, 11, 20)), None)],
    )
    finisher.join(10)

    assert [result.status for result in outcome.results] == ["created"]
    assert enqueued == [patient.pk]
    assert Patient.objects.get(pk=patient.pk).analysis_requested_at is not None
    assert Entry.objects.filter(patient=patient).count() == 1
