"""The weekly check (reports.md, api.md "Weekly check"): the engine reads FHIR R4
Questionnaires with a declared scoring and scores responses; the API offers them when due,
stores answers replay-safely, and lists them."""

from __future__ import annotations

import copy
import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from fhir.resources.R4B.questionnaire import Questionnaire
from rest_framework.test import APIClient

from journal import questionnaire_engine as engine
from journal.models import Instrument, QuestionnaireAnswer
from journal.questionnaire_services import SHIPPED
from tests.support.questionnaires import fhir_response

WEEKLY = json.loads((SHIPPED / "footnote-weekly-check.json").read_text())
URL = "/api/v1/questionnaires/"
RESPONSES = "/api/v1/questionnaires/responses/"
SUBMIT = "/api/v1/questionnaires/footnote-weekly-check/responses/"

ANSWERS: dict[str, Any] = {
    "leg_pain_average": 6,
    "leg_pain_worst": 9,
    "back_pain_average": 3,
    "back_pain_worst": 4,
    "walking_distance": "100_to_500m",  # ordinal 3 of 4
    "sitting_time": "30_to_60min",  # ordinal 2 of 4
    "interference_activities": 5,
    "interference_work": 6,
    "interference_sleep": 7,
}


# --- the engine (pure) -----------------------------------------------------------------


def test_the_shipped_weekly_check_is_a_valid_fhir_questionnaire() -> None:
    Questionnaire.model_validate(WEEKLY)  # fhir.resources: R4 structure, extensions included
    instrument = engine.instrument_from_fhir(WEEKLY)
    assert instrument.interval_days == 7
    assert [score.name for score in instrument.scores] == [
        "leg_pain",
        "back_pain",
        "interference",
        "walking_sitting_limit",
    ]
    assert "Written for Footnote" in WEEKLY["description"]


def test_scores_by_every_declared_method_and_band() -> None:
    definition = copy.deepcopy(WEEKLY)
    definition["extension"].append(
        {
            "url": engine.SCORE,
            "extension": [
                {"url": "name", "valueString": "interference_total"},
                {"url": "method", "valueCode": "sum"},
                {"url": "item", "valueString": "interference_activities"},
                {"url": "item", "valueString": "interference_work"},
            ],
        }
    )
    scores = {
        s.name: s for s in engine.score_response(engine.instrument_from_fhir(definition), ANSWERS)
    }

    assert scores["leg_pain"].value == (6 + 9) / 2
    assert scores["leg_pain"].band == "severe"  # 7.5 >= 7
    assert scores["back_pain"].value == 3.5
    assert scores["back_pain"].band == "none or mild"
    assert scores["interference"].value == 6.0
    assert scores["walking_sitting_limit"].value == round(100 * (3 + 2) / (4 + 4), 1)
    assert scores["interference_total"].value == 11


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(resourceType="Patient"), "resourceType"),
        (lambda d: d.pop("url"), "url"),
        (lambda d: d["item"].append(copy.deepcopy(d["item"][0])), "unique"),
        (lambda d: d["item"][0].update(type="string"), "integer or choice"),
        (lambda d: d["item"][0].update(extension=[]), "minValue < maxValue"),
        (lambda d: d["item"][4]["answerOption"][0].pop("extension"), "ordinalValue"),
        (lambda d: d["extension"][1]["extension"][2].update(valueCode="median"), "method"),
        (lambda d: d["extension"][1]["extension"][3].update(valueString="nope"), "linkIds"),
        (lambda d: d.update(extension=[]), "declare at least one score"),
    ],
)
def test_a_bad_definition_is_refused_saying_what_and_where(change: Any, words: str) -> None:
    definition = copy.deepcopy(WEEKLY)
    change(definition)
    with pytest.raises(engine.InstrumentError, match=words):
        engine.instrument_from_fhir(definition)


def test_answers_that_do_not_fit_name_each_item() -> None:
    instrument = engine.instrument_from_fhir(WEEKLY)
    bad = {**ANSWERS, "leg_pain_worst": 11, "walking_distance": "far", "extra": 1}
    del bad["sitting_time"]
    with pytest.raises(engine.ResponseError) as caught:
        engine.score_response(instrument, bad)
    assert set(caught.value.errors) == {
        "leg_pain_worst",
        "walking_distance",
        "sitting_time",
        "extra",
    }


def test_due_dates() -> None:
    today = datetime.date(2026, 12, 4)
    assert engine.next_due(7, None, today) == today
    assert engine.next_due(7, datetime.date(2026, 11, 30), today) == datetime.date(2026, 12, 7)


