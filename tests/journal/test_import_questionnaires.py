"""POST /api/v1/import/ with the weekly check's answers (api.md "Import", reports.md "The
weekly check"): stored by id as the phone's are, once; scored here; a held id never
overwritten; a response that does not fit named and the rest imported."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from journal import questionnaire_engine as engine
from journal.models import QuestionnaireAnswer
from journal.questionnaire_services import SHIPPED
from tests.conftest import ON_POSTGRES
from tests.support.questionnaires import fhir_response

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

IMPORT = "/api/v1/import/"
SUBMIT = "/api/v1/questionnaires/footnote-weekly-check/responses/"
WEEKLY = json.loads((SHIPPED / "footnote-weekly-check.json").read_text())
ANSWERS: dict[str, Any] = {
    "leg_pain_average": 6,
    "leg_pain_worst": 9,
    "back_pain_average": 3,
    "back_pain_worst": 4,
    "walking_distance": "100_to_500m",
    "sitting_time": "30_to_60min",
    "interference_activities": 5,
    "interference_work": 6,
    "interference_sleep": 7,
}


def days_ago(n: int) -> str:
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


def expected_scores(answers: dict[str, Any]) -> dict[str, float]:
    """The instrument's declared scoring (the engine is tested on its own elsewhere)."""
    scores = engine.score_response(engine.instrument_from_fhir(WEEKLY), answers)
    return {score.name: score.value for score in scores}


@pytest.fixture
def source(make_patient: Callable[..., tuple[Any, APIClient]]) -> tuple[Any, APIClient]:
    """A patient (UTC) who answered the weekly check twice."""
    patient, client = make_patient(timezone="UTC")
    for answers, when in ((ANSWERS, days_ago(8)), ({**ANSWERS, "leg_pain_worst": 4}, days_ago(1))):
        assert client.post(SUBMIT, fhir_response(answers, when), format="json").status_code == 201
    return patient, client


def exported(client: APIClient) -> dict[str, Any]:
    answer = client.get("/api/v1/export/", {"format": "json"})
    assert answer.status_code == 200
    return dict(json.loads(answer.content))


def answers_of(client: APIClient) -> list[dict[str, Any]]:
    return list(client.get("/api/v1/questionnaires/responses/").json()["results"])


def without_ids(answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**a, "id": None, "response": {**a["response"], "id": None}} for a in answers]


def test_an_export_imported_into_a_new_account_gives_the_same_answers_scored_here(
    source: tuple[Any, APIClient], make_patient: Callable[..., tuple[Any, APIClient]]
) -> None:
    _, new_client = make_patient(timezone="UTC")
    document = exported(source[1])
    # The file's scores are not trusted: the server scores the answers again.
    for answer in document["questionnaire_responses"]:
        answer["scores"] = [{"name": "leg_pain", "title": "x", "value": 0.0, "band": ""}]

    answer = new_client.post(IMPORT, document, format="json")

    assert answer.status_code == 202, answer.content
    assert answer.json()["questionnaire_responses"] == {
        "created": 2,
        "unchanged": 0,
        "conflicts": 0,
        "invalid": 0,
    }
    assert (answer.json()["created"], answer.json()["problems"]) == (2, [])
    imported = answers_of(new_client)
    # Another account on this server holds the ids: the new account has its own.
    assert without_ids(imported) == without_ids(answers_of(source[1]))
    for stored in imported:
        answers = engine.answers_from_fhir(stored["response"])
        assert {s["name"]: s["value"] for s in stored["scores"]} == expected_scores(answers)


def test_importing_the_same_responses_twice_stores_them_once(
    source: tuple[Any, APIClient], make_patient: Callable[..., tuple[Any, APIClient]]
) -> None:
    _, new_client = make_patient(timezone="UTC")
    document = exported(source[1])
    new_client.post(IMPORT, document, format="json")
    before = answers_of(new_client)

    again = new_client.post(IMPORT, document, format="json")
    own = source[1].post(IMPORT, document, format="json")

    assert again.json()["questionnaire_responses"]["unchanged"] == 2
    assert again.json()["created"] == 0
    assert answers_of(new_client) == before
    assert (own.json()["created"], own.json()["unchanged"]) == (0, 2)
    assert QuestionnaireAnswer.objects.count() == 4


def test_a_move_to_another_server_keeps_the_answer_ids(
    source: tuple[Any, APIClient], make_patient: Callable[..., tuple[Any, APIClient]]
) -> None:
    document = exported(source[1])
    source[0].user.delete()
    _, new_client = make_patient(timezone="UTC")

    assert new_client.post(IMPORT, document, format="json").status_code == 202

    assert [a["id"] for a in answers_of(new_client)] == [
        a["id"] for a in document["questionnaire_responses"]
    ]


