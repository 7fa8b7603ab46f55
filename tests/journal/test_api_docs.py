"""`/api/docs/` works with no internet (api.md, "Additions (v1.1)"): Swagger UI comes from
the app's own static files (drf-spectacular-sidecar), never from another host."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def page() -> str:
    answer = APIClient().get("/api/docs/")
    assert answer.status_code == 200
    return str(answer.content.decode())


def test_the_docs_page_names_no_outside_host(page: Any) -> None:
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", page, re.IGNORECASE)


def test_every_file_the_docs_page_loads_is_one_of_the_apps_static_files(page: str) -> None:
    loaded = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)

    assert any(url.endswith("swagger-ui-bundle.js") for url in loaded)
    for url in loaded:
        assert finders.find(url.removeprefix("/static/")), url
