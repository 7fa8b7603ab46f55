"""A FHIR QuestionnaireResponse for the weekly check's tests (API, import and browser)."""

from __future__ import annotations

import uuid
from typing import Any


def fhir_response(
    answers: dict[str, Any], authored: str | None = None, *, answer_id: Any = None
) -> dict[str, Any]:
    """`answers` by linkId: a number is a valueInteger, a string a coded choice. Without
    `authored` the server takes the patient's today; without `answer_id`, a new id."""
    response: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": str(answer_id or uuid.uuid4()),
        "item": [
            {
                "linkId": link,
                "answer": [
                    {"valueCoding": {"code": value}}
                    if isinstance(value, str)
                    else {"valueInteger": value}
                ],
            }
            for link, value in answers.items()
        ],
    }
    if authored is not None:
        response["authored"] = authored
    return response