def test_other_answers_under_a_held_id_are_a_conflict_and_kept(
    source: tuple[Any, APIClient],
) -> None:
    document = exported(source[1])
    changed = document["questionnaire_responses"][0]
    changed["response"]["item"][0]["answer"] = [{"valueInteger": 0}]

    answer = source[1].post(IMPORT, document, format="json")

    assert answer.json()["questionnaire_responses"] == {
        "created": 0,
        "unchanged": 1,
        "conflicts": 1,
        "invalid": 0,
    }
    (problem,) = answer.json()["problems"]
    assert (problem["kind"], problem["id"], problem["status"]) == (
        "questionnaire_response",
        changed["id"],
        "conflict",
    )
    stored = QuestionnaireAnswer.objects.get(pk=changed["id"])
    assert stored.answers["leg_pain_average"] == ANSWERS["leg_pain_average"]


def test_a_response_that_does_not_fit_is_named_and_the_rest_imported(
    make_patient: Callable[..., tuple[Any, APIClient]],
) -> None:
    _, client = make_patient(timezone="UTC")
    good = fhir_response(ANSWERS, days_ago(3))
    out_of_range = fhir_response({**ANSWERS, "leg_pain_worst": 11}, days_ago(2))
    unknown = {**fhir_response(ANSWERS, days_ago(2)), "questionnaire": "urn:x:oswestry|2"}
    future = fhir_response(ANSWERS, days_ago(-3))
    document = {
        "format": "footnote-export/1",
        # Bare QuestionnaireResponses too, naming the questionnaire by its canonical URL.
        "questionnaire_responses": [
            {**good, "questionnaire": f"{WEEKLY['url']}|{WEEKLY['version']}"},
            {"questionnaire": "footnote-weekly-check", "response": out_of_range},
            unknown,
            {"questionnaire": "footnote-weekly-check", "response": future},
            "not a response",
        ],
    }

    answer = client.post(IMPORT, document, format="json")

    assert answer.status_code == 202, answer.content
    assert answer.json()["questionnaire_responses"] == {
        "created": 1,
        "unchanged": 0,
        "conflicts": 0,
        "invalid": 4,
    }
    problems = {p["id"]: p for p in answer.json()["problems"]}
    assert "leg_pain_worst" in problems[out_of_range["id"]]["errors"]["item"]
    assert "questionnaire" in problems[unknown["id"]]["errors"]
    assert "authored" in problems[future["id"]]["errors"]
    assert problems[None]["status"] == "invalid"
    (stored,) = answers_of(client)
    assert stored["id"] == good["id"]
    assert {s["name"]: s["value"] for s in stored["scores"]} == expected_scores(ANSWERS)


def test_responses_that_are_not_a_list_are_a_400(client_api: APIClient) -> None:
    document = {"format": "footnote-export/1", "questionnaire_responses": {}}

    assert client_api.post(IMPORT, document, format="json").status_code == 400


def test_an_import_takes_the_same_queries_for_2_responses_as_for_200(
    make_patient: Callable[..., tuple[Any, APIClient]],
) -> None:
    statements = []
    for count in (2, 200):
        _, client = make_patient(timezone="UTC")
        document = {
            "format": "footnote-export/1",
            "questionnaire_responses": [
                {"questionnaire": "footnote-weekly-check", "response": fhir_response(ANSWERS, day)}
                for day in (days_ago(n % 300) for n in range(count))
            ],
        }
        with CaptureQueriesContext(connection) as queries:
            answer = client.post(IMPORT, document, format="json")
        assert answer.json()["questionnaire_responses"]["created"] == count
        statements.append(
            [q["sql"].split()[0] for q in queries.captured_queries]
            if ON_POSTGRES
            else [q["sql"].split()[0] for q in queries.captured_queries if "INSERT" not in q["sql"]]
        )

    assert statements[0] == statements[1]


@pytest.mark.parametrize("value", [{"valueCoding": {"code": [1]}}, {"valueInteger": [1]}])
def test_a_choice_answered_with_a_list_is_named_not_a_500(
    client_api: APIClient, value: dict[str, Any]
) -> None:
    response = fhir_response(ANSWERS, days_ago(1))
    walking = next(i for i in response["item"] if i["linkId"] == "walking_distance")
    walking["answer"] = [value]

    submitted = client_api.post(SUBMIT, response, format="json")
    imported = client_api.post(
        IMPORT,
        {
            "format": "footnote-export/1",
            "questionnaire_responses": [
                {"questionnaire": "footnote-weekly-check", "response": response}
            ],
        },
        format="json",
    )

    assert submitted.status_code == 400
    assert "walking_distance" in submitted.json()["item"]
    (problem,) = imported.json()["problems"]
    assert "walking_distance" in problem["errors"]["item"]
