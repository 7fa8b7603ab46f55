"""The OpenAPI schema is the truth for every field (api.md): it validates, and the answers
the API really gives (successes, conflicts, tombstones, errors) match what it documents."""

from __future__ import annotations

import datetime
import json
import re
import uuid
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from drf_spectacular.validation import validate_schema
from jsonschema import Draft202012Validator
from rest_framework.test import APIClient

from tests.factories import PASSWORD, PatientFactory, entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

OPENAPI_JSON = "application/vnd.oai.openapi+json"


@pytest.fixture(scope="module")
def document(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        answer = APIClient().get("/api/schema/", HTTP_ACCEPT=OPENAPI_JSON)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith(OPENAPI_JSON)
    return json.loads(answer.content)


def test_the_schema_is_openapi_3_and_validates(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Footnote API"

    validate_schema(document)  # raises on an invalid document


def test_the_schema_generates_without_a_warning(tmp_path: Any) -> None:
    """drf-spectacular's own check: any warning (an unresolvable type, a name collision)
    means a part of the schema is guessed, so it fails."""
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert target.read_text().startswith("openapi: 3.")


def test_the_docs_page_is_served(db: Any) -> None:
    assert APIClient().get("/api/docs/").status_code == 200


def test_the_schema_names_the_list_pagination_and_every_route(document: dict[str, Any]) -> None:
    paths = document["paths"]
    for path in (
        "/api/v1/auth/register/",
        "/api/v1/auth/token/",
        "/api/v1/profile/",
        "/api/v1/export/",
        "/api/v1/account/",
        "/api/v1/entries/",
        "/api/v1/entries/{entry_id}/",
        "/api/v1/sync/",
        "/api/v1/events/",
        "/api/v1/events/{event_id}/",
        "/healthz",
        "/share/{token}",
    ):
        assert path in paths, path
    parameters = {p["name"]: p for p in paths["/api/v1/entries/"]["get"]["parameters"]}
    assert {"from", "to", "cursor", "page_size"} <= set(parameters)
    assert "Cursor pagination" in parameters["cursor"]["description"]


# --- Every answer matches the schema --------------------------------------------------


def as_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema objects as JSON Schema: `nullable` becomes a null alternative."""
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: as_json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") is True:
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


class Checked:
    """An API client whose every JSON answer must be documented and match its schema."""

    def __init__(self, document: dict[str, Any], client: APIClient) -> None:
        self.document, self.client = document, client
        self.components = as_json_schema(document["components"])
        self.seen: set[tuple[str, str, int]] = set()

    def template(self, path: str) -> str:
        for template in self.document["paths"]:
            pattern = re.sub(r"\{[^}]+\}", "[^/]+", template)
            if re.fullmatch(pattern, path.split("?")[0]):
                return template
        raise AssertionError(f"{path} is not in the schema")

    def __call__(self, method: str, path: str, body: Any = None, **extra: Any) -> Any:
        if body is not None and method != "get" and "content_type" not in extra:
            extra["format"] = "json"
        answer = getattr(self.client, method)(path, body, **extra)
        template = self.template(path)
        responses = self.document["paths"][template][method]["responses"]
        assert str(answer.status_code) in responses, (method, template, answer.status_code)
        self.seen.add((method, template, answer.status_code))
        content = responses[str(answer.status_code)].get("content", {})
        media_type = answer.get("Content-Type", "").split(";")[0]
        if answer.status_code != 204:
            assert media_type in content, (method, template, answer.status_code, media_type)
        if media_type.endswith("json"):
            schema = as_json_schema(content[media_type]["schema"])
            validator = Draft202012Validator({**schema, "components": self.components})
            problems = [
                f"{list(e.absolute_path)}: {e.message}"
                for e in validator.iter_errors(answer.json())
            ]
            assert not problems, (method, template, answer.status_code, problems)
        return answer


def test_every_journal_answer_matches_the_schema(document: dict[str, Any]) -> None:
    cache.clear()
    anonymous = Checked(document, APIClient())
    token = anonymous(
        "post",
        "/api/v1/auth/register/",
        {"username": "ada", "password": "correct horse battery staple"},
    ).json()
    anonymous("post", "/api/v1/auth/register/", {"username": "ada", "password": "x"})
    PatientFactory(user__username="grace")
    anonymous("post", "/api/v1/auth/token/", {"username": "grace", "password": PASSWORD})
    for _ in range(6):
        anonymous("post", "/api/v1/auth/token/", {"username": "grace", "password": "wrong"})
    for method, path in (
        ("get", "/api/v1/entries/"),
        ("post", "/api/v1/sync/"),
        ("get", "/api/v1/profile/"),
        ("delete", "/api/v1/account/"),
    ):
        assert anonymous(method, path, {}).status_code == 401

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token['token']}")
    call = Checked(document, client)
    saddle = [{"region": "saddle", "side": "center", "pain": 2, "numbness": True}]

    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        entry = call("post", "/api/v1/entries/", entry_body("2026-06-01", symptoms=saddle))
    entry = entry.json()
    assert entry["alerts"]
    url = f"/api/v1/entries/{entry['id']}/"
    call("post", "/api/v1/entries/", entry_body("2026-06-01"))  # 409, same date
    call("post", "/api/v1/entries/", entry_body("2026-06-02", signs=[{"code": "x"}]))
    call("post", "/api/v1/entries/", "date=2026-06-01", content_type="text/plain")
    call("get", url)
    call("get", f"/api/v1/entries/{uuid.uuid4()}/")
    call("get", "/api/v1/entries/", {"page_size": 1})
    call("get", "/api/v1/entries/", {"page_size": 0})
    call("put", url, {**entry_body("2026-06-01", notes="Edited"), "version": 1})
    call("put", url, {**entry_body("2026-06-01", notes="Stale"), "version": 1})  # 409
    new = call("put", f"/api/v1/entries/{uuid.uuid4()}/", entry_body("2026-06-03")).json()
    call("patch", url, {"version": 2, "sleep_quality": 3})
    call("patch", url, {"version": 1, "sleep_quality": 4})  # 409
    call("delete", f"/api/v1/entries/{new['id']}/?version=9")  # 409
    call("delete", f"/api/v1/entries/{new['id']}/?version=x")
    call("delete", f"/api/v1/entries/{new['id']}/")
    call("put", f"/api/v1/entries/{new['id']}/", entry_body("2026-06-03", version=1))  # 409, gone

    sync = call(
        "post",
        "/api/v1/sync/",
        {
            "since": None,
            "changes": [
                {"op": "upsert", "entry": entry_body("2026-05-01", id=str(uuid.uuid4()))},
                {"op": "upsert", "entry": entry_body("2026-06-01", id=entry["id"], version=1)},
                {"op": "upsert", "entry": {"id": "x"}},
                {"op": "delete", "id": new["id"]},
                {"op": "upsert", "entry": entry_body("2026-05-02", id=new["id"], version=1)},
            ],
        },
    ).json()
    assert [r["status"] for r in sync["results"]] == [
        "created",
        "conflict",
        "invalid",
        "deleted",
        "conflict",
    ]
    assert any(c.get("deleted") for c in sync["changes"])
    call("post", "/api/v1/sync/", {"since": "nope"})
    call("post", "/api/v1/sync/", {"changes": [{"op": "delete", "id": str(uuid.uuid4())}] * 501})

    event = call(
        "post", "/api/v1/events/", {"kind": "trauma", "site": "foot", "date": "2026-05-05"}
    ).json()
    call("post", "/api/v1/events/", {"kind": "trauma", "site": "moon", "date": "2026-05-05"})
    call("get", "/api/v1/events/")
    call("get", f"/api/v1/events/{event['id']}/")
    call("patch", f"/api/v1/events/{event['id']}/", {"side": "left"})
    call("delete", f"/api/v1/events/{event['id']}/")
    call("get", f"/api/v1/events/{event['id']}/")

    call("get", "/api/v1/profile/")
    call("get", "/api/v1/profile/", HTTP_ACCEPT="application/xml")  # 406
    call("patch", "/api/v1/profile/", {"reminder_time": "20:00", "birth_year": 1980})
    call("patch", "/api/v1/profile/", {"timezone": "Nowhere/Land"})
    for kind in ("json", "csv", "fhir", "yaml"):
        call("get", "/api/v1/export/", {"format": kind})
    call("delete", "/api/v1/account/", {"password": "not it"})
    call("delete", "/api/v1/auth/token/")
    assert client.get("/api/v1/profile/").status_code == 401

    statuses = {status for _, _, status in call.seen | anonymous.seen}
    assert statuses >= {200, 201, 204, 400, 401, 404, 406, 409, 413, 415, 429}


def test_every_documented_write_lists_the_errors_a_body_can_cause(
    document: dict[str, Any],
) -> None:
    """400 bad input, 413 too large and 415 not JSON can follow any request with a body."""
    for path, operations in document["paths"].items():
        if not path.startswith("/api/v1/") or "/reports" in path or "/flags" in path:
            continue
        for method, operation in operations.items():
            if "requestBody" in operation:
                assert {"400", "413", "415"} <= set(operation["responses"]), (method, path)


def test_dates_and_timestamps_are_documented_as_iso_8601(document: dict[str, Any]) -> None:
    entry = document["components"]["schemas"]["EntryOutput"]["properties"]

    assert entry["date"] == {"type": "string", "format": "date"}
    assert entry["updated_at"] == {"type": "string", "format": "date-time"}
