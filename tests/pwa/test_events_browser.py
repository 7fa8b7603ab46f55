"""Events in the phone app: injuries, operations and injections, with their dates."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import pytest

from tests.pwa.conftest import PASSWORD, App, AppServer, Patient, days_ago

pytestmark = pytest.mark.browser

PAGE_TITLE = "Injuries, operations, injections"


def server_events(server: AppServer, token: str) -> list[dict[str, Any]]:
    status, body = server.api("GET", "/api/v1/events/?page_size=100", token=token)
    assert status == 200, body
    return list(body["results"])


def choose(page: Any, group: str, chip: str) -> None:
    page.get_by_role("group", name=group, exact=True).get_by_role(
        "button", name=chip, exact=True
    ).click()


def test_sign_up_add_an_injury_see_it_listed_and_delete_it(app: App, app_server: AppServer) -> None:
    page = app.page
    app.open("#/register")
    page.fill("#username", f"events-{uuid.uuid4().hex[:10]}")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_selector("main h1:text-is('Today')")
    token = page.evaluate("localStorage.getItem('footnote.token')")
    # Today links to them at the end of the page...
    link = page.locator("main a.link-card")
    assert link.get_attribute("href") == "#/events"
    link.scroll_into_view_if_needed()
    app.screenshot("today-events-link")
    assert app.layout_problems() == []

    # ...and they are two taps away through History; the tab bar keeps its five tabs.
    page.get_by_role("link", name="History", exact=True).click()
    page.wait_for_selector("main h1:text-is('History')")
    page.get_by_role("link", name=re.compile(PAGE_TITLE)).click()
    page.wait_for_selector(f"main h1:text-is('{PAGE_TITLE}')")
    page.wait_for_selector("ul.events li.empty")
    assert page.locator("#tabbar a").count() == 5
    assert page.locator("#tabbar a[data-route=history]").get_attribute("aria-current") == "true"

    # Nothing chosen: what is missing is said next to the field.
    page.get_by_role("button", name="Add", exact=True).click()
    assert page.inner_text("#event-kind-error") == "Choose what happened."
    assert page.inner_text("#event-site-error") == "Choose where."

    choose(page, "What happened", "Injury or fall")
    choose(page, "Where", "Ankle")
    choose(page, "Which side", "Left")
    when = days_ago(40)
    page.fill("#event-date", when)
    page.fill("#event-notes", "Slipped on the stairs")
    assert page.get_attribute("#event-date", "max") == days_ago(0)
    page.locator("#event-side").scroll_into_view_if_needed()
    app.screenshot("events-form")
    assert app.layout_problems() == []
    page.get_by_role("button", name="Add", exact=True).click()

    row = page.locator("ul.events li.event")
    row.wait_for()
    text = row.inner_text()
    for shown in ("Injury or fall", "Left ankle", "Slipped on the stairs"):
        assert shown in text
    assert row.locator("time").get_attribute("datetime") == when
    # The form is ready for the next one.
    assert page.input_value("#event-notes") == ""
    assert page.input_value("#event-date") == days_ago(0)
    assert page.locator("#event-kind button[aria-pressed=true]").count() == 0
    assert "new" in (row.get_attribute("class") or "")
    page.wait_for_selector("#live:text('Added: Injury or fall, left ankle')")
    app.screenshot("events")
    assert app.layout_problems() == []

    (event,) = server_events(app_server, token)
    assert (event["kind"], event["site"], event["side"], event["date"]) == (
        "trauma",
        "ankle",
        "left",
        when,
    )
    assert event["notes"] == "Slipped on the stairs"

    row.get_by_role("button", name=re.compile(r"^Delete Injury or fall")).click()
    dialog = page.get_by_role("dialog")
    assert "left ankle" in dialog.inner_text()
    dialog.get_by_role("button", name="Delete").click()
    page.wait_for_selector("ul.events li.empty")
    assert page.locator("ul.events li.event").count() == 0
    assert server_events(app_server, token) == []


def test_offline_keeps_what_was_typed_and_server_errors_show_by_their_field(
    app: App, app_server: AppServer, patient: Patient, context: Any
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/events")
    page.wait_for_selector("ul.events li.empty")
    choose(page, "What happened", "Hip surgery")
    # The usual place comes with it; the side is "not sure" until chosen.
    assert page.get_attribute("#event-site [data-code=hip]", "aria-pressed") == "true"
    assert page.get_attribute("#event-side [data-code='']", "aria-pressed") == "true"
    choose(page, "Which side", "Right")
    page.fill("#event-date", days_ago(400))
    page.fill("#event-notes", "Hip replacement")

    context.set_offline(True)
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_selector(".form-error:has-text('needs a connection')")
    assert page.input_value("#event-notes") == "Hip replacement"
    assert page.get_attribute("#event-side [data-code=right]", "aria-pressed") == "true"
    assert server_events(app_server, patient.token) == []

    # Back online, the server refuses the date: the message is by the date.
    context.set_offline(False)
    refusal = {"date": ["This date is in the future: today is 2000-01-01 in Europe/Berlin."]}
    page.route(
        "**/api/v1/events/",
        lambda route: (
            route.fulfill(status=400, content_type="application/json", body=json.dumps(refusal))
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_selector("#event-date-error:has-text('in the future')")
    assert page.get_attribute("#event-date", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "event-date"
    assert page.inner_text(".form-error") == ""

    page.unroute("**/api/v1/events/")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_selector("ul.events li.event:has-text('Hip surgery')")
    (event,) = server_events(app_server, patient.token)
    assert (event["kind"], event["site"], event["side"], event["date"]) == (
        "hip_surgery",
        "hip",
        "right",
        days_ago(400),
    )
    assert app.layout_problems() == []


def test_an_event_edited_in_the_app_is_changed_on_the_server(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    status, made = app_server.api(
        "POST",
        "/api/v1/events/",
        token=patient.token,
        body={
            "kind": "trauma",
            "site": "ankle",
            "side": "left",
            "date": days_ago(40),
            "notes": "Slipped",
        },
    )
    assert status == 201, made
    app.sign_in_as(patient)
    app.open("#/events")
    row = page.locator(f"ul.events li.event[data-id='{made['id']}']")
    row.wait_for()

    # Edit puts the event in the form, which now changes it.
    row.get_by_role("button", name=re.compile(r"^Edit Injury or fall")).click()
    assert page.inner_text("#event-form-h") == "Change this one"
    assert page.inner_text("#event-editing-what").startswith("Injury or fall, left ankle,")
    assert page.get_attribute("#event-kind [data-code=trauma]", "aria-pressed") == "true"
    assert page.get_attribute("#event-site [data-code=ankle]", "aria-pressed") == "true"
    assert page.get_attribute("#event-side [data-code=left]", "aria-pressed") == "true"
    assert page.input_value("#event-date") == days_ago(40)
    assert page.input_value("#event-notes") == "Slipped"
    assert "editing" in (row.get_attribute("class") or "")

    # Cancel leaves it as it was.
    page.get_by_role("button", name="Cancel", exact=True).click()
    assert page.inner_text("#event-form-h") == "Add one"
    assert page.input_value("#event-notes") == ""
    assert server_events(app_server, patient.token) == [made]

    row.get_by_role("button", name=re.compile(r"^Edit Injury or fall")).click()
    choose(page, "Where", "Knee")
    choose(page, "Which side", "Right")
    page.fill("#event-date", days_ago(38))
    page.fill("#event-notes", "Slipped on the ice")
    page.locator("#event-form-h").scroll_into_view_if_needed()
    app.screenshot("events-editing")
    page.get_by_role("button", name="Cancel", exact=True).scroll_into_view_if_needed()
    app.screenshot("events-editing-save")
    assert app.layout_problems() == []
    page.get_by_role("button", name="Save changes", exact=True).click()
    page.wait_for_selector("#live:text('Changed: Injury or fall, right knee')")

    (changed,) = server_events(app_server, patient.token)
    assert changed["id"] == made["id"]
    assert (changed["kind"], changed["site"], changed["side"], changed["date"]) == (
        "trauma",
        "knee",
        "right",
        days_ago(38),
    )
    assert changed["notes"] == "Slipped on the ice"
    text = row.inner_text()
    assert "Right knee" in text and "Slipped on the ice" in text
    assert page.locator("ul.events li.event").count() == 1
    assert page.inner_text("#event-form-h") == "Add one"
    assert page.input_value("#event-notes") == ""

    # Deleted on another device while being edited: said, and what was typed is kept.
    row.get_by_role("button", name=re.compile(r"^Edit Injury or fall")).click()
    page.fill("#event-notes", "Slipped on the ice, twisted")
    status, _ = app_server.api("DELETE", f"/api/v1/events/{made['id']}/", token=patient.token)
    assert status == 204
    page.get_by_role("button", name="Save changes", exact=True).click()
    page.wait_for_selector(".form-error:has-text('was deleted')")
    assert page.input_value("#event-notes") == "Slipped on the ice, twisted"
    assert page.inner_text("#event-form-h") == "Add one"
    page.wait_for_selector("ul.events li.empty")
    assert server_events(app_server, patient.token) == []