# --- through the API -----------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_new_server_offers_the_weekly_check_due_today(client_api: APIClient) -> None:
    answer = client_api.get(URL)

    assert answer.status_code == 200
    (offered,) = answer.json()["results"]
    assert offered["questionnaire"]["id"] == "footnote-weekly-check"
    assert offered["due"] is True
    assert offered["last_answered_on"] is None


@pytest.mark.postgres
@pytest.mark.django_db
def test_answers_are_scored_stored_once_and_never_overwritten(client_api: APIClient) -> None:
    body = fhir_response(ANSWERS, authored="2026-12-01")
    with time_machine.travel(datetime.datetime(2026, 12, 4, 12, tzinfo=datetime.UTC)):
        first = client_api.post(SUBMIT, body, format="json")
        again = client_api.post(SUBMIT, body, format="json")
        changed = client_api.post(
            SUBMIT,
            fhir_response({**ANSWERS, "leg_pain_worst": 2}, answer_id=body["id"]),
            format="json",
        )
        offered = client_api.get(URL).json()["results"][0]

    assert first.status_code == 201
    scores = {s["name"]: s["value"] for s in first.json()["scores"]}
    assert scores["leg_pain"] == 7.5
    assert first.json()["response"]["resourceType"] == "QuestionnaireResponse"
    assert again.status_code == 200
    assert again.json() == first.json()
    assert changed.status_code == 409
    assert QuestionnaireAnswer.objects.count() == 1
    assert QuestionnaireAnswer.objects.get().answers == ANSWERS
    assert (offered["due"], offered["due_on"], offered["last_answered_on"]) == (
        False,
        "2026-12-08",
        "2026-12-01",
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_bad_answers_are_a_400_naming_the_item(client_api: APIClient) -> None:
    answer = client_api.post(
        SUBMIT, fhir_response({**ANSWERS, "leg_pain_average": 12}), format="json"
    )

    assert answer.status_code == 400
    assert "leg_pain_average" in answer.json()["item"]
    assert QuestionnaireAnswer.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db
def test_due_follows_the_patients_own_date(make_patient: Any) -> None:
    # 23:30 UTC on 7 Dec is already 8 Dec in Auckland and still 7 Dec in Los Angeles.
    late, early = (
        make_patient(timezone="Pacific/Auckland"),
        make_patient(timezone="America/Los_Angeles"),
    )
    for _, client in (late, early):
        client.post(SUBMIT, fhir_response(ANSWERS, authored="2026-12-01"), format="json")
    with time_machine.travel(datetime.datetime(2026, 12, 7, 23, 30, tzinfo=datetime.UTC)):
        due = [client.get(URL).json()["results"][0]["due"] for _, client in (late, early)]

    assert due == [True, False]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_list_is_newest_first_within_dates_and_only_ones_own(make_patient: Any) -> None:
    _, mine = make_patient()
    _, other = make_patient()
    for day in ("2026-11-01", "2026-11-15", "2026-11-29"):
        mine.post(SUBMIT, fhir_response(ANSWERS, authored=day), format="json")
    other.post(SUBMIT, fhir_response(ANSWERS, authored="2026-11-20"), format="json")

    listed = mine.get(RESPONSES, {"from": "2026-11-10"}).json()["results"]

    assert [item["authored"] for item in listed] == ["2026-11-29", "2026-11-15"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_an_unknown_questionnaire_is_a_404(client_api: APIClient) -> None:
    answer = client_api.post(
        "/api/v1/questionnaires/oswestry/responses/", fhir_response(ANSWERS), format="json"
    )
    assert answer.status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_clinic_loads_its_own_instrument_and_a_bad_file_says_why(tmp_path: Path) -> None:
    own = copy.deepcopy(WEEKLY)
    own.update(id="clinic-check", url="urn:clinic:check", title="Clinic check")
    good = tmp_path / "clinic.json"
    good.write_text(json.dumps(own))
    out = io.StringIO()

    call_command("load_questionnaires", str(good), stdout=out)

    assert "Clinic check" in out.getvalue()
    assert Instrument.objects.filter(fhir_id="clinic-check", current=True).exists()
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({**own, "item": []}))
    with pytest.raises(CommandError, match=r"broken.json: item: at least one item"):
        call_command("load_questionnaires", str(broken))


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_json_export_carries_the_answers_as_questionnaire_responses(
    client_api: APIClient,
) -> None:
    client_api.post(SUBMIT, fhir_response(ANSWERS, authored="2026-11-15"), format="json")

    exported = client_api.get("/api/v1/export/", {"format": "json"}).json()

    (response,) = exported["questionnaire_responses"]
    assert response["authored"] == "2026-11-15"
    assert response["response"]["resourceType"] == "QuestionnaireResponse"
    assert {s["name"] for s in response["scores"]} >= {"leg_pain", "back_pain"}
