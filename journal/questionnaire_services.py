"""The weekly check's writes: loading instruments, and storing a patient's answers.

Answers carry the client's id, so the phone's outbox can send them again after a lost
answer: the same answers under the same id are stored once, different answers under a
used id are a conflict, never an overwrite.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from journal import questionnaire_engine as engine
from journal.models import Instrument, Patient, QuestionnaireAnswer

SHIPPED = Path(__file__).resolve().parent / "instruments"


class AnswerConflict(Exception):
    """This id already holds other answers: nothing was changed."""

    def __init__(self, stored: QuestionnaireAnswer) -> None:
        super().__init__("These answers' id is already used for other answers.")
        self.stored = stored


def instruments_load(paths: Iterable[Path]) -> list[Instrument]:
    """Load Questionnaire JSON files; a bad file is an InstrumentError naming it. The newest
    load of an id is the one offered; answers to older versions keep theirs."""
    parsed: list[engine.Instrument] = []
    for path in paths:
        try:
            definition = json.loads(Path(path).read_text(encoding="utf-8"))
            parsed.append(engine.instrument_from_fhir(definition))
        except (OSError, json.JSONDecodeError, engine.InstrumentError) as error:
            raise engine.InstrumentError(f"{path}: {error}") from error
    loaded = []
    with transaction.atomic():
        for instrument in parsed:
            Instrument.objects.filter(fhir_id=instrument.fhir_id).exclude(
                url=instrument.url, version=instrument.version
            ).update(current=False)
            row, _ = Instrument.objects.update_or_create(
                url=instrument.url,
                version=instrument.version,
                defaults={
                    "fhir_id": instrument.fhir_id,
                    "title": instrument.title,
                    "interval_days": instrument.interval_days,
                    "definition": dict(instrument.definition),
                    "current": True,
                },
            )
            loaded.append(row)
    return loaded


def instruments_load_shipped(**_: Any) -> None:
    """The instruments Footnote ships (a post_migrate receiver: a new server offers the
    weekly check without a step by hand)."""
    instruments_load(sorted(SHIPPED.glob("*.json")))


def answer_submit(
    *,
    patient: Patient,
    instrument: Instrument,
    answer_id: uuid.UUID,
    authored_on: datetime.date,
    answers: dict[str, Any],
) -> tuple[QuestionnaireAnswer, bool]:
    """Score and store a response; (answer, created). Raises ResponseError or
    AnswerConflict, and stores nothing then."""
    scores = engine.score_response(engine.instrument_from_fhir(instrument.definition), answers)
    stored = QuestionnaireAnswer.objects.filter(pk=answer_id).first()
    if stored is not None:
        same = (
            stored.patient_id == patient.pk
            and stored.instrument_id == instrument.pk
            and stored.answers == answers
            and stored.authored_on == authored_on
        )
        if not same:
            raise AnswerConflict(stored)
        return stored, False
    try:
        with transaction.atomic():
            answer = QuestionnaireAnswer.objects.create(
                id=answer_id,
                patient=patient,
                instrument=instrument,
                authored_on=authored_on,
                answers=answers,
                scores=[asdict(score) for score in scores],
            )
    except IntegrityError:  # the same id sent twice at once: the first one stands
        answer = QuestionnaireAnswer.objects.get(pk=answer_id)
        if answer.patient_id != patient.pk or answer.answers != answers:
            raise AnswerConflict(answer) from None
        return answer, False
    return answer, True
