"""Reads of the weekly check: what is offered to a patient, and their answers."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.http import Http404

from journal.models import Instrument, Patient, QuestionnaireAnswer
from journal.questionnaire_engine import next_due


def instruments_offered(*, patient: Patient) -> list[tuple[Instrument, datetime.date | None]]:
    """The current instruments, each with the patient's last answer date (one query)."""
    last = Max("answers__authored_on", filter=Q(answers__patient=patient))
    return [
        (instrument, instrument.last_answered_on)
        for instrument in Instrument.objects.filter(current=True)
        .annotate(last_answered_on=last)
        .order_by("title")
    ]


def questionnaires_due(*, patient: Patient, today: datetime.date) -> list[Instrument]:
    """The current instruments due for the patient on their `today` (one query)."""
    return [
        instrument
        for instrument, last in instruments_offered(patient=patient)
        if next_due(instrument.interval_days, last, today) <= today
    ]


def instrument_current(*, fhir_id: str) -> Instrument:
    instrument = Instrument.objects.filter(fhir_id=fhir_id, current=True).first()
    if instrument is None:
        raise Http404("No such questionnaire.")
    return instrument


def answers_list(
    *,
    patient: Patient,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[QuestionnaireAnswer]:
    """The patient's answers, newest first, within the dates given."""
    answers = QuestionnaireAnswer.objects.filter(patient=patient).select_related("instrument")
    if date_from is not None:
        answers = answers.filter(authored_on__gte=date_from)
    if date_to is not None:
        answers = answers.filter(authored_on__lte=date_to)
    return answers.order_by("-authored_on", "-created_at")


def answer_as_dict(answer: QuestionnaireAnswer) -> dict[str, Any]:
    """An answer as the API and the JSON export give it: its scores, and the FHIR R4
    QuestionnaireResponse."""
    instrument = answer.instrument
    return {
        "id": str(answer.pk),
        "questionnaire": instrument.fhir_id,
        "authored": answer.authored_on.isoformat(),
        "scores": answer.scores,
        "response": {
            "resourceType": "QuestionnaireResponse",
            "id": str(answer.pk),
            "questionnaire": f"{instrument.url}|{instrument.version}",
            "status": "completed",
            "authored": answer.authored_on.isoformat(),
            "item": [
                {
                    "linkId": link_id,
                    "answer": [
                        {"valueCoding": {"code": value}}
                        if isinstance(value, str)
                        else {"valueInteger": value}
                    ],
                }
                # In the questionnaire's order: PostgreSQL's jsonb keeps no key order.
                for link_id, value in _in_item_order(instrument.definition, answer.answers)
            ],
        },
    }


def _in_item_order(definition: dict[str, Any], answers: dict[str, Any]) -> list[tuple[str, Any]]:
    order = [item["linkId"] for item in definition["item"]]
    return [(link_id, answers[link_id]) for link_id in order if link_id in answers]
