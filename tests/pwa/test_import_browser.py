"""The Account page's Import: a JSON export from another account, chosen as a file, at
360x640; what was imported and what was not, said in words."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.pwa.conftest import PASSWORD, TIME_ZONE, App, AppServer, Patient, days_ago

pytestmark = pytest.mark.browser


def other_patients_export(server: AppServer) -> bytes:
    username = f"pwa-src-{uuid.uuid4().hex[:10]}"
    status, body = server.api(
        "POST",
        "/api/v1/auth/register/",
        body={"username": username, "password": PASSWORD, "timezone": TIME_ZONE},
    )
    assert status == 201, body
    token = body["token"]
    for n, notes in ((2, "Two days ago"), (1, "Yesterday")):
        day = {"date": days_ago(n), "symptoms": [], "notes": notes}
        assert server.api("POST", "/api/v1/entries/", token=token, body=day)[0] == 201
    status, document = server.api("GET", "/api/v1/export/?format=json", token=token)
    assert status == 200
    document["entries"][0]["symptoms"] = [{"region": "elbow", "side": "left", "pain": 3}]
    return json.dumps(document).encode()


def test_importing_an_export_on_the_account_page_names_what_was_not_imported(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/account")
    page.wait_for_load_state("networkidle")

    page.set_input_files(
        "#import-file",
        files=[
            {
                "name": "footnote.json",
                "mimeType": "application/json",
                "buffer": other_patients_export(app_server),
            }
        ],
    )

    result = page.locator(".import-result")
    result.wait_for()
    page.wait_for_selector(".import-result:has-text('Imported')")
    assert "1 new" in result.inner_text()
    assert f"{days_ago(2)}: symptoms" in result.inner_text()
    page.get_by_role("heading", name="Import a journal").scroll_into_view_if_needed()
    app.screenshot("account-import")
    assert app.layout_problems() == []
    status, body = app_server.api("GET", "/api/v1/entries/", token=patient.token)
    assert status == 200
    assert [e["notes"] for e in body["results"]] == ["Yesterday"]
