"""Event writes. Each marks the patient for analysis: events feed the rules too."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from journal.analysis_requests import analysis_request
from journal.model_update import model_update
from journal.models import Event, Patient

EVENT_FIELDS = ("kind", "site", "side", "date", "notes")


def event_create(*, patient: Patient, data: dict[str, Any]) -> Event:
    with transaction.atomic():
        event = Event.objects.create(patient=patient, **data)
        analysis_request(patient_id=patient.pk)
    return event


def event_update(*, event: Event, data: dict[str, Any]) -> Event:
    with transaction.atomic():
        model_update(instance=event, fields=EVENT_FIELDS, data=data)
        analysis_request(patient_id=event.patient_id)
    return event


def event_delete(*, event: Event) -> None:
    with transaction.atomic():
        patient_id = event.patient_id
        event.delete()
        analysis_request(patient_id=patient_id)
