"""The weekly check's answers in an import (api.md, "Import"; reports.md, "The weekly
check"): each QuestionnaireResponse of a JSON export is stored as the phone's would be,
by its id, once. An id already holding the same answers is unchanged, an id holding other
answers is a conflict (never overwritten), and a response that does not fit is named and
the rest still imported. The scores are this server's, computed from the answers: the
file's own scores are not trusted.

A few statements whatever the number of responses: the instruments named, the answers
already held under the file's ids, and one insert.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Q

from journal import questionnaire_engine as engine
from journal.local_dates import today_in_zone
from journal.models import Instrument, Patient, QuestionnaireAnswer

IMPORT_MAX_RESPONSES = 1000
# An answer id another patient on this server holds (the export came from an account
# here) becomes one derived from it and the importing patient: the same on every import.
_IMPORT_NAMESPACE = uuid.UUID("5c0e7d1a-2b7f-4f0e-9a57-1f6b2d3c9e84")
KIND = "questionnaire_response"


@dataclass(frozen=True, slots=True)
class ResponseIn:
    """One response of the file, read; `errors` says why it cannot be imported."""

    answer_id: uuid.UUID | None
    date: str | None  # as the file gives it, to name the response in a problem
    url: str
    version: str
    fhir_id: str
    authored_on: datetime.date | None
    answers: Mapping[str, Any]
    errors: Mapping[str, Any] | None


def _invalid(answer_id: Any, date: Any, errors: Mapping[str, Any]) -> ResponseIn:
    return ResponseIn(
        answer_id=answer_id if isinstance(answer_id, uuid.UUID) else None,
        date=date if isinstance(date, str) else None,
        url="",
        version="",
        fhir_id="",
        authored_on=None,
        answers={},
        errors=errors,
    )


def response_read(raw: Any, timezone: str) -> ResponseIn:
    """An exported answer (`{id, questionnaire, authored, scores, response}`) or a bare
    FHIR QuestionnaireResponse, read and checked for shape (not yet against its
    questionnaire: that needs the instrument)."""
    if not isinstance(raw, Mapping):
        return _invalid(None, None, {"detail": ["Send each response as an object."]})
    fhir = raw.get("response", raw)
    if not isinstance(fhir, Mapping) or fhir.get("resourceType") != "QuestionnaireResponse":
        return _invalid(None, None, {"resourceType": ["A QuestionnaireResponse is needed."]})
    authored_text = fhir.get("authored", raw.get("authored"))
    try:
        answer_id = uuid.UUID(str(fhir.get("id")))
    except ValueError:
        return _invalid(None, authored_text, {"id": ["A UUID is needed."]})
    try:
        authored_on = datetime.date.fromisoformat(str(authored_text)[:10])
    except ValueError:
        return _invalid(answer_id, authored_text, {"authored": ["A date is needed."]})
    if authored_on > today_in_zone(timezone):
        return _invalid(answer_id, authored_text, {"authored": ["This date is in the future."]})
    if not isinstance(fhir.get("item"), list):
        return _invalid(answer_id, authored_text, {"item": ["A list of items is needed."]})
    try:
        answers = engine.answers_from_fhir(fhir)
    except engine.ResponseError as error:
        return _invalid(answer_id, authored_text, {"item": error.errors})
    canonical = fhir.get("questionnaire")
    url, _, version = canonical.partition("|") if isinstance(canonical, str) else ("", "", "")
    # The export names the questionnaire by its id beside the response; a bare response's
    # own `questionnaire` is the canonical URL, already read above.
    fhir_id = raw.get("questionnaire") if raw is not fhir else ""
    fhir_id = fhir_id if isinstance(fhir_id, str) else ""
    if not url and not fhir_id:
        return _invalid(answer_id, authored_text, {"questionnaire": ["Name the questionnaire."]})
    return ResponseIn(
        answer_id=answer_id,
        date=authored_on.isoformat(),
        url=url,
        version=version,
        fhir_id=fhir_id,
        authored_on=authored_on,
        answers=answers,
        errors=None,
    )


def _problem(response: ResponseIn, status: str, errors: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "kind": KIND,
        "id": None if response.answer_id is None else str(response.answer_id),
        "date": response.date,
        "status": status,
        "errors": dict(errors),
    }


def _instruments(responses: Sequence[ResponseIn]) -> list[Instrument]:
    urls = {r.url for r in responses if r.url}
    fhir_ids = {r.fhir_id for r in responses if r.fhir_id}
    if not urls and not fhir_ids:
        return []
    return list(Instrument.objects.filter(Q(url__in=urls) | Q(fhir_id__in=fhir_ids, current=True)))


def answers_import(
    *, patient: Patient, responses: Sequence[ResponseIn]
) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Store the responses read from a file for `patient`: (counts, problems)."""
    counts = {"created": 0, "unchanged": 0, "conflicts": 0, "invalid": 0}
    problems: list[dict[str, Any]] = []
    readable = [r for r in responses if r.errors is None and r.answer_id is not None]
    instruments = _instruments(readable)
    exact = {(i.url, i.version): i for i in instruments}
    current_by_url = {i.url: i for i in instruments if i.current}
    current_by_id = {i.fhir_id: i for i in instruments if i.current}
    parsed: dict[int, engine.Instrument] = {}
    derived = {
        r.answer_id: uuid.uuid5(_IMPORT_NAMESPACE, f"{patient.pk}/{r.answer_id}") for r in readable
    }
    held = {
        answer.pk: answer
        for answer in QuestionnaireAnswer.objects.filter(pk__in={*derived, *derived.values()}).only(
            "pk", "patient_id", "instrument_id", "answers", "authored_on"
        )
    }
    new: dict[uuid.UUID, QuestionnaireAnswer] = {}
    for response in responses:
        if response.errors is not None or response.answer_id is None or not response.authored_on:
            counts["invalid"] += 1
            problems.append(_problem(response, "invalid", response.errors or {}))
            continue
        instrument = (
            exact.get((response.url, response.version))
            or current_by_url.get(response.url)
            or current_by_id.get(response.fhir_id)
        )
        if instrument is None:
            named = response.url or response.fhir_id
            counts["invalid"] += 1
            problems.append(
                _problem(response, "invalid", {"questionnaire": [f"Not offered here: {named}."]})
            )
            continue
        if instrument.pk not in parsed:
            parsed[instrument.pk] = engine.instrument_from_fhir(instrument.definition)
        try:
            scores = engine.score_response(parsed[instrument.pk], response.answers)
        except engine.ResponseError as error:
            counts["invalid"] += 1
            problems.append(_problem(response, "invalid", {"item": error.errors}))
            continue
        answer_id = response.answer_id
        stored = held.get(answer_id) or new.get(answer_id)
        if stored is not None and stored.patient_id != patient.pk:
            answer_id = derived[answer_id]
            stored = held.get(answer_id) or new.get(answer_id)
        if stored is None:
            new[answer_id] = QuestionnaireAnswer(
                id=answer_id,
                patient=patient,
                instrument=instrument,
                authored_on=response.authored_on,
                answers=dict(response.answers),
                scores=[asdict(score) for score in scores],
            )
        elif (
            stored.instrument_id == instrument.pk
            and stored.answers == dict(response.answers)
            and stored.authored_on == response.authored_on
        ):
            counts["unchanged"] += 1
        else:
            counts["conflicts"] += 1
            problems.append(
                _problem(
                    response,
                    "conflict",
                    {"detail": ["This id already holds other answers; they are kept."]},
                )
            )
    if new:
        # A concurrent import of the same file may insert first: its rows stand.
        QuestionnaireAnswer.objects.bulk_create(new.values(), ignore_conflicts=True)
        counts["created"] = len(new)
    return counts, problems
