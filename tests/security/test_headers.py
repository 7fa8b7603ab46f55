"""Headers on every answer, and JSON errors under /api/ and /share/ in every mode
(api.md v1.1, "Conventions, tightened")."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from journal.api import account_views

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def directives(response: Any) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_the_app_shell_has_a_strict_policy_and_no_inline_script(db: Any) -> None:
    answer = Client().get("/")

    policy = directives(answer)
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    html = answer.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "camera=()" in answer["Permissions-Policy"]


def test_the_api_docs_keep_inline_script_out_too(db: Any) -> None:
    answer = Client().get("/api/docs/")

    assert answer.status_code == 200
    assert "'unsafe-inline'" not in directives(answer)["script-src"]
    assert re.search(r"<script>\s*\S", answer.content.decode()) is None


@pytest.mark.parametrize(
    "path", ["/api/v1/profile/", "/api/v1/entries/", "/api/v1/nothing-here/", "/healthz"]
)
def test_api_answers_are_never_cached_whatever_their_status(
    client_api: APIClient, path: str
) -> None:
    for client in (client_api, APIClient()):
        answer = client.get(path)
        assert "no-store" in answer["Cache-Control"], (path, answer.status_code)
        assert answer["Permissions-Policy"]


def test_static_files_keep_their_cache(db: Any, settings: Any) -> None:
    settings.WHITENOISE_USE_FINDERS = True  # as in development: no collectstatic first
    answer = Client().get("/static/pwa/js/app.js")

    assert answer.status_code == 200
    assert "no-store" not in answer.get("Cache-Control", "")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/entries/not-an-id/",
        "/api/v1/reports/12/",
        "/api/v1/nowhere",
        "/api/v2/",
        "/api/",
        "/share/a/b/c",
    ],
)
@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_url_under_the_api_is_never_an_html_page(
    client_api: APIClient, settings: Any, path: str, debug: bool
) -> None:
    settings.DEBUG = debug

    answer = client_api.get(path)

    assert answer.status_code == 404
    assert not answer["Content-Type"].startswith("text/html")
    if path.startswith("/api/"):
        assert answer.json() == {"detail": "Not found."}


def test_a_server_error_under_the_api_is_json_in_development_too(
    client_api: APIClient, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.DEBUG = True

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(account_views.ProfileView, "get", broken)
    client_api.raise_request_exception = False

    answer = client_api.get("/api/v1/profile/")

    assert answer.status_code == 500
    assert answer["Content-Type"] == "application/json"
    assert "a bug" not in answer.content.decode()
    assert answer["Cache-Control"] == "no-store"
